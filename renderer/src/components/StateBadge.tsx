const TONES: Record<string, string> = {
  running: 'bg-ok/15 text-ok',
  paused: 'bg-warn/15 text-warn',
  restarting: 'bg-warn/15 text-warn',
  created: 'bg-accent/15 text-accent',
  exited: 'bg-muted/15 text-muted',
  dead: 'bg-bad/15 text-bad',
  removing: 'bg-bad/15 text-bad',
};

export function StateBadge({ state }: { state: string }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-[11px] font-medium ${TONES[state] ?? TONES.exited}`}>
      <span className="h-1.5 w-1.5 rounded-full bg-current" aria-hidden />
      {state}
    </span>
  );
}
