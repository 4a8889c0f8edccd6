import { BaseEdge, EdgeLabelRenderer, getBezierPath, Handle, Position, type EdgeProps, type EdgeTypes, type Node, type NodeProps, type NodeTypes, type Edge } from '@xyflow/react';
import { Box, Globe, Link2 } from 'lucide-react';
import { createContext, memo, useContext, type CSSProperties } from 'react';
import type { LinkGraphEdge } from '../../../../shared/links/model';
import type { FarView } from '../../components/graph/GraphCanvas';
import type { ContainerNodeData, NetworkNodeData } from './links-graph';

export const LINK_COLOR = {
  container: 'var(--pb-graph-container)',
  stopped: 'var(--pb-graph-stopped)',
  link: 'var(--pb-accent)',
  network: 'var(--pb-graph-share)',
};

/** What an edge label does when clicked (remove the link): given by the page. */
export const LinkEdgeActions = createContext<{ onLinkClick(link: LinkGraphEdge): void }>({ onLinkClick: () => undefined });

const handleBase: CSSProperties = { width: 12, height: 12, borderRadius: 6, top: '50%', border: '2px solid var(--pb-panel)', opacity: 1 };

const ContainerNodeView = memo(function ContainerNodeView({ data, selected }: NodeProps<Node<ContainerNodeData>>) {
  const c = data.container;
  const color = c.running ? LINK_COLOR.container : LINK_COLOR.stopped;
  const style: CSSProperties = {
    borderColor: selected ? 'var(--pb-accent)' : `color-mix(in srgb, ${color} 55%, var(--pb-line))`,
    boxShadow: selected ? '0 0 0 2px var(--pb-accent)' : '0 1px 2px rgb(0 0 0 / 0.12)',
    background: `linear-gradient(180deg, color-mix(in srgb, ${color} 10%, var(--pb-panel)) 0%, var(--pb-panel) 70%)`,
  };
  return (
    <div className="relative h-full w-full rounded-[10px] border-[1.5px] text-fg" style={style} data-testid={`links-node-${c.name}`} title={`Container ${c.name}: drag from the right dot to another container to link them`}>
      <Handle
        type="target"
        position={Position.Left}
        style={{ ...handleBase, background: LINK_COLOR.link }}
        data-testid={`links-handle-in-${c.name}`}
        title={`Drop here: ${c.name} becomes the link's target`}
      />
      <div className="flex h-full flex-col justify-center gap-1 overflow-hidden py-2 pl-4 pr-4">
        <div className="flex items-center gap-1.5">
          <Box size={13} style={{ color }} className="shrink-0" />
          <span className="truncate text-[12.5px] font-semibold">{c.name}</span>
          {data.outgoing ? (
            <span className="ml-auto inline-flex shrink-0 items-center gap-0.5 rounded px-1 text-[10px] font-medium text-accent" title={`${data.outgoing} link${data.outgoing === 1 ? '' : 's'} as client`}>
              <Link2 size={10} />
              {data.outgoing}
            </span>
          ) : null}
        </div>
        <div className="truncate font-mono text-[10.5px] text-muted">
          {c.running ? (c.bridgeIp ?? c.networks.find((n) => n.ip)?.ip ?? (c.networkMode === 'default' || c.networkMode === 'bridge' ? 'no address' : `--network ${c.networkMode}`)) : c.state}
          {c.networks.length ? ` · ${c.networks.map((n) => n.network).join(', ')}` : ''}
        </div>
      </div>
      <Handle
        type="source"
        position={Position.Right}
        style={{ ...handleBase, background: color }}
        data-testid={`links-handle-out-${c.name}`}
        title={`Drag from here to the container ${c.name} should link to`}
      />
    </div>
  );
});

const NetworkNodeView = memo(function NetworkNodeView({ data, selected }: NodeProps<Node<NetworkNodeData>>) {
  const g = data.group;
  return (
    <div
      className="flex h-full w-full items-center gap-2 rounded-full border-[1.5px] border-dashed px-3.5 text-fg"
      style={{ borderColor: selected ? 'var(--pb-accent)' : LINK_COLOR.network, background: `color-mix(in srgb, ${LINK_COLOR.network} 9%, var(--pb-panel))` }}
      data-testid={`links-network-${g.network}`}
      title={`User network ${g.network}: its containers find each other by name and alias through the engine's DNS`}
    >
      <Handle type="target" position={Position.Left} style={{ top: '50%', opacity: 0 }} isConnectable={false} />
      <Globe size={14} style={{ color: LINK_COLOR.network }} className="shrink-0" />
      <div className="min-w-0">
        <div className="truncate text-[12px] font-semibold">{g.network}</div>
        <div className="truncate text-[10px] text-muted">user network · DNS · {g.members.length} containers</div>
      </div>
    </div>
  );
});

/** Zoomed out, the graph is boxes in these colours (see `GraphCanvas` farView). */
export const LINK_FAR_VIEW: FarView<Node<ContainerNodeData | NetworkNodeData>> = {
  colorOf: (node) => {
    const { container } = node.data as Partial<ContainerNodeData>;
    return container ? (container.running ? LINK_COLOR.container : LINK_COLOR.stopped) : LINK_COLOR.network;
  },
  titleOf: (node) => {
    const { container, group } = node.data as Partial<ContainerNodeData & NetworkNodeData>;
    return container ? `Container ${container.name}` : `User network ${group?.network ?? node.id}`;
  },
  labelOf: (node) => {
    const { container, group } = node.data as Partial<ContainerNodeData & NetworkNodeData>;
    return container?.name ?? group?.network ?? node.id;
  },
};

export const LINK_NODE_TYPES: NodeTypes = { container: ContainerNodeView, network: NetworkNodeView };

export interface LinkEdgeData extends Record<string, unknown> {
  link: LinkGraphEdge;
}

function LinkEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd }: EdgeProps<Edge<LinkEdgeData>>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const actions = useContext(LinkEdgeActions);
  const link = data?.link;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={{ stroke: LINK_COLOR.link, strokeWidth: 2 }} />
      {link ? (
        <EdgeLabelRenderer>
          <button
            type="button"
            className="nodrag nopan absolute rounded-md border border-line bg-panel px-1.5 py-px font-mono text-[10.5px] text-accent shadow-sm hover:bg-hover"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, pointerEvents: 'all' }}
            data-testid={`links-edge-${link.client}-${link.alias}`}
            title={`${link.label} — click to remove this link`}
            onClick={() => actions.onLinkClick(link)}
          >
            as {link.alias}
          </button>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const LINK_EDGE_TYPES: EdgeTypes = { link: LinkEdgeView };
