/**
 * Pairs each running container's bridge endpoint with its interface in the container and its
 * host-side veth.
 *
 * Two kernel facts drive the match. Root path: the container interface's `iflink` is the host
 * peer's `ifindex` (unique on the host), cross-checked by the host peer's `iflink` pointing back.
 * Non-root path: only the container interface's `ifindex` is known, which equals the host veth's
 * `iflink`; that is unique only per namespace, so candidates are narrowed to the expected bridge.
 */
import type { EngineContainerInspect, EngineEndpoint } from '../containers/engine-inspect';
import type { EngineNetworkInspect } from './engine-network';
import type { ContainerNetnsReading, HostLink, NetnsLink } from './host-interfaces';
import { normalizeIpv4Cidr } from './ipv4';
import type { VethMatchStatus, VethPair } from './model';
import { containerNodeId } from './container-nodes';
import { bridgeDeviceName, networkNodeId } from './network-nodes';
import type { TopologyIndex } from './topology-index';

export interface BridgeEndpoint {
  network: EngineNetworkInspect;
  endpoint: EngineEndpoint;
}

/**
 * Builds one veth pair per bridge endpoint of a running container.
 *
 * `reading` is undefined when host interfaces were not read at all or this container was not
 * asked for; its pairs then carry engine data only, with status `unreadable`.
 */
export function matchVeths(
  container: EngineContainerInspect,
  endpoints: readonly BridgeEndpoint[],
  reading: ContainerNetnsReading | undefined,
  index: TopologyIndex,
): VethPair[] {
  const links = reading?.readable ? reading.links : null;
  return endpoints.map(({ network, endpoint }) => {
    const found = links ? findContainerLink(links, network, endpoint, endpoints.length) : null;
    const peer = found && index.hostLinksByIfindex ? findHostPeer(found.link, bridgeDeviceName(network), index) : null;
    const status: VethMatchStatus = !links || !index.hostLinksByIfindex ? 'unreadable' : (peer?.status ?? 'unmatched');
    const host: HostLink | null = peer?.status === 'matched' ? peer.link : null;
    return {
      id: `veth:${container.Id}:${network.Id}`,
      containerNodeId: containerNodeId(container.Id),
      networkNodeId: networkNodeId(network.Id),
      containerId: container.Id,
      networkId: network.Id,
      endpointId: endpoint.EndpointID,
      container: {
        ifname: found?.link.name ?? null,
        ifindex: found?.link.ifindex ?? null,
        ipAddress: endpoint.IPAddress,
        prefixLen: endpoint.IPPrefixLen,
        macAddress: endpoint.MacAddress.toLowerCase(),
        gateway: endpoint.Gateway,
        ipv6Address: endpoint.GlobalIPv6Address || null,
      },
      host: { name: host?.name ?? null, ifindex: host?.ifindex ?? null, mac: host?.mac ?? null, master: host?.master ?? null },
      status,
      ifaceMatchedBy: found?.by ?? null,
      readMethod: reading?.readable ? reading.method : null,
    };
  });
}

type LinkMatch = { link: NetnsLink; by: 'mac' | 'subnet' | 'only-interface' };

/** Which `ethN` carries this endpoint: by MAC (root), else by routed subnet, else the only one. */
function findContainerLink(
  links: readonly NetnsLink[],
  network: EngineNetworkInspect,
  endpoint: EngineEndpoint,
  endpointCount: number,
): LinkMatch | null {
  const mac = endpoint.MacAddress.toLowerCase();
  const byMac = mac ? links.find((l) => l.mac === mac) : undefined;
  if (byMac) return { link: byMac, by: 'mac' };
  // A MAC was read but none fits: the engine data and the namespace disagree, do not guess.
  if (links.some((l) => l.mac !== null)) return null;
  const subnets = new Set((network.IPAM.Config ?? []).map((c) => (c.Subnet ? normalizeIpv4Cidr(c.Subnet) : null)));
  const bySubnet = links.filter((l) => l.subnets.some((s) => subnets.has(normalizeIpv4Cidr(s))));
  if (bySubnet.length === 1) return { link: bySubnet[0], by: 'subnet' };
  if (links.length === 1 && endpointCount === 1) return { link: links[0], by: 'only-interface' };
  return null;
}

function findHostPeer(
  link: NetnsLink,
  bridge: string,
  index: TopologyIndex,
): { status: 'matched'; link: HostLink } | { status: 'unmatched' | 'ambiguous' } {
  if (link.iflink !== null) {
    const peer = index.hostLinksByIfindex?.get(link.iflink);
    // The peer must point back at us; otherwise the index belongs to an unrelated host device.
    return peer && peer.iflink === link.ifindex ? { status: 'matched', link: peer } : { status: 'unmatched' };
  }
  if (link.ifindex === null) return { status: 'unmatched' };
  const candidates = (index.hostVethsByIflink?.get(link.ifindex) ?? []).filter((h) => h.master === bridge);
  if (candidates.length === 1) return { status: 'matched', link: candidates[0] };
  return { status: candidates.length === 0 ? 'unmatched' : 'ambiguous' };
}
