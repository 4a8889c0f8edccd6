import { Dialog } from '../components/Dialog';
import { Kbd } from '../components/Kbd';
import { useStore } from '../store';
import { useActiveShortcuts } from './shortcuts';

const KEY_NAMES: Record<string, string> = { Escape: 'Esc', Delete: 'Del' };

export function ShortcutsDialog() {
  const open = useStore((s) => s.shortcutsOpen);
  const setOpen = useStore((s) => s.setShortcutsOpen);
  const shortcuts = useActiveShortcuts();
  return (
    <Dialog open={open} onOpenChange={setOpen} title="Keyboard shortcuts" description="These work anywhere outside a text field.">
      <ul className="grid grid-cols-1 gap-1.5">
        {shortcuts.map((s) => (
          <li key={`${s.key}-${s.description}`} className="flex items-center justify-between gap-4 text-[13px]">
            <span>{s.description}</span>
            <Kbd>{KEY_NAMES[s.key] ?? s.key}</Kbd>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
