/**
 * Builds the network topology view model from engine inspects and host readings.
 *
 * Pure and linear: every lookup goes through maps built once in `buildTopologyIndex`. The
 * output is sorted by names and ids so equal inputs give equal graphs (cheap UI diffing).
 */
import type { EngineContainerInspect } from '../containers/engine-inspect';
import { buildContainerNode, namespaceEdge, parseNetworkMode } from './container-nodes';
import type { EngineNetworkInspect } from './engine-network';
import type { HostInterfaces } from './host-interfaces';
import { matchVeths, type BridgeEndpoint } from './match-veths';
import type { ContainerNode, HostNode, Topology, TopologyEdge, VethPair } from './model';
import { buildNatView } from './nat-view';
import type { NatTable } from './nat-table';
import { buildNetworkNodes, endpointGateways, networkNodeId } from './network-nodes';
import { buildTopologyIndex, endpointNetwork } from './topology-index';

export interface BuildTopologyInput {
  networks: readonly EngineNetworkInspect[];
  containers: readonly EngineContainerInspect[];
  /** Null when the host cannot be read (remote engine): host sides of veths become unknown. */
  hostInterfaces: HostInterfaces | null;
  /** Null when `iptables-save` could not run: NAT rules are then derived from published ports. */
  nat: NatTable | null;
  ipForward: boolean | null;
}

export function buildTopology(input: BuildTopologyInput): Topology {
  const { networks, containers, hostInterfaces } = input;
  const index = buildTopologyIndex(networks, containers, hostInterfaces);
  const host: HostNode = { kind: 'host', id: 'host', ipForward: input.ipForward, interfacesRead: hostInterfaces !== null };
  const networkNodes = buildNetworkNodes(networks, endpointGateways(containers), index.hostLinksByName).sort(byName);
  const containerNodes: ContainerNode[] = [];
  const vethPairs: VethPair[] = [];
  const edges: TopologyEdge[] = [];

  for (const container of [...containers].sort((a, b) => a.Name.localeCompare(b.Name))) {
    const node = buildContainerNode(container, parseNetworkMode(container.HostConfig.NetworkMode, index));
    containerNodes.push(node);
    const modeEdge = namespaceEdge(node, index);
    if (modeEdge) edges.push(modeEdge);
    // Host, none and container modes have no endpoints of their own worth drawing.
    if (node.networkMode.kind !== 'network') continue;
    const bridgeEndpoints: BridgeEndpoint[] = [];
    for (const [key, endpoint] of Object.entries(container.NetworkSettings.Networks ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      const network = endpointNetwork(index, key, endpoint);
      if (!network) continue;
      if (node.running && network.Driver === 'bridge' && (endpoint.IPAddress || endpoint.MacAddress)) {
        bridgeEndpoints.push({ network, endpoint });
        continue;
      }
      edges.push({
        kind: 'attachment',
        id: `attachment:${container.Id}:${network.Id}`,
        from: node.id,
        to: networkNodeId(network.Id),
        active: node.running,
        ipAddress: endpoint.IPAddress || null,
        macAddress: endpoint.MacAddress ? endpoint.MacAddress.toLowerCase() : null,
      });
    }
    if (bridgeEndpoints.length > 0) {
      vethPairs.push(...matchVeths(container, bridgeEndpoints, hostInterfaces?.containers[container.Id], index));
    }
  }

  return {
    nodes: [host, ...networkNodes, ...containerNodes],
    vethPairs,
    edges,
    nat: buildNatView(input.nat, input.ipForward, containers, index),
  };
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}
