import { Download, Layers, Trash2, Upload } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { toast } from 'sonner';
import type { ImageSummary } from '../../../../shared/images/model';
import { client, RequestError } from '../../api';
import { Button, IconButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useSubmit } from '../../components/use-submit';
import { EmptyState } from '../../components/EmptyState';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { formatBytes } from '../../components/format';
import { useStore } from '../../store';
import { ImportImageDialog } from './ImportImageDialog';
import { PullDialog } from './PullDialog';

const IMAGE_COLUMNS: ListColumn[] = [{ label: 'Repository:tag' }, { label: 'Id' }, { label: 'Size' }, { label: 'Created' }, { label: 'Used by' }, { label: '' }];

export function ImagesPage() {
  const listed = useStore((s) => s.images);
  const containers = useStore((s) => s.containers);
  const loaded = useStore((s) => s.imagesLoaded);
  const error = useStore((s) => s.imagesError);
  const loadImages = useStore((s) => s.loadImages);
  const [removing, setRemoving] = useState<ImageSummary | null>(null);
  const [importing, setImporting] = useState(false);
  const [pulling, setPulling] = useState(false);

  useEffect(() => {
    void loadImages();
  }, [loadImages]);

  // Which containers use an image follows from the live container list: no images request per
  // container event, and a new container shows up here at once.
  const images = useMemo(() => {
    const users = new Map<string, string[]>();
    for (const c of Object.values(containers)) users.set(c.imageId, [...(users.get(c.imageId) ?? []), c.name]);
    return listed.map((image): ImageSummary => ({ ...image, usedBy: (users.get(image.id) ?? []).sort() }));
  }, [listed, containers]);

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex items-center gap-2 border-b border-line px-4 py-2.5">
        <h1 className="text-sm font-semibold">Images</h1>
        <span className="text-xs text-muted">{images.length}</span>
        <Button className="ml-auto" size="sm" icon={<Download size={13} />} onClick={() => setPulling(true)}>
          Pull image
        </Button>
        <Button size="sm" icon={<Upload size={13} />} onClick={() => setImporting(true)}>
          Import from tar
        </Button>
      </div>
      {error ? (
        <EmptyState title="Could not list images">{error}</EmptyState>
      ) : !loaded ? (
        <EmptyState title="Loading images…" />
      ) : images.length === 0 ? (
        <EmptyState icon={<Layers size={28} />} title="No images">
          Pull one from a registry, or import a root filesystem tar (docker import) to make one.
        </EmptyState>
      ) : (
        <ListTable label="Images" columns={IMAGE_COLUMNS}>
          {images.map((image) => (
            <tr key={image.id} className="border-t border-line/60 hover:bg-hover" data-testid={`image-row-${image.tags[0] ?? image.id}`}>
              <td className="px-4 py-2 font-mono text-xs">{image.tags.join(', ') || <span className="text-muted">&lt;none&gt;</span>}</td>
              <td className="px-2 py-2 font-mono text-xs text-muted">{image.id.replace('sha256:', '').slice(0, 12)}</td>
              <td className="px-2 py-2">{formatBytes(image.sizeBytes)}</td>
              <td className="px-2 py-2 text-muted">{new Date(image.created).toLocaleString()}</td>
              <td className="px-2 py-2 text-xs">{image.usedBy.length ? image.usedBy.join(', ') : <span className="text-muted">unused</span>}</td>
              <td className="px-4 py-2 text-right">
                <IconButton label={`Remove image ${image.tags[0] ?? image.id}`} icon={<Trash2 size={14} />} onClick={() => setRemoving(image)} />
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <RemoveImageDialog image={removing} onClose={() => setRemoving(null)} />
      <ImportImageDialog open={importing} onClose={() => setImporting(false)} />
      <PullDialog open={pulling} onClose={() => setPulling(false)} />
    </div>
  );
}

function RemoveImageDialog({ image, onClose }: { image: ImageSummary | null; onClose(): void }) {
  const { busy, run } = useSubmit({ failureToast: 'Could not remove the image' });
  const inUse = (image?.usedBy.length ?? 0) > 0;
  const name = image ? image.tags[0] ?? image.id.slice(7, 19) : '';
  // Several tags: the engine removes the image only when forced (docker rmi -f), even unused.
  const tags = image?.tags ?? [];
  const remove = (force: boolean) =>
    run(async () => {
      if (!image) return;
      try {
        await client.request('images:remove', { id: image.id, force });
      } catch (error) {
        // In use: the dialog stays, to offer the forced removal; any other failure ends it.
        if (!(error instanceof RequestError && error.code === 'in-use')) onClose();
        throw error;
      }
      toast.success(`Removed image ${name}`);
      onClose();
    });
  // docker rmi repo:tag: one tag of several goes, the image and its users stay.
  const untag = (tag: string) =>
    run(async () => {
      await client.request('images:remove', { id: tag, force: false });
      toast.success(`Untagged ${tag}`);
      onClose();
    });
  return (
    <Dialog
      open={image !== null}
      onOpenChange={(o) => !o && onClose()}
      title={`Remove image ${name}?`}
      description={
        inUse ? (
          <span>
            It is used by <b>{image!.usedBy.join(', ')}</b>. The engine refuses to remove it while they exist. Forcing removes its tags only: the
            layers stay on disk until those containers are removed, and the image then shows as &lt;none&gt;.
          </span>
        ) : tags.length > 1 ? (
          <span>
            No container uses it. It has {tags.length} tags, <b>{tags.join(', ')}</b>: all of them and its layers are deleted (docker rmi -f); to use it
            again you must import or pull it.
          </span>
        ) : (
          <span>No container uses it. Its tags and layers are deleted; to use it again you must import or pull it.</span>
        )
      }
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          {inUse ? (
            <Button variant="danger" onClick={() => void remove(true)} disabled={busy}>Force: untag anyway</Button>
          ) : (
            <Button variant="danger" onClick={() => void remove(tags.length > 1)} disabled={busy}>
              {tags.length > 1 ? `Remove image and its ${tags.length} tags` : 'Remove image'}
            </Button>
          )}
        </>
      }
    >
      {tags.length > 1 ? (
        <div className="text-[12px]" data-testid="untag-one">
          <p className="mb-1.5 text-muted">Or remove one tag only (docker rmi REPO:TAG); the image stays under the others:</p>
          <ul className="space-y-1">
            {tags.map((tag) => (
              <li key={tag} className="flex items-center gap-2">
                <span className="truncate font-mono">{tag}</span>
                <Button size="sm" className="ml-auto" onClick={() => void untag(tag)} disabled={busy}>
                  Untag {tag}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Dialog>
  );
}
