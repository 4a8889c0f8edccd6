import { Handle, MarkerType, Position, type Edge, type Node, type NodeProps } from '@xyflow/react';
import { Database, GitFork } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type { Lineage, LineageNode } from '../../../../shared/volumes/model';
import { client, messageOf } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { GraphCanvas, type FarView } from '../../components/graph/GraphCanvas';
import { Legend, type LegendItem } from '../../components/graph/Legend';
import { useElkLayout } from '../../components/graph/use-elk-layout';
import { useStore } from '../../store';

type LineageNodeData = { node: LineageNode };
type FlowNode = Node<LineageNodeData, 'lineage'>;

const NODE_WIDTH = 290;
const nodeHeight = (n: LineageNode) => 46 + Math.max(1, n.volumes.length) * 19;

const COLORS = { data: 'var(--pb-graph-other)', container: 'var(--pb-graph-container)', stopped: 'var(--pb-graph-stopped)', edge: 'var(--pb-graph-edge)' };
const LEGEND: LegendItem[] = [
  { label: 'Data container', color: COLORS.data, shape: 'box' },
  { label: 'Container', color: COLORS.container, shape: 'box' },
  { label: '--volumes-from (rw)', color: COLORS.edge, shape: 'line' },
  { label: '--volumes-from :ro', color: COLORS.edge, shape: 'dashed' },
];

function LineageCard({ data }: NodeProps<FlowNode>) {
  const { node } = data;
  const color = colorOf(node);
  return (
    <div className="rounded-lg border-2 bg-panel px-3 py-2 text-[12px] shadow-sm" style={{ borderColor: color, width: NODE_WIDTH }} data-testid={`lineage-node-${node.name}`}>
      <Handle type="target" position={Position.Left} className="!bg-line" />
      <div className="mb-1 flex items-center gap-1.5">
        {node.dataContainer ? <Database size={13} style={{ color }} /> : <GitFork size={13} style={{ color }} />}
        <b className="truncate">{node.name}</b>
        <span className="ml-auto text-[10.5px] text-muted">{node.dataContainer ? 'data container' : node.state}</span>
      </div>
      <ul className="space-y-0.5">
        {node.volumes.length === 0 ? <li className="text-muted">no volumes</li> : null}
        {node.volumes.map((v) => (
          <li key={`${v.destination}`} className="flex items-center gap-1.5 font-mono text-[11px]">
            <span className="truncate" title={v.name}>{v.destination}</span>
            <span className="truncate text-muted">{v.anonymous ? `${v.name.slice(0, 8)}…` : v.name}</span>
            <span className={`ml-auto rounded px-1 text-[9.5px] font-semibold ${v.readWrite ? 'bg-ok/10 text-ok' : 'bg-warn/10 text-warn'}`}>{v.readWrite ? 'RW' : 'RO'}</span>
          </li>
        ))}
      </ul>
      <Handle type="source" position={Position.Right} className="!bg-line" />
    </div>
  );
}

const NODE_TYPES = { lineage: LineageCard };

const colorOf = (node: LineageNode) => (node.dataContainer ? COLORS.data : node.state === 'running' ? COLORS.container : COLORS.stopped);

/** Zoomed out, the graph is boxes in these colours (see `GraphCanvas` farView). */
const FAR_VIEW: FarView<FlowNode> = { colorOf: (n) => colorOf(n.data.node), titleOf: (n) => n.data.node.name, labelOf: (n) => n.data.node.name };

/** The `--volumes-from` graph: data containers on the left, who takes their volumes to the right. */
export function LineageView() {
  const containersRevision = useStore((s) => s.containersRevision);
  const [lineage, setLineage] = useState<Lineage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.request('volumes:lineage', {}).then(
      (l) => (setLineage(l), setError(null)),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [containersRevision]);

  const layoutInput = useMemo(
    () => ({
      nodes: (lineage?.nodes ?? []).map((n) => ({ id: n.id, width: NODE_WIDTH, height: nodeHeight(n) })),
      edges: (lineage?.edges ?? []).map((e) => ({ id: `${e.from}->${e.to}`, source: e.from, target: e.to })),
    }),
    [lineage],
  );
  const layout = useElkLayout(layoutInput, { nodeGap: 24, layerGap: 90 });
  const nodes: FlowNode[] = useMemo(
    () =>
      (lineage?.nodes ?? []).flatMap((n) => {
        const position = layout.positions?.get(n.id);
        return position ? [{ id: n.id, type: 'lineage' as const, position, data: { node: n } }] : [];
      }),
    [lineage, layout.positions],
  );
  const edges: Edge[] = useMemo(
    () =>
      (lineage?.edges ?? []).map((e) => ({
        id: `${e.from}->${e.to}`,
        source: e.from,
        target: e.to,
        label: e.mode === 'ro' ? ':ro' : 'rw',
        style: { stroke: COLORS.edge, strokeWidth: 2, ...(e.mode === 'ro' ? { strokeDasharray: '6 4' } : {}) },
        markerEnd: { type: MarkerType.ArrowClosed, color: 'var(--pb-graph-edge)' },
        labelStyle: { fontSize: 11, fill: 'var(--pb-muted)' },
        labelBgStyle: { fill: 'var(--pb-panel)' },
      })),
    [lineage],
  );

  if (error) return <EmptyState title="Could not build the lineage">{error}</EmptyState>;
  if (!lineage) return <EmptyState title="Loading…" />;
  if (lineage.nodes.length === 0) {
    return (
      <EmptyState icon={<GitFork size={28} />} title="No --volumes-from chains">
        When a container takes the volumes of another (docker run --volumes-from data), the chain shows here with each container’s volumes and modes.
      </EmptyState>
    );
  }
  return (
    <div className="min-h-0 flex-1">
      <GraphCanvas
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        farView={FAR_VIEW}
        onNodeMoved={layout.moveNode}
        legend={<Legend items={LEGEND} />}
        label="Volume lineage"
        testId="lineage-graph"
        overlay={lineage.dangling.length ? <div className="rounded-md bg-warn/10 px-2 py-1 text-[11px] text-warn">{lineage.dangling.map((d) => `${d.container} names ${d.ref}, which is gone`).join('; ')}</div> : undefined}
      />
    </div>
  );
}
