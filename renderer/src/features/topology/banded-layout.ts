/**
 * The layout of a large topology: one band per network, its containers tiled in a grid.
 *
 * A layered layout puts every container in one column: 300 containers make a column 25,000 px
 * tall that fits the screen at 2 % zoom, a thin line. Here each network is a band: the bridge
 * on the left, then its containers as cells (the container's veth pairs, the container, any
 * `container:X` sharers) in rows of the same number of cells. That number is chosen so the whole
 * graph is about as wide as a screen is, so "fit" shows every container as a box. Linear in the
 * number of nodes; the order of cells is the containers' names, so a container is easy to find.
 */
import { bandGrid, type Band, type BandGridOptions, type Cell } from '../../components/graph/band-grid';
import type { Point } from '../../components/graph/layout';
import type { GraphEdgeSpec, GraphNodeSpec } from './topology-graph';

export type BandedLayoutOptions = Pick<BandGridOptions, 'aspect' | 'gap' | 'columnGap' | 'bandGap'>;

type NodeSpec = Pick<GraphNodeSpec, 'id' | 'type' | 'width' | 'height' | 'data'>;
type EdgeSpec = Pick<GraphEdgeSpec, 'source' | 'target' | 'kind'>;

export function bandedLayout(graph: { nodes: readonly NodeSpec[]; edges: readonly EdgeSpec[] }, options: BandedLayoutOptions = {}): Map<string, Point> {
  const gap = options.gap ?? 14;
  const columnGap = options.columnGap ?? 60;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, EdgeSpec[]>();
  const outgoing = new Map<string, EdgeSpec[]>();
  for (const e of graph.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    (incoming.get(e.target) ?? incoming.set(e.target, []).get(e.target)!).push(e);
    (outgoing.get(e.source) ?? outgoing.set(e.source, []).get(e.source)!).push(e);
  }

  // Bands in input order (the builder lists default bridge first), then the host's own stack.
  const bands = new Map<string, Band>();
  for (const n of graph.nodes) if (n.type === 'bridge' || n.type === 'network') bands.set(n.id, { head: n, cells: [] });
  const hostBand: Band = { head: null, cells: [] };
  const host = graph.nodes.find((n) => n.type === 'host') ?? null;

  const placed = new Set<string>();
  const containers = graph.nodes.filter((n) => n.type === 'container').sort((a, b) => nameOf(a).localeCompare(nameOf(b)) || a.id.localeCompare(b.id));
  const sharerIds = new Set(graph.edges.filter((e) => e.kind === 'shares-netns').map((e) => e.target));
  for (const container of containers) {
    if (sharerIds.has(container.id) && byId.has(ownerOf(container.id, incoming) ?? '')) continue; // drawn in its owner's cell
    const veths = (incoming.get(container.id) ?? []).filter((e) => e.kind === 'veth-ns').map((e) => byId.get(e.source)!);
    const sharers = (outgoing.get(container.id) ?? []).filter((e) => e.kind === 'shares-netns').map((e) => byId.get(e.target)!);
    const cell = makeCell(container, veths, sharers, gap);
    for (const m of cell.members) placed.add(m.id);
    // The band of the network behind its first veth, else of whatever it is attached to.
    const from = veths.length ? (incoming.get(veths[0].id) ?? [])[0]?.source : (incoming.get(container.id) ?? []).find((e) => e.kind !== 'shares-netns')?.source;
    (bands.get(from ?? '') ?? hostBand).cells.push(cell);
  }
  // Anything left (a veth whose container is missing, a sharer of a gone owner): a cell of its own.
  for (const n of graph.nodes) {
    if (placed.has(n.id) || n.type === 'host' || n.type === 'bridge' || n.type === 'network') continue;
    const from = (incoming.get(n.id) ?? [])[0]?.source;
    (bands.get(from ?? '') ?? hostBand).cells.push({ width: n.width, height: n.height, members: [{ id: n.id, at: { x: 0, y: 0 } }] });
  }

  const allBands = [...bands.values(), ...(hostBand.cells.length ? [hostBand] : [])];
  const { positions, height } = bandGrid(allBands, { ...options, gap, columnGap, left: host ? host.width + columnGap : 0 });
  if (host) positions.set(host.id, { x: 0, y: Math.max(0, (height - host.height) / 2) });
  return positions;
}

function nameOf(node: NodeSpec): string {
  return node.data.kind === 'container' ? node.data.container.name : node.id;
}

/** The container whose namespace `id` shares. */
function ownerOf(id: string, incoming: ReadonlyMap<string, EdgeSpec[]>): string | null {
  return (incoming.get(id) ?? []).find((e) => e.kind === 'shares-netns')?.source ?? null;
}

/** veths stacked on the left, the container beside their middle, sharers stacked on its right. */
function makeCell(container: NodeSpec, veths: NodeSpec[], sharers: NodeSpec[], gap: number): Cell {
  const stack = (nodes: NodeSpec[]) => nodes.reduce((sum, n) => sum + n.height, 0) + gap * Math.max(0, nodes.length - 1);
  const vethWidth = Math.max(0, ...veths.map((v) => v.width));
  const height = Math.max(stack(veths), container.height, stack(sharers));
  const members: Cell['members'] = [];
  let y = (height - stack(veths)) / 2;
  for (const v of veths) {
    members.push({ id: v.id, at: { x: 0, y } });
    y += v.height + gap;
  }
  const containerX = veths.length ? vethWidth + gap * 2 : 0;
  members.push({ id: container.id, at: { x: containerX, y: (height - container.height) / 2 } });
  const sharerX = containerX + container.width + gap * 2;
  y = (height - stack(sharers)) / 2;
  for (const s of sharers) {
    members.push({ id: s.id, at: { x: sharerX, y } });
    y += s.height + gap;
  }
  const width = sharers.length ? sharerX + Math.max(...sharers.map((s) => s.width)) : containerX + container.width;
  return { width, height, members };
}



