import { Eraser, FolderOpen, GitFork, HardDrive, Plus, Table2, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { toast } from 'sonner';
import type { PrunePlan, VolumeSummary } from '../../../../shared/volumes/model';
import { client, messageOf } from '../../api';
import { Button, IconButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useSubmit } from '../../components/use-submit';
import { EmptyState } from '../../components/EmptyState';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useStore } from '../../store';
import { FileBrowser } from './FileBrowser';
import { formatBytes, formatTime } from '../../components/format';
import { shortVolumeName } from './format';
import { LineageView } from './LineageView';

type Filter = 'all' | 'in-use' | 'dangling';

const VOLUME_COLUMNS: ListColumn[] = [
  { label: 'Name' },
  { label: 'Driver' },
  { label: 'Mountpoint' },
  { label: 'Size', align: 'right' },
  { label: 'Created' },
  { label: 'Used by' },
  { label: '' },
];

export function VolumesPage() {
  const volumes = useStore((s) => s.volumes);
  const loaded = useStore((s) => s.volumesLoaded);
  const error = useStore((s) => s.volumesError);
  const loadVolumes = useStore((s) => s.loadVolumes);
  const browsing = useStore((s) => s.browsing);
  const browse = useStore((s) => s.browse);
  const containersRevision = useStore((s) => s.containersRevision);
  const [filter, setFilter] = useState<Filter>('all');
  const [view, setView] = useState<'table' | 'lineage'>('table');
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<VolumeSummary | null>(null);
  const [pruning, setPruning] = useState(false);

  // Who uses a volume changes with the containers.
  useEffect(() => {
    void loadVolumes();
  }, [loadVolumes, containersRevision]);

  const shown = useMemo(
    () => volumes.filter((v) => (filter === 'all' ? true : filter === 'in-use' ? v.usedBy.length > 0 : v.usedBy.length === 0)),
    [volumes, filter],
  );
  const counts = useMemo(() => ({ all: volumes.length, 'in-use': volumes.filter((v) => v.usedBy.length).length, dangling: volumes.filter((v) => !v.usedBy.length).length }), [volumes]);

  if (browsing) {
    return (
      <div className="flex h-full min-h-0 flex-col">
        <FileBrowser target={browsing.target} initialPath={browsing.path} title={browsing.title} onClose={() => browse(null)} />
      </div>
    );
  }

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex items-center gap-2 border-b border-line px-4 py-2.5">
        <h1 className="text-sm font-semibold">Volumes</h1>
        <span className="text-xs text-muted">{volumes.length}</span>
        <div className="ml-3 flex rounded-md border border-line p-0.5" role="tablist" aria-label="Volumes view">
          {(
            [
              ['table', 'Volumes', <Table2 key="t" size={13} />],
              ['lineage', 'Lineage', <GitFork key="l" size={13} />],
            ] as const
          ).map(([id, label, icon]) => (
            <button key={id} type="button" role="tab" aria-selected={view === id} onClick={() => setView(id)} className={`flex items-center gap-1 rounded px-2 py-0.5 text-xs ${view === id ? 'bg-selected text-fg' : 'text-muted hover:text-fg'}`}>
              {icon}
              {label}
            </button>
          ))}
        </div>
        {view === 'table' ? (
          <div className="ml-2 flex rounded-md border border-line p-0.5" role="radiogroup" aria-label="Show">
            {(['all', 'in-use', 'dangling'] as const).map((f) => (
              <button key={f} type="button" role="radio" aria-checked={filter === f} onClick={() => setFilter(f)} className={`rounded px-2 py-0.5 text-xs ${filter === f ? 'bg-selected text-fg' : 'text-muted hover:text-fg'}`}>
                {f === 'all' ? 'All' : f === 'in-use' ? 'In use' : 'Dangling'} <span className="text-muted">{counts[f]}</span>
              </button>
            ))}
          </div>
        ) : null}
        <div className="ml-auto flex gap-2">
          <Button size="sm" icon={<Eraser size={13} />} onClick={() => setPruning(true)} disabled={counts.dangling === 0}>
            Prune dangling
          </Button>
          <Button size="sm" variant="primary" icon={<Plus size={13} />} onClick={() => setCreating(true)}>
            New volume
          </Button>
        </div>
      </div>
      {view === 'lineage' ? (
        <LineageView />
      ) : error ? (
        <EmptyState title="Could not list volumes">{error}</EmptyState>
      ) : !loaded ? (
        <EmptyState title="Loading volumes…" />
      ) : shown.length === 0 ? (
        <EmptyState icon={<HardDrive size={28} />} title={volumes.length ? 'No volume matches' : 'No volumes'}>
          {volumes.length ? 'Try another filter.' : 'Create one, or run a container with -v NAME:/path.'}
        </EmptyState>
      ) : (
        <ListTable label="Volumes" columns={VOLUME_COLUMNS}>
          {shown.map((v) => (
            <VolumeRow key={v.name} volume={v} onBrowse={() => browse({ target: { kind: 'volume', name: v.name }, path: '/', title: `volume ${v.name}` })} onRemove={() => setRemoving(v)} />
          ))}
        </ListTable>
      )}
      <CreateVolumeDialog open={creating} onClose={() => setCreating(false)} />
      <RemoveVolumeDialog volume={removing} onClose={() => setRemoving(null)} />
      <PruneDialog open={pruning} onClose={() => setPruning(false)} />
    </div>
  );
}

function VolumeRow({ volume: v, onBrowse, onRemove }: { volume: VolumeSummary; onBrowse(): void; onRemove(): void }) {
  const labels = Object.entries(v.labels);
  return (
    <tr className="border-t border-line/60 align-top hover:bg-hover" data-testid={`volume-row-${v.name}`}>
      <td className="max-w-[300px] px-4 py-2">
        <button type="button" className="block max-w-full truncate text-left font-mono text-xs font-medium hover:text-accent hover:underline" onClick={onBrowse} title={v.name}>
          {shortVolumeName(v.name, v.anonymous)}
        </button>
        {v.anonymous ? (
          <span className="mt-0.5 block text-[11px] text-muted">
            anonymous{v.createdBy ? <> · made by <b className="font-medium text-fg">{v.createdBy.containerName}</b></> : ''}
          </span>
        ) : null}
        {labels.length ? (
          <span className="mt-1 flex flex-wrap gap-1">
            {labels.slice(0, 3).map(([k, val]) => (
              <span key={k} className="rounded bg-raised px-1.5 text-[10.5px] text-muted" title={`${k}=${val}`}>
                {k}={val.length > 16 ? `${val.slice(0, 16)}…` : val}
              </span>
            ))}
            {labels.length > 3 ? <span className="text-[10.5px] text-muted">+{labels.length - 3}</span> : null}
          </span>
        ) : null}
      </td>
      <td className="px-2 py-2 text-muted">{v.driver}</td>
      <td className="max-w-[260px] truncate px-2 py-2 font-mono text-[11px] text-muted" title={v.mountpoint}>{v.mountpoint}</td>
      <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{formatBytes(v.sizeBytes)}</td>
      <td className="whitespace-nowrap px-2 py-2 text-muted">{formatTime(v.created)}</td>
      <td className="px-2 py-2 text-xs">
        {v.usedBy.length ? (
          <ul className="space-y-0.5">
            {v.usedBy.map((u) => (
              <li key={`${u.containerId}:${u.destination}`} className="flex items-center gap-1.5 whitespace-nowrap">
                <span className={`h-1.5 w-1.5 rounded-full ${u.running ? 'bg-ok' : 'bg-muted/60'}`} aria-hidden />
                <b className="font-medium">{u.containerName}</b>
                <span className="font-mono text-muted">{u.destination}</span>
                <span className={`rounded px-1 text-[10px] font-semibold ${u.readWrite ? 'bg-ok/10 text-ok' : 'bg-warn/10 text-warn'}`}>{u.readWrite ? 'RW' : 'RO'}</span>
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-muted">dangling</span>
        )}
      </td>
      <td className="whitespace-nowrap px-4 py-1.5 text-right">
        <IconButton label={`Browse ${v.name}`} icon={<FolderOpen size={14} />} onClick={onBrowse} />
        <IconButton label={`Remove volume ${v.name}`} icon={<Trash2 size={14} />} onClick={onRemove} />
      </td>
    </tr>
  );
}

function parsePairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\n|,/)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const at = trimmed.indexOf('=');
    if (at < 0) out[trimmed] = '';
    else out[trimmed.slice(0, at).trim()] = trimmed.slice(at + 1).trim();
  }
  return out;
}

const INPUT = 'h-8 w-full rounded-md border border-line bg-canvas px-2 text-[13px] outline-none focus:border-accent';

function CreateVolumeDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [options, setOptions] = useState('');
  const [labels, setLabels] = useState('');
  const { busy, error, clearError, run } = useSubmit();
  useEffect(() => {
    if (!open) return;
    setName('');
    setDriver('local');
    setOptions('');
    setLabels('');
    clearError();
  }, [open, clearError]);
  const submit = () =>
    run(async () => {
      const created = await client.request('volumes:create', { ...(name ? { name } : {}), driver, driverOptions: parsePairs(options), labels: parsePairs(labels) });
      toast.success(`Created volume ${created.name.length === 64 ? created.name.slice(0, 12) : created.name}`);
      onClose();
    });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title="New volume"
      description="docker volume create. Leave the name empty for an anonymous volume."
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={busy} onClick={() => void submit()}>Create volume</Button>
        </>
      }
    >
      <div className="space-y-3 text-[12px]">
        <label className="block">
          <span className="mb-1 block font-semibold text-muted">Name</span>
          <input className={INPUT} value={name} onChange={(e) => setName(e.target.value)} placeholder="registry-data" autoFocus />
        </label>
        <label className="block">
          <span className="mb-1 block font-semibold text-muted">Driver</span>
          <input className={INPUT} value={driver} onChange={(e) => setDriver(e.target.value)} />
        </label>
        <label className="block">
          <span className="mb-1 block font-semibold text-muted">Driver options (key=value, one a line)</span>
          <textarea className={`${INPUT} h-16 py-1 font-mono`} value={options} onChange={(e) => setOptions(e.target.value)} placeholder={'type=tmpfs\ndevice=tmpfs\no=size=100m'} />
        </label>
        <label className="block">
          <span className="mb-1 block font-semibold text-muted">Labels (key=value, one a line)</span>
          <textarea className={`${INPUT} h-14 py-1 font-mono`} value={labels} onChange={(e) => setLabels(e.target.value)} />
        </label>
        {error ? <p role="alert" className="text-bad">{error}</p> : null}
      </div>
    </Dialog>
  );
}

function RemoveVolumeDialog({ volume, onClose }: { volume: VolumeSummary | null; onClose(): void }) {
  const { busy, error, clearError, run } = useSubmit();
  useEffect(() => clearError(), [volume, clearError]);
  const inUse = (volume?.usedBy.length ?? 0) > 0;
  const remove = () =>
    run(async () => {
      if (!volume) return;
      await client.request('volumes:remove', { name: volume.name });
      toast.success(`Removed volume ${shortVolumeName(volume.name, volume.anonymous)}`);
      onClose();
    });
  return (
    <Dialog
      open={volume !== null}
      onOpenChange={(o) => !o && onClose()}
      title={`Remove volume ${volume ? shortVolumeName(volume.name, volume.anonymous) : ''}?`}
      description={
        inUse ? (
          <span>
            It is used by <b>{volume!.usedBy.map((u) => `${u.containerName} (${u.destination})`).join(', ')}</b>. The engine refuses to remove a volume while a container uses it, even a stopped one: remove those containers first.
          </span>
        ) : (
          <span>Its data ({formatBytes(volume?.sizeBytes)}) is deleted for good. No container uses it.</span>
        )
      }
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button variant="danger" onClick={() => void remove()} disabled={busy || inUse}>Remove volume</Button>
        </>
      }
    >
      {error ? <p role="alert" className="text-[13px] text-bad">{error}</p> : null}
    </Dialog>
  );
}

function PruneDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [plan, setPlan] = useState<PrunePlan | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);
  const { busy, error: pruneError, clearError, run } = useSubmit();
  const error = planError ?? pruneError;
  useEffect(() => {
    if (!open) return;
    setPlan(null);
    setPlanError(null);
    clearError();
    client.request('volumes:prune-plan', {}).then(setPlan, (e: unknown) => setPlanError(messageOf(e)));
  }, [open, clearError]);
  const prune = () =>
    run(async () => {
      if (!plan) return;
      const result = await client.request('volumes:prune', { names: plan.volumes.map((v) => v.name) });
      toast.success(`Removed ${result.removed.length} volume${result.removed.length === 1 ? '' : 's'}`, {
        description: result.skipped.length ? `Kept: ${result.skipped.map((s) => `${s.name.slice(0, 16)} (${s.reason})`).join('; ')}` : result.reclaimedBytes !== undefined ? `${formatBytes(result.reclaimedBytes)} freed` : undefined,
      });
      onClose();
    });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title="Prune dangling volumes?"
      width="max-w-xl"
      description={plan ? (plan.volumes.length ? <span>Exactly these {plan.volumes.length} volumes, which no container uses (running or stopped), are deleted with their data{plan.totalBytes !== undefined ? ` — ${formatBytes(plan.totalBytes)} in all` : ''}. Nothing else is touched.</span> : 'No volume is dangling: nothing to prune.') : 'Finding the volumes no container uses…'}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button variant="danger" onClick={() => void prune()} disabled={busy || !plan?.volumes.length}>
            Delete {plan?.volumes.length ?? ''} volume{plan?.volumes.length === 1 ? '' : 's'}
          </Button>
        </>
      }
    >
      {error ? <p role="alert" className="text-[13px] text-bad">{error}</p> : null}
      {plan?.volumes.length ? (
        <ul className="max-h-64 overflow-auto rounded-md border border-line text-[12px]" aria-label="Volumes to delete">
          {plan.volumes.map((v) => (
            <li key={v.name} className="flex items-center gap-2 border-b border-line/50 px-3 py-1.5 last:border-0">
              <span className="truncate font-mono" title={v.name}>{v.anonymous ? `${v.name.slice(0, 16)}…` : v.name}</span>
              {v.anonymous ? <span className="text-[10.5px] text-muted">anonymous</span> : null}
              <span className="ml-auto tabular-nums text-muted">{formatBytes(v.sizeBytes)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </Dialog>
  );
}
