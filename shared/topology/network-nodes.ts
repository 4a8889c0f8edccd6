/**
 * Turns network inspects into bridge and other-driver nodes.
 *
 * The bridge device name follows the engine's rule: the `com.docker.network.bridge.name` option
 * if set, else `br-` plus the first 12 characters of the network id.
 */
import type { EngineContainerInspect } from '../containers/engine-inspect';
import { BRIDGE_OPTION, type EngineNetworkInspect } from './engine-network';
import type { HostLink } from './host-interfaces';
import type { BridgeNetworkNode, OtherNetworkNode, SubnetView } from './model';

/** The node id of a network: stable across engine restarts of containers, keyed on the engine id. */
export function networkNodeId(networkId: string): string {
  return `network:${networkId}`;
}

/** Name of the Linux bridge device for a bridge-driver network. */
export function bridgeDeviceName(network: EngineNetworkInspect): string {
  return network.Options?.[BRIDGE_OPTION.name] || `br-${network.Id.slice(0, 12)}`;
}

/**
 * Builds one node per network.
 *
 * `gatewayByNetworkId` fills the default bridge's gateway, which its IPAM config omits but
 * every attached endpoint reports.
 */
export function buildNetworkNodes(
  networks: readonly EngineNetworkInspect[],
  gatewayByNetworkId: ReadonlyMap<string, string>,
  hostLinksByName: ReadonlyMap<string, HostLink> | null,
): (BridgeNetworkNode | OtherNetworkNode)[] {
  return networks.map((network) => {
    const subnets: SubnetView[] = (network.IPAM.Config ?? [])
      .filter((c) => c.Subnet)
      .map((c) => ({
        subnet: c.Subnet!,
        gateway: c.Gateway || (c.Subnet!.includes(':') ? null : (gatewayByNetworkId.get(network.Id) ?? null)),
        ipRange: c.IPRange || null,
      }));
    const base = { id: networkNodeId(network.Id), networkId: network.Id, name: network.Name, subnets, internal: network.Internal, labels: network.Labels ?? {} };
    if (network.Driver !== 'bridge') return { ...base, kind: 'network', driver: network.Driver, scope: network.Scope };
    const deviceName = bridgeDeviceName(network);
    const device = hostLinksByName?.get(deviceName);
    const options = network.Options ?? {};
    return {
      ...base,
      kind: 'bridge',
      deviceName,
      device: device ? { ifindex: device.ifindex, mac: device.mac } : null,
      isDefault: options[BRIDGE_OPTION.defaultBridge] === 'true' || network.Name === 'bridge',
      // Docker treats a missing option as enabled.
      icc: options[BRIDGE_OPTION.icc] !== 'false',
      masquerade: options[BRIDGE_OPTION.masquerade] !== 'false',
      enableIPv6: network.EnableIPv6,
    };
  });
}

/** First IPv4 gateway reported by any endpoint of each network. */
export function endpointGateways(containers: readonly EngineContainerInspect[]): Map<string, string> {
  const gateways = new Map<string, string>();
  for (const container of containers) {
    for (const endpoint of Object.values(container.NetworkSettings.Networks ?? {})) {
      if (endpoint.NetworkID && endpoint.Gateway && !gateways.has(endpoint.NetworkID)) gateways.set(endpoint.NetworkID, endpoint.Gateway);
    }
  }
  return gateways;
}
