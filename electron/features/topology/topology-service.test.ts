import { describe, expect, it, vi } from 'vitest';
import { loadTopologyFixtures } from '../../../test/fixtures/topology/load-fixtures';
import type { TopologySnapshot } from '../../../shared/topology/contract';
import type { EngineNetworkInspect } from '../../../shared/topology/engine-network';
import type { CoreContext } from '../../core/context';
import type { EngineEvent } from '../../docker/engine-connection';
import type { MirrorChange } from '../../docker/container-mirror';
import type { NetnsTarget } from './host-interfaces';
import { TopologyService, type HostReaders } from './topology-service';

const fx = loadTopologyFixtures();

/** A context whose engine serves the fixtures and counts network inspects. */
function fakeContext() {
  const networks = new Map(fx.networks.map((n) => [n.Id, structuredClone(n)]));
  const inspected: string[] = [];
  const emitted: TopologySnapshot[] = [];
  const mirrorListeners: ((c: MirrorChange) => void)[] = [];
  const eventListeners: ((e: EngineEvent) => void)[] = [];
  const docker = {
    listNetworks: async () => [...networks.values()].map((n) => ({ Id: n.Id })),
    getNetwork: (id: string) => ({
      inspect: async () => {
        inspected.push(id);
        const n = networks.get(id);
        if (!n) throw Object.assign(new Error('no such network'), { statusCode: 404 });
        return structuredClone(n);
      },
    }),
  };
  const ctx = {
    docker,
    isLocalEngine: true,
    containers: { snapshot: () => ({ revision: 1, inspects: fx.containers }), onChange: (l: (c: MirrorChange) => void) => (mirrorListeners.push(l), () => undefined) },
    onEngineEvent: (l: (e: EngineEvent) => void) => (eventListeners.push(l), () => undefined),
    onEngineReconnect: () => () => undefined,
    emit: (_name: string, payload: TopologySnapshot) => emitted.push(payload),
    engine: <T>(_subject: string, call: () => Promise<T>) => call(),
  } as unknown as CoreContext;
  const readers: HostReaders = {
    readHostInterfaces: vi.fn(async (targets: readonly NetnsTarget[]) => ({
      ...fx.hostInterfacesRoot,
      containers: Object.fromEntries(targets.filter((t) => fx.hostInterfacesRoot.containers[t.id]).map((t) => [t.id, fx.hostInterfacesRoot.containers[t.id]])),
    })),
    readNatTable: async () => null,
    readIpForward: async () => true,
  };
  return {
    ctx,
    readers,
    networks,
    inspected,
    emitted,
    mirrorChanged: () => mirrorListeners.forEach((l) => l({ revision: 2, upserted: [], removed: [] })),
    engineEvent: (e: EngineEvent) => eventListeners.forEach((l) => l(e)),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('TopologyService', () => {
  it('builds on the first get, from every network and the host readings, and then only on changes', async () => {
    const f = fakeContext();
    const service = new TopologyService(f.ctx, f.readers);
    service.start();
    expect(f.inspected).toEqual([]);
    const first = await service.get();
    expect(first.revision).toBe(1);
    expect(new Set(f.inspected)).toEqual(new Set(fx.networks.map((n) => n.Id)));
    expect(first.vethPairs.every((p) => p.status === 'matched')).toBe(true);
    expect(first.nat.source).toBe('derived');
    expect(await service.get()).toBe(first);
    service.stop();
  });

  it('coalesces a burst of changes into one rebuild, re-inspecting only the network an event names', async () => {
    const f = fakeContext();
    const service = new TopologyService(f.ctx, f.readers);
    service.start();
    await service.get();
    f.inspected.length = 0;
    const user = fx.networks.find((n) => n.Driver === 'bridge' && n.Name !== 'bridge')!;
    f.networks.set(user.Id, { ...f.networks.get(user.Id)!, Labels: { changed: 'yes' } } as EngineNetworkInspect);
    for (let i = 0; i < 5; i++) {
      f.engineEvent({ Type: 'network', Action: 'connect', Actor: { ID: user.Id } });
      f.mirrorChanged();
    }
    await sleep(150);
    expect(f.inspected.every((id) => id === user.Id)).toBe(true);
    expect(f.inspected.length).toBeLessThanOrEqual(2);
    expect(f.emitted.map((t) => t.revision)).toEqual([1, 2]);
    const node = f.emitted[1].nodes.find((n) => n.id === `network:${user.Id}`);
    expect(node && 'labels' in node ? node.labels : null).toEqual({ changed: 'yes' });
    service.stop();
  });

  it('emits nothing when a rebuild gives the same topology, and drops destroyed networks without asking the engine', async () => {
    const f = fakeContext();
    const service = new TopologyService(f.ctx, f.readers);
    service.start();
    await service.get();
    f.mirrorChanged();
    await sleep(120);
    expect(f.emitted).toHaveLength(1);
    const user = fx.networks.find((n) => n.Driver === 'bridge' && n.Name !== 'bridge')!;
    f.inspected.length = 0;
    f.engineEvent({ Type: 'network', Action: 'destroy', Actor: { ID: user.Id } });
    await sleep(120);
    expect(f.inspected).toEqual([]);
    expect(f.emitted.at(-1)!.nodes.some((n) => n.id === `network:${user.Id}`)).toBe(false);
    service.stop();
  });

  it('reads a container namespace again only when its process or endpoints change', async () => {
    const f = fakeContext();
    const service = new TopologyService(f.ctx, f.readers);
    service.start();
    await service.get();
    const calls = vi.mocked(f.readers.readHostInterfaces).mock.calls;
    expect(calls[0][0].length).toBeGreaterThan(0);
    f.networks.set(fx.networks[0].Id, { ...f.networks.get(fx.networks[0].Id)!, Labels: { x: '1' } } as EngineNetworkInspect);
    f.engineEvent({ Type: 'network', Action: 'connect', Actor: { ID: fx.networks[0].Id } });
    await sleep(120);
    expect(calls.length).toBe(2);
    expect(calls[1][0]).toEqual([]);
    service.stop();
  });

  it('stays quiet for users who never open the view', async () => {
    const f = fakeContext();
    const service = new TopologyService(f.ctx, f.readers);
    service.start();
    f.mirrorChanged();
    f.engineEvent({ Type: 'network', Action: 'create', Actor: { ID: 'x' } });
    await sleep(100);
    expect(f.emitted).toEqual([]);
    expect(f.inspected).toEqual([]);
    service.stop();
  });
});
