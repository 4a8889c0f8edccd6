/**
 * Keeps the network topology current and pushes it to the renderer.
 *
 * Inputs: a cache of network inspects (re-inspecting only the network an event names), the
 * container mirror, and — when the engine is local — host interfaces, the nat table and
 * ip_forward. Any change schedules one coalesced rebuild (`COALESCE_MS`); builds never overlap,
 * and a build equal to the last one is not emitted. Nothing is built until someone asks for the
 * topology once, so users who never open the view pay nothing.
 */
import type { EngineContainerInspect } from '../../../shared/containers/engine-inspect';
import { buildTopology } from '../../../shared/topology/build-topology';
import type { TopologySnapshot } from '../../../shared/topology/contract';
import type { EngineNetworkInspect } from '../../../shared/topology/engine-network';
import type { ContainerNetnsReading, HostInterfaces } from '../../../shared/topology/host-interfaces';
import type { NatTable } from '../../../shared/topology/nat-table';
import type { CoreContext } from '../../core/context';
import type { EngineEvent } from '../../docker/engine-connection';
import { mapLimited } from '../../docker/limit';
import { inspectNetworkOrNull, listNetworkIds } from '../../docker/networks-api';
import { readHostInterfaces, type NetnsTarget } from './host-interfaces';
import { readIpForward } from './ip-forward';
import { readNatTable } from './nat-table';

const COALESCE_MS = 60;
const NETWORK_ACTIONS = new Set(['create', 'destroy', 'remove', 'connect', 'disconnect', 'update']);

/** What the service reads from the host; replaceable in tests. */
export interface HostReaders {
  readHostInterfaces(targets: readonly NetnsTarget[]): Promise<HostInterfaces | null>;
  readNatTable(): Promise<NatTable | null>;
  readIpForward(): Promise<boolean | null>;
}

const DEFAULT_READERS: HostReaders = { readHostInterfaces: (t) => readHostInterfaces(t), readNatTable: () => readNatTable(), readIpForward: () => readIpForward() };

export class TopologyService {
  private readonly networks = new Map<string, EngineNetworkInspect>();
  private networksLoaded: Promise<void> | null = null;
  private readonly inspecting = new Map<string, Promise<void>>();
  private readonly dirtyNetworks = new Set<string>();
  /** Namespace readings keyed by container id, valid while `netnsKey` is unchanged. */
  private readonly netnsCache = new Map<string, { key: string; reading: ContainerNetnsReading }>();
  private current: TopologySnapshot | null = null;
  private currentJson = '';
  private revision = 0;
  private active = false;
  private timer: NodeJS.Timeout | null = null;
  private building: Promise<void> | null = null;
  private dirty = false;
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly ctx: CoreContext,
    private readonly readers: HostReaders = DEFAULT_READERS,
  ) {}

  start(): void {
    if (this.unsubscribers.length) return;
    this.unsubscribers.push(
      this.ctx.containers.onChange(() => this.schedule()),
      this.ctx.onEngineEvent((event) => this.handleEvent(event)),
      this.ctx.onEngineReconnect(() => {
        // Events may have been missed while the stream was down: list everything again.
        this.networksLoaded = null;
        if (this.active) this.schedule();
      }),
    );
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The current topology; the first call builds it and turns live updates on. */
  async get(): Promise<TopologySnapshot> {
    this.active = true;
    if (this.timer || this.dirty || !this.current) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      await this.runBuild();
    } else if (this.building) {
      await this.building;
    }
    return this.current!;
  }

  /** The cached inspects (loading them first if needed), for the network handlers. */
  async networkList(): Promise<EngineNetworkInspect[]> {
    await this.loadNetworks();
    return [...this.networks.values()];
  }

  /** Re-reads one network now, after Patchbay itself changed it. */
  refreshNetwork(id: string): void {
    this.reinspect(id);
    this.schedule();
  }

  private handleEvent(event: EngineEvent): void {
    if (event.Type !== 'network' || !NETWORK_ACTIONS.has(event.Action)) return;
    if (event.Action === 'destroy' || event.Action === 'remove') this.networks.delete(event.Actor.ID);
    else this.reinspect(event.Actor.ID);
    this.schedule();
  }

  /** One inspect per network at a time; events during it mark it for one more. */
  private reinspect(id: string): void {
    if (!this.networksLoaded) return; // The full load will read it.
    if (this.inspecting.has(id)) {
      this.dirtyNetworks.add(id);
      return;
    }
    const run = inspectNetworkOrNull(this.ctx.docker, id)
      .then((inspect) => {
        if (inspect) this.networks.set(inspect.Id, inspect);
        else this.networks.delete(id);
      })
      .catch(() => {
        // Engine gone mid-inspect: the reconnect reloads everything.
      })
      .finally(() => {
        this.inspecting.delete(id);
        if (this.dirtyNetworks.delete(id)) this.reinspect(id);
      });
    this.inspecting.set(id, run);
  }

  private loadNetworks(): Promise<void> {
    this.networksLoaded ??= (async () => {
      const ids = await listNetworkIds(this.ctx.docker);
      const inspects = await mapLimited(ids, 8, (id) => inspectNetworkOrNull(this.ctx.docker, id));
      this.networks.clear();
      for (const inspect of inspects) if (inspect) this.networks.set(inspect.Id, inspect);
    })().catch((error: unknown) => {
      this.networksLoaded = null;
      throw error;
    });
    return this.networksLoaded;
  }

  private schedule(): void {
    if (!this.active) return;
    if (this.building) {
      this.dirty = true;
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.runBuild().catch(() => undefined);
    }, COALESCE_MS);
  }

  private runBuild(): Promise<void> {
    if (this.building) {
      this.dirty = true;
      return this.building.then(() => (this.dirty ? this.runBuild() : undefined));
    }
    this.dirty = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.building = this.build().finally(() => {
      this.building = null;
      if (this.dirty) this.schedule();
    });
    return this.building;
  }

  private async build(): Promise<void> {
    await this.ctx.engine('networks', () => this.loadNetworks());
    // A network event's inspect must land before the build that follows it.
    while (this.inspecting.size) await Promise.all([...this.inspecting.values()]);
    const containers = this.ctx.containers.snapshot().inspects;
    const local = this.ctx.isLocalEngine;
    const [hostInterfaces, nat, ipForward] = local
      ? await Promise.all([this.readHost(containers), this.readers.readNatTable(), this.readers.readIpForward()])
      : [null, null, null];
    const topology = buildTopology({ networks: [...this.networks.values()], containers, hostInterfaces, nat, ipForward });
    const json = JSON.stringify(topology);
    if (json === this.currentJson && this.current) return;
    this.currentJson = json;
    this.current = { ...topology, revision: ++this.revision, builtAt: new Date().toISOString() };
    this.ctx.emit('topology:changed', this.current);
  }

  /**
   * Host links every time (veths come and go), but a container's own links only when its
   * process or endpoints changed: they cannot change otherwise.
   */
  private async readHost(containers: readonly EngineContainerInspect[]): Promise<HostInterfaces | null> {
    const targets: NetnsTarget[] = [];
    const keys = new Map<string, string>();
    for (const c of containers) {
      if (!c.State.Running || c.State.Pid <= 0) continue;
      const mode = c.HostConfig.NetworkMode;
      if (mode === 'host' || mode === 'none' || mode.startsWith('container:')) continue;
      const key = `${c.State.Pid}|${Object.values(c.NetworkSettings.Networks ?? {}).map((e) => e.EndpointID).sort().join(',')}`;
      keys.set(c.Id, key);
      const cached = this.netnsCache.get(c.Id);
      if (!cached || cached.key !== key) targets.push({ id: c.Id, pid: c.State.Pid, sandboxKey: c.NetworkSettings.SandboxKey || undefined });
    }
    const fresh = await this.readers.readHostInterfaces(targets);
    if (!fresh) return null;
    for (const id of [...this.netnsCache.keys()]) if (!keys.has(id)) this.netnsCache.delete(id);
    for (const [id, reading] of Object.entries(fresh.containers)) {
      // Unreadable now may be readable later (process just started): do not remember it.
      if (reading.readable) this.netnsCache.set(id, { key: keys.get(id)!, reading });
      else this.netnsCache.delete(id);
    }
    const readings: Record<string, ContainerNetnsReading> = {};
    for (const id of keys.keys()) {
      const reading = fresh.containers[id] ?? this.netnsCache.get(id)?.reading;
      if (reading) readings[id] = reading;
    }
    return {
      privileged: Object.values(readings).some((r) => r.readable && r.method === 'sysfs'),
      links: fresh.links,
      containers: readings,
    };
  }
}
