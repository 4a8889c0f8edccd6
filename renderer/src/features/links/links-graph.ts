/**
 * The links graph as xyflow nodes and edges: containers (with handles to drag a link from a
 * client to a target), user networks as their own kind of node, link edges labelled with the alias.
 */
import type { LinkGraphEdge, LinkGraphNode, LinkNetworkGroup, LinksGraph } from '../../../../shared/links/model';

export const CONTAINER_SIZE = { width: 210, height: 66 };
export const NETWORK_SIZE = { width: 170, height: 46 };

export interface ContainerNodeData extends Record<string, unknown> {
  container: LinkGraphNode;
  /** Links it has as a client / as a target. */
  outgoing: number;
  incoming: number;
}

export interface NetworkNodeData extends Record<string, unknown> {
  group: LinkNetworkGroup;
}

export interface LinkNodeSpec {
  id: string;
  type: 'container' | 'network';
  width: number;
  height: number;
  partition?: number;
  data: ContainerNodeData | NetworkNodeData;
  /** Changes when what the node shows changes. */
  sig: string;
}

export interface LinkEdgeSpec {
  id: string;
  source: string;
  target: string;
  kind: 'link' | 'member';
  label: string;
  link?: LinkGraphEdge;
  sig: string;
}

export const containerNodeId = (id: string) => `c:${id}`;
export const networkNodeId = (name: string) => `n:${name}`;
export const linkEdgeId = (link: { client: string; alias: string }) => `link:${link.client}:${link.alias}`;

export function buildLinksGraph(graph: LinksGraph): { nodes: LinkNodeSpec[]; edges: LinkEdgeSpec[] } {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const outgoing = new Map<string, number>();
  const incoming = new Map<string, number>();
  const edges: LinkEdgeSpec[] = [];
  for (const link of graph.links) {
    if (!link.targetId || !ids.has(link.targetId)) continue;
    outgoing.set(link.clientId, (outgoing.get(link.clientId) ?? 0) + 1);
    incoming.set(link.targetId, (incoming.get(link.targetId) ?? 0) + 1);
    edges.push({
      id: linkEdgeId(link),
      source: containerNodeId(link.clientId),
      target: containerNodeId(link.targetId),
      kind: 'link',
      label: link.alias,
      link,
      sig: `${link.raw}`,
    });
  }
  const nodes: LinkNodeSpec[] = graph.nodes.map((container) => {
    const data: ContainerNodeData = { container, outgoing: outgoing.get(container.id) ?? 0, incoming: incoming.get(container.id) ?? 0 };
    return {
      id: containerNodeId(container.id),
      type: 'container',
      ...CONTAINER_SIZE,
      data,
      sig: JSON.stringify([container.state, container.bridgeIp, container.networks, data.outgoing, data.incoming, container.name]),
    };
  });
  for (const group of graph.networks) {
    nodes.push({ id: networkNodeId(group.network), type: 'network', ...NETWORK_SIZE, data: { group }, sig: JSON.stringify(group) });
    for (const member of group.members) {
      edges.push({
        id: `member:${group.network}:${member.id}`,
        source: containerNodeId(member.id),
        target: networkNodeId(group.network),
        kind: 'member',
        label: member.aliases.join(', '),
        sig: member.aliases.join(','),
      });
    }
  }
  return { nodes, edges };
}
