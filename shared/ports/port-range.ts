/**
 * A port or a range of ports, as written in `-p` and `--expose` (`80`, `8000-8010`).
 */

/** An inclusive run of ports; a single port has `start === end`. */
export interface PortRange {
  start: number;
  end: number;
}

/** The transport protocols the engine accepts after a port (`80/udp`). */
export type PortProtocol = 'tcp' | 'udp' | 'sctp';

export const PORT_PROTOCOLS: readonly PortProtocol[] = ['tcp', 'udp', 'sctp'];

export type PortRangeResult = { ok: true; range: PortRange } | { ok: false; error: string };

/**
 * Parses `80` or `8000-8010`; `role` names the port in the error ("Host port", "Container port").
 *
 * Port 0 is refused: the engine treats it as "pick one", which `-p` expresses by leaving
 * the host port out, and a container port 0 is meaningless.
 */
export function parsePortRange(text: string, role: string): PortRangeResult {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) {
    return { ok: false, error: `${role} "${text}" is not a number or a range like 8000-8010.` };
  }
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  for (const port of [start, end]) {
    if (port < 1 || port > 65535) {
      return { ok: false, error: `${role} ${port} is out of range: ports go from 1 to 65535.` };
    }
  }
  if (end < start) {
    return { ok: false, error: `${role} range ${text} ends before it starts.` };
  }
  return { ok: true, range: { start, end } };
}

/** Writes a range back as `80` or `8000-8010`. */
export function formatPortRange(range: PortRange): string {
  return range.start === range.end ? String(range.start) : `${range.start}-${range.end}`;
}

/** How many ports the range holds. */
export function portRangeSize(range: PortRange): number {
  return range.end - range.start + 1;
}

export type ProtocolSplit = { ok: true; port: string; protocol: PortProtocol } | { ok: false; error: string };

/**
 * Splits `80/udp` into port text and protocol; no suffix means tcp, as in docker.
 *
 * The protocol is matched case-insensitively because docker lower-cases it.
 */
export function splitProtocol(text: string): ProtocolSplit {
  const slash = text.indexOf('/');
  if (slash === -1) return { ok: true, port: text, protocol: 'tcp' };
  const port = text.slice(0, slash);
  const written = text.slice(slash + 1);
  // docker reads `80/` as tcp too.
  const protocol = written === '' ? 'tcp' : written.toLowerCase();
  if (!isPortProtocol(protocol)) {
    return { ok: false, error: `Unknown protocol "${written}": use tcp, udp or sctp.` };
  }
  return { ok: true, port, protocol };
}

function isPortProtocol(text: string): text is PortProtocol {
  return (PORT_PROTOCOLS as readonly string[]).includes(text);
}
