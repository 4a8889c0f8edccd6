import { formatBytes } from '../../components/format';
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';

export function EngineInfoDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const info = useStore((s) => s.engineInfo);
  const status = useStore((s) => s.engineStatus);
  const rows: Array<[string, string]> = info
    ? [
        ['Endpoint', info.endpoint],
        ['Server version', info.serverVersion],
        ['API version', info.apiVersion],
        ['Operating system', info.os],
        ['Kernel', info.kernelVersion],
        ['Architecture', info.architecture],
        ['Storage driver', info.storageDriver],
        ['Cgroup driver', info.cgroupDriver],
        ['Host name', info.name],
        ['CPUs / memory', `${info.cpus} / ${formatBytes(info.memoryBytes)}`],
        ['Containers', `${info.containers.total} (${info.containers.running} running, ${info.containers.paused} paused, ${info.containers.stopped} stopped)`],
        ['Images', String(info.images)],
      ]
    : [['Endpoint', status?.endpoint ?? '—']];
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Docker engine" description={status?.state === 'up' ? 'Connected; these facts were read when it connected.' : status?.error}>
      <dl className="grid grid-cols-[140px_1fr] gap-x-3 gap-y-1.5 text-[13px]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            <dd className="break-all font-mono text-xs leading-5">{value}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
