import { describe, expect, it } from 'vitest';
import { CONTAINER_SIZE, NETWORK_SIZE, type LinkEdgeSpec, type LinkNodeSpec } from './links-graph';
import { linksLayout } from './links-layout';

/** 200 containers: 180 on three user networks (every tenth also on a second), 20 on none; two links. */
function largeGraph(): { nodes: LinkNodeSpec[]; edges: LinkEdgeSpec[] } {
  const nodes: LinkNodeSpec[] = [];
  const edges: LinkEdgeSpec[] = [];
  for (const net of ['n0', 'n1', 'n2']) nodes.push({ id: `n:${net}`, type: 'network', ...NETWORK_SIZE, data: { group: { network: net, members: [] } }, sig: net } as LinkNodeSpec);
  for (let i = 0; i < 200; i++) {
    const id = `c:${i}`;
    nodes.push({ id, type: 'container', ...CONTAINER_SIZE, data: { container: { name: `c${String(i).padStart(3, '0')}` }, outgoing: 0, incoming: 0 }, sig: id } as unknown as LinkNodeSpec);
    if (i >= 180) continue;
    for (const net of i % 10 === 0 ? [i % 3, (i + 1) % 3] : [i % 3]) edges.push({ id: `m:${net}:${i}`, source: id, target: `n:n${net}`, kind: 'member', label: '', sig: '' });
  }
  for (const [client, target] of [[150, 3], [199, 7]]) edges.push({ id: `link:${client}`, source: `c:${client}`, target: `c:${target}`, kind: 'link', label: 'db', sig: '' });
  return { nodes, edges };
}

describe('links layout of a large graph', () => {
  const graph = largeGraph();
  const at = linksLayout(graph);
  const box = (id: string) => {
    const n = graph.nodes.find((x) => x.id === id)!;
    return { ...at.get(id)!, w: n.width, h: n.height };
  };

  it('places every node once, overlapping none, about as wide as a canvas', () => {
    expect(at.size).toBe(graph.nodes.length);
    const boxes = graph.nodes.map((n) => ({ id: n.id, ...box(n.id) }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
    const width = Math.max(...boxes.map((b) => b.x + b.w));
    const height = Math.max(...boxes.map((b) => b.y + b.h));
    expect(width / height).toBeGreaterThan(1);
    expect(width / height).toBeLessThan(3);
  });

  it('puts each container in the band of its first network, left of that network, with linked ones first', () => {
    for (const net of ['n0', 'n1', 'n2']) {
      const head = box(`n:${net}`);
      const members = graph.edges.filter((e) => e.kind === 'member' && e.target === `n:${net}` && graph.edges.find((m) => m.kind === 'member' && m.source === e.source) === e);
      const ys = members.map((e) => box(e.source));
      for (const m of ys) expect(m.x + m.w).toBeLessThan(head.x);
      // The network sits level with the middle of its band.
      expect(head.y + head.h / 2).toBeGreaterThan(Math.min(...ys.map((m) => m.y)));
      expect(head.y + head.h / 2).toBeLessThan(Math.max(...ys.map((m) => m.y + m.h)));
    }
    // c3 and c150 are linked: they lead their bands (top left).
    const band0 = graph.edges.filter((e) => e.kind === 'member' && e.target === 'n:n0').map((e) => box(e.source));
    const topLeft = (id: string, band: typeof band0) => band.every((b) => b.y > box(id).y || (b.y === box(id).y && b.x >= box(id).x));
    expect(topLeft('c:3', band0)).toBe(true);
    // Containers on no user network are in a band of their own, below the networks' bands.
    const lowestMember = Math.max(...graph.edges.filter((e) => e.kind === 'member').map((e) => box(e.source).y));
    for (let i = 180; i < 200; i++) expect(box(`c:${i}`).y).toBeGreaterThan(lowestMember);
  });
});
