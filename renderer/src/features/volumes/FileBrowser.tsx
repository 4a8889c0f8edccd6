import { useVirtualizer } from '@tanstack/react-virtual';
import {
  ArrowUp,
  ChevronRight,
  Download,
  File,
  FileText,
  Folder,
  FolderPlus,
  HardDrive,
  Link2,
  Lock,
  RefreshCw,
  Trash2,
  Upload,
  X,
} from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { toast } from 'sonner';
import type { FileEntry, FileListing, FilePreview, FilesTarget } from '../../../../shared/volumes/model';
import { client, messageOf } from '../../api';
import { useStore } from '../../store';
import { Button, IconButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useSubmit } from '../../components/use-submit';
import { FolderTree } from './FolderTree';
import { formatBytes, formatTime } from '../../components/format';
import { joinPath } from './format';
import { downloadPath, uploadFile, type Progress } from './transfers';

const ROW_HEIGHT = 30;
/** Name, size, mode, (modified when there is room), actions. */
const GRID = 'grid-cols-[minmax(0,1fr)_72px_124px_52px] @3xl:grid-cols-[minmax(0,1fr)_80px_130px_150px_52px]';
/** Transfers above this size show a progress bar. */
const PROGRESS_FROM_BYTES = 2 * 1024 * 1024;

interface Transfer {
  id: number;
  label: string;
  progress: Progress;
}

export interface FileBrowserProps {
  target: FilesTarget;
  initialPath: string;
  title: string;
  onClose(): void;
}

/** Browses a volume or a container path: breadcrumb, a virtualized listing, preview, transfers. */
export function FileBrowser({ target, initialPath, title, onClose }: FileBrowserProps) {
  const [path, setPath] = useState(initialPath || '/');
  const [listing, setListing] = useState<FileListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<FileEntry | null>(null);
  const [making, setMaking] = useState(false);
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const [dragging, setDragging] = useState(false);
  /** Bumped after every change (upload, new folder, delete) so the folder tree reloads. */
  const [reloads, setReloads] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const nextTransfer = useRef(1);
  const targetKey = JSON.stringify(target);
  // The live container list tells when the container being browsed is removed under us.
  const containerGone = useStore(
    (st) =>
      target.kind === 'container' &&
      st.containersLoaded &&
      !Object.values(st.containers).some((c) => c.id === target.id || c.id.startsWith(target.id) || c.name === target.id),
  );

  useEffect(() => {
    setPath(initialPath || '/');
    setPreview(null);
  }, [targetKey, initialPath]);

  const load = useCallback(
    async (at: string) => {
      setLoading(true);
      try {
        const result = await client.request('files:list', { target, path: at });
        setListing(result);
        setError(null);
      } catch (e) {
        setError(messageOf(e));
        setListing(null);
      } finally {
        setLoading(false);
      }
    },
    [targetKey],
  );

  useEffect(() => {
    void load(path);
    setSelected(null);
    scroller.current?.scrollTo({ top: 0 });
  }, [load, path]);

  const entries = listing?.entries ?? [];
  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const segments = useMemo(() => path.split('/').filter(Boolean), [path]);

  const track = async (label: string, size: number | null, work: (onProgress: (p: Progress) => void) => Promise<unknown>) => {
    const id = nextTransfer.current++;
    const show = size === null || size >= PROGRESS_FROM_BYTES;
    if (show) setTransfers((t) => [...t, { id, label, progress: { done: 0, total: size } }]);
    try {
      await work((progress) => show && setTransfers((t) => t.map((x) => (x.id === id ? { ...x, progress } : x))));
    } finally {
      if (show) setTransfers((t) => t.filter((x) => x.id !== id));
    }
  };

  const open = async (entry: FileEntry) => {
    setSelected(entry.name);
    const full = joinPath(path, entry.name);
    if (entry.type === 'dir') {
      setPath(full);
      return;
    }
    if (entry.type === 'symlink') {
      try {
        await client.request('files:list', { target, path: full });
        setPath(full);
        return;
      } catch {
        // Not a folder (or outside): show what it points to as a file, or the reason.
      }
    }
    try {
      setPreview(await client.request('files:read', { target, path: full }));
    } catch (e) {
      setPreview({ kind: 'not-a-file', path: full, size: entry.size, message: messageOf(e) });
    }
  };

  const upload = async (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      try {
        await track(`Uploading ${file.name}`, file.size, (onProgress) => uploadFile(target, path, file, onProgress));
        toast.success(`Uploaded ${file.name}`);
      } catch (e) {
        toast.error(`Could not upload ${file.name}`, { description: messageOf(e) });
      }
    }
    await load(path);
    setReloads((r) => r + 1);
  };

  const download = async (entryPath: string, size: number | null, name: string) => {
    try {
      const fileName = await track(`Downloading ${name}`, size, (onProgress) => downloadPath(target, entryPath, onProgress));
      void fileName;
    } catch (e) {
      toast.error(`Could not download ${name}`, { description: messageOf(e) });
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length) void upload(event.dataTransfer.files);
  };

  const writable = listing?.writable ?? false;
  const rootLabel = target.kind === 'volume' ? target.name.length === 64 ? `${target.name.slice(0, 12)}…` : target.name : 'container /';

  return (
    <section className="flex min-h-0 flex-1" aria-label={`Files of ${title}`} data-testid="file-browser">
      <FolderTree target={target} rootLabel={rootLabel} path={path} generation={reloads} onOpen={setPath} />
      <div className="@container flex min-w-0 flex-1 flex-col">
        <div className="flex items-center gap-2 border-b border-line bg-panel px-3 py-2">
          <nav aria-label="Breadcrumb" className="flex min-w-0 flex-1 items-center gap-0.5 overflow-hidden text-[13px]">
            <button type="button" aria-label={rootLabel} className="flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 hover:bg-hover" onClick={() => setPath('/')} title={title}>
              <HardDrive size={14} className="text-accent" />
              <span className="font-mono text-[12px] text-muted">/</span>
            </button>
            {segments.map((segment, i) => (
              <span key={`${i}-${segment}`} className={`flex items-center gap-0.5 ${i === segments.length - 1 ? 'min-w-0' : 'max-w-[120px] shrink-0'}`}>
                <ChevronRight size={13} className="shrink-0 text-muted" />
                <button
                  type="button"
                  className={`truncate rounded px-1.5 py-0.5 font-mono text-[12px] hover:bg-hover ${i === segments.length - 1 ? 'text-fg' : 'text-muted'}`}
                  onClick={() => setPath(`/${segments.slice(0, i + 1).join('/')}`)}
                  aria-current={i === segments.length - 1 ? 'page' : undefined}
                >
                  {segment}
                </button>
              </span>
            ))}
          </nav>
          {listing && !listing.writable ? (
            <span className="flex shrink-0 items-center gap-1 rounded-full bg-warn/10 px-2 py-0.5 text-[11px] text-warn" title={listing.readOnlyReason}>
              <Lock size={11} /> read-only
            </span>
          ) : null}
          <div className="flex shrink-0 items-center gap-0.5" role="toolbar" aria-label="File actions">
            <IconButton label="Up one folder" icon={<ArrowUp size={15} />} disabled={segments.length === 0} onClick={() => setPath(`/${segments.slice(0, -1).join('/')}`)} />
            <IconButton label="Refresh" icon={<RefreshCw size={14} className={loading ? 'animate-spin' : ''} />} onClick={() => void load(path)} />
            <IconButton label="New folder" icon={<FolderPlus size={15} />} disabled={!writable} onClick={() => setMaking(true)} />
            <IconButton label="Download this folder" icon={<Download size={15} />} onClick={() => void download(path, null, segments[segments.length - 1] ?? rootLabel)} />
            <Button size="sm" variant="primary" icon={<Upload size={13} />} disabled={!writable} onClick={() => fileInput.current?.click()} className="ml-1">
              Upload
            </Button>
            <input ref={fileInput} type="file" multiple className="hidden" aria-label="Upload files" onChange={(e) => e.target.files && void upload(e.target.files).then(() => (e.target.value = ''))} />
            <IconButton label="Close file browser" icon={<X size={15} />} onClick={onClose} className="ml-1" />
          </div>
        </div>

        <div className={`grid ${GRID} gap-3 border-b border-line bg-canvas px-4 py-1.5 text-[11px] font-semibold uppercase tracking-wide text-muted`}>
          <span>Name</span>
          <span className="text-right">Size</span>
          <span>Mode</span>
          <span className="hidden @3xl:block">Modified</span>
          <span className="sr-only">Actions</span>
        </div>

        <div
          ref={scroller}
          className={`relative min-h-0 flex-1 overflow-auto ${dragging ? 'bg-selected/60 outline-2 -outline-offset-4 outline-dashed outline-accent' : ''}`}
          onDragOver={(e) => {
            if (!writable) return;
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          role="grid"
          aria-label="Files"
          aria-rowcount={entries.length}
        >
          {containerGone ? (
            <div role="status" data-testid="file-browser-gone" className="m-4 rounded-md bg-warn/10 p-3 text-[13px] text-warn">
              This container no longer exists: it was removed (perhaps outside Patchbay), and its own files went with it. Volumes it used are still in the Volumes list.
            </div>
          ) : error ? (
            <div role="alert" className="m-4 rounded-md bg-bad/10 p-3 text-[13px] text-bad">{error}</div>
          ) : listing && entries.length === 0 ? (
            <div className="flex h-40 flex-col items-center justify-center gap-1 text-[13px] text-muted">
              <Folder size={22} />
              This folder is empty{writable ? ' — drop files here to upload them.' : '.'}
            </div>
          ) : (
            <div style={{ height: virtualizer.getTotalSize() }} className="relative">
              {virtualizer.getVirtualItems().map((item) => {
                const entry = entries[item.index];
                return (
                  <FileRow
                    key={entry.name}
                    entry={entry}
                    top={item.start}
                    selected={selected === entry.name}
                    writable={writable}
                    onOpen={() => void open(entry)}
                    onDownload={() => void download(joinPath(path, entry.name), entry.type === 'file' ? entry.size : null, entry.name)}
                    onDelete={() => setDeleting(entry)}
                  />
                );
              })}
            </div>
          )}
        </div>

        <footer className="flex items-center gap-3 overflow-hidden whitespace-nowrap border-t border-line bg-panel px-4 py-1.5 text-[11px] text-muted">
          <span>{listing ? `${entries.length.toLocaleString()} entries` : loading ? 'Loading…' : ''}</span>
          {listing ? <span title="How Patchbay read this folder">{VIA[listing.via]}</span> : null}
          {listing?.readOnlyReason ? <span className="text-warn">{listing.readOnlyReason}</span> : null}
          <span className="ml-auto hidden truncate @3xl:inline">{writable ? 'Drop files on the list to upload them here.' : ''}</span>
        </footer>
        {transfers.length ? (
          <div className="space-y-1.5 border-t border-line bg-raised px-4 py-2" aria-label="Transfers">
            {transfers.map((t) => (
              <TransferBar key={t.id} transfer={t} />
            ))}
          </div>
        ) : null}
      </div>

      {preview ? <PreviewPanel preview={preview} onClose={() => setPreview(null)} onDownload={() => void download(preview.path, preview.size, preview.path.split('/').pop() ?? 'file')} /> : null}

      <NewFolderDialog open={making} onClose={() => setMaking(false)} target={target} path={path} onMade={() => (setReloads((r) => r + 1), void load(path))} />
      <DeleteDialog entry={deleting} path={path} target={target} onClose={() => setDeleting(null)} onDeleted={() => (setReloads((r) => r + 1), void load(path))} />
    </section>
  );
}

const VIA: Record<FileListing['via'], string> = {
  mountpoint: 'read from the volume’s folder on the host',
  helper: 'listed by a short-lived helper container',
  exec: 'listed inside the running container',
  archive: 'read from the engine’s archive',
};

function FileRow({ entry, top, selected, writable, onOpen, onDownload, onDelete }: {
  entry: FileEntry;
  top: number;
  selected: boolean;
  writable: boolean;
  onOpen(): void;
  onDownload(): void;
  onDelete(): void;
}) {
  const icon =
    entry.type === 'dir' ? <Folder size={15} className="text-accent" fill="currentColor" fillOpacity={0.18} /> : entry.type === 'symlink' ? <Link2 size={15} className="text-muted" /> : entry.size > 0 && entry.size < 1 << 20 ? <FileText size={15} className="text-muted" /> : <File size={15} className="text-muted" />;
  return (
    <div
      role="row"
      data-testid={`file-row-${entry.name}`}
      data-type={entry.type}
      aria-selected={selected}
      className={`group absolute left-0 right-0 grid cursor-default ${GRID} items-center gap-3 border-b border-line/40 px-4 text-[13px] ${selected ? 'bg-selected' : 'hover:bg-hover'}`}
      style={{ top, height: ROW_HEIGHT }}
      onClick={onOpen}
      onKeyDown={(e) => e.key === 'Enter' && onOpen()}
      tabIndex={0}
    >
      <span role="gridcell" className="flex min-w-0 items-center gap-2">
        {icon}
        <span className="truncate">{entry.name}</span>
        {entry.linkTarget !== undefined ? <span className="truncate font-mono text-[11px] text-muted">→ {entry.linkTarget}</span> : null}
      </span>
      <span role="gridcell" className="text-right tabular-nums text-muted">{entry.type === 'dir' ? '—' : formatBytes(entry.size)}</span>
      <span role="gridcell" className="truncate font-mono text-[11.5px] text-muted" title={`${entry.mode} ${entry.octal} · modified ${formatTime(entry.mtime)}`}>
        {entry.mode} <span className="opacity-70">{entry.octal}</span>
      </span>
      <span role="gridcell" className="hidden truncate text-[12px] text-muted @3xl:block">{formatTime(entry.mtime)}</span>
      <span role="gridcell" className="flex items-center justify-end gap-0.5 opacity-0 group-hover:opacity-100 group-focus-within:opacity-100" onClick={(e) => e.stopPropagation()}>
        <IconButton label={`Download ${entry.name}`} icon={<Download size={13} />} className="h-6 w-6" onClick={onDownload} />
        {writable ? <IconButton label={`Delete ${entry.name}`} icon={<Trash2 size={13} />} className="h-6 w-6 hover:text-bad" onClick={onDelete} /> : null}
      </span>
    </div>
  );
}

function TransferBar({ transfer }: { transfer: Transfer }) {
  const { done, total } = transfer.progress;
  const pct = total ? Math.min(100, Math.round((done / total) * 100)) : null;
  return (
    <div className="text-[12px]" role="progressbar" aria-label={transfer.label} aria-valuenow={pct ?? undefined} aria-valuemin={0} aria-valuemax={100}>
      <div className="mb-1 flex justify-between">
        <span>{transfer.label}</span>
        <span className="tabular-nums text-muted">{formatBytes(done)}{total ? ` of ${formatBytes(total)}` : ''}</span>
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-line">
        <div className={`h-full rounded-full bg-accent transition-[width] ${pct === null ? 'w-1/3 animate-pulse' : ''}`} style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
    </div>
  );
}

function PreviewPanel({ preview, onClose, onDownload }: { preview: FilePreview; onClose(): void; onDownload(): void }) {
  return (
    <aside className="flex w-[360px] shrink-0 flex-col border-l border-line bg-panel" aria-label="File preview" data-testid="file-preview">
      <header className="flex items-center gap-2 border-b border-line px-3 py-2">
        <FileText size={15} className="shrink-0 text-muted" />
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-mono text-[12.5px] font-semibold">{preview.path.split('/').pop()}</h2>
          <p className="truncate text-[11px] text-muted">
            {preview.path} · {formatBytes(preview.size)}
          </p>
        </div>
        <IconButton label="Download file" icon={<Download size={14} />} onClick={onDownload} />
        <IconButton label="Close preview" icon={<X size={15} />} onClick={onClose} />
      </header>
      {preview.kind === 'text' ? (
        <>
          <pre className="min-h-0 flex-1 overflow-auto whitespace-pre-wrap break-all p-3 font-mono text-[12px] leading-5">{preview.text || <span className="text-muted">(empty file)</span>}</pre>
          {preview.truncated ? <p className="border-t border-line px-3 py-1.5 text-[11px] text-warn">Showing the first 256 kB only: download the file for the rest.</p> : null}
        </>
      ) : (
        <div role="status" className="m-3 rounded-md bg-raised p-3 text-[13px] text-muted">{preview.message}</div>
      )}
    </aside>
  );
}

function NewFolderDialog({ open, onClose, target, path, onMade }: { open: boolean; onClose(): void; target: FilesTarget; path: string; onMade(): void }) {
  const [name, setName] = useState('');
  const { busy, error, clearError, run } = useSubmit();
  useEffect(() => {
    if (!open) return;
    setName('');
    clearError();
  }, [open, clearError]);
  const submit = () =>
    run(async () => {
      await client.request('files:mkdir', { target, path, name });
      onMade();
      onClose();
    });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title="New folder"
      description={<span>In <span className="font-mono">{path}</span></span>}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={!name || busy} onClick={() => void submit()}>Create folder</Button>
        </>
      }
    >
      <input
        autoFocus
        aria-label="Folder name"
        className="h-8 w-full rounded-md border border-line bg-canvas px-2 text-[13px] outline-none focus:border-accent"
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && name && void submit()}
      />
      {error ? <p role="alert" className="mt-2 text-[12px] text-bad">{error}</p> : null}
    </Dialog>
  );
}

function DeleteDialog({ entry, path, target, onClose, onDeleted }: { entry: FileEntry | null; path: string; target: FilesTarget; onClose(): void; onDeleted(): void }) {
  const { busy, run } = useSubmit({ failureToast: `Could not delete ${entry?.name}` });
  const full = entry ? joinPath(path, entry.name) : '';
  const remove = () =>
    run(async () => {
      await client.request('files:delete', { target, path: full });
      toast.success(`Deleted ${entry?.name}`);
      onDeleted();
      onClose();
    });
  return (
    <Dialog
      open={entry !== null}
      onOpenChange={(o) => !o && onClose()}
      title={`Delete ${entry?.name ?? ''}?`}
      description={
        <span>
          <span className="font-mono">{full}</span>
          {entry?.type === 'dir' ? ' and everything in it' : entry?.type === 'symlink' ? ' (the link only, not what it points to)' : ''} will be deleted for good. There is no undo.
        </span>
      }
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button variant="danger" onClick={() => void remove()} disabled={busy}>Delete</Button>
        </>
      }
    />
  );
}
