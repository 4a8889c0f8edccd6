import { useEffect } from 'react';
import { Toaster } from 'sonner';
import { ContainerDetailsPanel } from '../features/containers/ContainerDetailsPanel';
import { EngineBadge } from '../features/engine/EngineBadge';
import { OutageScreen } from '../features/engine/OutageScreen';
import { useStore } from '../store';
import { PAGES } from './pages';
import { ShortcutsDialog } from './ShortcutsDialog';
import { installShortcutListener } from './shortcuts';
import { Sidebar } from './Sidebar';

export function App() {
  const page = useStore((s) => s.page);
  useEffect(() => installShortcutListener(), []);
  const current = PAGES.find((p) => p.id === page) ?? PAGES[0];
  return (
    <div className="flex h-full">
      <Sidebar />
      <div className="relative flex min-w-0 flex-1 flex-col">
        <header className="flex h-12 shrink-0 items-center justify-between border-b border-line bg-panel px-4">
          <span className="text-[13px] text-muted">{current.label}</span>
          <EngineBadge />
        </header>
        <div className="flex min-h-0 flex-1">
          <main className="min-w-0 flex-1">{current.render()}</main>
          {page === 'containers' ? <ContainerDetailsPanel /> : null}
        </div>
        <OutageScreen />
      </div>
      <ShortcutsDialog />
      <Toaster position="bottom-right" richColors closeButton theme="system" />
    </div>
  );
}
