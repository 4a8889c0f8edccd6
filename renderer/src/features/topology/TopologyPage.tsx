import type { Edge, Node } from '@xyflow/react';
import { LayoutGrid, Maximize, Network, Plus, Search, Shuffle } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, IconButton } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { GraphCanvas } from '../../components/graph/GraphCanvas';
import { Legend, type LegendItem } from '../../components/graph/Legend';
import { useElkLayout } from '../../components/graph/use-elk-layout';
import { useStore } from '../../store';
import { bandedLayout } from './banded-layout';
import { NatPanel } from './NatPanel';
import { NewNetworkDialog } from './NewNetworkDialog';
import { buildTopologyGraph, searchTopology, type GraphEdgeSpec, type GraphNodeSpec, type TopoNodeData } from './topology-graph';
import { TopologyDetails } from './TopologyDetails';
import { EDGE_COLOR, GRAPH_COLOR, TOPOLOGY_FAR_VIEW, TOPOLOGY_NODE_TYPES } from './TopologyNodes';

const LEGEND: LegendItem[] = [
  { label: 'Host', color: GRAPH_COLOR.host, shape: 'box' },
  { label: 'Bridge', color: GRAPH_COLOR.bridge, shape: 'box' },
  { label: 'veth pair', color: GRAPH_COLOR.veth, shape: 'box' },
  { label: 'Container', color: GRAPH_COLOR.container, shape: 'box' },
  { label: 'netns sharer', color: GRAPH_COLOR.share, shape: 'box' },
  { label: 'Other driver', color: GRAPH_COLOR.other, shape: 'box' },
  { label: 'Published port', color: GRAPH_COLOR.nat, shape: 'box' },
  { label: 'veth cable', color: EDGE_COLOR['veth-ns'], shape: 'line' },
  { label: '--net=host', color: EDGE_COLOR['host-mode'], shape: 'dashed' },
  { label: 'container:X', color: EDGE_COLOR['shares-netns'], shape: 'dashed' },
  { label: 'stopped/none', color: EDGE_COLOR['attachment-stopped'], shape: 'dotted' },
];

const DASH: Partial<Record<GraphEdgeSpec['kind'], string>> = {
  'host-mode': '6 4',
  'shares-netns': '6 4',
  'attachment-stopped': '2 4',
  'none-mode': '2 4',
};

type TopoNode = Node<TopoNodeData>;

/** The network topology: host, bridges, veth pairs, containers and NAT, live. */
export function TopologyPage() {
  const topology = useStore((s) => s.topology);
  const error = useStore((s) => s.topologyError);
  const loadTopology = useStore((s) => s.loadTopology);
  const selected = useStore((s) => s.topologySelected);
  const select = useStore((s) => s.selectTopologyNode);
  const [query, setQuery] = useState('');
  const [fitRequest, setFitRequest] = useState(0);
  const [natOpen, setNatOpen] = useState(true);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    void loadTopology();
  }, [loadTopology]);

  const graph = useMemo(() => (topology ? buildTopologyGraph(topology) : null), [topology]);
  const layoutInput = useMemo(() => ({ nodes: graph?.nodes ?? [], edges: graph?.edges ?? [] }), [graph]);
  const layout = useElkLayout(layoutInput, { nodeGap: 14, layerGap: 50 }, bandedLayout);
  const nodes = useStableNodes(graph?.nodes ?? null, layout.positions, selected);
  const edges = useStableEdges(graph?.edges ?? null, nodes);
  const highlight = useMemo(() => (topology && query.trim() ? searchTopology(topology, query) : null), [topology, query]);

  const selectedExists = Boolean(selected && graph?.nodes.some((n) => n.id === selected));
  const counts = useMemo(() => {
    if (!topology) return null;
    let networks = 0;
    let containers = 0;
    for (const n of topology.nodes) {
      if (n.kind === 'bridge' || n.kind === 'network') networks++;
      if (n.kind === 'container') containers++;
    }
    return { networks, containers, veths: topology.vethPairs.length };
  }, [topology]);

  const onNodeClick = useCallback((id: string) => select(id), [select]);
  const onPaneClick = useCallback(() => select(null), [select]);

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="topology-page" data-layout-ms={layout.lastLayoutMs ?? undefined}>
      <div className="flex items-center gap-2 border-b border-line px-4 py-2">
        <h1 className="text-sm font-semibold">Network topology</h1>
        {counts ? (
          <span className="text-xs text-muted" data-testid="topology-counts">
            {counts.networks} networks · {counts.containers} containers · {counts.veths} veth pairs
          </span>
        ) : null}
        <div className="ml-auto flex items-center gap-1.5">
          <label className="flex h-7 items-center gap-1.5 rounded-md border border-line bg-panel px-2 text-xs focus-within:border-accent">
            <Search size={13} className="text-muted" />
            <input
              aria-label="Find a container"
              placeholder="Find container, IP, MAC, veth…"
              className="w-48 bg-transparent outline-none placeholder:text-muted"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') setFitRequest((n) => n + 1);
                if (e.key === 'Escape') setQuery('');
              }}
            />
            {highlight ? <span className="text-muted" data-testid="topology-search-count">{[...highlight].filter((id) => id.startsWith('container:')).length}</span> : null}
          </label>
          <IconButton label="Fit to view (or to the search results)" icon={<Maximize size={14} />} onClick={() => setFitRequest((n) => n + 1)} />
          <IconButton label="Lay the graph out again" icon={<Shuffle size={14} />} onClick={layout.relayout} />
          <Button size="sm" variant={natOpen ? 'secondary' : 'ghost'} icon={<LayoutGrid size={13} />} onClick={() => setNatOpen(!natOpen)} aria-pressed={natOpen}>
            NAT
          </Button>
          <Button size="sm" variant="primary" icon={<Plus size={13} />} onClick={() => setCreating(true)}>
            New network
          </Button>
        </div>
      </div>
      {error && !topology ? (
        <EmptyState title="Could not read the topology">{error}</EmptyState>
      ) : !topology || !layout.positions ? (
        <EmptyState icon={<Network size={28} />} title={layout.busy ? 'Laying out the graph…' : 'Reading the topology…'} />
      ) : (
        <div className="flex min-h-0 flex-1">
          <div className="flex min-w-0 flex-1 flex-col">
            <div className="min-h-0 flex-1">
              <GraphCanvas
                nodes={nodes}
                edges={edges}
                nodeTypes={TOPOLOGY_NODE_TYPES}
                farView={TOPOLOGY_FAR_VIEW}
                onNodeClick={onNodeClick}
                onPaneClick={onPaneClick}
                onNodeMoved={layout.moveNode}
                highlightIds={highlight}
                fitRequest={fitRequest}
                legend={<Legend items={LEGEND} />}
                label="Network topology graph"
                testId="topology-graph"
              />
            </div>
            {natOpen ? <NatPanel nat={topology.nat} topology={topology} onSelect={select} /> : null}
          </div>
          {selected && selectedExists ? <TopologyDetails nodeId={selected} topology={topology} onClose={() => select(null)} /> : null}
        </div>
      )}
      <NewNetworkDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

/**
 * xyflow nodes that keep their identity while what they show, where they are and whether they
 * are selected stay the same: xyflow then skips them, so an event re-renders only what changed.
 */
function useStableNodes(specs: GraphNodeSpec[] | null, positions: ReadonlyMap<string, { x: number; y: number }> | null, selected: string | null): TopoNode[] {
  const cache = useRef(new Map<string, { sig: string; x: number; y: number; selected: boolean; node: TopoNode }>());
  return useMemo(() => {
    if (!specs || !positions) return [];
    const next = new Map<string, { sig: string; x: number; y: number; selected: boolean; node: TopoNode }>();
    const out: TopoNode[] = [];
    for (const spec of specs) {
      const at = positions.get(spec.id);
      if (!at) continue; // New and not laid out yet: it appears once the layout is done.
      const isSelected = spec.id === selected;
      const old = cache.current.get(spec.id);
      const entry =
        old && old.sig === spec.sig && old.x === at.x && old.y === at.y && old.selected === isSelected
          ? old
          : {
              sig: spec.sig,
              x: at.x,
              y: at.y,
              selected: isSelected,
              node: { id: spec.id, type: spec.type, position: at, data: spec.data, width: spec.width, height: spec.height, selected: isSelected, style: { width: spec.width, height: spec.height } },
            };
      next.set(spec.id, entry);
      out.push(entry.node);
    }
    cache.current = next;
    return out;
  }, [specs, positions, selected]);
}

function useStableEdges(specs: GraphEdgeSpec[] | null, nodes: TopoNode[]): Edge[] {
  const cache = useRef(new Map<string, { sig: string; edge: Edge }>());
  return useMemo(() => {
    if (!specs) return [];
    const present = new Set(nodes.map((n) => n.id));
    const next = new Map<string, { sig: string; edge: Edge }>();
    const out: Edge[] = [];
    for (const spec of specs) {
      if (!present.has(spec.source) || !present.has(spec.target)) continue;
      const old = cache.current.get(spec.id);
      const entry = old && old.sig === spec.sig ? old : { sig: spec.sig, edge: toEdge(spec) };
      next.set(spec.id, entry);
      out.push(entry.edge);
    }
    cache.current = next;
    return out;
  }, [specs, nodes]);
}

function toEdge(spec: GraphEdgeSpec): Edge {
  const color = EDGE_COLOR[spec.kind];
  const veth = spec.kind === 'veth-host' || spec.kind === 'veth-ns';
  return {
    id: spec.id,
    source: spec.source,
    target: spec.target,
    selectable: false,
    focusable: false,
    label: spec.label,
    labelStyle: { fill: color, fontSize: 10, fontFamily: 'var(--font-mono)' },
    labelBgStyle: { fill: 'var(--pb-panel)', fillOpacity: 0.92 },
    labelBgPadding: [4, 2],
    labelBgBorderRadius: 3,
    style: { stroke: color, strokeWidth: veth ? 2.2 : 1.6, strokeDasharray: DASH[spec.kind] },
    data: { kind: spec.kind },
  };
}
