import { describe, expect, it } from 'vitest';
import { columnLayout, layoutGraph, placeIncrementally, type LayoutGraph } from './layout';

const node = (id: string, partition: number) => ({ id, width: 100, height: 40, partition });

describe('graph layout', () => {
  const graph: LayoutGraph = {
    nodes: [node('host', 0), node('br', 1), node('v1', 2), node('c1', 3), node('v2', 2), node('c2', 3)],
    edges: [
      { id: 'e1', source: 'host', target: 'br' },
      { id: 'e2', source: 'br', target: 'v1' },
      { id: 'e3', source: 'v1', target: 'c1' },
      { id: 'e4', source: 'br', target: 'v2' },
      { id: 'e5', source: 'v2', target: 'c2' },
    ],
  };

  it('lays partitions out as columns, left to right, without overlaps', async () => {
    const p = await layoutGraph(graph);
    expect(p.get('host')!.x).toBeLessThan(p.get('br')!.x);
    expect(p.get('br')!.x).toBeLessThan(p.get('v1')!.x);
    expect(p.get('v1')!.x).toBeLessThan(p.get('c1')!.x);
    expect(p.get('v1')!.x).toBe(p.get('v2')!.x);
    expect(Math.abs(p.get('c1')!.y - p.get('c2')!.y)).toBeGreaterThanOrEqual(40);
  });

  it('keeps existing nodes where they were and puts new ones next to their neighbours, overlapping nothing', async () => {
    const first = await layoutGraph(graph);
    // The user moved the bridge; then a third container arrives.
    const previous = new Map(first);
    previous.set('br', { x: first.get('br')!.x, y: first.get('br')!.y + 500 });
    const grown: LayoutGraph = {
      nodes: [...graph.nodes, node('v3', 2), node('c3', 3)],
      edges: [...graph.edges, { id: 'e6', source: 'br', target: 'v3' }, { id: 'e7', source: 'v3', target: 'c3' }],
    };
    const fresh = await layoutGraph(grown);
    const placed = placeIncrementally(grown, previous, fresh);
    for (const [id, at] of previous) expect(placed.get(id)).toEqual(at);
    const v3 = placed.get('v3')!;
    expect(v3.x).toBe(previous.get('v1')!.x);
    // Near the moved bridge, not where the fresh layout had it.
    expect(Math.abs(v3.y - previous.get('br')!.y)).toBeLessThan(200);
    const boxes = [...placed].map(([id, p]) => ({ id, ...p }));
    for (const a of boxes) {
      for (const b of boxes) {
        if (a.id >= b.id) continue;
        const overlap = a.x < b.x + 100 && b.x < a.x + 100 && a.y < b.y + 40 && b.y < a.y + 40;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
  });

  it('uses the fresh layout as is when nothing was placed before', async () => {
    const fresh = await layoutGraph(graph);
    expect(placeIncrementally(graph, new Map(), fresh)).toEqual(fresh);
  });
});

describe('column layout for large graphs', () => {
  it('lays 700 nodes out in columns, in linear time, without overlaps', async () => {
    const nodes = [node('host', 0)];
    const edges: LayoutGraph['edges'] = [];
    for (let n = 0; n < 10; n++) {
      nodes.push(node(`net${n}`, 1));
      edges.push({ id: `d${n}`, source: 'host', target: `net${n}` });
    }
    for (let i = 0; i < 300; i++) {
      nodes.push(node(`c${i}`, 3));
      for (const n of i % 3 === 0 ? [i % 10, (i + 1) % 10] : [i % 10]) {
        nodes.push(node(`v${i}-${n}`, 2));
        edges.push({ id: `a${i}-${n}`, source: `net${n}`, target: `v${i}-${n}` }, { id: `b${i}-${n}`, source: `v${i}-${n}`, target: `c${i}` });
      }
    }
    const started = performance.now();
    const p = await layoutGraph({ nodes, edges });
    expect(performance.now() - started).toBeLessThan(200);
    expect(p).toEqual(columnLayout({ nodes, edges }));
    const xs = (prefix: string) => new Set(nodes.filter((n) => n.id.startsWith(prefix)).map((n) => p.get(n.id)!.x));
    expect([xs('host'), xs('net'), xs('v'), xs('c')].map((s) => s.size)).toEqual([1, 1, 1, 1]);
    expect([...xs('host')][0]).toBeLessThan([...xs('net')][0]);
    expect([...xs('v')][0]).toBeLessThan([...xs('c')][0]);
    for (const column of ['net', 'v', 'c']) {
      const ys = nodes.filter((n) => n.id.startsWith(column)).map((n) => p.get(n.id)!.y).sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(40);
    }
  });
});
