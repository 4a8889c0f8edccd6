import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import type { ContainerSummary, RemovalPlan } from '../../../../shared/containers/model';
import { client, messageOf } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';

/**
 * Asks before removing containers and says exactly what goes: the containers, and with `rm -v`
 * their anonymous volumes (unless another container still uses one); named volumes and bind
 * mounts always stay.
 */
export function RemoveContainersDialog({ targets, onClose }: { targets: ContainerSummary[]; onClose(): void }) {
  const [plans, setPlans] = useState<RemovalPlan[] | null>(null);
  const [withVolumes, setWithVolumes] = useState(false);
  const [busy, setBusy] = useState(false);
  const open = targets.length > 0;

  useEffect(() => {
    if (!open) return;
    setPlans(null);
    setWithVolumes(false);
    let cancelled = false;
    void Promise.all(targets.map((c) => client.request('containers:removal-plan', { id: c.id }).catch(() => null))).then((loaded) => {
      if (!cancelled) setPlans(loaded.filter((p): p is RemovalPlan => p !== null));
    });
    return () => {
      cancelled = true;
    };
  }, [open, targets]);

  const running = plans?.filter((p) => p.running) ?? [];
  const anonymous = plans?.flatMap((p) => p.anonymousVolumes.map((v) => ({ volume: v, shared: p.sharedAnonymousVolumes.includes(v), container: p.container }))) ?? [];
  const kept = plans?.flatMap((p) => p.keptMounts.map((m) => `${p.container}: ${m}`)) ?? [];
  const names = targets.map((c) => c.name);

  const remove = async () => {
    setBusy(true);
    const results = await Promise.allSettled(
      targets.map((c) => client.request('containers:remove', { id: c.id, removeAnonymousVolumes: withVolumes, force: true })),
    );
    setBusy(false);
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${targets[i].name}: ${messageOf(r.reason)}`] : []));
    for (const message of failed) toast.error('Remove failed', { description: message });
    const removed = targets.length - failed.length;
    if (removed > 0) toast.success(`Removed ${removed === 1 ? names[results.findIndex((r) => r.status === 'fulfilled')] : `${removed} containers`}`);
    onClose();
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !o && !busy && onClose()}
      title={targets.length === 1 ? `Remove container ${names[0]}?` : `Remove ${targets.length} containers?`}
      description={
        <span>
          This deletes {targets.length === 1 ? 'the container' : 'these containers'} and {targets.length === 1 ? 'its' : 'their'} writable layer. It cannot be undone.
        </span>
      }
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => void remove()} disabled={busy || plans === null} data-testid="confirm-remove">
            {busy ? 'Removing…' : targets.length === 1 ? 'Remove container' : `Remove ${targets.length} containers`}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-[13px]" data-testid="remove-dialog-body">
        {targets.length > 1 ? <p className="font-mono text-xs text-muted">{names.join(', ')}</p> : null}
        {running.length > 0 ? (
          <p className="rounded-md bg-warn/10 p-2 text-warn">
            {running.map((p) => p.container).join(', ')} {running.length === 1 ? 'is' : 'are'} running: Patchbay stops {running.length === 1 ? 'it' : 'them'} first (docker rm -f).
          </p>
        ) : null}
        <label className="flex items-start gap-2">
          <input type="checkbox" className="mt-0.5" checked={withVolumes} onChange={(e) => setWithVolumes(e.target.checked)} disabled={anonymous.length === 0} />
          <span>
            Also remove anonymous volumes (<code className="font-mono">docker rm -v</code>)
            <span className="block text-xs text-muted">
              {plans === null
                ? 'Looking at the volumes…'
                : anonymous.length === 0
                  ? 'There are no anonymous volumes to remove.'
                  : 'Anonymous volumes are the unnamed ones made by -v /path or an image VOLUME. Named volumes and bind mounts are always kept.'}
            </span>
          </span>
        </label>
        {anonymous.length > 0 ? (
          <ul className="max-h-32 overflow-auto rounded-md border border-line p-2 font-mono text-xs">
            {anonymous.map((a) => (
              <li key={a.volume}>
                {a.volume.slice(0, 12)} <span className="text-muted">({a.container})</span>
                {withVolumes ? (a.shared ? <span className="text-warn"> kept: another container still uses it</span> : <span className="text-bad"> deleted</span>) : <span className="text-muted"> kept</span>}
              </li>
            ))}
          </ul>
        ) : null}
        {kept.length > 0 ? (
          <p className="text-xs text-muted">
            Kept: {kept.join('; ')}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
