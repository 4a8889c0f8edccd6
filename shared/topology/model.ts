/**
 * The network topology view model: what `buildTopology` returns and the UI draws.
 *
 * Node ids derive from engine ids (`network:<Id>`, `container:<Id>`) and veth ids from the
 * (container, network) pair, so a layout keyed on them survives restarts and engine events.
 * A `null` in a host-side field means "unknown" (host not readable), never "absent".
 */
import type { NatProtocol } from './nat-table';

export type TopologyNodeId = string;

/** The machine running the engine. */
export interface HostNode {
  kind: 'host';
  id: 'host';
  /** Null when `/proc/sys/net/ipv4/ip_forward` could not be read. */
  ipForward: boolean | null;
  /** False when host interfaces could not be read: every veth's host side is then unknown. */
  interfacesRead: boolean;
}

export interface SubnetView {
  /** CIDR, e.g. `172.17.0.0/16`. */
  subnet: string;
  /** From IPAM, else from an attached endpoint (the default bridge's IPAM omits it); null if neither. */
  gateway: string | null;
  ipRange: string | null;
}

/** A `bridge`-driver network: a Linux bridge device on the host. */
export interface BridgeNetworkNode {
  kind: 'bridge';
  id: TopologyNodeId;
  networkId: string;
  name: string;
  /** `docker0`, `br-<id12>` or the `com.docker.network.bridge.name` option. */
  deviceName: string;
  /** The bridge device as read on the host; null when not read or not found. */
  device: { ifindex: number; mac: string | null } | null;
  subnets: SubnetView[];
  isDefault: boolean;
  /** Inter-container communication (`enable_icc`); Docker's default is true. */
  icc: boolean;
  /** Outbound masquerading (`enable_ip_masquerade`); Docker's default is true. */
  masquerade: boolean;
  internal: boolean;
  enableIPv6: boolean;
  labels: Record<string, string>;
}

/** Any other driver: `host`, `null` (the `none` network), `macvlan`, `ipvlan`, `overlay`, plugins. */
export interface OtherNetworkNode {
  kind: 'network';
  id: TopologyNodeId;
  networkId: string;
  name: string;
  driver: string;
  scope: string;
  subnets: SubnetView[];
  internal: boolean;
  labels: Record<string, string>;
}

/** How a container's namespace is set up, from `HostConfig.NetworkMode`. */
export type NetworkMode =
  /** Its own namespace, attached to `network` (`default` and `bridge` both mean the default bridge). */
  | { kind: 'network'; network: string }
  | { kind: 'host' }
  | { kind: 'none' }
  /** Joins another container's namespace; `targetContainerId` is null when that container is unknown. */
  | { kind: 'container'; target: string; targetContainerId: string | null };

export interface ContainerNode {
  kind: 'container';
  id: TopologyNodeId;
  containerId: string;
  /** Without the engine's leading slash. */
  name: string;
  state: string;
  running: boolean;
  pid: number | null;
  networkMode: NetworkMode;
}

export type TopologyNode = HostNode | BridgeNetworkNode | OtherNetworkNode | ContainerNode;

/**
 * Why a veth's host side is (un)known.
 *
 * `matched`: found by index (and cross-checked); `unreadable`: host or container namespace not
 * readable; `unmatched`: readable but no host interface fits; `ambiguous`: several fit (non-root
 * path with colliding container ifindexes).
 */
export type VethMatchStatus = 'matched' | 'unreadable' | 'unmatched' | 'ambiguous';

/** One end-to-end veth: container `ethN` in its namespace ↔ host `vethXXXX` enslaved to a bridge. */
export interface VethPair {
  /** `veth:<containerId>:<networkId>`. */
  id: string;
  containerNodeId: TopologyNodeId;
  networkNodeId: TopologyNodeId;
  containerId: string;
  networkId: string;
  endpointId: string;
  container: {
    /** `eth0`, `eth1`...; null when the namespace was not read. */
    ifname: string | null;
    ifindex: number | null;
    /** Engine values: always known for a running container. */
    ipAddress: string;
    prefixLen: number;
    macAddress: string;
    gateway: string;
    ipv6Address: string | null;
  };
  host: {
    name: string | null;
    ifindex: number | null;
    mac: string | null;
    /** Bridge device the host end is enslaved to. */
    master: string | null;
  };
  status: VethMatchStatus;
  /** How the container interface was tied to this network: by the kernel MAC, by routed subnet, or as the only interface. */
  ifaceMatchedBy: 'mac' | 'subnet' | 'only-interface' | null;
  /** Read via `sysfs` (root) or `procfs` (non-root); null when not read. */
  readMethod: 'sysfs' | 'procfs' | null;
}

/** An edge that is not a veth. */
export type TopologyEdge =
  /** Container joined to a non-bridge network (macvlan, overlay...), or a stopped one's configured network. */
  | { kind: 'attachment'; id: string; from: TopologyNodeId; to: TopologyNodeId; active: boolean; ipAddress: string | null; macAddress: string | null }
  /** `--net=host`: the container uses the host's namespace (`to` is the host node). */
  | { kind: 'host-mode'; id: string; from: TopologyNodeId; to: 'host'; hostNetworkNodeId: TopologyNodeId | null }
  /** `--net=none`: only loopback; `to` is the `none` network's node, or null if that network is not listed. */
  | { kind: 'none-mode'; id: string; from: TopologyNodeId; to: TopologyNodeId | null }
  /** `--net=container:X`: `from` shares `to`'s namespace (to is null when X is unknown). */
  | { kind: 'shares-netns'; id: string; from: TopologyNodeId; to: TopologyNodeId | null; target: string };

/** Where the NAT rules came from: the host's nat table, or derived from engine data. */
export type NatSource = 'host' | 'derived';

/** A published port: traffic to host ip:port is rewritten to the container's ip:port. */
export interface DnatView {
  id: string;
  /** Null means every host address (published on 0.0.0.0). */
  hostIp: string | null;
  hostPort: number;
  protocol: NatProtocol;
  containerIp: string;
  containerPort: number;
  /** Traffic from this interface is excluded (`! -i docker0`); null when not known/applicable. */
  excludedInInterface: string | null;
  containerNodeId: TopologyNodeId | null;
  networkNodeId: TopologyNodeId | null;
  source: NatSource;
  /** The iptables line, when read from the host. */
  raw: string | null;
}

/** Outbound masquerade. `subnet`: a network's egress; `hairpin`: a container reaching its own published port. */
export interface MasqueradeView {
  id: string;
  kind: 'subnet' | 'hairpin' | 'other';
  source: string;
  destination: string | null;
  /** `! -o docker0`: traffic leaving through any interface but the bridge. */
  excludedOutInterface: string | null;
  protocol: NatProtocol | null;
  dport: number | null;
  networkNodeId: TopologyNodeId | null;
  containerNodeId: TopologyNodeId | null;
  origin: NatSource;
  raw: string | null;
}

export interface NatView {
  source: NatSource;
  /** Why rules are derived: `not-read` (no table) or `no-docker-chain` (table lacks Docker's chain). */
  derivedBecause: 'not-read' | 'no-docker-chain' | null;
  ipForward: 'on' | 'off' | 'unknown';
  dnat: DnatView[];
  masquerade: MasqueradeView[];
}

export interface Topology {
  nodes: TopologyNode[];
  vethPairs: VethPair[];
  edges: TopologyEdge[];
  nat: NatView;
}
