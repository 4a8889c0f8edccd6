/**
 * The topology through the core against the real engine, with the kernel and the CLI as witnesses:
 * `ip -j link` / `ip -j addr` (netlink, on the host and inside each namespace), `docker inspect`
 * and `iptables-save -t nat`. The veth mapping is checked as root and as an unprivileged member
 * of the docker group (`patchbay-ci`, which CI creates).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineContainerInspect } from '../../shared/containers/engine-inspect';
import type { PatchbayError } from '../../shared/errors';
import { buildTopology } from '../../shared/topology/build-topology';
import type { NetworkSummary, TopologySnapshot } from '../../shared/topology/contract';
import type { EngineNetworkInspect } from '../../shared/topology/engine-network';
import type { HostInterfaces } from '../../shared/topology/host-interfaces';
import type { BridgeNetworkNode, ContainerNode, VethPair } from '../../shared/topology/model';
import { parseIptablesNat } from '../../shared/topology/parse-iptables-nat';
import { startCore, type CoreHarness } from '../support/core-harness';
import { docker, labelArgs, removeTestResources, requireEngine, runTestContainer, RUN_LABEL, uniqueName } from '../support/engine';

const CI_USER = 'patchbay-ci';
const REPO = process.cwd();
const TAG = RUN_LABEL.split('=')[1].slice(0, 6);
const N = {
  first: `pbt-first-${TAG}`,
  second: `pbt-second-${TAG}`,
  hostMode: `pbt-host-${TAG}`,
  none: `pbt-none-${TAG}`,
  sidecar: `pbt-sidecar-${TAG}`,
  dual: `pbt-dual-${TAG}`,
  net: `pbt-net-${TAG}`,
};

interface IpLink {
  ifindex: number;
  ifname: string;
  link_index?: number;
  master?: string;
  address: string;
}
interface IpAddr extends IpLink {
  addr_info: { family: string; local: string; prefixlen: number }[];
}

const ipJson = <T>(args: string[], pid?: number): T =>
  JSON.parse(execFileSync(pid ? 'nsenter' : 'ip', pid ? ['-t', String(pid), '-n', 'ip', '-j', ...args] : ['-j', ...args], { encoding: 'utf8' })) as T;

async function inspectAll(names: string[]): Promise<EngineContainerInspect[]> {
  return JSON.parse(await docker(['inspect', ...names])) as EngineContainerInspect[];
}

let h: CoreHarness;
let topology: TopologySnapshot;
let inspects: Map<string, EngineContainerInspect>;

beforeAll(async () => {
  await requireEngine();
  await docker(['network', 'create', ...labelArgs(), '--subnet', '172.31.240.0/24', '--gateway', '172.31.240.1', N.net]);
  await runTestContainer(N.first, ['-p', '127.0.0.1:5080:80']);
  await runTestContainer(N.second);
  await runTestContainer(N.hostMode, ['--net', 'host']);
  await runTestContainer(N.none, ['--net', 'none']);
  await runTestContainer(N.sidecar, ['--net', `container:${N.first}`]);
  await runTestContainer(N.dual, ['--net', N.net]);
  await docker(['network', 'connect', 'bridge', N.dual]);
  inspects = new Map((await inspectAll(Object.values(N).filter((n) => n !== N.net))).map((c) => [c.Name.slice(1), c]));
  h = await startCore();
  // The core's mirror must have seen the last connect before the first build is compared.
  for (let i = 0; i < 50; i++) {
    topology = await h.call<TopologySnapshot>('topology:get');
    if (topology.vethPairs.filter((p) => p.containerId === inspects.get(N.dual)!.Id).length === 2) break;
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  h?.stop();
  await removeTestResources({ thisRunOnly: true });
});

const nodeOf = (name: string) => topology.nodes.find((n): n is ContainerNode => n.kind === 'container' && n.name === name)!;
const pairsOf = (name: string): VethPair[] => topology.vethPairs.filter((p) => p.containerId === inspects.get(name)!.Id);
const bridgeNamed = (name: string) => topology.nodes.find((n): n is BridgeNetworkNode => n.kind === 'bridge' && n.name === name)!;

describe('topology:get against the kernel, the engine and iptables', () => {
  it('draws docker0 and the user bridge with the engine subnet, the gateway address on the device, and the device index and MAC', async () => {
    const hostAddrs = new Map(ipJson<IpAddr[]>(['addr']).map((a) => [a.ifname, a]));
    for (const name of ['bridge', N.net]) {
      const node = bridgeNamed(name);
      const engine = (JSON.parse(await docker(['network', 'inspect', name])) as EngineNetworkInspect[])[0];
      expect(node.networkId).toBe(engine.Id);
      expect(node.subnets.map((s) => s.subnet)).toEqual(engine.IPAM.Config!.map((c) => c.Subnet));
      const device = hostAddrs.get(node.deviceName)!;
      expect(device, `host device ${node.deviceName}`).toBeDefined();
      expect(node.device).toEqual({ ifindex: device.ifindex, mac: device.address });
      const v4 = device.addr_info.find((a) => a.family === 'inet')!;
      expect(node.subnets[0].gateway).toBe(v4.local);
      expect(`${node.subnets[0].subnet.split('/')[1]}`).toBe(String(v4.prefixlen));
    }
    expect(bridgeNamed('bridge').deviceName).toBe('docker0');
    expect(bridgeNamed(N.net).deviceName).toBe(`br-${bridgeNamed(N.net).networkId.slice(0, 12)}`);
  });

  it('maps every veth to its container and bridge exactly as ip link / ip addr and docker inspect say', () => {
    const hostLinks = new Map(ipJson<IpLink[]>(['link']).map((l) => [l.ifname, l]));
    const expected: [string, string][] = [
      [N.first, 'bridge'],
      [N.second, 'bridge'],
      [N.dual, 'bridge'],
      [N.dual, N.net],
    ];
    for (const [name, network] of expected) {
      const inspect = inspects.get(name)!;
      const endpoint = inspect.NetworkSettings.Networks![network];
      const pair = pairsOf(name).find((p) => p.networkId === endpoint.NetworkID)!;
      expect(pair, `${name} on ${network}`).toBeDefined();
      expect(pair.status).toBe('matched');
      expect(pair.readMethod).toBe('sysfs');
      // Engine side: docker inspect.
      expect(pair.endpointId).toBe(endpoint.EndpointID);
      expect(pair.container.ipAddress).toBe(endpoint.IPAddress);
      expect(pair.container.prefixLen).toBe(endpoint.IPPrefixLen);
      expect(pair.container.macAddress).toBe(endpoint.MacAddress);
      expect(pair.container.gateway).toBe(endpoint.Gateway);
      // Container side: netlink inside the container's namespace.
      const inside = ipJson<IpAddr[]>(['addr'], inspect.State.Pid).find((l) => l.ifname === pair.container.ifname)!;
      expect(inside, `${pair.container.ifname} in ${name}`).toBeDefined();
      expect(pair.container.ifindex).toBe(inside.ifindex);
      expect(inside.address).toBe(pair.container.macAddress);
      expect(inside.addr_info.find((a) => a.family === 'inet')).toMatchObject({ local: pair.container.ipAddress, prefixlen: pair.container.prefixLen });
      // Host side: netlink on the host.
      const host = hostLinks.get(pair.host.name!)!;
      expect(host, `host ${pair.host.name}`).toBeDefined();
      expect(host.ifindex).toBe(pair.host.ifindex);
      expect(host.address).toBe(pair.host.mac);
      expect(host.master).toBe(bridgeNamed(network).deviceName);
      expect(pair.host.master).toBe(host.master);
      expect(host.link_index).toBe(inside.ifindex);
      expect(inside.link_index).toBe(host.ifindex);
    }
    expect(pairsOf(N.dual)).toHaveLength(2);
    expect(topology.vethPairs.filter((p) => [N.hostMode, N.none, N.sidecar].some((n) => p.containerId === inspects.get(n)!.Id))).toEqual([]);
  });

  it('draws host, none and container: modes as namespace edges, not veths', () => {
    expect(nodeOf(N.hostMode).networkMode).toEqual({ kind: 'host' });
    expect(nodeOf(N.none).networkMode).toEqual({ kind: 'none' });
    expect(nodeOf(N.sidecar).networkMode).toMatchObject({ kind: 'container', targetContainerId: inspects.get(N.first)!.Id });
    const edgesFrom = (name: string) => topology.edges.filter((e) => e.from === nodeOf(name).id);
    expect(edgesFrom(N.hostMode)).toEqual([expect.objectContaining({ kind: 'host-mode', to: 'host' })]);
    expect(edgesFrom(N.none)).toEqual([expect.objectContaining({ kind: 'none-mode' })]);
    expect(edgesFrom(N.sidecar)).toEqual([expect.objectContaining({ kind: 'shares-netns', to: nodeOf(N.first).id })]);
    // The sidecar really is in first's namespace: same interfaces, so the same veth.
    const sidecarLinks = ipJson<IpLink[]>(['link'], inspects.get(N.sidecar)!.State.Pid).filter((l) => l.ifname !== 'lo');
    expect(sidecarLinks.map((l) => l.address)).toEqual([pairsOf(N.first)[0].container.macAddress]);
    expect(ipJson<IpLink[]>(['link'], inspects.get(N.none)!.State.Pid).map((l) => l.ifname)).toEqual(['lo']);
  });

  it('shows the DNAT rule of the published port exactly as iptables-save has it, and MASQUERADE per subnet', () => {
    const table = parseIptablesNat(execFileSync('iptables-save', ['-t', 'nat'], { encoding: 'utf8' }));
    const rule = table.dnat.find((r) => r.hostPort === 5080 && r.hostIp === '127.0.0.1')!;
    expect(rule, 'iptables DNAT for 127.0.0.1:5080').toBeDefined();
    expect(topology.nat.source).toBe('host');
    const dnat = topology.nat.dnat.find((d) => d.hostPort === 5080)!;
    expect(dnat).toMatchObject({
      hostIp: '127.0.0.1',
      protocol: 'tcp',
      containerIp: pairsOf(N.first)[0].container.ipAddress,
      containerPort: 80,
      containerNodeId: nodeOf(N.first).id,
      networkNodeId: bridgeNamed('bridge').id,
      excludedInInterface: 'docker0',
      source: 'host',
      raw: rule.raw,
    });
    expect(rule.toIp).toBe(dnat.containerIp);
    for (const name of ['bridge', N.net]) {
      const node = bridgeNamed(name);
      expect(topology.nat.masquerade).toContainEqual(
        expect.objectContaining({ kind: 'subnet', source: node.subnets[0].subnet, excludedOutInterface: node.deviceName, networkNodeId: node.id, origin: 'host' }),
      );
    }
    expect(topology.nat.ipForward).toBe(execFileSync('cat', ['/proc/sys/net/ipv4/ip_forward'], { encoding: 'utf8' }).trim() === '1' ? 'on' : 'off');
  });

  it(`finds the same veth pairs as ${CI_USER}, an unprivileged member of the docker group`, async () => {
    let groups: string;
    try {
      groups = execFileSync('id', ['-nG', CI_USER], { encoding: 'utf8' });
    } catch {
      throw new Error(`The user ${CI_USER} is missing: create it with useradd -m -G docker ${CI_USER} (CI does).`);
    }
    expect(groups.split(/\s+/)).toContain('docker');
    const running = [...inspects.values()].filter((c) => c.State.Running);
    const targets = running.map((c) => ({ id: c.Id, pid: c.State.Pid, sandboxKey: c.NetworkSettings.SandboxKey }));
    const out = execFileSync(
      'runuser',
      ['-u', CI_USER, '--', 'env', `HOME=/tmp`, process.execPath, join(REPO, 'node_modules/tsx/dist/cli.mjs'), join(REPO, 'test/fixtures/topology/read-host-cli.ts'), JSON.stringify(targets)],
      { encoding: 'utf8', cwd: '/tmp', timeout: 60_000 },
    );
    const reading = JSON.parse(out) as { uid: number; hostInterfaces: HostInterfaces | null; nat: unknown };
    expect(reading.uid).toBe(Number(execFileSync('id', ['-u', CI_USER], { encoding: 'utf8' }).trim()));
    expect(reading.hostInterfaces).not.toBeNull();
    expect(reading.hostInterfaces!.privileged).toBe(false);
    const networks = JSON.parse(await docker(['network', 'inspect', 'bridge', 'host', 'none', N.net])) as EngineNetworkInspect[];
    const containers = await inspectAll(running.map((c) => c.Id));
    const nonRoot = buildTopology({ networks, containers, hostInterfaces: reading.hostInterfaces, nat: null, ipForward: null });
    const summary = (pairs: VethPair[]) =>
      pairs.filter((p) => inspects.has(containers.find((c) => c.Id === p.containerId)?.Name.slice(1) ?? '')).map((p) => ({
        id: p.id,
        status: p.status,
        host: { name: p.host.name, ifindex: p.host.ifindex, master: p.host.master },
        container: { ifname: p.container.ifname, ifindex: p.container.ifindex, ip: p.container.ipAddress },
      }));
    const rootPairs = summary(topology.vethPairs);
    expect(rootPairs).toHaveLength(4);
    expect(summary(nonRoot.vethPairs)).toEqual(rootPairs);
    expect(nonRoot.vethPairs.filter((p) => inspects.has(containers.find((c) => c.Id === p.containerId)!.Name.slice(1))).every((p) => p.readMethod === 'procfs')).toBe(true);
    // Without root, NAT is derived from the published ports, and says so.
    expect(reading.nat).toBeNull();
    expect(nonRoot.nat.source).toBe('derived');
    expect(nonRoot.nat.dnat).toContainEqual(expect.objectContaining({ hostIp: '127.0.0.1', hostPort: 5080, containerPort: 80, source: 'derived' }));
  }, 90_000);
});

async function expectFailure(channel: string, input: unknown): Promise<PatchbayError> {
  const result = await h.invoke(channel, input);
  expect(result.ok, `${channel} ${JSON.stringify(input)} should fail`).toBe(false);
  if (result.ok) throw new Error('unreachable');
  return result.error;
}

describe('networks through the core', () => {
  it('refuses invalid create input with a clear message before the engine sees it', async () => {
    const name = uniqueName('pbt-bad');
    expect(await expectFailure('networks:create', { name, subnet: '10.77.3.4/16' })).toMatchObject({
      code: 'invalid-input',
      message: 'The subnet 10.77.3.4/16 has host bits set: use 10.77.0.0/16 instead.',
    });
    expect((await expectFailure('networks:create', { name, subnet: '10.77.0.0/33' })).message).toMatch(/is not a subnet: write it in CIDR form/);
    expect((await expectFailure('networks:create', { name, subnet: '10.77.0.0/16', gateway: '10.78.0.1' })).message).toBe(
      'The gateway 10.78.0.1 is outside the subnet 10.77.0.0/16.',
    );
    expect((await expectFailure('networks:create', { name, bridgeName: 'a-very-long-bridge-name' })).message).toMatch(/at most 15 characters/);
    expect((await expectFailure('networks:create', { name: '-x' })).message).toMatch(/must start with a letter or digit/);
    expect(await docker(['network', 'ls', '-q', '--filter', `name=${name}`])).toBe('');
  });

  it('passes the engine’s refusal on in plain words (overlapping subnet)', async () => {
    const error = await expectFailure('networks:create', { name: uniqueName('pbt-overlap'), subnet: '172.31.240.0/24', labels: { 'patchbay.test': '1', 'patchbay.test.run': RUN_LABEL.split('=')[1] } });
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/^The engine refused: .*overlap/i);
  });

  it('creates, connects with aliases, disconnects and removes a network, live in the topology', async () => {
    const name = uniqueName('pbt-made');
    const runId = RUN_LABEL.split('=')[1];
    const created = await h.call<{ id: string; name: string }>('networks:create', {
      name,
      subnet: '172.31.241.0/24',
      gateway: '172.31.241.1',
      ipRange: '172.31.241.128/25',
      bridgeName: `pbt${TAG}`,
      attachable: true,
      labels: { 'patchbay.test': '1', 'patchbay.test.run': runId, role: 'made' },
    });
    const engine = (JSON.parse(await docker(['network', 'inspect', created.id])) as EngineNetworkInspect[])[0];
    expect(engine).toMatchObject({ Name: name, Driver: 'bridge', Attachable: true, Labels: { role: 'made' }, Options: { 'com.docker.network.bridge.name': `pbt${TAG}` } });
    expect(engine.IPAM.Config).toEqual([{ Subnet: '172.31.241.0/24', Gateway: '172.31.241.1', IPRange: '172.31.241.128/25' }]);
    const listed = await h.call<NetworkSummary[]>('networks:list');
    expect(listed.find((n) => n.id === created.id)).toMatchObject({ name, driver: 'bridge', subnets: [{ subnet: '172.31.241.0/24', gateway: '172.31.241.1' }] });

    await h.call('networks:connect', { network: name, container: N.second, aliases: ['cache', 'kv'], ipv4: '172.31.241.200' });
    const endpoint = (JSON.parse(await docker(['inspect', N.second])) as EngineContainerInspect[])[0].NetworkSettings.Networks![name];
    expect(endpoint.IPAddress).toBe('172.31.241.200');
    expect(endpoint.Aliases).toEqual(expect.arrayContaining(['cache', 'kv']));
    const since = Date.now() - 5_000;
    const withPair = await h.waitForEvent('topology:changed', (t) => t.vethPairs.some((p) => p.networkId === created.id && p.host.master === `pbt${TAG}`), 2_000, since);
    expect(withPair.payload.vethPairs.find((p) => p.networkId === created.id)!.container.ipAddress).toBe('172.31.241.200');

    expect(await expectFailure('networks:remove', { id: name })).toMatchObject({
      code: 'in-use',
      message: `Network ${name} is in use by ${N.second}: disconnect it (or remove it) first.`,
    });
    expect(await docker(['network', 'inspect', '-f', '{{.Name}}', created.id])).toBe(name);

    await h.call('networks:disconnect', { network: name, container: N.second });
    expect(Object.keys(JSON.parse(await docker(['inspect', '-f', '{{json .NetworkSettings.Networks}}', N.second])) as object)).not.toContain(name);
    await h.call('networks:remove', { id: name });
    expect(await docker(['network', 'ls', '-q', '--filter', `id=${created.id}`])).toBe('');
    const gone = await h.waitForEvent('topology:changed', (t) => !t.nodes.some((n) => n.id === `network:${created.id}`), 2_000, Date.now() - 2_000);
    expect(gone.payload.vethPairs.some((p) => p.networkId === created.id)).toBe(false);
  });

  it('names what is missing when connecting an unknown container', async () => {
    expect(await expectFailure('networks:connect', { network: N.net, container: 'pbt-no-such-container' })).toMatchObject({ code: 'not-found', message: expect.stringContaining('pbt-no-such-container') });
  });

  it('sends topology:changed with the new veth pair within 1 s of `docker network connect`', async () => {
    const since = Date.now();
    await docker(['network', 'connect', N.net, N.first]);
    const event = await h.waitForEvent('topology:changed', (t) => t.vethPairs.some((p) => p.containerId === inspects.get(N.first)!.Id && p.networkId === bridgeNamed(N.net).networkId), 1_000, since);
    expect(event.at - since).toBeLessThan(1_000);
    const pair = event.payload.vethPairs.find((p) => p.containerId === inspects.get(N.first)!.Id && p.networkId === bridgeNamed(N.net).networkId)!;
    const host = ipJson<IpLink[]>(['link']).find((l) => l.ifname === pair.host.name)!;
    expect(host).toMatchObject({ ifindex: pair.host.ifindex, master: bridgeNamed(N.net).deviceName, link_index: pair.container.ifindex });
    expect(pair.container.ifname).toBe('eth1');

    const before = Date.now();
    await docker(['network', 'disconnect', N.net, N.first]);
    await h.waitForEvent('topology:changed', (t) => !t.vethPairs.some((p) => p.containerId === inspects.get(N.first)!.Id && p.networkId === bridgeNamed(N.net).networkId), 1_000, before);
  });
});
