/**
 * The one interface the renderer uses to reach the core; it never knows which transport it has.
 */
import type { ChannelName, EventMap, EventName, RequestOf, ResponseOf } from '../../../shared/contract';
import type { PatchbayError, Result } from '../../../shared/errors';
import type { StreamInfo, StreamKind, StreamOpenInput } from '../../../shared/streams';
import type { StreamHandle } from './streams';

export interface PatchbayClient {
  request<C extends ChannelName>(channel: C, input: RequestOf<C>): Promise<ResponseOf<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** Called when the transport itself reconnected (web bridge); state must be loaded again. */
  onReconnect(listener: () => void): () => void;
  /** Opens a byte stream (a shell, an attach, logs); see shared/streams.ts. */
  openStream<K extends StreamKind>(kind: K, input: StreamOpenInput<K>): StreamHandle<StreamInfo<K>>;
  readonly kind: 'ipc' | 'web';
}

/** A failed request, carrying the core's error so the UI can show its message. */
export class RequestError extends Error {
  readonly code: PatchbayError['code'];
  readonly detail?: string;
  constructor(error: PatchbayError) {
    super(error.message);
    this.name = 'RequestError';
    this.code = error.code;
    this.detail = error.detail;
  }
}

/** The message to show for any failure, whether it came from the core or the transport. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new RequestError(result.error);
}
