/**
 * IP address checks shared by port specs, `--ip`, `--dns` and `--add-host`.
 *
 * Written by hand because `shared/` cannot use `node:net`; the rules follow Go's
 * `net.ParseIP`, which is what the docker CLI and engine use to accept an address.
 */

/** Whether `text` is a dotted-quad IPv4 address (no leading zeros, as Go rejects them). */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  return parts.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255);
}

/**
 * Whether `text` is an IPv6 address without brackets or zone.
 *
 * Accepts `::` shortening once and an embedded IPv4 tail (`::ffff:1.2.3.4`).
 */
export function isIPv6(text: string): boolean {
  if (!text.includes(':')) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (half: string): string[] | null => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (head === null || tail === null) return false;
  const groups = [...head, ...tail];
  let width = groups.length;
  // An IPv4 tail takes the room of two hex groups.
  const last = groups[groups.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIPv4(last)) return false;
    groups.pop();
    width += 1;
  }
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? width <= 7 : width === 8;
}

/** Whether `text` is an IPv4 or (unbracketed) IPv6 address. */
export function isIpAddress(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

/** Whether the address means "every interface" of its family (`0.0.0.0` or `::`). */
export function isUnspecifiedIp(text: string): boolean {
  return text === '0.0.0.0' || (isIPv6(text) && /^[0:]+$/.test(text));
}
