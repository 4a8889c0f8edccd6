/**
 * One `--expose` value: a container port or range with an optional protocol, never a host side.
 */
import { formatPortRange, parsePortRange, splitProtocol, type PortProtocol, type PortRange } from './port-range';

/** A parsed `--expose` value. */
export interface ExposeSpec {
  ports: PortRange;
  protocol: PortProtocol;
}

export type ExposeSpecResult = { ok: true; spec: ExposeSpec } | { ok: false; error: string };

/** Parses `80`, `80/udp` or `8000-8010`, as `docker run --expose` does. */
export function parseExposeSpec(text: string): ExposeSpecResult {
  const raw = text.trim();
  if (raw === '') return { ok: false, error: 'The exposed port is empty.' };
  if (raw.includes(':')) {
    return {
      ok: false,
      error: `"${raw}" has a colon, but --expose takes only container ports; use a published port (-p) to bind a host port.`,
    };
  }
  const proto = splitProtocol(raw);
  if (!proto.ok) return proto;
  const range = parsePortRange(proto.port, 'Exposed port');
  if (!range.ok) return { ok: false, error: range.error };
  return { ok: true, spec: { ports: range.range, protocol: proto.protocol } };
}

/** Writes an expose spec back (`80`, `53/udp`, `8000-8010`). */
export function formatExposeSpec(spec: ExposeSpec): string {
  return formatPortRange(spec.ports) + (spec.protocol === 'tcp' ? '' : `/${spec.protocol}`);
}
