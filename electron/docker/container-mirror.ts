import type Dockerode from 'dockerode';
import type { EngineContainerInspect } from '../../shared/containers/engine-inspect';
import type { EngineEvent } from './engine-connection';
import { mapLimited } from './limit';

export interface MirrorChange {
  revision: number;
  upserted: EngineContainerInspect[];
  removed: string[];
}

/** Container events that can change what an inspect says; exec_*, top, resize and the like cannot. */
const CONTAINER_ACTIONS = new Set([
  'create', 'start', 'restart', 'stop', 'die', 'kill', 'pause', 'unpause', 'rename', 'update',
  'destroy', 'oom', 'health_status', 'attach', 'detach',
]);

const INSPECT_CONCURRENCY = 8;

/**
 * Short-lived containers Patchbay makes itself (the volume browser's helpers) carry this label;
 * they are plumbing, not the user's containers, so the mirror never holds them.
 */
export const HELPER_LABEL = 'patchbay.helper';

/**
 * A live copy of every container's inspect, kept current by engine events.
 *
 * An event re-inspects only the container it names; events that arrive while an inspect of the
 * same container is in flight mark it dirty instead of starting a second one, and a burst of
 * events is published as one change. Other features (topology, volumes, links) read it too.
 */
export class ContainerMirror {
  private readonly inspects = new Map<string, EngineContainerInspect>();
  private revision = 0;
  private syncing = false;
  private readonly queued = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly pendingUpserts = new Map<string, EngineContainerInspect>();
  private readonly pendingRemovals = new Set<string>();
  private flushScheduled = false;
  private readonly listeners = new Set<(change: MirrorChange) => void>();

  constructor(private readonly docker: Dockerode) {}

  onChange(listener: (change: MirrorChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): { revision: number; inspects: EngineContainerInspect[] } {
    return { revision: this.revision, inspects: [...this.inspects.values()] };
  }

  get(id: string): EngineContainerInspect | undefined {
    return this.inspects.get(id);
  }

  /** Finds a container by id, id prefix or name, the way the CLI does. */
  find(ref: string): EngineContainerInspect | undefined {
    const name = ref.replace(/^\//, '');
    const exact = this.inspects.get(ref);
    if (exact) return exact;
    for (const inspect of this.inspects.values()) {
      if (inspect.Name === `/${name}`) return inspect;
    }
    const byPrefix = [...this.inspects.values()].filter((i) => i.Id.startsWith(ref));
    return byPrefix.length === 1 ? byPrefix[0] : undefined;
  }

  /** Lists and inspects everything; run each time the event stream (re)opens. */
  async resync(): Promise<void> {
    this.syncing = true;
    try {
      const listed = (await this.docker.listContainers({ all: true })).filter((c) => c.Labels?.[HELPER_LABEL] !== '1');
      const fresh = await mapLimited(listed, INSPECT_CONCURRENCY, (c) => this.inspectOrNull(c.Id));
      const seen = new Set<string>();
      for (const inspect of fresh) {
        if (!inspect) continue;
        seen.add(inspect.Id);
        this.inspects.set(inspect.Id, inspect);
        this.pendingUpserts.set(inspect.Id, inspect);
      }
      for (const id of [...this.inspects.keys()]) {
        if (!seen.has(id)) {
          this.inspects.delete(id);
          this.pendingRemovals.add(id);
        }
      }
    } finally {
      this.syncing = false;
    }
    this.publish();
    // Events that came in during the list are applied now, on top of it.
    for (const id of this.queued) this.refresh(id);
    this.queued.clear();
  }

  handleEvent(event: EngineEvent): void {
    const id = containerIdOf(event);
    if (!id || event.Actor.Attributes?.[HELPER_LABEL] === '1') return;
    if (this.syncing) {
      this.queued.add(id);
      return;
    }
    this.refresh(id);
  }

  /** Re-inspects one container now (after an action Patchbay itself took, for example). */
  refresh(id: string): void {
    if (this.inFlight.has(id)) {
      this.dirty.add(id);
      return;
    }
    this.inFlight.add(id);
    void this.inspectOrNull(id)
      .then((inspect) => {
        if (inspect) {
          this.inspects.set(inspect.Id, inspect);
          this.pendingUpserts.set(inspect.Id, inspect);
          this.pendingRemovals.delete(inspect.Id);
        } else {
          this.inspects.delete(id);
          this.pendingUpserts.delete(id);
          this.pendingRemovals.add(id);
        }
      })
      .catch(() => {
        // The engine went away mid-inspect; the connection's resync will set this right.
      })
      .finally(() => {
        this.inFlight.delete(id);
        if (this.dirty.delete(id)) this.refresh(id);
        else this.scheduleFlush();
      });
  }

  clear(): void {
    if (this.inspects.size === 0) return;
    for (const id of this.inspects.keys()) this.pendingRemovals.add(id);
    this.inspects.clear();
    this.publish();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // One macrotask lets the inspects of a burst land together in one published change.
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.inFlight.size === 0 || this.pendingUpserts.size + this.pendingRemovals.size >= 50) this.publish();
      else this.scheduleFlush();
    });
  }

  private publish(): void {
    if (this.pendingUpserts.size === 0 && this.pendingRemovals.size === 0) return;
    const change: MirrorChange = {
      revision: ++this.revision,
      upserted: [...this.pendingUpserts.values()],
      removed: [...this.pendingRemovals].filter((id) => !this.pendingUpserts.has(id)),
    };
    this.pendingUpserts.clear();
    this.pendingRemovals.clear();
    for (const listener of this.listeners) listener(change);
  }

  private async inspectOrNull(id: string): Promise<EngineContainerInspect | null> {
    try {
      const inspect = (await this.docker.getContainer(id).inspect()) as unknown as EngineContainerInspect;
      return inspect.Config.Labels?.[HELPER_LABEL] === '1' ? null : inspect;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return null;
      throw error;
    }
  }
}

/** The container an event is about: a container event's actor, or the container a network event (dis)connects. */
export function containerIdOf(event: EngineEvent): string | null {
  if (event.Type === 'container' && CONTAINER_ACTIONS.has(event.Action.split(':')[0])) return event.Actor.ID;
  if (event.Type === 'network' && (event.Action === 'connect' || event.Action === 'disconnect')) {
    return event.Actor.Attributes?.container ?? null;
  }
  return null;
}
