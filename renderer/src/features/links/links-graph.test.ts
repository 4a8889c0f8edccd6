import { describe, expect, it } from 'vitest';
import type { LinksGraph } from '../../../../shared/links/model';
import { buildLinksGraph, containerNodeId, networkNodeId } from './links-graph';

const node = (id: string, name: string) => ({ id, name, image: 'busybox', state: 'running', running: true, networkMode: 'default', bridgeIp: '172.17.0.2', networks: [] });

describe('buildLinksGraph', () => {
  const graph: LinksGraph = {
    nodes: [node('a', 'app'), node('d', 'db'), node('w', 'web')],
    links: [
      { id: 'a/db-server', clientId: 'a', client: 'app', targetId: 'd', target: 'db', alias: 'db-server', raw: '/db:/app/db-server', label: 'app → db as db-server' },
      { id: 'a/gone', clientId: 'a', client: 'app', targetId: null, target: 'gone', alias: 'gone', raw: '/gone:/app/gone', label: 'app → gone' },
    ],
    networks: [{ network: 'backend', members: [{ id: 'd', name: 'db', aliases: ['database'] }, { id: 'w', name: 'web', aliases: [] }] }],
  };

  it('draws a link edge client → target labelled with the alias, and skips links to vanished targets', () => {
    const { edges } = buildLinksGraph(graph);
    const links = edges.filter((e) => e.kind === 'link');
    expect(links).toEqual([expect.objectContaining({ id: 'link:app:db-server', source: containerNodeId('a'), target: containerNodeId('d'), label: 'db-server' })]);
  });

  it('draws user networks as their own nodes with member edges carrying the aliases', () => {
    const { nodes, edges } = buildLinksGraph(graph);
    expect(nodes.filter((n) => n.type === 'network').map((n) => n.id)).toEqual([networkNodeId('backend')]);
    expect(edges.filter((e) => e.kind === 'member').map((e) => [e.source, e.target, e.label])).toEqual([
      [containerNodeId('d'), networkNodeId('backend'), 'database'],
      [containerNodeId('w'), networkNodeId('backend'), ''],
    ]);
  });

  it('counts links per container', () => {
    const { nodes } = buildLinksGraph(graph);
    const app = nodes.find((n) => n.id === containerNodeId('a'))!.data as { outgoing: number; incoming: number };
    const db = nodes.find((n) => n.id === containerNodeId('d'))!.data as { outgoing: number; incoming: number };
    expect([app.outgoing, app.incoming, db.outgoing, db.incoming]).toEqual([1, 0, 0, 1]);
  });
});
