import { useState } from 'react';

export interface LegendItem {
  label: string;
  /** A CSS colour, usually `var(--pb-graph-*)`. */
  color: string;
  /** `box`: a node kind; `line`/`dashed`/`dotted`: an edge kind. */
  shape: 'box' | 'line' | 'dashed' | 'dotted';
}

/** A small, collapsible key for a graph's colours and line styles. */
export function Legend({ items, title = 'Legend' }: { items: readonly LegendItem[]; title?: string }) {
  const [open, setOpen] = useState(true);
  return (
    <div className="flex items-start gap-3 rounded-lg border border-line bg-panel/90 px-2.5 py-1.5 text-[11px] shadow-sm" data-testid="graph-legend">
      <button type="button" className="shrink-0 py-px font-semibold uppercase tracking-wide text-muted hover:text-fg" onClick={() => setOpen(!open)} aria-expanded={open} title={open ? 'Hide the legend' : 'Show the legend'}>
        {title} {open ? '‹' : '›'}
      </button>
      {open ? (
        <ul className="flex flex-wrap gap-x-3.5 gap-y-1">
          {items.map((item) => (
            <li key={item.label} className="flex items-center gap-1.5 whitespace-nowrap text-fg">
              <Swatch item={item} />
              {item.label}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Swatch({ item }: { item: LegendItem }) {
  if (item.shape === 'box') {
    return <span className="inline-block h-3 w-3 rounded-[3px] border-2" style={{ borderColor: item.color, background: `color-mix(in srgb, ${item.color} 18%, transparent)` }} aria-hidden />;
  }
  const dash = item.shape === 'dashed' ? '5 3' : item.shape === 'dotted' ? '1.5 3' : undefined;
  return (
    <svg width="22" height="8" aria-hidden>
      <line x1="1" y1="4" x2="21" y2="4" stroke={item.color} strokeWidth="2" strokeDasharray={dash} strokeLinecap="round" />
    </svg>
  );
}
