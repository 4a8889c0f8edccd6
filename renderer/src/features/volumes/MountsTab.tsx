import { FolderOpen, FolderSearch } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ContainerMounts, MountKind } from '../../../../shared/volumes/model';
import { client, messageOf } from '../../api';
import { Button, IconButton } from '../../components/Button';
import { useStore } from '../../store';

const KIND_LABEL: Record<MountKind, string> = { anonymous: 'anonymous', named: 'named volume', bind: 'bind', tmpfs: 'tmpfs', image: 'image VOLUME' };

/** The container's mounts in plain words, each with a Browse button, and a box to browse any path. */
export function MountsTab({ containerId, containerName, revision }: { containerId: string; containerName: string; revision?: unknown }) {
  const browse = useStore((s) => s.browse);
  const [mounts, setMounts] = useState<ContainerMounts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [path, setPath] = useState('/');

  useEffect(() => {
    let cancelled = false;
    client.request('volumes:container-mounts', { id: containerId }).then(
      (m) => !cancelled && (setMounts(m), setError(null)),
      (e: unknown) => !cancelled && setError(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [containerId, revision]);

  const openPath = (at: string) => browse({ target: { kind: 'container', id: containerId }, path: at, title: `container ${containerName}` });

  if (error) return <div role="alert" className="rounded-md bg-bad/10 p-3 text-[13px] text-bad">{error}</div>;
  if (!mounts) return <p className="text-muted">Loading…</p>;
  return (
    <div className="space-y-3" data-testid="mounts-tab">
      {mounts.mounts.length === 0 ? <p className="text-[13px] text-muted">No volumes, binds or tmpfs: everything this container writes stays in its own layer.</p> : null}
      {mounts.mounts.map((m) => (
        <div key={m.destination} className="rounded-md border border-line bg-canvas p-2.5" data-testid={`mount-${m.destination}`}>
          <div className="flex items-center gap-2">
            <span className="font-mono text-[12.5px] font-semibold">{m.destination}</span>
            <span className="rounded bg-raised px-1.5 text-[10.5px] text-muted">{KIND_LABEL[m.kind]}</span>
            <span className={`rounded px-1 text-[10px] font-semibold ${m.readWrite ? 'bg-ok/10 text-ok' : 'bg-warn/10 text-warn'}`}>{m.readWrite ? 'RW' : 'RO'}</span>
            {m.kind !== 'tmpfs' || mounts.running ? (
              <IconButton
                className="ml-auto"
                label={`Browse ${m.destination}`}
                icon={<FolderOpen size={14} />}
                onClick={() =>
                  m.volumeName
                    ? browse({ target: { kind: 'volume', name: m.volumeName }, path: '/', title: `volume ${m.volumeName}` })
                    : openPath(m.destination)
                }
              />
            ) : null}
          </div>
          <p className="mt-1 text-[12px] leading-snug">{m.sentence}</p>
          <dl className="mt-1.5 grid grid-cols-[80px_1fr] gap-x-2 text-[11px] text-muted">
            <dt>source</dt>
            <dd className="truncate font-mono" title={m.source}>{m.source}</dd>
            {m.mode ? (
              <>
                <dt>mode</dt>
                <dd className="font-mono">{m.mode}</dd>
              </>
            ) : null}
            {m.propagation ? (
              <>
                <dt>propagation</dt>
                <dd className="font-mono">{m.propagation}</dd>
              </>
            ) : null}
          </dl>
        </div>
      ))}
      <form
        className="flex items-center gap-2 border-t border-line pt-3"
        onSubmit={(e) => {
          e.preventDefault();
          openPath(path || '/');
        }}
      >
        <input aria-label="Container path to browse" className="h-7 min-w-0 flex-1 rounded-md border border-line bg-canvas px-2 font-mono text-[12px] outline-none focus:border-accent" value={path} onChange={(e) => setPath(e.target.value)} />
        <Button size="sm" type="submit" icon={<FolderSearch size={13} />}>
          Browse path
        </Button>
      </form>
    </div>
  );
}
