/**
 * Minimal IPv4 CIDR helpers for the topology builder.
 *
 * Only what matching needs: normalising a CIDR to its network address so that `172.18.0.1/16`
 * from one source and `172.18.0.0/16` from another compare equal.
 */

/** `a.b.c.d` → 32-bit unsigned number, or null when it is not a dotted quad. */
export function ipv4ToNumber(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    const n = Number(part);
    if (!/^\d{1,3}$/.test(part) || n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

export function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

/** Normalises an IPv4 CIDR to `network/prefix`; null for IPv6 or malformed input. */
export function normalizeIpv4Cidr(cidr: string): string | null {
  const [ip, prefixText] = cidr.split('/');
  const prefix = Number(prefixText);
  const value = ipv4ToNumber(ip);
  if (value === null || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return null;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return `${numberToIpv4((value & mask) >>> 0)}/${prefix}`;
}

/** Whether an address is IPv4 (Docker lists `::` bindings next to `0.0.0.0` ones). */
export function isIpv4(ip: string): boolean {
  return ipv4ToNumber(ip) !== null;
}
