import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineContainerInspect } from '../containers/engine-inspect';
import { buildLineage, classifyMounts, findContainer, isAnonymousName, parseBind, parseVolumesFrom, type InspectWithMounts } from './mounts';
import { prunePlan, summarizeVolumes } from './summarize';

// Captured from the real engine by test/fixtures/volumes/capture.sh.
const fixtures = (name: string) => JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/volumes', name), 'utf8')) as unknown;
const all = fixtures('containers.json') as InspectWithMounts[];
const imageVolumes = fixtures('image-volumes.json') as Record<string, object>;
const named = (fixtures('volume.json') as Array<{ Name: string }>)[0];
const byName = (n: string) => all.find((c) => c.Name === `/fx-${n}`)!;

describe('bind specs and --volumes-from entries', () => {
  it('parses HostConfig.Binds', () => {
    expect(parseBind('/srv/registry:/var/lib/registry:ro,z')).toEqual({ source: '/srv/registry', destination: '/var/lib/registry', readWrite: false, selinux: 'z', nocopy: false });
    expect(parseBind('/h:/c:Z')).toMatchObject({ readWrite: true, selinux: 'Z' });
    expect(parseBind('/h:/c')).toMatchObject({ source: '/h', destination: '/c', readWrite: true });
    expect(parseBind('vol:/c:rw,nocopy')).toMatchObject({ source: 'vol', nocopy: true, readWrite: true });
    expect(parseBind('/h:/c:rshared')).toMatchObject({ propagation: 'rshared' });
    expect(parseBind('nocolon')).toBeNull();
  });

  it('parses --volumes-from', () => {
    expect(parseVolumesFrom('data')).toEqual({ ref: 'data', mode: 'rw' });
    expect(parseVolumesFrom('data:ro')).toEqual({ ref: 'data', mode: 'ro' });
    expect(parseVolumesFrom('data:rw')).toEqual({ ref: 'data', mode: 'rw' });
  });

  it('finds containers by name, id and unique prefix', () => {
    const data = byName('data');
    expect(findContainer(all, 'fx-data')).toBe(data);
    expect(findContainer(all, '/fx-data')).toBe(data);
    expect(findContainer(all, data.Id)).toBe(data);
    expect(findContainer(all, data.Id.slice(0, 12))).toBe(data);
    expect(findContainer(all, 'nope')).toBeUndefined();
  });

  it('knows anonymous names', () => {
    expect(isAnonymousName('a'.repeat(64))).toBe(true);
    expect(isAnonymousName(named.Name)).toBe(false);
  });
});

describe('classifyMounts', () => {
  it('classifies anonymous, named, bind (:ro,z / :Z / rshared) and tmpfs mounts', () => {
    const view = classifyMounts(byName('mounts'), {}, all);
    const at = (d: string) => view.mounts.find((m) => m.destination === d)!;
    expect(view.mounts.map((m) => [m.destination, m.kind])).toEqual([
      ['/anon', 'anonymous'],
      ['/named', 'named'],
      ['/run/cache', 'tmpfs'],
      ['/srv/private', 'bind'],
      ['/srv/registry', 'bind'],
      ['/srv/shared', 'bind'],
    ]);
    expect(at('/anon').sentence).toMatch(/^Anonymous volume [0-9a-f]{12}… \(from -v \/anon\) appears at \/anon, read-write; deleted by rm -v/);
    expect(at('/named')).toMatchObject({ volumeName: 'fx-named', readWrite: true });
    expect(at('/named').sentence).toBe('Named volume fx-named appears at /named, read-write; kept when the container is removed.');
    expect(at('/srv/registry')).toMatchObject({ source: '/srv/registry-host', readWrite: false, selinux: 'z', propagation: 'rprivate' });
    expect(at('/srv/registry').sentence).toBe(
      'Host folder /srv/registry-host appears at /srv/registry, read-only; relabelled for SELinux so several containers can share it (:z); mount propagation rprivate.',
    );
    expect(at('/srv/private')).toMatchObject({ selinux: 'Z', readWrite: true });
    expect(at('/srv/shared')).toMatchObject({ propagation: 'rshared' });
    expect(at('/run/cache')).toMatchObject({ source: 'tmpfs', mode: 'rw,size=1m', readWrite: true });
    expect(at('/run/cache').sentence).toMatch(/In-memory tmpfs at \/run\/cache \(rw,size=1m\), read-write; its content is lost/);
    expect(view.running).toBe(false);
  });

  it('says when an anonymous volume comes from the image’s VOLUME line', () => {
    expect(imageVolumes).toEqual({ '/cache': {} });
    const view = classifyMounts(byName('fromimage'), imageVolumes, all);
    expect(view.mounts).toHaveLength(1);
    expect(view.mounts[0]).toMatchObject({ kind: 'image', destination: '/cache' });
    expect(view.mounts[0].sentence).toMatch(/made because the image declares VOLUME \/cache/);
  });

  it('says which --volumes-from container a mount came from, with its mode', () => {
    const client2 = classifyMounts(byName('client2'), {}, all);
    expect(client2.mounts.map((m) => [m.destination, m.inheritedFrom, m.readWrite])).toEqual([
      ['/named', 'fx-data', false],
      ['/shared', 'fx-data', false],
    ]);
    const client3 = classifyMounts(byName('client3'), {}, all);
    // Inherited from an inheritor: still read-only, as the engine reports it.
    expect(client3.mounts.every((m) => m.inheritedFrom === 'fx-client2' && !m.readWrite)).toBe(true);
  });
});

describe('buildLineage', () => {
  it('draws data → client1, client2 (:ro) and client2 → client3 with the volumes each ends up with', () => {
    const lineage = buildLineage(all);
    const id = (n: string) => byName(n).Id;
    expect(lineage.edges).toEqual(
      expect.arrayContaining([
        { from: id('data'), to: id('client1'), mode: 'rw' },
        { from: id('data'), to: id('client2'), mode: 'ro' },
        { from: id('client2'), to: id('client3'), mode: 'rw' },
      ]),
    );
    expect(lineage.edges).toHaveLength(3);
    expect(lineage.nodes.map((n) => n.name)).toEqual(['fx-client1', 'fx-client2', 'fx-client3', 'fx-data']);
    const node = (n: string) => lineage.nodes.find((x) => x.name === `fx-${n}`)!;
    expect(node('data').dataContainer).toBe(true);
    expect(node('client1').dataContainer).toBe(false);
    // client2 gives its volumes to client3, but it takes them from data itself.
    expect(node('client2').dataContainer).toBe(false);
    const shared = byName('data').Mounts.find((m) => m.Destination === '/shared')!.Name;
    expect(node('data').volumes).toEqual([
      { name: 'fx-named', anonymous: false, destination: '/named', readWrite: true },
      { name: shared, anonymous: true, destination: '/shared', readWrite: true },
    ]);
    expect(node('client1').volumes.every((v) => v.readWrite && v.inheritedFrom === 'fx-data')).toBe(true);
    expect(node('client3').volumes).toEqual([
      { name: 'fx-named', anonymous: false, destination: '/named', readWrite: false, inheritedFrom: 'fx-client2' },
      { name: shared, anonymous: true, destination: '/shared', readWrite: false, inheritedFrom: 'fx-client2' },
    ]);
    expect(lineage.dangling).toEqual([]);
  });

  it('reports --volumes-from entries naming a container that is gone', () => {
    const lineage = buildLineage(all.filter((c) => c.Name !== '/fx-data'));
    expect(lineage.dangling).toEqual([
      { container: 'fx-client1', ref: 'fx-data' },
      { container: 'fx-client2', ref: 'fx-data' },
    ]);
  });
});

describe('summarizeVolumes', () => {
  const mountsC = byName('mounts');
  const anon = mountsC.Mounts.find((m) => m.Destination === '/anon')!.Name!;
  const volumes = [
    { ...named, Labels: { 'patchbay.test': '1' } },
    { Name: anon, Driver: 'local', Mountpoint: `/var/lib/docker/volumes/${anon}/_data`, Labels: null, Options: null, Scope: 'local' },
    { Name: 'lonely', Driver: 'local', Mountpoint: '/x', Labels: null, Options: null, Scope: 'local' },
  ] as Parameters<typeof summarizeVolumes>[0];

  it('joins every volume with who uses it, where and how', () => {
    const summaries = summarizeVolumes(volumes, all as EngineContainerInspect[], new Map([[named.Name, 12], ['lonely', 0]]));
    const namedView = summaries.find((v) => v.name === 'fx-named')!;
    expect(namedView.usedBy.map((u) => [u.containerName, u.destination, u.readWrite])).toEqual([
      ['fx-client1', '/named', true],
      ['fx-client2', '/named', false],
      ['fx-client3', '/named', false],
      ['fx-data', '/named', true],
      ['fx-mounts', '/named', true],
    ]);
    expect(namedView.sizeBytes).toBe(12);
    const anonView = summaries.find((v) => v.name === anon)!;
    expect(anonView).toMatchObject({ anonymous: true, createdBy: { containerName: 'fx-mounts', how: 'mount' } });
    expect(anonView.sizeBytes).toBeUndefined();
    // Named first, then anonymous.
    expect(summaries.map((v) => v.anonymous)).toEqual([false, false, true]);
  });

  it('names the container that made an anonymous volume, preferring the engine label', () => {
    const labelled = [{ ...volumes[1], Labels: { 'com.docker.volume.anonymous': byName('data').Id } }];
    const [view] = summarizeVolumes(labelled, all as EngineContainerInspect[], null);
    expect(view.createdBy).toMatchObject({ containerName: 'fx-data', how: 'label' });
    const sharedName = byName('data').Mounts.find((m) => m.Destination === '/shared')!.Name!;
    const [shared] = summarizeVolumes([{ ...volumes[1], Name: sharedName }], all as EngineContainerInspect[], null);
    // client1..3 mount it too, but through --volumes-from: the data container made it.
    expect(shared.createdBy?.containerName).toBe('fx-data');
  });

  it('plans a prune of exactly the unused volumes', () => {
    const plan = prunePlan(summarizeVolumes(volumes, all as EngineContainerInspect[], new Map([['lonely', 0]])));
    expect(plan).toEqual({ volumes: [{ name: 'lonely', anonymous: false, driver: 'local', sizeBytes: 0 }], totalBytes: 0 });
  });
});
