/**
 * Small docker syntaxes that name other containers or hosts: `--link`, `--volumes-from`, `--add-host`.
 */
import { isIpAddress } from '../ports/ip-address';
import { CONTAINER_NAME_PATTERN, NETWORK_NAME_PATTERN, isHostname } from './docker-names';

export type LinkResult = { ok: true; name: string; alias: string } | { ok: false; error: string };

/** Parses `--link name:alias` or `--link name` (the alias is then the name, as in docker). */
export function parseLink(text: string): LinkResult {
  const raw = text.trim();
  const parts = raw.split(':');
  if (raw === '' || parts.length > 2) return { ok: false, error: `"${raw}" is not a link: write container or container:alias.` };
  const name = parts[0];
  const alias = parts[1] ?? name.replace(/^\//, '');
  if (!CONTAINER_NAME_PATTERN.test(name)) {
    return { ok: false, error: `"${name}" is not a container name: use letters, digits, _ . and -, starting with a letter or digit.` };
  }
  if (!NETWORK_NAME_PATTERN.test(alias)) {
    return {
      ok: false,
      error: `The link alias "${alias}" becomes a host name inside the container, so use only letters, digits, _ . and -, starting with a letter or digit.`,
    };
  }
  return { ok: true, name, alias };
}

export type VolumesFromResult = { ok: true; container: string; mode?: 'ro' | 'rw' } | { ok: false; error: string };

/** Parses `--volumes-from name` or `name:ro` / `name:rw`. */
export function parseVolumesFrom(text: string): VolumesFromResult {
  const [container, mode, ...extra] = text.trim().split(':');
  if (!CONTAINER_NAME_PATTERN.test(container)) {
    return { ok: false, error: `"${container}" is not a container name or id.` };
  }
  if (extra.length > 0 || (mode !== undefined && mode !== 'ro' && mode !== 'rw')) {
    return { ok: false, error: `"${text.trim()}": --volumes-from takes container, container:ro or container:rw.` };
  }
  return mode === undefined ? { ok: true, container } : { ok: true, container, mode };
}

export type ExtraHostResult = { ok: true; host: string; ip: string } | { ok: false; error: string };

/**
 * Parses `--add-host host:ip` (or `host=ip`); `ip` may be bracketed IPv6 or `host-gateway`.
 *
 * Split at the first separator, as the CLI does, so `host:::1` means host → `::1`.
 */
export function parseExtraHost(text: string): ExtraHostResult {
  const raw = text.trim();
  const eq = raw.indexOf('=');
  const at = eq !== -1 ? eq : raw.indexOf(':');
  if (at === -1) return { ok: false, error: `"${raw}" is not a host entry: write name:ip, like db:10.0.0.5.` };
  const host = raw.slice(0, at);
  let ip = raw.slice(at + 1);
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  if (!isHostname(host)) return { ok: false, error: `"${host}" is not a valid host name.` };
  if (ip !== 'host-gateway' && !isIpAddress(ip)) {
    return { ok: false, error: `"${ip}" is not an IP address (or host-gateway) for host ${host}.` };
  }
  return { ok: true, host, ip };
}

