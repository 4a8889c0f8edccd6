/**
 * The environment variables a legacy link injects into its client, computed the way the engine
 * does (moby `daemon/links`), and any environment matched back to the links that made it.
 */
import { envPrefix } from './link-names';

export interface LinkEnvInput {
  /** The link's alias. */
  alias: string;
  /** The client's name without `/`; `<ALIAS>_NAME` is `/<client>/<alias>`. */
  client: string;
  /** The target's IP address on the default bridge. */
  targetIp: string;
  /** The target's exposed ports, `3306/tcp` (its `Config.ExposedPorts` keys). */
  exposedPorts: readonly string[];
  /** The target's `Config.Env`. */
  targetEnv: readonly string[];
}

interface Port {
  number: number;
  proto: string;
}

function parsePort(text: string): Port | null {
  const [num, proto = 'tcp'] = text.split('/');
  const number = Number(num);
  return Number.isInteger(number) && number > 0 ? { number, proto: proto.toLowerCase() } : null;
}

/** The engine's order: by number, tcp first when two share a number. */
function sortPorts(ports: Port[]): Port[] {
  return [...ports].sort((a, b) => a.number - b.number || (a.proto === b.proto ? 0 : a.proto === 'tcp' ? -1 : b.proto === 'tcp' ? 1 : a.proto.localeCompare(b.proto)));
}

/** Index of the last port of the run of consecutive numbers that starts at `index`. */
function nextContiguous(ports: Port[], index: number): number {
  if (index + 1 === ports.length) return index;
  let value = ports[index].number;
  for (let i = index + 1; i < ports.length; i++) {
    if (ports[i].number > value + 1) return i - 1;
    value++;
  }
  return ports.length - 1;
}

/** `NAME=value` lines in the order the engine emits them (later duplicates dropped: the first one wins its place). */
export function computeLinkEnv(input: LinkEnvInput): string[] {
  const a = envPrefix(input.alias);
  const ip = input.targetIp;
  const ports = sortPorts(input.exposedPorts.map(parsePort).filter((p): p is Port => p !== null));
  const env: string[] = [];
  if (ports.length) env.push(`${a}_PORT=${ports[0].proto}://${ip}:${ports[0].number}`);
  for (let i = 0; i < ports.length; ) {
    const p = ports[i];
    const j = nextContiguous(ports, i);
    if (j > i + 1) {
      const P = p.proto.toUpperCase();
      const q = ports[j];
      env.push(`${a}_PORT_${p.number}_${P}_START=${p.proto}://${ip}:${p.number}`);
      env.push(`${a}_PORT_${p.number}_${P}_ADDR=${ip}`);
      env.push(`${a}_PORT_${p.number}_${P}_PROTO=${p.proto}`);
      env.push(`${a}_PORT_${p.number}_${P}_PORT_START=${p.number}`);
      env.push(`${a}_PORT_${p.number}_${q.proto.toUpperCase()}_END=${q.proto}://${ip}:${q.number}`);
      env.push(`${a}_PORT_${p.number}_${q.proto.toUpperCase()}_PORT_END=${q.number}`);
      i = j + 1;
    } else {
      i++;
    }
  }
  for (const p of ports) {
    const P = p.proto.toUpperCase();
    env.push(`${a}_PORT_${p.number}_${P}=${p.proto}://${ip}:${p.number}`);
    env.push(`${a}_PORT_${p.number}_${P}_ADDR=${ip}`);
    env.push(`${a}_PORT_${p.number}_${P}_PORT=${p.number}`);
    env.push(`${a}_PORT_${p.number}_${P}_PROTO=${p.proto}`);
  }
  env.push(`${a}_NAME=/${input.client}/${input.alias}`);
  for (const line of input.targetEnv) {
    const eq = line.indexOf('=');
    if (eq === -1) continue;
    const key = line.slice(0, eq);
    // The engine leaves these two out: they come from the image, not from the target's settings.
    if (key === 'HOME' || key === 'PATH') continue;
    env.push(`${a}_ENV_${key}=${line.slice(eq + 1)}`);
  }
  return dedupeFirstPlace(env);
}

/** Keeps each key at its first position with its last value, as the engine's env merge does. */
function dedupeFirstPlace(lines: string[]): string[] {
  const order: string[] = [];
  const values = new Map<string, string>();
  for (const line of lines) {
    const key = keyOf(line);
    if (!values.has(key)) order.push(key);
    values.set(key, line);
  }
  return order.map((key) => values.get(key)!);
}

export function keyOf(line: string): string {
  const eq = line.indexOf('=');
  return eq === -1 ? line : line.slice(0, eq);
}

export function valueOf(line: string): string {
  const eq = line.indexOf('=');
  return eq === -1 ? '' : line.slice(eq + 1);
}

/**
 * The environment the client's process starts with, as the engine builds it: PATH, HOSTNAME,
 * TERM (with a TTY), every link's variables, then the container's own `Config.Env` replacing
 * equal keys in place. (The runtime appends HOME when it is not set.)
 */
export function composeContainerEnv(options: { hostname: string; tty: boolean; linkEnv: readonly string[]; configEnv: readonly string[] }): string[] {
  const base = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `HOSTNAME=${options.hostname}`];
  if (options.tty) base.push('TERM=xterm');
  const env = dedupeFirstPlace([...base, ...options.linkEnv]);
  const index = new Map(env.map((line, i) => [keyOf(line), i]));
  for (const line of options.configEnv) {
    const at = index.get(keyOf(line));
    if (at === undefined) {
      index.set(keyOf(line), env.length);
      env.push(line);
    } else {
      env[at] = line;
    }
  }
  if (!index.has('HOME')) env.push('HOME=/root');
  return env;
}

export type LinkVarKind = 'default-port' | 'port' | 'port-addr' | 'port-port' | 'port-proto' | 'range' | 'name' | 'env';

export interface MatchedVar {
  name: string;
  value: string;
  alias: string;
  kind: LinkVarKind;
  /** What the variable means, in words. */
  meaning: string;
}

const SUFFIX = /^PORT_(\d+)_([A-Z]+)(?:_(ADDR|PORT|PROTO|START|END|PORT_START|PORT_END))?$/;

/**
 * Which link made the variable `NAME=value`, if any, and what it says. The longest alias prefix
 * wins, so `DB_SERVER_NAME` belongs to `db-server`, not to `db`.
 */
export function matchLinkVar(line: string, links: readonly { alias: string; target: string }[]): MatchedVar | null {
  const name = keyOf(line);
  const value = valueOf(line);
  const byLength = [...links].sort((x, y) => envPrefix(y.alias).length - envPrefix(x.alias).length);
  for (const link of byLength) {
    const prefix = `${envPrefix(link.alias)}_`;
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const t = link.target;
    const base = { name, value, alias: link.alias };
    if (rest === 'PORT') return { ...base, kind: 'default-port', meaning: `The lowest port ${t} exposes, as a URL.` };
    if (rest === 'NAME') return { ...base, kind: 'name', meaning: `The link's name: ${value || `/client/${link.alias}`} (client/alias).` };
    if (rest.startsWith('ENV_') && rest.length > 4) return { ...base, kind: 'env', meaning: `${t}'s own variable ${rest.slice(4)} (set with -e or by its image), copied in.` };
    const m = SUFFIX.exec(rest);
    if (!m) continue;
    const port = `${m[1]}/${m[2].toLowerCase()}`;
    switch (m[3]) {
      case undefined:
        return { ...base, kind: 'port', meaning: `${t}'s exposed port ${port} as a URL.` };
      case 'ADDR':
        return { ...base, kind: 'port-addr', meaning: `${t}'s IP address on the default bridge, for port ${port}.` };
      case 'PORT':
        return { ...base, kind: 'port-port', meaning: `The number of ${t}'s exposed port ${port}.` };
      case 'PROTO':
        return { ...base, kind: 'port-proto', meaning: `The protocol of ${t}'s exposed port ${port}.` };
      default:
        return { ...base, kind: 'range', meaning: `The ${m[3].toLowerCase().replace('_', ' ')} of a range of consecutive ports ${t} exposes, from ${port}.` };
    }
  }
  return null;
}
