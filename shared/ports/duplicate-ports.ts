/**
 * Finds `-p` rows that would bind the same host port twice, which the engine refuses at start.
 */
import { isIPv4, isUnspecifiedIp } from './ip-address';
import { formatPortSpec, type PortSpec } from './port-spec';

/** Two rows (0-based indexes into the list given) whose host bindings collide. */
export interface PortConflict {
  first: number;
  second: number;
  message: string;
}

/**
 * Lists every pair of rows that bind the same host port and protocol on overlapping addresses.
 *
 * No IP overlaps every address; `0.0.0.0` overlaps every IPv4 address; `::` overlaps every
 * address because Linux binds it dual-stack. Rows without a fixed host port (random, or a
 * pool like `8000-8010:80`) never collide: the engine picks a free one. `null` entries (rows
 * that did not parse) are skipped but keep their place, so indexes match the form's rows.
 */
export function duplicatePortRows(specs: ReadonlyArray<PortSpec | null | undefined>): PortConflict[] {
  const conflicts: PortConflict[] = [];
  for (let i = 0; i < specs.length; i++) {
    for (let j = i + 1; j < specs.length; j++) {
      const a = specs[i];
      const b = specs[j];
      if (!a || !b || a.protocol !== b.protocol) continue;
      const ra = fixedHostPorts(a);
      const rb = fixedHostPorts(b);
      if (!ra || !rb || !ipsOverlap(a.hostIp, b.hostIp)) continue;
      const start = Math.max(ra.start, rb.start);
      const end = Math.min(ra.end, rb.end);
      if (start > end) continue;
      const ports = start === end ? `host port ${start}` : `host ports ${start}-${end}`;
      conflicts.push({
        first: i,
        second: j,
        message:
          `Rows ${i + 1} (${formatPortSpec(a)}) and ${j + 1} (${formatPortSpec(b)}) both bind ${ports}/${a.protocol}` +
          `${describeIps(a.hostIp, b.hostIp)}; the engine can bind each host port only once.`,
      });
    }
  }
  return conflicts;
}

function fixedHostPorts(spec: PortSpec): { start: number; end: number } | null {
  const h = spec.hostPort;
  if (!h) return null;
  const pool = spec.containerPort.start === spec.containerPort.end && h.start !== h.end;
  return pool ? null : h;
}

function ipsOverlap(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return true;
  if (a.toLowerCase() === b.toLowerCase()) return true;
  return coversAll(a, b) || coversAll(b, a);
}

/** Whether the wildcard `wide` includes the address `other`. */
function coversAll(wide: string, other: string): boolean {
  if (!isUnspecifiedIp(wide)) return false;
  return wide.includes(':') || isIPv4(other);
}

function describeIps(a: string | undefined, b: string | undefined): string {
  if (a && b && a === b) return ` on ${a}`;
  return a || b ? ' on overlapping addresses' : '';
}
