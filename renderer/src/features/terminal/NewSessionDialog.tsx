import { FileText, Plug, SquareTerminal } from 'lucide-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';
import { DEFAULT_LOGS, type SessionKind, type SessionOptions } from './session-registry';

type ShellChoice = 'auto' | 'bash' | 'sh' | 'custom';

export interface NewSessionDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  initial: { containerId: string; kind: SessionKind } | null;
  onStart(options: SessionOptions): void;
}

const field = 'h-8 w-full rounded-md border border-line bg-canvas px-2 text-[13px] text-fg outline-none focus:border-accent';

/** The picker: which container, shell or attach or logs, and as whom and where. */
export function NewSessionDialog({ open, onOpenChange, initial, onStart }: NewSessionDialogProps) {
  const containers = useStore(useShallow((s) => Object.values(s.containers)));
  const sorted = useMemo(
    () => [...containers].sort((a, b) => Number(b.state === 'running') - Number(a.state === 'running') || a.name.localeCompare(b.name)),
    [containers],
  );
  const [containerId, setContainerId] = useState('');
  const [kind, setKind] = useState<SessionKind>('exec');
  const [shell, setShell] = useState<ShellChoice>('auto');
  const [custom, setCustom] = useState('');
  const [user, setUser] = useState('');
  const [workdir, setWorkdir] = useState('');

  useEffect(() => {
    if (!open) return;
    setContainerId(initial?.containerId ?? sorted.find((c) => c.state === 'running')?.id ?? sorted[0]?.id ?? '');
    setKind(initial?.kind ?? 'exec');
    // Only on opening: the list changing underneath must not reset the user's choice.
  }, [open, initial]);

  const container = containers.find((c) => c.id === containerId);
  const running = container?.state === 'running';
  const problem = !container
    ? 'Pick a container.'
    : kind !== 'logs' && !running
      ? `${container.name} is ${container.state}: start it to ${kind === 'exec' ? 'open a shell' : 'attach'}.`
      : kind === 'exec' && shell === 'custom' && !custom.trim()
        ? 'Type the command to run.'
        : workdir && !workdir.startsWith('/')
          ? 'The working directory must start with /.'
          : null;

  const start = () => {
    if (problem || !container) return;
    const cmd = shell === 'auto' ? 'auto' : shell === 'custom' ? custom.trim().split(/\s+/) : [shell];
    onStart({
      kind,
      containerId: container.id,
      containerName: container.name,
      cmd,
      user: kind === 'exec' ? user.trim() || undefined : undefined,
      workdir: kind === 'exec' ? workdir.trim() || undefined : undefined,
      logs: kind === 'logs' ? { ...DEFAULT_LOGS } : undefined,
    });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="New terminal session"
      width="max-w-md"
      footer={
        <>
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button variant="primary" disabled={!!problem} onClick={start} data-testid="start-session">
            Open
          </Button>
        </>
      }
    >
      <form
        className="space-y-3.5"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <label className="block">
          <span className="mb-1 block text-[11px] font-semibold uppercase tracking-wide text-muted">Container</span>
          <select aria-label="Container" className={field} value={containerId} onChange={(e) => setContainerId(e.target.value)}>
            {sorted.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} — {c.state}
              </option>
            ))}
          </select>
        </label>
        <div role="radiogroup" aria-label="Session kind" className="grid grid-cols-3 gap-2">
          <KindOption value="exec" current={kind} onPick={setKind} icon={<SquareTerminal size={15} />} label="Shell" hint="docker exec -it" />
          <KindOption value="attach" current={kind} onPick={setKind} icon={<Plug size={15} />} label="Attach" hint="main process" />
          <KindOption value="logs" current={kind} onPick={setKind} icon={<FileText size={15} />} label="Logs" hint="follow live" />
        </div>
        {kind === 'exec' ? (
          <>
            <div className="grid grid-cols-[1fr_1fr] gap-2">
              <label className="block">
                <span className="mb-1 block text-[11px] font-semibold uppercase tracking-wide text-muted">Shell</span>
                <select aria-label="Shell" className={field} value={shell} onChange={(e) => setShell(e.target.value as ShellChoice)}>
                  <option value="auto">Best available (bash, else sh)</option>
                  <option value="bash">bash</option>
                  <option value="sh">sh</option>
                  <option value="custom">Other command…</option>
                </select>
              </label>
              <label className="block">
                <span className="mb-1 block text-[11px] font-semibold uppercase tracking-wide text-muted">User</span>
                <input aria-label="User" className={field} placeholder="image default" value={user} onChange={(e) => setUser(e.target.value)} />
              </label>
            </div>
            {shell === 'custom' ? (
              <input aria-label="Command" className={`${field} font-mono`} placeholder="python3 -q" value={custom} onChange={(e) => setCustom(e.target.value)} />
            ) : null}
            <label className="block">
              <span className="mb-1 block text-[11px] font-semibold uppercase tracking-wide text-muted">Working directory</span>
              <input aria-label="Working directory" className={`${field} font-mono`} placeholder="image default" value={workdir} onChange={(e) => setWorkdir(e.target.value)} />
            </label>
          </>
        ) : kind === 'attach' ? (
          <p className="rounded-md bg-raised p-2.5 text-xs text-muted">
            Attach connects to the container&apos;s main process — only for containers started with <code>-i -t</code>. Detach with{' '}
            <kbd className="font-mono">ctrl-p ctrl-q</kbd>; exiting the process stops the container.
          </p>
        ) : (
          <p className="rounded-md bg-raised p-2.5 text-xs text-muted">Follows the last 1,000 lines live; timestamps, since and tail can be changed in the view.</p>
        )}
        {problem && container ? <p className="text-xs text-warn">{problem}</p> : null}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}

function KindOption(props: { value: SessionKind; current: SessionKind; onPick(kind: SessionKind): void; icon: ReactNode; label: string; hint: string }) {
  const active = props.value === props.current;
  return (
    <button
      type="button"
      role="radio"
      aria-checked={active}
      onClick={() => props.onPick(props.value)}
      className={`flex flex-col items-start gap-0.5 rounded-lg border px-2.5 py-2 text-left ${active ? 'border-accent bg-selected' : 'border-line hover:bg-hover'}`}
    >
      <span className="flex items-center gap-1.5 text-[13px] font-medium">
        {props.icon}
        {props.label}
      </span>
      <span className="text-[11px] text-muted">{props.hint}</span>
    </button>
  );
}
