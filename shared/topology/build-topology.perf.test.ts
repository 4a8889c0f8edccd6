import { describe, expect, it } from 'vitest';
import { loadTopologyFixtures } from '../../test/fixtures/topology/load-fixtures';
import type { EngineContainerInspect } from '../containers/engine-inspect';
import { buildTopology } from './build-topology';
import type { EngineNetworkInspect } from './engine-network';
import type { ContainerNetnsReading, HostInterfaces, HostLink } from './host-interfaces';
import type { NatTable } from './nat-table';

const NETWORKS = 10;
const CONTAINERS = 300;

/** 300 running containers (every third also on a second network) over 10 user bridges, built from real inspects. */
function syntheticEngine(): { networks: EngineNetworkInspect[]; containers: EngineContainerInspect[]; host: HostInterfaces; nat: NatTable } {
  const fx = loadTopologyFixtures();
  const netTemplate = fx.networks.find((n) => n.Name === 'pbt-front')!;
  const ctrTemplate = fx.containers.find((c) => c.Name === '/pbt-web')!;
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const networks = Array.from({ length: NETWORKS }, (_, i): EngineNetworkInspect => ({
    ...structuredClone(netTemplate),
    Id: hex(i + 1, 64), Name: `net${i}`, Options: {},
    IPAM: { Config: [{ Subnet: `10.${i}.0.0/16`, Gateway: `10.${i}.0.1` }] },
  }));
  const links: HostLink[] = [];
  const readings: Record<string, ContainerNetnsReading> = {};
  const dnat: NatTable['dnat'] = [];
  let nextIndex = 100;
  const containers = Array.from({ length: CONTAINERS }, (_, i): EngineContainerInspect => {
    const c = structuredClone(ctrTemplate);
    c.Id = hex(0x100000 + i, 64);
    c.Name = `/c${i}`;
    c.State = { ...c.State, Pid: 1000 + i };
    c.HostConfig = { ...c.HostConfig, NetworkMode: `net${i % NETWORKS}` };
    const nets = i % 3 === 0 ? [i % NETWORKS, (i + 1) % NETWORKS] : [i % NETWORKS];
    c.NetworkSettings = { ...c.NetworkSettings, Networks: {}, Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: String(20000 + i) }] } };
    const nsLinks = nets.map((n, k) => {
      const ip = `10.${n}.${i >> 8}.${(i & 0xff) + 2}`;
      const mac = `02:42:0a:${hex(n, 2)}:${hex(i >> 8, 2)}:${hex((i & 0xff) + 2, 2)}`;
      const [inner, outer] = [nextIndex++, nextIndex++];
      c.NetworkSettings.Networks![`net${n}`] = { ...ctrTemplate.NetworkSettings.Networks!.bridge, NetworkID: networks[n].Id, IPAddress: ip, IPPrefixLen: 16, MacAddress: mac, Gateway: `10.${n}.0.1` };
      links.push({ name: `veth${hex(outer, 7)}`, ifindex: outer, iflink: inner, mac: '6e:00:00:00:00:01', master: `br-${networks[n].Id.slice(0, 12)}` });
      if (k === 0) dnat.push({ chain: 'DOCKER', hostIp: null, hostPort: 20000 + i, protocol: 'tcp', inInterface: null, inInterfaceNegated: false, toIp: ip, toPort: 80, raw: '' });
      return { name: `eth${k}`, ifindex: inner, iflink: outer, mac, subnets: [`10.${n}.0.0/16`] };
    });
    readings[c.Id] = { readable: true, pid: 1000 + i, method: 'sysfs', links: nsLinks };
    return c;
  });
  return { networks, containers, host: { privileged: true, links, containers: readings }, nat: { hasDockerChain: true, dnat, masquerade: [] } };
}

describe('buildTopology performance', () => {
  it('builds 300 containers on 10 networks well under 50 ms, matching every veth', () => {
    const { networks, containers, host, nat } = syntheticEngine();
    const run = () => buildTopology({ networks, containers, hostInterfaces: host, nat, ipForward: true });
    run(); // Warm up the JIT so the measurement reflects steady state, as in the app.
    const times: number[] = [];
    let result = run();
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      result = run();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    expect(result.vethPairs).toHaveLength(400);
    expect(result.vethPairs.every((p) => p.status === 'matched')).toBe(true);
    expect(result.nat.dnat.every((d) => d.containerNodeId !== null)).toBe(true);
    expect(times[2]).toBeLessThan(50);
  });
});
