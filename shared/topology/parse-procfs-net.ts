/**
 * Parsers for the per-namespace files under `/proc/<pid>/net/` that an unprivileged user can read.
 *
 * These are the non-root way to learn a container's interfaces: unlike `/proc/<pid>/root/...`
 * they need no ptrace permission, and unlike `nsenter --net cat /sys/...` they really describe
 * the container's namespace (sysfs shows the namespace of whoever mounted it, i.e. the host).
 */

/** Interface name → ifindex from `dev_mcast` (`8    eth0   1  0  01005e000001`). */
export function parseDevMcast(text: string): Map<string, number> {
  const byName = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [index, name] = line.trim().split(/\s+/);
    const ifindex = Number(index);
    if (name && Number.isInteger(ifindex) && ifindex > 0) byName.set(name, ifindex);
  }
  return byName;
}

/** Interface name → ifindex from `igmp` (`8\teth0      :     1      V3`); group lines are skipped. */
export function parseIgmp(text: string): Map<string, number> {
  const byName = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\d+)\s+(\S+)\s*:/.exec(line);
    if (match) byName.set(match[2], Number(match[1]));
  }
  return byName;
}

/** Interface names from `/proc/<pid>/net/dev` (every interface, with or without multicast). */
export function parseNetDevNames(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split('\n').slice(2)) {
    const match = /^\s*([^:\s]+):/.exec(line);
    if (match) names.push(match[1]);
  }
  return names;
}

/**
 * Directly connected IPv4 subnets per interface, from `/proc/<pid>/net/route`.
 *
 * Only routes without a gateway (flag RTF_GATEWAY unset) and with a non-zero mask count: those
 * are the subnets the interface sits on, which identify the Docker network it belongs to.
 */
export function parseRouteSubnets(text: string): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const line of text.split('\n').slice(1)) {
    const [iface, destination, , flags, , , , mask] = line.trim().split(/\s+/);
    if (!iface || !destination || !mask) continue;
    const flagBits = parseInt(flags, 16);
    const maskValue = hexToIpv4Number(mask);
    if ((flagBits & 0x2) !== 0 || maskValue === 0 || maskValue === null) continue;
    const destinationValue = hexToIpv4Number(destination);
    if (destinationValue === null) continue;
    const cidr = `${numberToIpv4(destinationValue)}/${countBits(maskValue)}`;
    byName.set(iface, [...(byName.get(iface) ?? []), cidr]);
  }
  return byName;
}

/** The kernel prints addresses as host-order (little-endian on x86/arm) 32-bit hex. */
function hexToIpv4Number(hex: string): number | null {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return null;
  const bytes = [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

function countBits(value: number): number {
  let bits = 0;
  for (let v = value; v !== 0; v >>>= 1) bits += v & 1;
  return bits;
}
