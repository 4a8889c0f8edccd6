import { Server } from 'lucide-react';
import { useState } from 'react';
import { useStore } from '../../store';
import { EngineInfoDialog } from './EngineInfoDialog';

const TONE = { up: 'bg-ok', down: 'bg-bad', connecting: 'bg-warn' } as const;
const WORDS = { up: 'Connected', down: 'Unreachable', connecting: 'Connecting…' } as const;

/** The header's view of the engine: where it is, whether it answers, and its version. */
export function EngineBadge() {
  const status = useStore((s) => s.engineStatus);
  const info = useStore((s) => s.engineInfo);
  const [open, setOpen] = useState(false);
  const state = status?.state ?? 'connecting';
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        data-testid="engine-badge"
        data-state={state}
        className="flex items-center gap-2 rounded-md border border-line bg-panel px-2.5 py-1 text-xs hover:bg-hover"
      >
        <span className={`h-2 w-2 rounded-full ${TONE[state]}`} aria-hidden />
        <Server size={13} className="text-muted" />
        <span className="font-medium">{WORDS[state]}</span>
        <span className="font-mono text-muted">{status?.endpoint ?? ''}</span>
        {info && state === 'up' ? <span className="text-muted">Docker {info.serverVersion} · API {info.apiVersion}</span> : null}
      </button>
      <EngineInfoDialog open={open} onOpenChange={setOpen} />
    </>
  );
}
