/**
 * What the host readers saw of the kernel's network interfaces, before any matching.
 *
 * Produced by `electron/features/topology/host-interfaces.ts` and consumed by the pure
 * `buildTopology`; kept raw (no engine knowledge) so the matching can be unit-tested on fixtures.
 */

/** A network interface in the host's namespace, from `/sys/class/net/<name>/`. */
export interface HostLink {
  name: string;
  ifindex: number;
  /** Equal to `ifindex` for ordinary devices; for a veth, the peer's ifindex in the peer's namespace. */
  iflink: number;
  /** Lower-case `aa:bb:..`, or null when unreadable. */
  mac: string | null;
  /** The bridge this device is enslaved to (`master` symlink), or null when it has none. */
  master: string | null;
}

/** A network interface inside a container's namespace (loopback omitted). */
export interface NetnsLink {
  /** `eth0`, `eth1`... */
  name: string;
  /** The interface's index in the container's namespace; null when the reader could not learn it. */
  ifindex: number | null;
  /** The host peer's ifindex; only the root (`sysfs`) path can read it. */
  iflink: number | null;
  /** Only the root (`sysfs`) path can read it. */
  mac: string | null;
  /** Directly connected IPv4 subnets routed via this interface (`/proc/<pid>/net/route`), as CIDRs. */
  subnets: string[];
}

/**
 * How a container's interfaces were read.
 *
 * `sysfs`: as root, through `/proc/<pid>/root/sys/class/net` (the container's own sysfs mount).
 * `procfs`: unprivileged, from `/proc/<pid>/net/{dev_mcast,igmp,route}` which live in the
 * container's namespace but give no MAC and no peer index.
 */
export type NetnsReadMethod = 'sysfs' | 'procfs';

export type ContainerNetnsReading =
  | { readable: true; pid: number; method: NetnsReadMethod; links: NetnsLink[] }
  | { readable: false; pid: number; reason: string };

export interface HostInterfaces {
  /** Whether the reader could use the root path for at least one container (informational). */
  privileged: boolean;
  links: HostLink[];
  /** Keyed by full container id; containers not asked for are absent. */
  containers: Record<string, ContainerNetnsReading>;
}
