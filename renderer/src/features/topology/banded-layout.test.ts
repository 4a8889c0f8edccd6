import { describe, expect, it } from 'vitest';
import { syntheticEngine } from '../../../../test/fixtures/topology/synthetic-engine';
import { buildTopology } from '../../../../shared/topology/build-topology';
import { bandedLayout } from './banded-layout';
import { buildTopologyGraph, type GraphNodeSpec } from './topology-graph';

function graphOf(networks: number, containers: number) {
  const engine = syntheticEngine(networks, containers);
  return buildTopologyGraph(buildTopology({ networks: engine.networks, containers: engine.containers, hostInterfaces: engine.host, nat: engine.nat, ipForward: true }));
}

type Box = { id: string; x: number; y: number; w: number; h: number };
const boxesOf = (nodes: GraphNodeSpec[], at: Map<string, { x: number; y: number }>): Box[] => nodes.map((n) => ({ id: n.id, ...at.get(n.id)!, w: n.width, h: n.height }));
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('banded layout of a large topology', () => {
  const graph = graphOf(10, 300);
  const at = bandedLayout(graph, { aspect: 1.7 });
  const boxes = boxesOf(graph.nodes, at);
  const byId = new Map(boxes.map((b) => [b.id, b]));

  it('places every node, with no two overlapping', () => {
    expect(at.size).toBe(graph.nodes.length);
    // Sweep by x so the check stays fast: only boxes whose x ranges meet are compared.
    const sorted = [...boxes].sort((a, b) => a.x - b.x);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length && sorted[j].x < sorted[i].x + sorted[i].w; j++) {
        expect(overlap(sorted[i], sorted[j]), `${sorted[i].id} overlaps ${sorted[j].id}`).toBe(false);
      }
    }
  });

  it('is about as wide as the canvas is, instead of one tall column', () => {
    const width = Math.max(...boxes.map((b) => b.x + b.w)) - Math.min(...boxes.map((b) => b.x));
    const height = Math.max(...boxes.map((b) => b.y + b.h)) - Math.min(...boxes.map((b) => b.y));
    expect(width / height).toBeGreaterThan(1.7 / 1.6);
    expect(width / height).toBeLessThan(1.7 * 1.6);
    // A column layout would be ~300 container heights tall.
    expect(height).toBeLessThan(100 * 72);
  });

  it('keeps the host left of the networks and each network left of its containers, which sit in its band', () => {
    const host = byId.get('host')!;
    const heads = graph.nodes.filter((n) => n.type === 'bridge' || n.type === 'network').map((n) => byId.get(n.id)!);
    for (const head of heads) expect(head.x).toBeGreaterThan(host.x + host.w);
    for (const edge of graph.edges.filter((e) => e.kind === 'veth-ns')) {
      const veth = byId.get(edge.source)!;
      const container = byId.get(edge.target)!;
      // A container sits right of its own veths, at the height of one of them.
      expect(container.x).toBeGreaterThan(veth.x + veth.w);
    }
    // Each container is in the band of the network behind its first veth: the bands' y ranges
    // do not meet, and each network sits level with its own band.
    const bands = new Map<string, { top: number; bottom: number }>();
    for (const container of graph.nodes.filter((n) => n.type === 'container')) {
      const firstVeth = graph.edges.find((e) => e.kind === 'veth-ns' && e.target === container.id)!.source;
      const network = graph.edges.find((e) => e.kind === 'veth-host' && e.target === firstVeth)!.source;
      const box = byId.get(container.id)!;
      const band = bands.get(network) ?? { top: Infinity, bottom: -Infinity };
      bands.set(network, { top: Math.min(band.top, box.y), bottom: Math.max(band.bottom, box.y + box.h) });
    }
    expect(bands.size).toBe(10);
    const ranges = [...bands].sort((a, b) => a[1].top - b[1].top);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][1].top).toBeGreaterThan(ranges[i - 1][1].bottom);
    for (const [network, band] of ranges) {
      const head = byId.get(network)!;
      expect(head.y + head.h / 2).toBeGreaterThan(band.top);
      expect(head.y + head.h / 2).toBeLessThan(band.bottom);
    }
  });

  it('orders the cells of a band by container name, row by row', () => {
    const bridge = graph.nodes.find((n) => n.type === 'bridge' && graph.edges.some((e) => e.kind === 'veth-host' && e.source === n.id))!;
    const firstNetworkOf = (containerId: string) => {
      const veth = graph.edges.find((e) => e.kind === 'veth-ns' && e.target === containerId)!.source;
      return graph.edges.find((e) => e.kind === 'veth-host' && e.target === veth)!.source;
    };
    const own = graph.nodes.filter((n) => n.type === 'container' && firstNetworkOf(n.id) === bridge.id);
    // Containers of one row share their y (each is centred in its row).
    const reading = [...own].sort((a, b) => byId.get(a.id)!.y - byId.get(b.id)!.y || byId.get(a.id)!.x - byId.get(b.id)!.x);
    const names = reading.map((n) => (n.data.kind === 'container' ? n.data.container.name : ''));
    expect(names.length).toBeGreaterThan(10);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('lays out 1,000 containers in linear time', () => {
    const big = graphOf(20, 1000);
    const started = performance.now();
    const positions = bandedLayout(big);
    expect(performance.now() - started).toBeLessThan(150);
    expect(positions.size).toBe(big.nodes.length);
  });

  it('draws a netns sharer in its owner’s cell and host-mode containers in a band of their own', () => {
    const nodes: GraphNodeSpec[] = [
      spec('host', 'host'),
      spec('br', 'bridge'),
      spec('v1', 'veth'),
      spec('owner', 'container'),
      spec('sharer', 'container'),
      spec('hosty', 'container'),
    ];
    const edges = [
      { source: 'host', target: 'br', kind: 'device' as const },
      { source: 'br', target: 'v1', kind: 'veth-host' as const },
      { source: 'v1', target: 'owner', kind: 'veth-ns' as const },
      { source: 'owner', target: 'sharer', kind: 'shares-netns' as const },
      { source: 'host', target: 'hosty', kind: 'host-mode' as const },
    ];
    const p = bandedLayout({ nodes, edges });
    expect(p.get('sharer')!.x).toBeGreaterThan(p.get('owner')!.x);
    expect(p.get('sharer')!.y).toBe(p.get('owner')!.y);
    expect(p.get('hosty')!.y).toBeGreaterThan(p.get('owner')!.y);
    expect(p.size).toBe(nodes.length);
  });
});

function spec(id: string, type: GraphNodeSpec['type']): GraphNodeSpec {
  const size = { host: [236, 118], bridge: [272, 142], network: [236, 88], veth: [360, 52], container: [256, 72] }[type];
  return { id, type, width: size[0], height: size[1], partition: 0, data: { kind: 'host', ipForward: null, interfacesRead: false, readMethod: null, natSource: 'derived', hostModeContainers: 0 }, sig: id };
}
