/**
 * Lookup maps built once per `buildTopology` call so every later step is O(1) per item.
 *
 * Keeping them in one place keeps the builder linear: 300 containers on 10 networks must not
 * turn into nested scans.
 */
import type { EngineContainerInspect, EngineEndpoint } from '../containers/engine-inspect';
import type { EngineNetworkInspect } from './engine-network';
import type { HostInterfaces, HostLink } from './host-interfaces';
import { normalizeIpv4Cidr } from './ipv4';

export interface EndpointRef {
  container: EngineContainerInspect;
  network: EngineNetworkInspect;
  endpoint: EngineEndpoint;
}

export interface TopologyIndex {
  networksById: Map<string, EngineNetworkInspect>;
  networksByName: Map<string, EngineNetworkInspect>;
  /** Normalised IPv4 subnet → network. */
  networksBySubnet: Map<string, EngineNetworkInspect>;
  containersById: Map<string, EngineContainerInspect>;
  /** Name without the leading slash. */
  containersByName: Map<string, EngineContainerInspect>;
  /** Container IPv4 → its endpoint (running containers only have addresses). */
  endpointsByIp: Map<string, EndpointRef>;
  hostLinksByName: Map<string, HostLink> | null;
  hostLinksByIfindex: Map<number, HostLink> | null;
  /** Peer index → host veths pointing at it; ordinary devices (iflink = ifindex) are left out. */
  hostVethsByIflink: Map<number, HostLink[]> | null;
}

/** Resolves an endpoint's network by id, falling back to the key it is listed under (its name). */
export function endpointNetwork(index: TopologyIndex, key: string, endpoint: EngineEndpoint): EngineNetworkInspect | undefined {
  return index.networksById.get(endpoint.NetworkID) ?? index.networksByName.get(key);
}

export function buildTopologyIndex(
  networks: readonly EngineNetworkInspect[],
  containers: readonly EngineContainerInspect[],
  hostInterfaces: HostInterfaces | null,
): TopologyIndex {
  const index: TopologyIndex = {
    networksById: new Map(networks.map((n) => [n.Id, n])),
    networksByName: new Map(networks.map((n) => [n.Name, n])),
    networksBySubnet: new Map(),
    containersById: new Map(containers.map((c) => [c.Id, c])),
    containersByName: new Map(containers.map((c) => [c.Name.replace(/^\//, ''), c])),
    endpointsByIp: new Map(),
    hostLinksByName: null,
    hostLinksByIfindex: null,
    hostVethsByIflink: null,
  };
  for (const network of networks) {
    for (const config of network.IPAM.Config ?? []) {
      const subnet = config.Subnet ? normalizeIpv4Cidr(config.Subnet) : null;
      if (subnet) index.networksBySubnet.set(subnet, network);
    }
  }
  for (const container of containers) {
    for (const [key, endpoint] of Object.entries(container.NetworkSettings.Networks ?? {})) {
      const network = endpointNetwork(index, key, endpoint);
      if (network && endpoint.IPAddress) index.endpointsByIp.set(endpoint.IPAddress, { container, network, endpoint });
    }
  }
  if (hostInterfaces) {
    index.hostLinksByName = new Map(hostInterfaces.links.map((l) => [l.name, l]));
    index.hostLinksByIfindex = new Map(hostInterfaces.links.map((l) => [l.ifindex, l]));
    index.hostVethsByIflink = new Map();
    for (const link of hostInterfaces.links) {
      if (link.iflink === link.ifindex) continue;
      const list = index.hostVethsByIflink.get(link.iflink);
      if (list) list.push(link);
      else index.hostVethsByIflink.set(link.iflink, [link]);
    }
  }
  return index;
}
