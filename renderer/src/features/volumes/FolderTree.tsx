import { ChevronDown, ChevronRight, Folder, FolderOpen, HardDrive } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { FilesTarget } from '../../../../shared/volumes/model';
import { client } from '../../api';
import { joinPath } from './format';

type Children = string[] | 'loading' | 'error';

/** The folders of the target as a tree, loaded a level at a time; the current folder's ancestors open. */
export function FolderTree({ target, rootLabel, path, generation, onOpen }: { target: FilesTarget; rootLabel: string; path: string; generation: number; onOpen(path: string): void }) {
  const [children, setChildren] = useState<Map<string, Children>>(new Map());
  const [expanded, setExpanded] = useState<Set<string>>(new Set(['/']));
  const requested = useRef(new Set<string>());
  const targetKey = JSON.stringify(target);

  const load = useCallback(
    (dir: string) => {
      if (requested.current.has(dir)) return;
      requested.current.add(dir);
      setChildren((m) => new Map(m).set(dir, 'loading'));
      client.request('files:list', { target, path: dir }).then(
        (listing) => setChildren((m) => new Map(m).set(dir, listing.entries.filter((e) => e.type === 'dir').map((e) => e.name))),
        () => setChildren((m) => new Map(m).set(dir, 'error')),
      );
    },
    [targetKey],
  );

  // A new target or a change (upload, new folder, delete): forget what was loaded.
  useEffect(() => {
    requested.current = new Set();
    setChildren(new Map());
  }, [targetKey, generation]);

  // Open every ancestor of the current folder.
  useEffect(() => {
    const parts = path.split('/').filter(Boolean);
    setExpanded((set) => {
      const next = new Set(set);
      next.add('/');
      for (let i = 1; i < parts.length; i++) next.add(`/${parts.slice(0, i).join('/')}`);
      return next;
    });
  }, [path]);

  useEffect(() => {
    for (const dir of expanded) if (!children.has(dir)) load(dir);
  }, [expanded, children, load]);

  const toggle = (dir: string) =>
    setExpanded((set) => {
      const next = new Set(set);
      if (next.has(dir)) next.delete(dir);
      else next.add(dir);
      return next;
    });

  const renderDir = (dir: string, depth: number): ReactNode => {
    const kids = children.get(dir);
    if (!expanded.has(dir) || !Array.isArray(kids)) return null;
    return kids.map((name) => {
      const full = joinPath(dir, name);
      const open = expanded.has(full);
      const current = full === path;
      return (
        <li key={full}>
          <div className={`flex h-[26px] items-center gap-1 rounded pr-2 text-[12.5px] ${current ? 'bg-selected text-fg' : 'text-fg/90 hover:bg-hover'}`} style={{ paddingLeft: 6 + depth * 14 }}>
            <button type="button" aria-label={open ? `Collapse ${name}` : `Expand ${name}`} className="rounded p-0.5 text-muted hover:text-fg" onClick={() => toggle(full)}>
              {open ? <ChevronDown size={12} /> : <ChevronRight size={12} />}
            </button>
            <button type="button" className="flex min-w-0 flex-1 items-center gap-1.5 text-left" onClick={() => onOpen(full)} title={full}>
              {open ? <FolderOpen size={14} className="shrink-0 text-accent" /> : <Folder size={14} className="shrink-0 text-accent" fill="currentColor" fillOpacity={0.18} />}
              <span className="truncate">{name}</span>
            </button>
          </div>
          {open ? <ul>{renderDir(full, depth + 1)}</ul> : null}
        </li>
      );
    });
  };

  return (
    <nav aria-label="Folders" className="flex w-56 shrink-0 flex-col overflow-auto border-r border-line bg-panel py-2" data-testid="folder-tree">
      <button type="button" onClick={() => onOpen('/')} className={`mx-1 flex h-[26px] items-center gap-1.5 rounded px-2 text-[12.5px] font-semibold ${path === '/' ? 'bg-selected' : 'hover:bg-hover'}`}>
        <HardDrive size={14} className="shrink-0 text-accent" />
        <span className="truncate">{rootLabel}</span>
      </button>
      <ul className="mx-1">{renderDir('/', 1)}</ul>
    </nav>
  );
}
