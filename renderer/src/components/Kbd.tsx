export function Kbd({ children }: { children: string }) {
  return (
    <kbd className="inline-flex min-w-5 items-center justify-center rounded border border-line bg-raised px-1 font-mono text-[11px] text-muted">
      {children}
    </kbd>
  );
}
