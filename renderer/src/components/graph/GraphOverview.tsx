import { getBezierPath, Position, type Edge, type Node } from '@xyflow/react';
import { memo, useMemo } from 'react';

export interface GraphOverviewProps<N extends Node> {
  nodes: readonly N[];
  edges: readonly Edge[];
  /** The colour that says what a node is (its card's accent). */
  colorOf(node: N): string;
  /** A node's tooltip (its id when not given). */
  titleOf?(node: N): string;
  /** Given: each box has this name written in it, cut to fit. */
  labelOf?(node: N): string;
  highlightIds?: ReadonlySet<string> | null;
  onNodeClick?(id: string): void;
}

interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
  selected: boolean;
  label: string;
  name: string | null;
}

/** Graph units: 6.6 px on screen at the zoom names appear from. */
const NAME_SIZE = 22;

/** `text` cut with an ellipsis to about what fits `width` at NAME_SIZE (no measuring: this runs for hundreds). */
function fitName(text: string, width: number): string {
  const room = Math.max(1, Math.floor((width - 24) / (NAME_SIZE * 0.58)));
  return text.length <= room ? text : `${text.slice(0, Math.max(1, room - 1))}…`;
}

/**
 * The far view of a graph: every node a coloured box and every edge a curve, in one SVG.
 *
 * Zoomed out, node text is too small to read, yet each xyflow node is a transformed element of
 * its own, and with hundreds of them Chromium re-layerised them on every frame of a pan (30–40 ms
 * of a frame at 600 nodes). One SVG is one element to move. It sits in the viewport, so it moves
 * and scales exactly as the nodes would; the canvas hides the nodes and edges while it shows it.
 * Curves are xyflow's own beziers between the same handle points (right middle → left middle).
 */
function GraphOverviewView<N extends Node>({ nodes, edges, colorOf, titleOf, labelOf, highlightIds, onNodeClick }: GraphOverviewProps<N>) {
  const boxes = useMemo(() => {
    const out = new Map<string, Box>();
    for (const n of nodes) {
      if (n.hidden) continue;
      const w = n.width ?? n.measured?.width ?? 0;
      const h = n.height ?? n.measured?.height ?? 0;
      if (!w || !h) continue;
      out.set(n.id, { id: n.id, x: n.position.x, y: n.position.y, w, h, color: colorOf(n), selected: Boolean(n.selected), label: titleOf ? titleOf(n) : n.id, name: labelOf ? fitName(labelOf(n), w) : null });
    }
    return out;
  }, [nodes, colorOf, titleOf, labelOf]);
  const curves = useMemo(
    () =>
      edges.flatMap((e) => {
        const from = boxes.get(e.source);
        const to = boxes.get(e.target);
        if (!from || !to || e.hidden) return [];
        const [d] = getBezierPath({
          sourceX: from.x + from.w,
          sourceY: from.y + from.h / 2,
          sourcePosition: Position.Right,
          targetX: to.x,
          targetY: to.y + to.h / 2,
          targetPosition: Position.Left,
        });
        return [{ id: e.id, d, stroke: e.style?.stroke ?? 'var(--pb-graph-edge)', width: e.style?.strokeWidth ?? 1.5, dash: e.style?.strokeDasharray }];
      }),
    [edges, boxes],
  );
  const searching = Boolean(highlightIds?.size);
  return (
    <svg className="pb-graph-overview" data-testid="graph-overview" width={1} height={1} aria-hidden>
      {/* While searching every curve fades, as the cards' edges do: one opacity, no path redrawn. */}
      <g opacity={searching ? 0.2 : 1}>
        {curves.map((c) => (
          <path key={c.id} d={c.d} style={{ stroke: c.stroke, strokeWidth: c.width, strokeDasharray: c.dash }} fill="none" />
        ))}
      </g>
      <g>
        {[...boxes.values()].map((b) => {
          const dim = searching && !highlightIds!.has(b.id);
          return (
            <g key={b.id} data-node-id={b.id} opacity={dim ? 0.2 : 1} onClick={onNodeClick ? () => onNodeClick(b.id) : undefined}>
              <title>{b.label}</title>
              <rect
                x={b.x}
                y={b.y}
                width={b.w}
                height={b.h}
                rx={10}
                style={{
                  fill: `color-mix(in srgb, ${b.color} 14%, var(--pb-panel))`,
                  stroke: b.selected || (searching && !dim) ? 'var(--pb-accent)' : `color-mix(in srgb, ${b.color} 55%, var(--pb-line))`,
                  strokeWidth: b.selected || (searching && !dim) ? 6 : 2,
                }}
              />
              <rect x={b.x + 1} y={b.y + 6} width={4} height={Math.max(0, b.h - 12)} style={{ fill: b.color }} />
              {b.name ? (
                <text x={b.x + 16} y={b.y + b.h / 2} dominantBaseline="central" style={{ fill: 'var(--pb-fg)', fontSize: NAME_SIZE, fontWeight: 600 }}>
                  {b.name}
                </text>
              ) : null}
            </g>
          );
        })}
      </g>
    </svg>
  );
}

export const GraphOverview = memo(GraphOverviewView) as typeof GraphOverviewView;
