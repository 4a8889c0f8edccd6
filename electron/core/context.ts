import type { DockerClient } from '../docker/endpoint';
import type { ChannelMap, OutputOf, ParsedInputOf } from '../../shared/contract-kit';
import type { EventMap, EventName } from '../../shared/contract';
import type { ContainerMirror } from '../docker/container-mirror';
import type { EngineConnection, EngineEvent } from '../docker/engine-connection';
import { isEngineUnreachable, toEngineFailure } from '../docker/engine-errors';

/**
 * What every feature's handlers get: the engine, the live container mirror and a way to emit events.
 *
 * Features pass `docker` only to the functions in `electron/docker/*-api.ts`; they never call
 * dockerode themselves.
 */
export interface CoreContext {
  docker: DockerClient;
  endpoint: string;
  connection: EngineConnection;
  containers: ContainerMirror;
  /** True when the engine runs on this machine (a unix socket), so its host files can be read. */
  isLocalEngine: boolean;
  /** Every raw engine event, for features that follow more than containers (networks, volumes). */
  onEngineEvent(listener: (event: EngineEvent) => void): () => void;
  /** Called each time the event stream (re)opens, after the container mirror is resynced. */
  onEngineReconnect(listener: () => void): () => void;
  emit<E extends EventName>(name: E, payload: EventMap[E]): void;
  /** Runs one engine call and turns its failure into a message about `subject`. */
  engine<T>(subject: string, call: () => Promise<T>): Promise<T>;
}

/** The handlers a feature provides for its channel map: input already validated, output typed. */
export type HandlersFor<M extends ChannelMap> = {
  [K in keyof M]: (input: ParsedInputOf<M[K]>) => Promise<OutputOf<M[K]>>;
};

export function engineCaller(connection: EngineConnection, endpoint: string): CoreContext['engine'] {
  return async (subject, call) => {
    try {
      return await call();
    } catch (error) {
      if (isEngineUnreachable(error)) connection.suspectDown();
      throw toEngineFailure(error, subject, endpoint);
    }
  };
}
