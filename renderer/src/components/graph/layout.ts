/**
 * Layered graph layout with elkjs, and the incremental placement that keeps a drawn graph stable.
 *
 * `layoutGraph` runs ELK's layered algorithm (left to right; `partition` pins a node to a column
 * band). `placeIncrementally` takes a fresh ELK result but keeps every node that already had a
 * position where it was: a new node is put at its fresh offset from an already placed neighbour,
 * then nudged down until it overlaps nothing. So events never make existing nodes jump.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
  /** Column band: nodes with a lower partition are always left of higher ones. */
  partition?: number;
}

export interface LayoutEdge {
  id: string;
  source: string;
  target: string;
}

export interface LayoutGraph {
  nodes: readonly LayoutNode[];
  edges: readonly LayoutEdge[];
}

export interface Point {
  x: number;
  y: number;
}

export type Positions = ReadonlyMap<string, Point>;

export interface LayoutOptions {
  direction?: 'RIGHT' | 'DOWN';
  /** Gap between nodes of one column. */
  nodeGap?: number;
  /** Gap between columns. */
  layerGap?: number;
}

interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

/** Above this many nodes `layoutGraph` trades polish for speed (see there). */
export const LARGE_GRAPH = 150;

let elkInstance: Promise<ElkLike> | null = null;

/** ELK is ~1.5 MB of compiled Java: loaded on first use, in its own chunk. */
function elk(): Promise<ElkLike> {
  elkInstance ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default() as unknown as ElkLike);
  return elkInstance;
}

/** A caller's own layout for graphs over `LARGE_GRAPH` nodes (the topology's banded grid). */
export type LargeGraphLayout<G extends LayoutGraph> = (graph: G) => Map<string, Point>;

export async function layoutGraph<G extends LayoutGraph>(graph: G, options: LayoutOptions = {}, large?: LargeGraphLayout<G>): Promise<Map<string, Point>> {
  if (large && graph.nodes.length > LARGE_GRAPH) return large(graph);
  // ELK's layered algorithm is superlinear here: measured 1.3–7 s for 700 nodes (and over a
  // minute with partitions). Large partitioned graphs get the same columns from `columnLayout`,
  // which is linear; ELK keeps the small ones, where it draws the tidiest graph.
  if (graph.nodes.length > LARGE_GRAPH && graph.nodes.every((n) => n.partition !== undefined) && (options.direction ?? 'RIGHT') === 'RIGHT') {
    return columnLayout(graph, options);
  }
  const ids = new Set(graph.nodes.map((n) => n.id));
  const usesPartitions = graph.nodes.some((n) => n.partition !== undefined);
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': options.direction ?? 'RIGHT',
      'elk.spacing.nodeNode': String(options.nodeGap ?? 16),
      'elk.layered.spacing.nodeNodeBetweenLayers': String(options.layerGap ?? 70),
      'elk.spacing.componentComponent': String((options.nodeGap ?? 16) * 2),
      'elk.separateConnectedComponents': 'false',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      ...(usesPartitions ? { 'elk.partitioning.activate': 'true' } : {}),
    },
    children: graph.nodes.map((n) => ({
      id: n.id,
      width: n.width,
      height: n.height,
      ...(n.partition !== undefined ? { layoutOptions: { 'elk.partitioning.partition': String(n.partition) } } : {}),
    })),
    // Edges to nodes outside the graph would make ELK throw.
    edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const result = await (await elk()).layout(root);
  const positions = new Map<string, Point>();
  for (const child of result.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return positions;
}

/**
 * A linear layered layout for large graphs whose nodes all carry a `partition` (their column).
 *
 * The fullest column is stacked in an order that follows its parents (barycentre of their
 * positions, then input order); the other columns are placed at the mean height of their
 * neighbours in the column next to it, pushed apart so nothing overlaps.
 */
export function columnLayout(graph: LayoutGraph, options: LayoutOptions = {}): Map<string, Point> {
  const gap = options.nodeGap ?? 16;
  const layerGap = options.layerGap ?? 70;
  const columns = new Map<number, LayoutNode[]>();
  for (const n of graph.nodes) (columns.get(n.partition!) ?? columns.set(n.partition!, []).get(n.partition!)!).push(n);
  const order = [...columns.keys()].sort((a, b) => a - b);
  const inputIndex = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const e of graph.edges) {
    (parents.get(e.target) ?? parents.set(e.target, []).get(e.target)!).push(e.source);
    (children.get(e.source) ?? children.set(e.source, []).get(e.source)!).push(e.target);
  }
  const rank = new Map<string, number>();
  const positions = new Map<string, Point>();
  // Left to right: order each column by its parents' ranks.
  for (const column of order) {
    const nodes = columns.get(column)!;
    const key = (n: LayoutNode) => {
      const ranked = (parents.get(n.id) ?? []).map((p) => rank.get(p)).filter((r): r is number => r !== undefined);
      return ranked.length ? Math.min(...ranked) : -1;
    };
    nodes.sort((a, b) => key(a) - key(b) || inputIndex.get(a.id)! - inputIndex.get(b.id)!);
    nodes.forEach((n, i) => rank.set(n.id, i));
  }
  let x = 0;
  const xOf = new Map<number, number>();
  for (const column of order) {
    xOf.set(column, x);
    x += Math.max(...columns.get(column)!.map((n) => n.width)) + layerGap;
  }
  const fullest = order.reduce((a, b) => (columns.get(b)!.length > columns.get(a)!.length ? b : a));
  let y = 0;
  for (const n of columns.get(fullest)!) {
    positions.set(n.id, { x: xOf.get(fullest)!, y });
    y += n.height + gap;
  }
  const centre = (id: string) => positions.get(id)!.y + graph.nodes[inputIndex.get(id)!].height / 2;
  const place = (column: number, neighbours: Map<string, string[]>) => {
    let floor = 0;
    for (const n of columns.get(column)!) {
      const placed = (neighbours.get(n.id) ?? []).filter((id) => positions.has(id));
      const wanted = placed.length ? placed.reduce((sum, id) => sum + centre(id), 0) / placed.length - n.height / 2 : floor;
      const top = Math.max(wanted, floor);
      positions.set(n.id, { x: xOf.get(column)!, y: top });
      floor = top + n.height + gap;
    }
  };
  const at = order.indexOf(fullest);
  for (let i = at - 1; i >= 0; i--) place(order[i], children);
  for (let i = at + 1; i < order.length; i++) place(order[i], parents);
  return positions;
}

/**
 * Keeps `previous` positions for nodes that still exist and places the new ones near their
 * neighbours using the fresh layout's relative offsets, without overlapping anything.
 */
export function placeIncrementally(graph: LayoutGraph, previous: Positions, fresh: Positions, gap = 12): Map<string, Point> {
  const sizes = new Map(graph.nodes.map((n) => [n.id, n]));
  const placed = new Map<string, Point>();
  for (const node of graph.nodes) {
    const old = previous.get(node.id);
    if (old) placed.set(node.id, old);
  }
  if (placed.size === 0) return new Map(fresh);
  const neighbours = new Map<string, string[]>();
  for (const e of graph.edges) {
    (neighbours.get(e.source) ?? neighbours.set(e.source, []).get(e.source)!).push(e.target);
    (neighbours.get(e.target) ?? neighbours.set(e.target, []).get(e.target)!).push(e.source);
  }
  const boxes: { x: number; y: number; w: number; h: number }[] = [...placed].map(([id, p]) => ({ ...p, w: sizes.get(id)!.width, h: sizes.get(id)!.height }));
  const overlapping = (x: number, y: number, w: number, h: number) =>
    boxes.find((b) => x < b.x + b.w + gap && b.x < x + w + gap && y < b.y + b.h + gap && b.y < y + h + gap);
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  // New nodes in fresh-layout order (top to bottom), so a new group keeps its internal order.
  const fresher = graph.nodes.filter((n) => !placed.has(n.id)).sort((a, b) => (fresh.get(a.id)?.y ?? 0) - (fresh.get(b.id)?.y ?? 0));
  for (const node of fresher) {
    const target = fresh.get(node.id) ?? { x: 0, y: bottom + gap };
    const anchor = findAnchor(node.id, neighbours, placed);
    let x = target.x;
    let y = anchor ? placed.get(anchor)!.y + (target.y - fresh.get(anchor)!.y) : bottom + gap * 4 + target.y;
    if (anchor) x = placed.get(anchor)!.x + (target.x - (fresh.get(anchor)?.x ?? target.x));
    for (let hit = overlapping(x, y, node.width, node.height); hit; hit = overlapping(x, y, node.width, node.height)) {
      y = hit.y + hit.h + gap + 1;
    }
    placed.set(node.id, { x, y });
    boxes.push({ x, y, w: node.width, h: node.height });
  }
  return placed;
}

/** The nearest already placed node, walking the graph breadth-first from `id`. */
function findAnchor(id: string, neighbours: ReadonlyMap<string, string[]>, placed: ReadonlyMap<string, Point>): string | null {
  const seen = new Set([id]);
  let frontier = [id];
  for (let depth = 0; depth < 4 && frontier.length; depth++) {
    const next: string[] = [];
    for (const at of frontier) {
      for (const n of neighbours.get(at) ?? []) {
        if (seen.has(n)) continue;
        if (placed.has(n)) return n;
        seen.add(n);
        next.push(n);
      }
    }
    frontier = next;
  }
  return null;
}
