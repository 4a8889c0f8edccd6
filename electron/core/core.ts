import { channels, isChannelName, type ChannelName, type EventMap, type EventName } from '../../shared/contract';
import { PatchbayFailure, type PatchbayError, type Result } from '../../shared/errors';
import { summarizeContainer } from '../../shared/containers/summarize';
import { ContainerMirror } from '../docker/container-mirror';
import { EngineConnection, type EngineEvent } from '../docker/engine-connection';
import { openEndpoint } from '../docker/endpoint';
import { containersHandlers } from '../features/containers/handlers';
import { engineHandlers } from '../features/engine/handlers';
import { imagesHandlers } from '../features/images/handlers';
import { pullOpeners } from '../features/images/pull-service';
import { runHandlers } from '../features/run/handlers';
import { topologyHandlers } from '../features/topology/handlers';
import { volumesHandlers } from '../features/volumes/handlers';
import { linksHandlers } from '../features/links/handlers';
import { TopologyService } from '../features/topology/topology-service';
import { TerminalService } from '../features/terminal/terminal-service';
import { engineCaller, type CoreContext } from './context';
import type { CoreStream } from './stream-session';
import { streamOpener } from './streams';
import { formatZodError } from './validation';

export type EventListener = <E extends EventName>(name: E, payload: EventMap[E]) => void;

/** The API both transports expose: validated requests in, results and events out. */
export interface Core {
  /** Validates `input` against the channel's schema, runs it, and never throws. */
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: EventListener): () => void;
  /** Opens a stream (shared/streams.ts): validated like `invoke`, never throws. */
  openStream(kind: string, input: unknown): Promise<Result<CoreStream>>;
  start(): void;
  stop(): void;
}

export interface CoreOptions {
  /** Overrides `DOCKER_HOST`, e.g. `unix:///tmp/proxy.sock` in tests. */
  dockerHost?: string;
  /** Where failures that are Patchbay's own fault are reported; never given request bodies. */
  log?: (message: string) => void;
}

type AnyHandler = (input: unknown) => Promise<unknown>;

export function createCore(options: CoreOptions = {}): Core {
  const { description: endpoint, docker } = openEndpoint(options.dockerHost);
  const listeners = new Set<EventListener>();
  const emit: CoreContext['emit'] = (name, payload) => {
    for (const listener of listeners) listener(name, payload);
  };
  const containers = new ContainerMirror(docker);
  const engineEventListeners = new Set<(event: EngineEvent) => void>();
  const reconnectListeners = new Set<() => void>();
  const connection = new EngineConnection(docker, endpoint, {
    onStatus: (status) => {
      emit('engine:status', status);
    },
    onStreamOpen: async () => {
      await containers.resync();
      for (const listener of reconnectListeners) listener();
    },
    onEvent: (event) => {
      containers.handleEvent(event);
      if (event.Type === 'image') emit('images:changed', { action: event.Action });
      for (const listener of engineEventListeners) listener(event);
    },
  });
  containers.onChange((change) =>
    emit('containers:changed', {
      revision: change.revision,
      upserted: change.upserted.map(summarizeContainer),
      removed: change.removed,
    }),
  );

  const ctx: CoreContext = {
    docker,
    endpoint,
    connection,
    containers,
    isLocalEngine: endpoint.startsWith('unix://'),
    onEngineEvent: (listener) => subscribe(engineEventListeners, listener),
    onEngineReconnect: (listener) => subscribe(reconnectListeners, listener),
    emit,
    engine: engineCaller(connection, endpoint),
  };
  const topology = new TopologyService(ctx);
  const handlers: Record<ChannelName, AnyHandler> = {
    ...engineHandlers(ctx),
    ...containersHandlers(ctx),
    ...imagesHandlers(ctx),
    ...topologyHandlers(ctx, topology),
    ...runHandlers(ctx),
    ...volumesHandlers(ctx),
    ...linksHandlers(ctx),
  } as Record<ChannelName, AnyHandler>;
  const terminal = new TerminalService(ctx, (listener) => subscribe(listeners, listener));
  const streams = streamOpener({ ...terminal.openers(), ...pullOpeners(ctx) } as Parameters<typeof streamOpener>[0], options.log);

  return {
    async invoke(channel, input) {
      if (!isChannelName(channel)) {
        return failure({ code: 'unknown-channel', message: `There is no request called "${String(channel).slice(0, 80)}".` });
      }
      const parsed = channels[channel].input.safeParse(input ?? {});
      if (!parsed.success) {
        return failure({ code: 'invalid-input', message: formatZodError(parsed.error), detail: channel });
      }
      try {
        return { ok: true, value: await handlers[channel](parsed.data) };
      } catch (error) {
        if (error instanceof PatchbayFailure) return failure(error.toJSON());
        options.log?.(`${channel} failed: ${error instanceof Error ? error.stack : String(error)}`);
        return failure({ code: 'internal', message: `Patchbay could not complete ${channel}: ${String((error as Error)?.message ?? error)}` });
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openStream: streams.openStream,
    start: () => {
      topology.start();
      connection.start();
    },
    stop: () => {
      streams.closeAll();
      connection.stop();
      topology.stop();
    },
  };
}

function subscribe<T>(set: Set<T>, listener: T): () => void {
  set.add(listener);
  return () => set.delete(listener);
}

function failure(error: PatchbayError): Result<never> {
  return { ok: false, error };
}
