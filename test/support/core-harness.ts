/**
 * A real core connected to the real engine, with every event it emits recorded.
 */
import type { EventMap, EventName } from '../../shared/contract';
import type { ContainerList } from '../../shared/containers/model';
import type { EngineStatus } from '../../shared/engine/model';
import type { PatchbayError, Result } from '../../shared/errors';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core';
import { docker, waitFor } from './docker-cli';

export interface RecordedEvent<E extends EventName = EventName> {
  name: E;
  payload: EventMap[E];
  at: number;
}

/** Thrown by `call` when the core answers `{ ok: false }`; keeps the core's error. */
export class CoreCallError extends Error {
  constructor(
    readonly channel: string,
    readonly error: PatchbayError,
  ) {
    super(`${channel} failed with ${error.code}: ${error.message}${error.detail ? ` (${error.detail})` : ''}`);
    this.name = 'CoreCallError';
  }
}

export interface CoreHarness {
  core: Core;
  /** Invokes a channel and returns its value; throws CoreCallError on `{ ok: false }`. */
  call<T = unknown>(channel: string, input?: unknown): Promise<T>;
  /** Invokes a channel and returns the raw result. */
  invoke(channel: string, input?: unknown): Promise<Result<unknown>>;
  /** Every event since the core was created, oldest first. */
  events: RecordedEvent[];
  /** Resolves with the first recorded event (already recorded or future) that matches. */
  waitForEvent<E extends EventName>(
    name: E,
    predicate?: (payload: EventMap[E]) => boolean,
    timeoutMs?: number,
    since?: number,
  ): Promise<RecordedEvent<E>>;
  /** The list the core holds now. */
  list(): Promise<ContainerList>;
  stop(): void;
}

export interface StartCoreOptions extends CoreOptions {
  /** How long to wait for `up` and the first list; default 15 s. */
  readyTimeoutMs?: number;
  /** Do not wait for the engine to be up (for outage tests that start it down). */
  noWait?: boolean;
}

export async function startCore(options: StartCoreOptions = {}): Promise<CoreHarness> {
  const { readyTimeoutMs = 15_000, noWait = false, ...coreOptions } = options;
  const core = createCore({ log: (message) => console.error(`[core] ${message}`), ...coreOptions });
  const events: RecordedEvent[] = [];
  const waiters = new Set<(event: RecordedEvent) => void>();
  core.onEvent((name, payload) => {
    const event = { name, payload, at: Date.now() } as RecordedEvent;
    events.push(event);
    for (const waiter of [...waiters]) waiter(event);
  });

  const invoke = (channel: string, input: unknown = {}) => core.invoke(channel, input);
  const call = async <T>(channel: string, input: unknown = {}): Promise<T> => {
    const result = await core.invoke(channel, input);
    if (!result.ok) throw new CoreCallError(channel, result.error);
    return result.value as T;
  };

  const waitForEvent: CoreHarness['waitForEvent'] = (name, predicate = () => true, timeoutMs = 5_000, since = 0) =>
    new Promise((resolve, reject) => {
      const matches = (event: RecordedEvent) =>
        event.name === name && event.at >= since && predicate(event.payload as EventMap[typeof name]);
      const already = events.find(matches);
      if (already) {
        resolve(already as RecordedEvent<typeof name>);
        return;
      }
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`No matching ${name} event within ${timeoutMs} ms (${events.length} events recorded).`));
      }, timeoutMs);
      const waiter = (event: RecordedEvent) => {
        if (!matches(event)) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve(event as RecordedEvent<typeof name>);
      };
      waiters.add(waiter);
    });

  core.start();
  const harness: CoreHarness = {
    core,
    call,
    invoke,
    events,
    waitForEvent,
    list: () => call<ContainerList>('containers:list'),
    stop: () => core.stop(),
  };
  if (noWait) return harness;

  try {
    await waitFor(
      async () => {
        const status = await call<EngineStatus>('engine:status');
        if (status.state !== 'up') throw new Error(`engine:status is ${status.state}${status.error ? `: ${status.error}` : ''}`);
        return true;
      },
      { timeoutMs: readyTimeoutMs, description: 'the core to reach the engine' },
    );
    // The first resync publishes the full list as one change (revision 1) unless the engine has
    // no containers at all; either way the list's revision says it has been loaded.
    await waitFor(
      async () => {
        const list = await harness.list();
        return list.revision > 0 || (await engineHasNoContainers());
      },
      { timeoutMs: readyTimeoutMs, description: 'the first container list' },
    );
  } catch (error) {
    core.stop();
    throw error;
  }
  return harness;
}

async function engineHasNoContainers(): Promise<boolean> {
  return (await docker(['ps', '-aq'])).trim() === '';
}
