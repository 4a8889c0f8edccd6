import { useEffect, useRef, useSyncExternalStore } from 'react';

interface Shortcut {
  key: string;
  description: string;
  run: () => void;
}

/** The shortcuts of whatever is on screen now; the `?` sheet lists exactly these. */
const active = new Map<symbol, Shortcut>();
const subscribers = new Set<() => void>();
let snapshot: Shortcut[] = [];

function changed(): void {
  snapshot = [...active.values()];
  for (const notify of subscribers) notify();
}

/**
 * Binds `key` (a KeyboardEvent.key) while the calling component is mounted.
 *
 * Keys are ignored while the user types in a field, except Escape.
 */
export function useShortcut(key: string, run: () => void, description: string): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const id = Symbol(key);
    active.set(id, { key, description, run: () => latest.current() });
    changed();
    return () => {
      active.delete(id);
      changed();
    };
  }, [key, description]);
}

export function useActiveShortcuts(): Shortcut[] {
  return useSyncExternalStore(
    (notify) => {
      subscribers.add(notify);
      return () => subscribers.delete(notify);
    },
    () => snapshot,
  );
}

export function installShortcutListener(): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target as HTMLElement | null;
    const typing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    if (typing && event.key !== 'Escape') return;
    // A dialog handles its own keys (Radix closes on Escape).
    if (document.querySelector('[role="dialog"]') && event.key !== '?') return;
    const matches = [...active.values()].filter((s) => s.key === event.key);
    const shortcut = matches[matches.length - 1];
    if (!shortcut) return;
    event.preventDefault();
    shortcut.run();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
