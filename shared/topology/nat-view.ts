/**
 * The NAT part of the topology: the host's Docker rules tied to containers and networks, or,
 * when the table could not be read, the rules the engine would have written, marked `derived`.
 */
import type { EngineContainerInspect } from '../containers/engine-inspect';
import { containerNodeId, parseNetworkMode } from './container-nodes';
import { BRIDGE_OPTION } from './engine-network';
import { isIpv4, normalizeIpv4Cidr } from './ipv4';
import type { DnatView, MasqueradeView, NatView } from './model';
import type { IptablesMasqueradeRule, NatProtocol, NatTable } from './nat-table';
import { bridgeDeviceName, networkNodeId } from './network-nodes';
import { endpointNetwork, type TopologyIndex } from './topology-index';

export function buildNatView(
  nat: NatTable | null,
  ipForward: boolean | null,
  containers: readonly EngineContainerInspect[],
  index: TopologyIndex,
): NatView {
  const forward = ipForward === null ? 'unknown' : ipForward ? 'on' : 'off';
  const fromHost = nat !== null && nat.hasDockerChain;
  const view: NatView = fromHost
    ? { source: 'host', derivedBecause: null, ipForward: forward, ...fromTable(nat, index) }
    : { source: 'derived', derivedBecause: nat === null ? 'not-read' : 'no-docker-chain', ipForward: forward, ...derive(containers, index) };
  view.dnat.sort((a, b) => a.hostPort - b.hostPort || a.protocol.localeCompare(b.protocol) || a.id.localeCompare(b.id));
  view.masquerade.sort((a, b) => a.id.localeCompare(b.id));
  return view;
}

function dnatId(protocol: string, hostIp: string | null, hostPort: number, toIp: string, toPort: number): string {
  return `dnat:${protocol}:${hostIp ?? '*'}:${hostPort}:${toIp}:${toPort}`;
}

function fromTable(nat: NatTable, index: TopologyIndex): Pick<NatView, 'dnat' | 'masquerade'> {
  const dnat = nat.dnat.map((rule): DnatView => {
    const target = index.endpointsByIp.get(rule.toIp);
    return {
      id: dnatId(rule.protocol, rule.hostIp, rule.hostPort, rule.toIp, rule.toPort),
      hostIp: rule.hostIp,
      hostPort: rule.hostPort,
      protocol: rule.protocol,
      containerIp: rule.toIp,
      containerPort: rule.toPort,
      excludedInInterface: rule.inInterfaceNegated ? rule.inInterface : null,
      containerNodeId: target ? containerNodeId(target.container.Id) : null,
      networkNodeId: target ? networkNodeId(target.network.Id) : null,
      source: 'host',
      raw: rule.raw,
    };
  });
  const masquerade = nat.masquerade.filter((r) => r.source !== null).map((r) => masqueradeFromRule(r, index));
  return { dnat, masquerade };
}

function masqueradeFromRule(rule: IptablesMasqueradeRule, index: TopologyIndex): MasqueradeView {
  const source = rule.source!;
  const hairpin = rule.destination !== null && rule.destination === source && source.endsWith('/32');
  const target = hairpin ? index.endpointsByIp.get(source.slice(0, -3)) : undefined;
  const subnetNetwork = rule.destination === null ? index.networksBySubnet.get(normalizeIpv4Cidr(source) ?? '') : undefined;
  const network = target?.network ?? subnetNetwork;
  return {
    id: `masquerade:${source}:${rule.destination ?? '*'}:${rule.protocol ?? '*'}:${rule.dport ?? '*'}`,
    kind: hairpin ? 'hairpin' : rule.destination === null ? 'subnet' : 'other',
    source,
    destination: rule.destination,
    excludedOutInterface: rule.outInterfaceNegated ? rule.outInterface : null,
    protocol: rule.protocol,
    dport: rule.dport,
    networkNodeId: network ? networkNodeId(network.Id) : null,
    containerNodeId: target ? containerNodeId(target.container.Id) : null,
    origin: 'host',
    raw: rule.raw,
  };
}

/**
 * What the engine writes for bridge networks: one subnet MASQUERADE per masquerading bridge,
 * and per published IPv4 binding a DNAT plus a hairpin MASQUERADE. IPv6 bindings (`::`) go to
 * ip6tables and are not shown.
 */
function derive(containers: readonly EngineContainerInspect[], index: TopologyIndex): Pick<NatView, 'dnat' | 'masquerade'> {
  const dnat = new Map<string, DnatView>();
  const masquerade = new Map<string, MasqueradeView>();
  for (const network of index.networksById.values()) {
    const options = network.Options ?? {};
    if (network.Driver !== 'bridge' || network.Internal || options[BRIDGE_OPTION.masquerade] === 'false') continue;
    for (const config of network.IPAM.Config ?? []) {
      const subnet = config.Subnet ? normalizeIpv4Cidr(config.Subnet) : null;
      if (!subnet) continue;
      const id = `masquerade:${subnet}:*:*:*`;
      masquerade.set(id, {
        id, kind: 'subnet', source: subnet, destination: null, excludedOutInterface: bridgeDeviceName(network),
        protocol: null, dport: null, networkNodeId: networkNodeId(network.Id), containerNodeId: null, origin: 'derived', raw: null,
      });
    }
  }
  for (const container of containers) {
    if (!container.State.Running) continue;
    const primary = primaryBridgeEndpoint(container, index);
    if (!primary) continue;
    for (const [key, bindings] of Object.entries(container.NetworkSettings.Ports ?? {})) {
      const [portText, protoText = 'tcp'] = key.split('/');
      const protocol = protoText as NatProtocol;
      const containerPort = Number(portText);
      for (const binding of bindings ?? []) {
        const hostIp = binding.HostIp === '' || binding.HostIp === '0.0.0.0' ? null : binding.HostIp;
        if (hostIp !== null && !isIpv4(hostIp)) continue;
        const hostPort = Number(binding.HostPort);
        const id = dnatId(protocol, hostIp, hostPort, primary.ip, containerPort);
        dnat.set(id, {
          id, hostIp, hostPort, protocol, containerIp: primary.ip, containerPort, excludedInInterface: primary.device,
          containerNodeId: containerNodeId(container.Id), networkNodeId: networkNodeId(primary.networkId), source: 'derived', raw: null,
        });
        const hostCidr = `${primary.ip}/32`;
        const hairpinId = `masquerade:${hostCidr}:${hostCidr}:${protocol}:${containerPort}`;
        masquerade.set(hairpinId, {
          id: hairpinId, kind: 'hairpin', source: hostCidr, destination: hostCidr, excludedOutInterface: null, protocol,
          dport: containerPort, networkNodeId: networkNodeId(primary.networkId), containerNodeId: containerNodeId(container.Id), origin: 'derived', raw: null,
        });
      }
    }
  }
  return { dnat: [...dnat.values()], masquerade: [...masquerade.values()] };
}

/**
 * The endpoint the engine maps published ports to: the network named by the network mode (the
 * one the container was created on), else the first bridge endpoint with an address.
 */
function primaryBridgeEndpoint(container: EngineContainerInspect, index: TopologyIndex): { ip: string; networkId: string; device: string } | null {
  const mode = parseNetworkMode(container.HostConfig.NetworkMode, index);
  const entries = Object.entries(container.NetworkSettings.Networks ?? {});
  const preferred = mode.kind === 'network' ? entries.filter(([key]) => key === mode.network) : [];
  for (const [key, endpoint] of [...preferred, ...entries.sort(([a], [b]) => a.localeCompare(b))]) {
    const network = endpointNetwork(index, key, endpoint);
    if (network?.Driver === 'bridge' && endpoint.IPAddress) {
      return { ip: endpoint.IPAddress, networkId: network.Id, device: bridgeDeviceName(network) };
    }
  }
  return null;
}
