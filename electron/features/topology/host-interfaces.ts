/**
 * Reads the host's and the running containers' network interfaces from `/sys` and `/proc`.
 *
 * Never execs into a container. Two paths per container: as root, the container's own sysfs at
 * `/proc/<pid>/root/sys/class/net` gives ifindex, iflink (= host peer's ifindex) and MAC; without
 * ptrace rights that path is denied, so `/proc/<pid>/net/{dev_mcast,igmp,route}` give the
 * container-side ifindex (= host veth's iflink) and subnets instead. `nsenter --net cat /sys/...`
 * is deliberately not used: sysfs reflects the mounter's namespace, so it would show the host.
 * Only meaningful when the engine runs on this machine (local socket): the caller decides that.
 */
import { readFile, readdir, readlink, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type {
  ContainerNetnsReading,
  HostInterfaces,
  HostLink,
  NetnsLink,
  NetnsReadMethod,
} from '../../../shared/topology/host-interfaces';
import { parseDevMcast, parseIgmp, parseNetDevNames, parseRouteSubnets } from '../../../shared/topology/parse-procfs-net';

/** A running container to look into: its engine id, `State.Pid` and `NetworkSettings.SandboxKey`. */
export interface NetnsTarget {
  id: string;
  pid: number;
  /** When given and stat-able, its inode must equal `/proc/<pid>/ns/net`'s: guards against a reused pid. */
  sandboxKey?: string;
}

export interface ReadHostInterfacesOptions {
  sysRoot?: string;
  procRoot?: string;
  /** `auto` tries sysfs then procfs; the others force one path (tests use them). */
  method?: 'auto' | NetnsReadMethod;
}

/**
 * Reads host links and, for each target, the links inside its namespace.
 *
 * Returns null when the host's `/sys/class/net` cannot be listed at all: then nothing can be
 * said about veths, and the builder shows them as unknown instead of guessing.
 */
export async function readHostInterfaces(
  targets: readonly NetnsTarget[],
  options: ReadHostInterfacesOptions = {},
): Promise<HostInterfaces | null> {
  const sysRoot = options.sysRoot ?? '/sys';
  const procRoot = options.procRoot ?? '/proc';
  const links = await readHostLinks(join(sysRoot, 'class/net'));
  if (links === null) return null;
  const entries = await Promise.all(
    targets.map(async (t) => [t.id, await readContainerNetns(t, procRoot, options.method ?? 'auto')] as const),
  );
  return {
    privileged: entries.some(([, r]) => r.readable && r.method === 'sysfs'),
    links,
    containers: Object.fromEntries(entries),
  };
}

async function readHostLinks(dir: string): Promise<HostLink[] | null> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return null;
  }
  const links = await Promise.all(
    names.map(async (name): Promise<HostLink | null> => {
      const ifindex = await readInt(join(dir, name, 'ifindex'));
      const iflink = await readInt(join(dir, name, 'iflink'));
      // A device can vanish between readdir and read (container stopping): skip it.
      if (ifindex === null || iflink === null) return null;
      return {
        name,
        ifindex,
        iflink,
        mac: await readMac(join(dir, name, 'address')),
        master: await readlink(join(dir, name, 'master')).then(basename, () => null),
      };
    }),
  );
  return links.filter((l): l is HostLink => l !== null).sort((a, b) => a.ifindex - b.ifindex);
}

async function readContainerNetns(
  target: NetnsTarget,
  procRoot: string,
  method: 'auto' | NetnsReadMethod,
): Promise<ContainerNetnsReading> {
  const { pid } = target;
  const procDir = join(procRoot, String(pid));
  if (!Number.isInteger(pid) || pid <= 0) return { readable: false, pid, reason: 'The container has no process.' };
  const sameNetns = await checkSandbox(procDir, target.sandboxKey);
  if (sameNetns === false) return { readable: false, pid, reason: 'The pid no longer belongs to this container.' };
  // Names and subnets come from procfs in both paths: it is the namespace's own truth and lets us
  // reject a sysfs that is not the container's (e.g. a bind-mounted host /sys).
  const devText = await readText(join(procDir, 'net/dev'));
  if (devText === null) return { readable: false, pid, reason: `Cannot read ${procDir}/net (remote engine or no access).` };
  const names = parseNetDevNames(devText).filter((n) => n !== 'lo');
  const subnets = parseRouteSubnets((await readText(join(procDir, 'net/route'))) ?? '');
  if (method !== 'procfs') {
    const links = await readSysfsLinks(join(procDir, 'root/sys/class/net'), names, subnets);
    if (links) return { readable: true, pid, method: 'sysfs', links };
    if (method === 'sysfs') return { readable: false, pid, reason: 'The container sysfs is not readable.' };
  }
  const indexes = parseDevMcast((await readText(join(procDir, 'net/dev_mcast'))) ?? '');
  // igmp also lists interfaces that have IPv4 multicast but no dev_mcast entry.
  for (const [name, index] of parseIgmp((await readText(join(procDir, 'net/igmp'))) ?? '')) {
    if (!indexes.has(name)) indexes.set(name, index);
  }
  const links = names.map((name) => ({ name, ifindex: indexes.get(name) ?? null, iflink: null, mac: null, subnets: subnets.get(name) ?? [] }));
  return { readable: true, pid, method: 'procfs', links };
}

/** Null when denied or when the sysfs seen is not the container's (its names differ from procfs's). */
async function readSysfsLinks(dir: string, names: string[], subnets: Map<string, string[]>): Promise<NetnsLink[] | null> {
  let listed: string[];
  try {
    listed = (await readdir(dir)).filter((n) => n !== 'lo');
  } catch {
    return null;
  }
  if (listed.length !== names.length || !names.every((n) => listed.includes(n))) return null;
  const links: NetnsLink[] = [];
  for (const name of names) {
    const ifindex = await readInt(join(dir, name, 'ifindex'));
    const iflink = await readInt(join(dir, name, 'iflink'));
    if (ifindex === null || iflink === null) return null;
    links.push({ name, ifindex, iflink, mac: await readMac(join(dir, name, 'address')), subnets: subnets.get(name) ?? [] });
  }
  return links;
}

/** True/false when both inodes are readable; null when the sandbox key cannot be checked (non-root). */
async function checkSandbox(procDir: string, sandboxKey: string | undefined): Promise<boolean | null> {
  if (!sandboxKey) return null;
  try {
    const [sandbox, netns] = await Promise.all([stat(sandboxKey), stat(join(procDir, 'ns/net'))]);
    return sandbox.ino === netns.ino && sandbox.dev === netns.dev;
  } catch {
    return null;
  }
}

async function readText(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch(() => null);
}

async function readInt(path: string): Promise<number | null> {
  const text = await readText(path);
  const value = text === null ? NaN : Number(text.trim());
  return Number.isInteger(value) ? value : null;
}

async function readMac(path: string): Promise<string | null> {
  const text = (await readText(path))?.trim().toLowerCase();
  return text && /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(text) ? text : null;
}
