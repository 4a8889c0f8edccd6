/**
 * Checks the host readers against a real engine and iproute2 (`ip -j link`, netlink-based, so an
 * independent source). Creates labelled containers with the docker CLI and removes them after.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHostAsNobody } from '../../../test/fixtures/topology/run-as-nobody';
import type { IpLinkEntry } from '../../../test/fixtures/topology/load-fixtures';
import type { EngineContainerInspect } from '../../../shared/containers/engine-inspect';
import { buildTopology } from '../../../shared/topology/build-topology';
import type { EngineNetworkInspect } from '../../../shared/topology/engine-network';
import type { HostInterfaces } from '../../../shared/topology/host-interfaces';
import { readHostInterfaces, type NetnsTarget } from './host-interfaces';
import { readIpForward } from './ip-forward';
import { readNatTable } from './nat-table';

const REPO = join(__dirname, '../../..');
const SUFFIX = Math.random().toString(36).slice(2, 8);
/** Per-file label: cleanup removes exactly what this file created. */
const RUN_LABEL = `patchbay.test.run=host-readers-${SUFFIX}`;
const NET = `pbtopo-net-${SUFFIX}`;
const ONE = `pbtopo-one-${SUFFIX}`;
const TWO = `pbtopo-two-${SUFFIX}`;
const IMAGE = 'patchbay-test/busybox:latest';
const hasEngine = existsSync('/var/run/docker.sock') && spawnSync('docker', ['version'], { stdio: 'ignore' }).status === 0;
// Root is needed to exercise both paths: the sysfs one directly, the unprivileged one by dropping to nobody.
const isRoot = process.getuid?.() === 0;

const docker = (...args: string[]): string => execFileSync('docker', args, { encoding: 'utf8' }).trim();
/** `ip -j link` on the host. */
const ipLink = (): IpLinkEntry[] => JSON.parse(execFileSync('ip', ['-j', 'link'], { encoding: 'utf8' })) as IpLinkEntry[];
/** `ip -j link` in a container's netns: netlink, unlike sysfs, follows the namespace nsenter enters. */
const netnsIpLink = (pid: number): IpLinkEntry[] =>
  JSON.parse(execFileSync('nsenter', ['-t', String(pid), '-n', 'ip', '-j', 'link'], { encoding: 'utf8' })) as IpLinkEntry[];

// Never skipped (CI must fail, not skip, without an engine): says what is missing instead.
describe('host readers on a real engine', () => {
  let containers: EngineContainerInspect[] = [];
  let targets: NetnsTarget[] = [];
  let root: HostInterfaces | null = null;

  beforeAll(async () => {
    if (!hasEngine) throw new Error('No Docker engine answers at /var/run/docker.sock: run scripts/start-dockerd.sh');
    if (!isRoot) throw new Error('These checks read both paths (root sysfs, then procfs as nobody): run them as root.');
    docker('network', 'create', '--label', 'patchbay.test=1', '--label', RUN_LABEL, NET);
    docker('run', '-d', '--label', 'patchbay.test=1', '--label', RUN_LABEL, '--name', ONE, '-p', '127.0.0.1::80', IMAGE, 'sleep', '3600');
    docker('run', '-d', '--label', 'patchbay.test=1', '--label', RUN_LABEL, '--name', TWO, '--net', NET, IMAGE, 'sleep', '3600');
    docker('network', 'connect', 'bridge', TWO);
    containers = JSON.parse(docker('inspect', ONE, TWO)) as EngineContainerInspect[];
    targets = containers.map((c) => ({ id: c.Id, pid: c.State.Pid, sandboxKey: c.NetworkSettings.SandboxKey }));
    root = await readHostInterfaces(targets);
  }, 60_000);

  afterAll(() => {
    spawnSync('docker', ['rm', '-f', ONE, TWO], { stdio: 'ignore' });
    spawnSync('docker', ['network', 'rm', NET], { stdio: 'ignore' });
  });

  it('reads host links exactly as iproute2 sees them', () => {
    const ip = new Map(ipLink().map((l) => [l.ifname, l]));
    const veths = root!.links.filter((l) => l.iflink !== l.ifindex);
    expect(veths.length).toBeGreaterThanOrEqual(3);
    for (const link of root!.links) {
      const ref = ip.get(link.name);
      if (!ref) continue; // Another test's device came or went between the two reads.
      expect(link).toEqual({ name: ref.ifname, ifindex: ref.ifindex, iflink: ref.link_index ?? ref.ifindex, mac: ref.address, master: ref.master ?? null });
    }
  });

  it('as root, reads each container namespace via its sysfs, and iflink is the host peer ifindex', () => {
    expect(root!.privileged).toBe(true);
    for (const target of targets) {
      const reading = root!.containers[target.id];
      if (!reading.readable) throw new Error(reading.reason);
      expect(reading.method).toBe('sysfs');
      const inside = netnsIpLink(target.pid).filter((l) => l.ifname !== 'lo');
      expect(reading.links.map((l) => [l.name, l.ifindex, l.iflink, l.mac])).toEqual(inside.map((l) => [l.ifname, l.ifindex, l.link_index, l.address]));
      for (const link of reading.links) {
        const peer = root!.links.find((h) => h.ifindex === link.iflink);
        expect(peer?.iflink).toBe(link.ifindex);
      }
    }
    expect(root!.containers[containers[1].Id].readable && root!.containers[containers[1].Id]).toMatchObject({ links: [{ name: 'eth0' }, { name: 'eth1' }] });
  });

  it('shows why `nsenter --net cat /sys/...` is a trap: it reads the host sysfs', () => {
    const reading = root!.containers[containers[0].Id];
    if (!reading.readable) throw new Error(reading.reason);
    const trapped = execFileSync('nsenter', [`--net=/proc/${containers[0].State.Pid}/ns/net`, 'cat', '/sys/class/net/eth0/iflink'], { encoding: 'utf8' }).trim();
    const hostEth0 = root!.links.find((l) => l.name === 'eth0');
    expect(Number(trapped)).not.toBe(reading.links[0].iflink);
    if (hostEth0) expect(Number(trapped)).toBe(hostEth0.iflink);
  });

  it('builds matched veth pairs on both networks and the DNAT of the published port', async () => {
    const networks = JSON.parse(docker('network', 'inspect', 'bridge', NET)) as EngineNetworkInspect[];
    const nat = await readNatTable();
    const topology = buildTopology({ networks, containers, hostInterfaces: root, nat, ipForward: await readIpForward() });
    const ip = new Map(ipLink().map((l) => [l.ifname, l]));
    expect(topology.vethPairs).toHaveLength(3);
    for (const pair of topology.vethPairs) {
      expect(pair.status).toBe('matched');
      expect(ip.get(pair.host.name!)).toMatchObject({ link_index: pair.container.ifindex, master: pair.host.master });
    }
    const published = containers[0].NetworkSettings.Ports!['80/tcp']![0];
    expect(topology.nat.source).toBe('host');
    expect(topology.nat.dnat).toContainEqual(
      expect.objectContaining({ hostIp: '127.0.0.1', hostPort: Number(published.HostPort), containerPort: 80, containerNodeId: `container:${containers[0].Id}` }),
    );
  });

  it('as nobody, falls back to procfs, finds the same host veths, and cannot read NAT', () => {
    const nobody = readHostAsNobody(REPO, targets);
    expect(nobody.uid).toBe(65534);
    expect(nobody.hostInterfaces?.privileged).toBe(false);
    expect(nobody.nat).toBeNull();
    for (const target of targets) {
      const [a, b] = [root!.containers[target.id], nobody.hostInterfaces!.containers[target.id]];
      if (!a.readable || !b.readable) throw new Error('unreadable');
      expect(b.method).toBe('procfs');
      expect(b.links.map((l) => [l.name, l.ifindex, l.iflink, l.mac])).toEqual(a.links.map((l) => [l.name, l.ifindex, null, null]));
    }
    const networks = JSON.parse(docker('network', 'inspect', 'bridge', NET)) as EngineNetworkInspect[];
    const build = (h: HostInterfaces | null) =>
      buildTopology({ networks, containers, hostInterfaces: h, nat: null, ipForward: null }).vethPairs.map((p) => [p.id, p.host.name, p.status]);
    expect(build(nobody.hostInterfaces)).toEqual(build(root));
  }, 60_000);

  it('reads ip_forward like the kernel file and refuses unreadable or mismatched sources', async () => {
    expect(await readIpForward()).toBe(readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim() === '1');
    expect(await readIpForward('/nonexistent')).toBeNull();
    expect(await readHostInterfaces(targets, { sysRoot: '/nonexistent' })).toBeNull();
    // Container two's sandbox with container one's pid: a reused pid must not be trusted.
    const swapped = await readHostInterfaces([{ ...targets[0], sandboxKey: targets[1].sandboxKey }]);
    expect(swapped?.containers[targets[0].id]).toMatchObject({ readable: false });
    const gone = await readHostInterfaces([{ id: 'gone', pid: 2 ** 22 + 7 }]);
    expect(gone?.containers.gone).toMatchObject({ readable: false });
  });
});
