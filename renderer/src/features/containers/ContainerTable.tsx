import { useVirtualizer } from '@tanstack/react-virtual';
import { Pause, Play, RotateCw, Square, Trash2 } from 'lucide-react';
import { memo, useRef } from 'react';
import type { ContainerSummary } from '../../../../shared/containers/model';
import { statusText } from '../../../../shared/containers/status-text';
import { formatPorts } from '../../../../shared/containers/summarize';
import { IconButton } from '../../components/Button';
import { StateBadge } from '../../components/StateBadge';
import { useNow } from '../../components/use-now';
import { actionAllowed, runAction } from './container-actions';
import { OpenTerminalButton } from '../terminal/OpenTerminalButton';

const COLUMNS = 'grid-cols-[28px_minmax(110px,1.6fr)_minmax(90px,1fr)_88px_minmax(100px,1fr)_minmax(90px,1fr)_minmax(60px,0.7fr)_148px] gap-x-2';
const ROW_HEIGHT = 40;

export interface ContainerTableProps {
  rows: ContainerSummary[];
  selectedIds: ReadonlySet<string>;
  detailsId: string | null;
  onToggle(id: string): void;
  onToggleAll(): void;
  onOpen(id: string): void;
  onRemove(c: ContainerSummary): void;
}

/** Only the visible rows are in the DOM, so a thousand containers scroll as smoothly as ten. */
export function ContainerTable({ rows, selectedIds, detailsId, onToggle, onToggleAll, onOpen, onRemove }: ContainerTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const now = useNow();
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index].id,
  });
  const allSelected = rows.length > 0 && rows.every((r) => selectedIds.has(r.id));

  return (
    <div className="flex min-h-0 flex-1 flex-col" role="table" aria-label="Containers" aria-rowcount={rows.length}>
      <div role="row" className={`grid ${COLUMNS} items-center border-b border-line px-3 py-2 text-[11px] font-semibold uppercase tracking-wide text-muted`}>
        <span role="columnheader">
          <input type="checkbox" aria-label="Select all shown containers" checked={allSelected} onChange={onToggleAll} />
        </span>
        <span role="columnheader">Name</span>
        <span role="columnheader">Image</span>
        <span role="columnheader">State</span>
        <span role="columnheader">Status</span>
        <span role="columnheader">Ports</span>
        <span role="columnheader">Networks</span>
        <span role="columnheader" className="text-right">
          Actions
        </span>
      </div>
      <div ref={scroller} className="min-h-0 flex-1 overflow-auto" data-testid="container-scroller">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const c = rows[item.index];
            return (
              <ContainerRow
                key={item.key}
                container={c}
                top={item.start}
                now={now}
                selected={selectedIds.has(c.id)}
                open={detailsId === c.id}
                onToggle={onToggle}
                onOpen={onOpen}
                onRemove={onRemove}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  container: ContainerSummary;
  top: number;
  now: number;
  selected: boolean;
  open: boolean;
  onToggle(id: string): void;
  onOpen(id: string): void;
  onRemove(c: ContainerSummary): void;
}

const ContainerRow = memo(function ContainerRow({ container: c, top, now, selected, open, onToggle, onOpen, onRemove }: RowProps) {
  const running = c.state === 'running' || c.state === 'restarting';
  return (
    <div
      role="row"
      data-testid={`container-row-${c.name}`}
      data-state={c.state}
      aria-selected={open}
      onClick={() => onOpen(c.id)}
      className={`absolute left-0 right-0 grid ${COLUMNS} cursor-pointer items-center border-b border-line/60 px-3 ${open ? 'bg-selected' : selected ? 'bg-selected/60' : 'hover:bg-hover'}`}
      style={{ top, height: ROW_HEIGHT }}
    >
      <span role="cell" onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" aria-label={`Select ${c.name}`} checked={selected} onChange={() => onToggle(c.id)} />
      </span>
      <span role="cell" className="truncate font-medium" title={c.id}>
        {c.name}
      </span>
      <span role="cell" className="truncate font-mono text-xs text-muted" title={c.image}>
        {c.image}
      </span>
      <span role="cell">
        <StateBadge state={c.state} />
      </span>
      <span role="cell" className="truncate text-xs text-muted">
        {statusText(c, now)}
      </span>
      <span role="cell" className="truncate font-mono text-xs" title={formatPorts(c.ports)}>
        {formatPorts(c.ports) || <span className="text-muted">—</span>}
      </span>
      <span role="cell" className="truncate text-xs text-muted">
        {c.networks.map((n) => n.name).join(', ') || c.networkMode}
      </span>
      <span role="cell" className="flex justify-end gap-0.5" onClick={(e) => e.stopPropagation()}>
        {running ? (
          <IconButton label={`Stop ${c.name}`} icon={<Square size={14} />} onClick={() => void runAction('stop', [c])} />
        ) : (
          <IconButton label={`Start ${c.name}`} icon={<Play size={14} />} disabled={!actionAllowed('start', c.state)} onClick={() => void runAction('start', [c])} />
        )}
        {c.state === 'paused' ? (
          <IconButton label={`Resume ${c.name}`} icon={<Play size={14} />} onClick={() => void runAction('unpause', [c])} />
        ) : (
          <IconButton label={`Pause ${c.name}`} icon={<Pause size={14} />} disabled={!actionAllowed('pause', c.state)} onClick={() => void runAction('pause', [c])} />
        )}
        <IconButton label={`Restart ${c.name}`} icon={<RotateCw size={14} />} disabled={!actionAllowed('restart', c.state)} onClick={() => void runAction('restart', [c])} />
        <OpenTerminalButton id={c.id} name={c.name} disabled={c.state !== 'running'} />
        <IconButton label={`Remove ${c.name}`} icon={<Trash2 size={14} />} className="hover:text-bad" onClick={() => onRemove(c)} />
      </span>
    </div>
  );
});
