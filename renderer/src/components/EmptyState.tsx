import type { ReactNode } from 'react';

export function EmptyState({ icon, title, children }: { icon?: ReactNode; title: string; children?: ReactNode }) {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-2 p-10 text-center">
      {icon ? <div className="text-muted">{icon}</div> : null}
      <h2 className="text-sm font-semibold">{title}</h2>
      {children ? <div className="max-w-md text-[13px] text-muted">{children}</div> : null}
    </div>
  );
}
