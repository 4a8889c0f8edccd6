/**
 * Turns the core's Topology into what the canvas draws: sized, typed nodes with a column band
 * (host | networks | veth pairs | containers | namespace sharers) and styled edges.
 *
 * Pure, so the page can memoise it per topology revision. Each node and edge carries `sig`, a
 * string of everything it shows: the page reuses the previous xyflow object while `sig` is
 * unchanged, so an event re-renders only what it touched.
 */
import type {
  BridgeNetworkNode,
  ContainerNode,
  DnatView,
  HostNode,
  OtherNetworkNode,
  Topology,
  TopologyNode,
  VethPair,
} from '../../../../shared/topology/model';

export const NODE_SIZE = {
  host: { width: 236, height: 118 },
  bridge: { width: 272, height: 142 },
  network: { width: 236, height: 88 },
  veth: { width: 360, height: 52 },
  container: { width: 256, height: 72 },
} as const;

export type TopoNodeType = keyof typeof NODE_SIZE;

export interface HostData {
  kind: 'host';
  ipForward: HostNode['ipForward'];
  interfacesRead: boolean;
  readMethod: 'sysfs' | 'procfs' | null;
  natSource: Topology['nat']['source'];
  hostModeContainers: number;
  [key: string]: unknown;
}

export interface BridgeData {
  kind: 'bridge';
  network: BridgeNetworkNode;
  endpoints: number;
  [key: string]: unknown;
}

export interface NetworkData {
  kind: 'network';
  network: OtherNetworkNode;
  endpoints: number;
  [key: string]: unknown;
}

export interface VethData {
  kind: 'veth';
  pair: VethPair;
  networkName: string;
  containerName: string;
  [key: string]: unknown;
}

export interface ContainerData {
  kind: 'container';
  container: ContainerNode;
  /** `172.17.0.2/16` per bridge endpoint, plus attachment addresses. */
  addresses: string[];
  networks: string[];
  /** Published ports, e.g. `127.0.0.1:5080 → 80/tcp`. */
  ports: string[];
  /** For `container:X`: whose namespace and what that gives. */
  sharesWith: { name: string; addresses: string[]; veths: string[] } | null;
  [key: string]: unknown;
}

export type TopoNodeData = HostData | BridgeData | NetworkData | VethData | ContainerData;

export interface GraphNodeSpec {
  id: string;
  type: TopoNodeType;
  width: number;
  height: number;
  partition: number;
  data: TopoNodeData;
  sig: string;
}

export type TopoEdgeKind = 'device' | 'veth-host' | 'veth-ns' | 'attachment' | 'attachment-stopped' | 'host-mode' | 'none-mode' | 'shares-netns';

export interface GraphEdgeSpec {
  id: string;
  source: string;
  target: string;
  kind: TopoEdgeKind;
  label?: string;
  sig: string;
}

export interface TopologyGraph {
  nodes: GraphNodeSpec[];
  edges: GraphEdgeSpec[];
  /** Node ids by container id, for search. */
  containerNodeIds: Map<string, string>;
}

export function formatDnat(d: DnatView): string {
  return `${d.hostIp ?? '0.0.0.0'}:${d.hostPort} → ${d.containerPort}/${d.protocol}`;
}

/** The veth pair owned by a `container:X` sharer's target, following chains (X itself shares). */
function namespaceOwner(node: ContainerNode, byId: ReadonlyMap<string, ContainerNode>): ContainerNode | null {
  let at: ContainerNode | undefined = node;
  for (let i = 0; i < 8 && at && at.networkMode.kind === 'container'; i++) {
    at = at.networkMode.targetContainerId ? byId.get(`container:${at.networkMode.targetContainerId}`) : undefined;
  }
  return at && at !== node ? at : null;
}

export function buildTopologyGraph(topology: Topology): TopologyGraph {
  const nodesById = new Map<string, TopologyNode>(topology.nodes.map((n) => [n.id, n]));
  const containers = new Map<string, ContainerNode>();
  for (const n of topology.nodes) if (n.kind === 'container') containers.set(n.id, n);
  const hostNetworkIds = new Set(topology.nodes.filter((n): n is OtherNetworkNode => n.kind === 'network' && n.driver === 'host').map((n) => n.id));
  const pairsByContainer = new Map<string, VethPair[]>();
  const endpointsByNetwork = new Map<string, number>();
  for (const p of topology.vethPairs) {
    (pairsByContainer.get(p.containerNodeId) ?? pairsByContainer.set(p.containerNodeId, []).get(p.containerNodeId)!).push(p);
    endpointsByNetwork.set(p.networkNodeId, (endpointsByNetwork.get(p.networkNodeId) ?? 0) + 1);
  }
  const attachmentsByContainer = new Map<string, { network: string; ip: string | null }[]>();
  for (const e of topology.edges) {
    if (e.kind !== 'attachment') continue;
    const name = nameOf(nodesById.get(e.to));
    (attachmentsByContainer.get(e.from) ?? attachmentsByContainer.set(e.from, []).get(e.from)!).push({ network: name, ip: e.ipAddress });
    if (e.active) endpointsByNetwork.set(e.to, (endpointsByNetwork.get(e.to) ?? 0) + 1);
  }
  const portsByContainer = new Map<string, string[]>();
  for (const d of topology.nat.dnat) {
    if (!d.containerNodeId) continue;
    (portsByContainer.get(d.containerNodeId) ?? portsByContainer.set(d.containerNodeId, []).get(d.containerNodeId)!).push(formatDnat(d));
  }

  const nodes: GraphNodeSpec[] = [];
  const edges: GraphEdgeSpec[] = [];
  const containerNodeIds = new Map<string, string>();
  const push = (id: string, type: TopoNodeType, partition: number, data: TopoNodeData) =>
    nodes.push({ id, type, partition, ...NODE_SIZE[type], data, sig: JSON.stringify(data) });
  const edge = (kind: TopoEdgeKind, id: string, source: string, target: string, label?: string) =>
    edges.push({ id, source, target, kind, label, sig: `${kind}|${source}|${target}|${label ?? ''}` });

  const readMethod = topology.vethPairs.find((p) => p.readMethod)?.readMethod ?? null;
  for (const n of topology.nodes) {
    if (n.kind === 'host') {
      const hostModeContainers = topology.edges.filter((e) => e.kind === 'host-mode').length;
      push('host', 'host', 0, { kind: 'host', ipForward: n.ipForward, interfacesRead: n.interfacesRead, readMethod, natSource: topology.nat.source, hostModeContainers });
    } else if (n.kind === 'bridge') {
      push(n.id, 'bridge', 1, { kind: 'bridge', network: n, endpoints: endpointsByNetwork.get(n.id) ?? 0 });
      edge('device', `device:${n.id}`, 'host', n.id);
    } else if (n.kind === 'network') {
      // The `host` network is the host's own stack: drawn as the host node itself.
      if (hostNetworkIds.has(n.id)) continue;
      push(n.id, 'network', 1, { kind: 'network', network: n, endpoints: endpointsByNetwork.get(n.id) ?? 0 });
      edge('device', `device:${n.id}`, 'host', n.id);
    }
  }
  for (const p of topology.vethPairs) {
    const container = containers.get(p.containerNodeId);
    push(p.id, 'veth', 2, { kind: 'veth', pair: p, networkName: nameOf(nodesById.get(p.networkNodeId)), containerName: container?.name ?? '' });
    edge('veth-host', `${p.id}:host`, p.networkNodeId, p.id);
    edge('veth-ns', `${p.id}:ns`, p.id, p.containerNodeId);
  }
  for (const c of containers.values()) {
    containerNodeIds.set(c.containerId, c.id);
    const pairs = pairsByContainer.get(c.id) ?? [];
    const attachments = attachmentsByContainer.get(c.id) ?? [];
    const owner = c.networkMode.kind === 'container' ? namespaceOwner(c, containers) : null;
    const ownerPairs = owner ? (pairsByContainer.get(owner.id) ?? []) : [];
    // Columns: containers on networks behind the veths; host- and none-mode ones (no veth of
    // their own) in the veth column, which keeps the graph wide rather than tall.
    const partition = c.networkMode.kind === 'container' ? 4 : c.networkMode.kind === 'network' ? 3 : 2;
    push(c.id, 'container', partition, {
      kind: 'container',
      container: c,
      addresses: [...pairs.map((p) => `${p.container.ipAddress}/${p.container.prefixLen}`), ...attachments.filter((a) => a.ip).map((a) => a.ip!)],
      networks: [...pairs.map((p) => nameOf(nodesById.get(p.networkNodeId))), ...attachments.map((a) => a.network)],
      ports: portsByContainer.get(c.id) ?? [],
      sharesWith: owner
        ? { name: owner.name, addresses: ownerPairs.map((p) => `${p.container.ipAddress}/${p.container.prefixLen}`), veths: ownerPairs.map((p) => p.host.name ?? '?') }
        : c.networkMode.kind === 'container'
          ? { name: c.networkMode.target, addresses: [], veths: [] }
          : null,
    });
  }
  for (const e of topology.edges) {
    if (e.kind === 'attachment') {
      edge(e.active ? 'attachment' : 'attachment-stopped', e.id, e.to, e.from, e.active ? (e.ipAddress ?? undefined) : undefined);
    } else if (e.kind === 'host-mode') {
      edge('host-mode', e.id, 'host', e.from);
    } else if (e.kind === 'none-mode') {
      if (e.to) edge('none-mode', e.id, e.to, e.from);
    } else if (e.kind === 'shares-netns') {
      if (e.to) edge('shares-netns', e.id, e.to, e.from);
    }
  }
  return { nodes, edges, containerNodeIds };
}

function nameOf(node: TopologyNode | undefined): string {
  if (!node) return '?';
  if (node.kind === 'host') return 'host';
  if (node.kind === 'bridge') return node.name;
  return node.name;
}

/** Container node ids (and their veth nodes) whose name, id, IP or MAC contains `query`. */
export function searchTopology(topology: Topology, query: string): Set<string> {
  const q = query.trim().toLowerCase();
  const hits = new Set<string>();
  if (!q) return hits;
  const pairs = new Map<string, VethPair[]>();
  for (const p of topology.vethPairs) (pairs.get(p.containerNodeId) ?? pairs.set(p.containerNodeId, []).get(p.containerNodeId)!).push(p);
  for (const n of topology.nodes) {
    if (n.kind !== 'container') continue;
    const own = pairs.get(n.id) ?? [];
    const text = [n.name, n.containerId.slice(0, 12), ...own.flatMap((p) => [p.container.ipAddress, p.container.macAddress, p.host.name ?? ''])].join(' ').toLowerCase();
    if (!text.includes(q)) continue;
    hits.add(n.id);
    for (const p of own) hits.add(p.id);
  }
  return hits;
}
