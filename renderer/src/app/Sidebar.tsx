import { Keyboard } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { Kbd } from '../components/Kbd';
import { PAGES } from './pages';
import { useShortcut } from './shortcuts';

export function Sidebar() {
  const page = useStore((s) => s.page);
  const setPage = useStore((s) => s.setPage);
  const setShortcutsOpen = useStore((s) => s.setShortcutsOpen);
  const counts = useStore(
    useShallow((s): Record<string, number | undefined> => ({
      containers: s.containersLoaded ? Object.keys(s.containers).length : undefined,
      images: s.imagesLoaded ? s.images.length : undefined,
    })),
  );
  useShortcut('?', () => setShortcutsOpen(true), 'Show keyboard shortcuts');

  return (
    <nav aria-label="Main" className="flex w-52 shrink-0 flex-col border-r border-line bg-panel">
      <div className="flex items-center gap-2 px-4 py-3.5">
        <img src="./patchbay.svg" alt="" className="h-6 w-6" />
        <span className="text-[15px] font-semibold tracking-tight">Patchbay</span>
      </div>
      <ul className="flex-1 space-y-0.5 px-2">
        {PAGES.map((p, i) => (
          <li key={p.id}>
            <button
              type="button"
              title={`${p.label} (${i + 1})`}
              onClick={() => setPage(p.id)}
              aria-current={page === p.id ? 'page' : undefined}
              className={`flex w-full items-center gap-2.5 rounded-md px-2.5 py-1.5 text-[13px] ${page === p.id ? 'bg-selected font-medium text-fg' : 'text-muted hover:bg-hover hover:text-fg'}`}
            >
              <PageShortcut index={i} id={p.id} label={p.label} onGo={setPage} />
              {p.icon}
              <span className="flex-1 text-left">{p.label}</span>
              {counts[p.id] !== undefined ? <span className="text-[11px] tabular-nums text-muted">{counts[p.id]}</span> : null}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setShortcutsOpen(true)} className="m-2 flex items-center gap-2 rounded-md px-2.5 py-1.5 text-xs text-muted hover:bg-hover hover:text-fg">
        <Keyboard size={14} /> Shortcuts <Kbd>?</Kbd>
      </button>
    </nav>
  );
}

/** Binds the page's number key; a component per page keeps each hook call in a fixed place. */
function PageShortcut({ index, id, label, onGo }: { index: number; id: string; label: string; onGo(id: string): void }) {
  useShortcut(String(index + 1), () => onGo(id), `Go to ${label}`);
  return null;
}
