/**
 * One `-p`/`--publish` value: parsing it with docker's rules and writing it back.
 *
 * Forms: `80`, `8080:80`, `ip:8080:80`, `ip::80`, ranges on either side, `/tcp|udp|sctp`,
 * and an IPv6 host address in brackets (`[::1]:8080:80`).
 */
import { isIPv4, isIPv6 } from './ip-address';
import {
  formatPortRange,
  parsePortRange,
  portRangeSize,
  splitProtocol,
  type PortProtocol,
  type PortRange,
} from './port-range';

/** A parsed `-p` value. */
export interface PortSpec {
  /** Host address to bind; absent means every address. Stored without IPv6 brackets. */
  hostIp?: string;
  /**
   * Host port or range; absent means the engine picks one. A range with a single container
   * port is a pool the engine picks one free port from.
   */
  hostPort?: PortRange;
  containerPort: PortRange;
  protocol: PortProtocol;
}

export type PortSpecResult = { ok: true; spec: PortSpec } | { ok: false; error: string };

/**
 * Parses one `-p` value; on failure `error` is a sentence a person can act on.
 *
 * Mirrors go-connections' `nat.ParsePortSpec`: the last `:` part is the container port,
 * the one before it the host port, anything earlier the host IP.
 */
export function parsePortSpec(text: string): PortSpecResult {
  const raw = text.trim();
  if (raw === '') return fail('The port is empty: write it like 8080:80.');
  const split = splitHostIp(raw);
  if (!split.ok) return split;
  const { hostIp, rest } = split;
  const parts = rest.split(':');
  if (parts.length > 2) {
    return fail(
      `"${raw}" has too many colons. Write IPv6 host addresses in brackets, like [::1]:8080:80.`,
    );
  }
  const containerText = parts[parts.length - 1];
  const hostText = parts.length === 2 ? parts[0] : undefined;

  const proto = splitProtocol(containerText);
  if (!proto.ok) return fail(proto.error);
  if (proto.port === '') return fail(`"${raw}" has no container port.`);
  const container = parsePortRange(proto.port, 'Container port');
  if (!container.ok) return fail(container.error);

  const spec: PortSpec = { containerPort: container.range, protocol: proto.protocol };
  if (hostIp !== undefined) spec.hostIp = hostIp;
  if (hostText !== undefined && hostText !== '') {
    if (hostText.includes('/')) {
      return fail(`The protocol goes after the container port, like 8080:80/udp, not on the host port.`);
    }
    const host = parsePortRange(hostText, 'Host port');
    if (!host.ok) return fail(host.error);
    const single = container.range.start === container.range.end;
    // docker allows a host range against one container port (a pool to pick from),
    // but two ranges must be the same length because ports pair up one to one.
    if (!single && portRangeSize(host.range) !== portRangeSize(container.range)) {
      return fail(
        `Host range ${formatPortRange(host.range)} has ${portRangeSize(host.range)} ports but container range ` +
          `${formatPortRange(container.range)} has ${portRangeSize(container.range)}: they must be the same size.`,
      );
    }
    spec.hostPort = host.range;
  } else if (hostText === '' && hostIp === undefined) {
    // `:80` is accepted by docker as "random host port", same as `80`; keep it simple.
    return fail(`"${raw}" starts with a colon: write just the container port (80) for a random host port.`);
  }
  return { ok: true, spec };
}

/** Writes a spec back in docker syntax; `parsePortSpec(formatPortSpec(s))` gives `s` again. */
export function formatPortSpec(spec: PortSpec): string {
  const proto = spec.protocol === 'tcp' ? '' : `/${spec.protocol}`;
  const container = formatPortRange(spec.containerPort) + proto;
  const host = spec.hostPort ? formatPortRange(spec.hostPort) : '';
  if (spec.hostIp !== undefined) {
    const ip = spec.hostIp.includes(':') ? `[${spec.hostIp}]` : spec.hostIp;
    return `${ip}:${host}:${container}`;
  }
  return host ? `${host}:${container}` : container;
}

type HostIpSplit = { ok: true; hostIp?: string; rest: string } | { ok: false; error: string };

/** Takes the host IP off the front, if there is one (three parts, or a bracketed IPv6). */
function splitHostIp(raw: string): HostIpSplit {
  if (raw.startsWith('[')) {
    const close = raw.indexOf(']');
    if (close === -1) return fail(`"${raw}" opens a [ for an IPv6 address but never closes it.`);
    const ip = raw.slice(1, close);
    if (!isIPv6(ip)) return fail(`"${ip}" is not a valid IPv6 address.`);
    if (raw[close + 1] !== ':') return fail(`"${raw}" needs a colon after the bracketed address, like [::1]:8080:80.`);
    return { ok: true, hostIp: ip, rest: raw.slice(close + 2) };
  }
  const parts = raw.split(':');
  if (parts.length < 3) return { ok: true, rest: raw };
  if (parts.length > 3) {
    return fail(`"${raw}" has too many colons. Write IPv6 host addresses in brackets, like [::1]:8080:80.`);
  }
  const ip = parts[0];
  if (ip === '') return fail(`"${raw}" has an empty host IP before the first colon.`);
  if (!isIPv4(ip)) return fail(`"${ip}" is not a valid IP address (an IPv4 address looks like 192.168.1.10).`);
  return { ok: true, hostIp: ip, rest: parts.slice(1).join(':') };
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
