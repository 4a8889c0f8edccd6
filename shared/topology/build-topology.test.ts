import { describe, expect, it } from 'vitest';
import { loadTopologyFixtures } from '../../test/fixtures/topology/load-fixtures';
import type { EngineContainerInspect } from '../containers/engine-inspect';
import { buildTopology, type BuildTopologyInput } from './build-topology';
import type { HostInterfaces } from './host-interfaces';
import type { BridgeNetworkNode, ContainerNode, Topology, VethPair } from './model';
import { parseIptablesNat } from './parse-iptables-nat';

const fx = loadTopologyFixtures();
const byName = (name: string): EngineContainerInspect => fx.containers.find((c) => c.Name === `/${name}`)!;
const netId = (name: string): string => fx.networks.find((n) => n.Name === name)!.Id;
const WEB = byName('pbt-web').Id;

function input(overrides: Partial<BuildTopologyInput> = {}): BuildTopologyInput {
  return {
    networks: fx.networks,
    containers: fx.containers,
    hostInterfaces: fx.hostInterfacesRoot,
    nat: parseIptablesNat(fx.iptablesNat),
    ipForward: fx.ipForward,
    ...overrides,
  };
}

/** The columns a reviewer checks against `ip -j link` and `docker inspect`. */
function vethRows(topology: Topology): unknown[][] {
  const names = new Map(fx.containers.map((c) => [c.Id, c.Name.slice(1)]));
  const networks = new Map(fx.networks.map((n) => [n.Id, n.Name]));
  return topology.vethPairs.map((p) => [
    names.get(p.containerId), networks.get(p.networkId), p.container.ifname, p.container.ifindex, p.host.name, p.host.ifindex,
    p.host.master, `${p.container.ipAddress}/${p.container.prefixLen}`, p.container.macAddress, p.container.gateway, p.status,
  ]);
}

const EXPECTED_VETHS = [
  ['pbt-backend', 'pbt-back', 'eth0', 36, 'veth7ad3ae3', 37, 'pbt-back0', '172.19.0.2/16', '02:42:ac:13:00:02', '172.19.0.1', 'matched'],
  ['pbt-multi', 'bridge', 'eth1', 34, 'vethb2323f3', 35, 'docker0', '172.17.0.4/16', '02:42:ac:11:00:04', '172.17.0.1', 'matched'],
  ['pbt-multi', 'pbt-front', 'eth0', 32, 'veth002f6c6', 33, 'br-071c43464f3e', '172.30.0.2/24', '02:42:ac:1e:00:02', '172.30.0.1', 'matched'],
  ['pbt-peer', 'bridge', 'eth0', 30, 'vethb5ebbee', 31, 'docker0', '172.17.0.3/16', '02:42:ac:11:00:03', '172.17.0.1', 'matched'],
  ['pbt-web', 'bridge', 'eth0', 28, 'vethef4a2fd', 29, 'docker0', '172.17.0.2/16', '02:42:ac:11:00:02', '172.17.0.1', 'matched'],
];

describe('buildTopology on captured engine data', () => {
  const topology = buildTopology(input());

  it('pairs every running bridge endpoint with its host veth (root readings, matched by MAC)', () => {
    expect(vethRows(topology)).toEqual(EXPECTED_VETHS);
    expect(topology.vethPairs.every((p) => p.ifaceMatchedBy === 'mac' && p.readMethod === 'sysfs')).toBe(true);
    expect(topology.vethPairs.find((p) => p.containerId === WEB)?.host.mac).toBe('52:91:3d:46:e6:88');
  });

  it('agrees with iproute2 (`ip -j link`) on every pair', () => {
    const bridges = new Map(topology.nodes.filter((n): n is BridgeNetworkNode => n.kind === 'bridge').map((n) => [n.id, n.deviceName]));
    for (const pair of topology.vethPairs) {
      const link = fx.ipLink.find((l) => l.ifname === pair.host.name);
      expect(link, pair.id).toMatchObject({ ifindex: pair.host.ifindex, link_index: pair.container.ifindex, master: bridges.get(pair.networkNodeId), address: pair.host.mac });
    }
  });

  it('describes the bridges with device, subnet, gateway and flags', () => {
    const bridges = topology.nodes.filter((n): n is BridgeNetworkNode => n.kind === 'bridge');
    expect(bridges.map((b) => [b.name, b.deviceName, b.device?.ifindex, b.subnets, b.isDefault, b.icc, b.masquerade])).toEqual([
      ['bridge', 'docker0', 5, [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1', ipRange: null }], true, true, true],
      ['pbt-back', 'pbt-back0', 27, [{ subnet: '172.19.0.0/16', gateway: '172.19.0.1', ipRange: null }], false, false, true],
      ['pbt-front', 'br-071c43464f3e', 26, [{ subnet: '172.30.0.0/24', gateway: '172.30.0.1', ipRange: null }], false, true, true],
    ]);
    expect(topology.nodes.filter((n) => n.kind === 'network').map((n) => n.kind === 'network' && [n.name, n.driver])).toEqual([
      ['host', 'host'],
      ['none', 'null'],
    ]);
    expect(topology.nodes[0]).toEqual({ kind: 'host', id: 'host', ipForward: true, interfacesRead: true });
  });

  it('draws host mode, none mode, netns sharing and the stopped container without a veth', () => {
    const edge = (name: string) => topology.edges.filter((e) => e.from === `container:${byName(name).Id}`);
    expect(edge('pbt-sidecar')).toEqual([
      { kind: 'shares-netns', id: `shares-netns:${byName('pbt-sidecar').Id}`, from: `container:${byName('pbt-sidecar').Id}`, to: `container:${WEB}`, target: WEB },
    ]);
    expect(edge('pbt-hostmode')).toMatchObject([{ kind: 'host-mode', to: 'host', hostNetworkNodeId: `network:${netId('host')}` }]);
    expect(edge('pbt-isolated')).toMatchObject([{ kind: 'none-mode', to: `network:${netId('none')}` }]);
    expect(edge('pbt-stopped')).toMatchObject([{ kind: 'attachment', to: `network:${netId('bridge')}`, active: false, ipAddress: null }]);
    const withVeth = new Set(topology.vethPairs.map((p) => p.containerId));
    for (const name of ['pbt-sidecar', 'pbt-hostmode', 'pbt-isolated', 'pbt-stopped']) expect(withVeth.has(byName(name).Id), name).toBe(false);
    const stopped = topology.nodes.find((n): n is ContainerNode => n.kind === 'container' && n.name === 'pbt-stopped');
    expect(stopped).toMatchObject({ running: false, pid: null, state: 'exited', networkMode: { kind: 'network', network: 'bridge' } });
  });

  it('ties the host NAT rules to containers and networks', () => {
    expect(topology.nat).toMatchObject({ source: 'host', derivedBecause: null, ipForward: 'on' });
    expect(topology.nat.dnat).toEqual([
      expect.objectContaining({
        hostIp: '127.0.0.1', hostPort: 5080, protocol: 'tcp', containerIp: '172.17.0.2', containerPort: 80,
        excludedInInterface: 'docker0', containerNodeId: `container:${WEB}`, networkNodeId: `network:${netId('bridge')}`, source: 'host',
      }),
    ]);
    expect(topology.nat.masquerade.map((m) => [m.kind, m.source, m.excludedOutInterface, m.networkNodeId, m.containerNodeId])).toEqual([
      ['subnet', '172.17.0.0/16', 'docker0', `network:${netId('bridge')}`, null],
      ['hairpin', '172.17.0.2/32', null, `network:${netId('bridge')}`, `container:${WEB}`],
      ['subnet', '172.19.0.0/16', 'pbt-back0', `network:${netId('pbt-back')}`, null],
      ['subnet', '172.30.0.0/24', 'br-071c43464f3e', `network:${netId('pbt-front')}`, null],
    ]);
  });
});

describe('buildTopology with other readings', () => {
  it('finds the same pairs from the unprivileged (procfs) readings, by subnet', () => {
    const topology = buildTopology(input({ hostInterfaces: fx.hostInterfacesNonRoot }));
    expect(fx.hostInterfacesNonRoot.privileged).toBe(false);
    expect(vethRows(topology)).toEqual(EXPECTED_VETHS);
    expect(topology.vethPairs.every((p) => p.ifaceMatchedBy === 'subnet' && p.readMethod === 'procfs')).toBe(true);
  });

  it('marks host sides unknown, not guessed, when the host cannot be read', () => {
    const topology = buildTopology(input({ hostInterfaces: null, ipForward: null }));
    expect(topology.vethPairs).toHaveLength(5);
    for (const pair of topology.vethPairs) {
      expect(pair).toMatchObject({ status: 'unreadable', host: { name: null, ifindex: null, mac: null, master: null }, container: { ifname: null } });
      expect(pair.container.ipAddress).not.toBe('');
    }
    expect(topology.nodes[0]).toMatchObject({ interfacesRead: false, ipForward: null });
    expect(topology.nat.ipForward).toBe('unknown');
  });

  it('refuses a pair whose namespace MAC contradicts the engine', () => {
    const tampered = structuredClone(fx.hostInterfacesRoot);
    const web = tampered.containers[WEB];
    if (web.readable) web.links[0].mac = '02:42:ac:11:00:99';
    const pair = buildTopology(input({ hostInterfaces: tampered })).vethPairs.find((p) => p.containerId === WEB)!;
    expect(pair).toMatchObject({ status: 'unmatched', host: { name: null }, container: { ifname: null } });
  });

  it('reports ambiguity on the procfs path instead of picking one of two candidates', () => {
    const doubled: HostInterfaces = structuredClone(fx.hostInterfacesNonRoot);
    const original = doubled.links.find((l) => l.name === 'vethef4a2fd')!;
    doubled.links.push({ ...original, name: 'vethclone', ifindex: 999 });
    const pair = buildTopology(input({ hostInterfaces: doubled })).vethPairs.find((p) => p.containerId === WEB) as VethPair;
    expect(pair.status).toBe('ambiguous');
    expect(pair.host.name).toBeNull();
  });

  it('derives the same NAT rules from published ports when the table is not read', () => {
    const fromHost = buildTopology(input()).nat;
    const derived = buildTopology(input({ nat: null })).nat;
    expect(derived).toMatchObject({ source: 'derived', derivedBecause: 'not-read' });
    const strip = ({ id, hostIp, hostPort, protocol, containerIp, containerPort, excludedInInterface, containerNodeId, networkNodeId }: (typeof derived.dnat)[number]) => ({
      id, hostIp, hostPort, protocol, containerIp, containerPort, excludedInInterface, containerNodeId, networkNodeId,
    });
    expect(derived.dnat.map(strip)).toEqual(fromHost.dnat.map(strip));
    expect(derived.dnat.every((d) => d.source === 'derived' && d.raw === null)).toBe(true);
    const masq = (m: (typeof derived.masquerade)[number]) => [m.id, m.kind, m.excludedOutInterface, m.networkNodeId, m.containerNodeId];
    expect(derived.masquerade.map(masq)).toEqual(fromHost.masquerade.map(masq));
  });

  it('derives NAT when the table lacks the DOCKER chain (rules live in another backend)', () => {
    const nat = buildTopology(input({ nat: { hasDockerChain: false, dnat: [], masquerade: [] } })).nat;
    expect(nat).toMatchObject({ source: 'derived', derivedBecause: 'no-docker-chain' });
    expect(nat.dnat).toHaveLength(1);
  });

  it('gives the same graph, with engine-id based ids, whatever the input order', () => {
    const a = buildTopology(input());
    const b = buildTopology(input({ containers: [...fx.containers].reverse(), networks: [...fx.networks].reverse() }));
    expect(b).toEqual(a);
    expect(a.nodes.filter((n) => n.kind === 'container').map((n) => n.id)).toContain(`container:${WEB}`);
    expect(a.vethPairs.map((p) => p.id)).toContain(`veth:${WEB}:${netId('bridge')}`);
  });
});
