/**
 * The parts of the engine's network inspect (`GET /networks/{id}`) that the topology reads.
 *
 * Declared here, not taken from dockerode, because `shared/` must not depend on it; the core
 * passes the engine's JSON through unchanged and these fields are a subset of it.
 */

/** One IPAM pool. The default bridge omits `Gateway`; user bridges usually carry it. */
export interface EngineIpamConfig {
  Subnet?: string;
  Gateway?: string;
  IPRange?: string;
}

/** An endpoint as the network lists it (only running containers appear here). */
export interface EngineNetworkContainer {
  Name: string;
  EndpointID: string;
  MacAddress: string;
  /** CIDR form, e.g. `172.17.0.2/16`; empty when the endpoint has no IPv4 address. */
  IPv4Address: string;
  IPv6Address: string;
}

export interface EngineNetworkInspect {
  Name: string;
  Id: string;
  Created?: string;
  /** `bridge`, `host`, `null`, `macvlan`, `ipvlan`, `overlay` or a plugin's name. */
  Driver: string;
  Scope: string;
  Internal: boolean;
  Attachable: boolean;
  EnableIPv6: boolean;
  IPAM: { Driver?: string; Config: EngineIpamConfig[] | null; Options?: Record<string, string> | null };
  /** Driver options, e.g. `com.docker.network.bridge.name` or `...bridge.enable_icc` (strings "true"/"false"). */
  Options: Record<string, string> | null;
  Labels: Record<string, string> | null;
  Containers: Record<string, EngineNetworkContainer> | null;
}

/** Option keys of the bridge driver that the topology interprets. */
export const BRIDGE_OPTION = {
  name: 'com.docker.network.bridge.name',
  defaultBridge: 'com.docker.network.bridge.default_bridge',
  icc: 'com.docker.network.bridge.enable_icc',
  masquerade: 'com.docker.network.bridge.enable_ip_masquerade',
  hostBindingIpv4: 'com.docker.network.bridge.host_binding_ipv4',
} as const;
