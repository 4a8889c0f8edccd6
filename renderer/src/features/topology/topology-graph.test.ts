import { describe, expect, it } from 'vitest';
import { loadTopologyFixtures } from '../../../../test/fixtures/topology/load-fixtures';
import { buildTopology } from '../../../../shared/topology/build-topology';
import { parseIptablesNat } from '../../../../shared/topology/parse-iptables-nat';
import { buildTopologyGraph, searchTopology } from './topology-graph';

const fx = loadTopologyFixtures();
const topology = buildTopology({
  networks: fx.networks,
  containers: fx.containers,
  hostInterfaces: fx.hostInterfacesRoot,
  nat: parseIptablesNat(fx.iptablesNat),
  ipForward: fx.ipForward,
});

describe('topology graph for the canvas', () => {
  const graph = buildTopologyGraph(topology);
  const ids = new Set(graph.nodes.map((n) => n.id));

  it('has one node per veth pair between its bridge and its container, and a host-to-network edge per network', () => {
    expect(topology.vethPairs.length).toBeGreaterThan(0);
    for (const pair of topology.vethPairs) {
      expect(ids.has(pair.id)).toBe(true);
      expect(graph.edges).toContainEqual(expect.objectContaining({ kind: 'veth-host', source: pair.networkNodeId, target: pair.id }));
      expect(graph.edges).toContainEqual(expect.objectContaining({ kind: 'veth-ns', source: pair.id, target: pair.containerNodeId }));
    }
    for (const edge of graph.edges) {
      expect(ids.has(edge.source), `${edge.id} source`).toBe(true);
      expect(ids.has(edge.target), `${edge.id} target`).toBe(true);
    }
    // The `host` network is drawn as the host node itself.
    expect(graph.nodes.some((n) => n.type === 'network' && n.data.kind === 'network' && n.data.network.driver === 'host')).toBe(false);
  });

  it('puts nodes in columns: host, networks, veths, containers, namespace sharers', () => {
    const partitionOf = (type: string) => new Set(graph.nodes.filter((n) => n.type === type).map((n) => n.partition));
    expect(partitionOf('host')).toEqual(new Set([0]));
    expect(partitionOf('bridge')).toEqual(new Set([1]));
    expect(partitionOf('veth')).toEqual(new Set([2]));
    for (const n of graph.nodes) {
      if (n.data.kind !== 'container') continue;
      const mode = n.data.container.networkMode.kind;
      expect(n.partition).toBe(mode === 'container' ? 4 : mode === 'network' ? 3 : 2);
    }
  });

  it('gives a container:X sharer the addresses of the namespace it joins', () => {
    const sharer = graph.nodes.find((n) => n.data.kind === 'container' && n.data.container.networkMode.kind === 'container');
    expect(sharer).toBeDefined();
    if (sharer?.data.kind !== 'container') throw new Error('unreachable');
    expect(sharer.data.sharesWith?.addresses.length).toBeGreaterThan(0);
    expect(graph.edges).toContainEqual(expect.objectContaining({ kind: 'shares-netns', target: sharer.id }));
  });

  it('is stable: the same topology gives the same signatures, so nothing re-renders', () => {
    const again = buildTopologyGraph(structuredClone(topology));
    expect(again.nodes.map((n) => n.sig)).toEqual(graph.nodes.map((n) => n.sig));
    expect(again.edges.map((e) => e.sig)).toEqual(graph.edges.map((e) => e.sig));
  });

  it('finds containers and their veths by name, IP, MAC or host veth name', () => {
    const pair = topology.vethPairs[0];
    for (const query of [pair.container.ipAddress, pair.container.macAddress.toUpperCase(), pair.host.name!]) {
      const hits = searchTopology(topology, query);
      expect(hits.has(pair.containerNodeId), query).toBe(true);
      expect(hits.has(pair.id)).toBe(true);
    }
    expect(searchTopology(topology, '   ').size).toBe(0);
  });
});
