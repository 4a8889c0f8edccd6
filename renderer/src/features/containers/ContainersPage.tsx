import { Boxes, Pause, Play, Plus, RotateCw, Search, Square, Trash2, Zap } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { countByState, filterContainers, type StateFilter } from '../../../../shared/containers/filter';
import type { ContainerSummary } from '../../../../shared/containers/model';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { useStore } from '../../store';
import { useShortcut } from '../../app/shortcuts';
import { ContainerTable } from './ContainerTable';
import { RemoveContainersDialog } from './RemoveContainersDialog';
import { runAction, type LifecycleAction } from './container-actions';
import { RunContainerDialog } from '../run/RunContainerDialog';

const STATE_FILTERS: Array<{ id: StateFilter; label: string }> = [
  { id: 'all', label: 'All' },
  { id: 'running', label: 'Running' },
  { id: 'paused', label: 'Paused' },
  { id: 'stopped', label: 'Stopped' },
  { id: 'created', label: 'Created' },
];

export function ContainersPage() {
  const { containers, loaded, error, selectedIds, detailsId } = useStore(
    useShallow((s) => ({
      containers: s.containers,
      loaded: s.containersLoaded,
      error: s.containersError,
      selectedIds: s.selectedIds,
      detailsId: s.detailsId,
    })),
  );
  const { toggleSelected, setSelected, openDetails } = useStore(
    useShallow((s) => ({ toggleSelected: s.toggleSelected, setSelected: s.setSelected, openDetails: s.openDetails })),
  );
  const [query, setQuery] = useState('');
  const [stateFilter, setStateFilter] = useState<StateFilter>('all');
  const [removing, setRemoving] = useState<ContainerSummary[]>([]);
  const [running, setRunning] = useState(false);

  const all = useMemo(() => Object.values(containers), [containers]);
  const rows = useMemo(() => filterContainers(all, query, stateFilter), [all, query, stateFilter]);
  const counts = useMemo(() => countByState(all), [all]);
  const selected = useMemo(() => all.filter((c) => selectedIds.has(c.id)), [all, selectedIds]);

  const toggleAll = useCallback(() => {
    const allShown = rows.length > 0 && rows.every((r) => selectedIds.has(r.id));
    setSelected(allShown ? [] : rows.map((r) => r.id));
  }, [rows, selectedIds, setSelected]);

  // The shortcuts act on the ticked containers, or on the one whose details are open.
  const targets = selected.length > 0 ? selected : detailsId && containers[detailsId] ? [containers[detailsId]] : [];
  const bulk = (action: LifecycleAction) => () => void runAction(action, targets);
  useShortcut('n', () => setRunning(true), 'Run a new container');
  useShortcut('/', () => document.getElementById('container-filter')?.focus(), 'Filter containers');
  useShortcut('a', toggleAll, 'Select all shown containers');
  useShortcut('s', bulk('start'), 'Start selected');
  useShortcut('x', bulk('stop'), 'Stop selected');
  useShortcut('r', bulk('restart'), 'Restart selected');
  useShortcut('p', bulk('pause'), 'Pause selected');
  useShortcut('u', bulk('unpause'), 'Resume selected');
  useShortcut('Delete', () => targets.length > 0 && setRemoving(targets), 'Remove selected (asks first)');
  useShortcut('Escape', () => (detailsId ? openDetails(null) : setSelected([])), 'Close details / clear selection');

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-line px-4 py-2.5">
        <h1 className="mr-2 text-sm font-semibold">Containers</h1>
        <div className="relative">
          <Search size={14} className="pointer-events-none absolute left-2 top-1/2 -translate-y-1/2 text-muted" />
          <input
            id="container-filter"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Filter by name, image, port…"
            aria-label="Filter containers"
            className="h-8 w-64 rounded-md border border-line bg-panel pl-7 pr-2 text-[13px] outline-none focus:border-accent"
          />
        </div>
        <div role="radiogroup" aria-label="Filter by state" className="flex rounded-md border border-line bg-panel p-0.5">
          {STATE_FILTERS.map((f) => (
            <button
              key={f.id}
              type="button"
              role="radio"
              aria-checked={stateFilter === f.id}
              onClick={() => setStateFilter(f.id)}
              className={`rounded px-2 py-1 text-xs ${stateFilter === f.id ? 'bg-selected font-medium text-fg' : 'text-muted hover:text-fg'}`}
            >
              {f.label} <span className="text-muted">{counts[f.id]}</span>
            </button>
          ))}
        </div>
        {selected.length > 0 ? (
          <div className="ml-auto flex items-center gap-1.5" role="toolbar" aria-label="Bulk actions">
            <span className="mr-1 text-xs text-muted">{selected.length} selected</span>
            <Button size="sm" icon={<Play size={13} />} onClick={bulk('start')}>Start</Button>
            <Button size="sm" icon={<Square size={13} />} onClick={bulk('stop')}>Stop</Button>
            <Button size="sm" icon={<RotateCw size={13} />} onClick={bulk('restart')}>Restart</Button>
            <Button size="sm" icon={<Pause size={13} />} onClick={bulk('pause')}>Pause</Button>
            <Button size="sm" icon={<Play size={13} />} onClick={bulk('unpause')}>Resume</Button>
            <Button size="sm" icon={<Zap size={13} />} onClick={bulk('kill')}>Kill</Button>
            <Button size="sm" variant="danger" icon={<Trash2 size={13} />} onClick={() => setRemoving(selected)}>Remove</Button>
          </div>
        ) : null}
        <Button variant="primary" size="sm" className={selected.length > 0 ? '' : 'ml-auto'} icon={<Plus size={14} />} onClick={() => setRunning(true)} title="Run a container (n)">
          Run container
        </Button>
      </div>
      {error ? (
        <EmptyState title="Could not list containers">{error}</EmptyState>
      ) : !loaded ? (
        <EmptyState title="Loading containers…" />
      ) : all.length === 0 ? (
        <EmptyState icon={<Boxes size={28} />} title="No containers yet">
          Start one with <code className="font-mono">docker run -d --name web nginx</code>: it appears here at once.
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title="No container matches">Clear the filter or choose another state.</EmptyState>
      ) : (
        <ContainerTable
          rows={rows}
          selectedIds={selectedIds}
          detailsId={detailsId}
          onToggle={toggleSelected}
          onToggleAll={toggleAll}
          onOpen={openDetails}
          onRemove={(c) => setRemoving([c])}
        />
      )}
      <RemoveContainersDialog targets={removing} onClose={() => setRemoving([])} />
      <RunContainerDialog open={running} onClose={() => setRunning(false)} />
    </div>
  );
}
