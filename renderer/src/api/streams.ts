/**
 * Streams as the renderer sees them, whatever the transport: a handle per open stream with
 * bytes in and out. Each transport supplies a `StreamWire` and routes incoming data and exits
 * to `StreamRouter.data` / `.exit`.
 *
 * Ids are chosen here, before the open is sent, so output that arrives before the open's answer
 * still finds its handle. Bytes are never decoded: they go to the listener (xterm) as is, and
 * are acknowledged once the listener has consumed them (its promise resolved), which is what
 * lets the core apply backpressure.
 */
import type { PatchbayError, Result } from '../../../shared/errors';
import { STREAM_ACK_BATCH_BYTES, type StreamExit, type StreamTag } from '../../../shared/stream-kit';
import type { StreamInfo, StreamKind, StreamOpenInput } from '../../../shared/streams';
import { RequestError } from './client';

export interface StreamHandle<Info = unknown> {
  readonly id: number;
  readonly kind: StreamKind;
  /** Resolves with the core's info once the stream is open; rejects with a RequestError. */
  readonly opened: Promise<Info>;
  /** Input: bytes as is, or text (a complete JS string, encoded as UTF-8 once here). */
  write(data: Uint8Array | string): void;
  resize(cols: number, rows: number): void;
  close(): void;
  /**
   * Output. Return a promise to hold back the acknowledgement until the bytes are consumed
   * (e.g. `new Promise(r => term.write(bytes, r))`). Chunks before the first listener are kept.
   */
  onData(listener: (bytes: Uint8Array, tag: StreamTag) => void | Promise<void>): () => void;
  /** Once; at once when it already ended. An open that failed ends with reason `error`. */
  onExit(listener: (exit: StreamExit) => void): () => void;
  readonly exit: StreamExit | null;
}

/** What a transport does for the streams. */
export interface StreamWire {
  open(id: number, kind: StreamKind, input: unknown): Promise<Result<unknown>>;
  write(id: number, bytes: Uint8Array): void;
  resize(id: number, cols: number, rows: number): void;
  ack(id: number, bytes: number): void;
  close(id: number): void;
}

const encoder = new TextEncoder();
const ACK_DELAY_MS = 15;

class ClientStream<Info> implements StreamHandle<Info> {
  readonly opened: Promise<Info>;
  private readonly dataListeners = new Set<(bytes: Uint8Array, tag: StreamTag) => void | Promise<void>>();
  private readonly exitListeners = new Set<(exit: StreamExit) => void>();
  private early: Array<[Uint8Array, StreamTag]> | null = [];
  private pendingAck = 0;
  private ackTimer: ReturnType<typeof setTimeout> | null = null;
  private ended: StreamExit | null = null;

  constructor(
    readonly id: number,
    readonly kind: StreamKind,
    input: unknown,
    private readonly wire: StreamWire,
    private readonly forget: (id: number) => void,
  ) {
    this.opened = wire.open(id, kind, input).then(
      (result) => {
        if (!result.ok) {
          this.end({ reason: 'error', message: result.error.message });
          throw new RequestError(result.error);
        }
        return result.value as Info;
      },
      (error: unknown) => {
        const failure: PatchbayError = { code: 'internal', message: error instanceof Error ? error.message : String(error) };
        this.end({ reason: 'error', message: failure.message });
        throw new RequestError(failure);
      },
    );
    // A failed open is reported through `opened` and `onExit`; nobody must handle it twice.
    this.opened.catch(() => undefined);
  }

  get exit(): StreamExit | null {
    return this.ended;
  }

  write(data: Uint8Array | string): void {
    if (this.ended) return;
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    if (bytes.byteLength > 0) this.wire.write(this.id, bytes);
  }

  resize(cols: number, rows: number): void {
    if (!this.ended) this.wire.resize(this.id, cols, rows);
  }

  close(): void {
    if (this.ended) return;
    this.wire.close(this.id);
    this.end({ reason: 'closed', message: 'The session was closed.' });
  }

  onData(listener: (bytes: Uint8Array, tag: StreamTag) => void | Promise<void>): () => void {
    this.dataListeners.add(listener);
    if (this.early) {
      const early = this.early;
      this.early = null;
      for (const [bytes, tag] of early) this.deliver(bytes, tag);
    }
    return () => this.dataListeners.delete(listener);
  }

  onExit(listener: (exit: StreamExit) => void): () => void {
    this.exitListeners.add(listener);
    if (this.ended) {
      const exit = this.ended;
      queueMicrotask(() => this.exitListeners.has(listener) && listener(exit));
    }
    return () => this.exitListeners.delete(listener);
  }

  /** From the transport. */
  receive(bytes: Uint8Array, tag: StreamTag): void {
    if (this.early) this.early.push([bytes, tag]);
    else this.deliver(bytes, tag);
  }

  end(exit: StreamExit): void {
    if (this.ended) return;
    this.ended = exit;
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.forget(this.id);
    for (const listener of this.exitListeners) listener(exit);
  }

  private deliver(bytes: Uint8Array, tag: StreamTag): void {
    const pending: Promise<void>[] = [];
    for (const listener of this.dataListeners) {
      const result = listener(bytes, tag);
      if (result) pending.push(result);
    }
    if (pending.length === 0) this.acknowledge(bytes.byteLength);
    else void Promise.all(pending).then(() => this.acknowledge(bytes.byteLength));
  }

  private acknowledge(bytes: number): void {
    if (this.ended) return;
    this.pendingAck += bytes;
    if (this.pendingAck >= STREAM_ACK_BATCH_BYTES) this.flushAck();
    else this.ackTimer ??= setTimeout(() => this.flushAck(), ACK_DELAY_MS);
  }

  private flushAck(): void {
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.ackTimer = null;
    if (this.pendingAck === 0 || this.ended) return;
    this.wire.ack(this.id, this.pendingAck);
    this.pendingAck = 0;
  }
}

/** One per transport: opens handles and routes what arrives to them. */
export class StreamRouter {
  private nextId = 1;
  private readonly streams = new Map<number, ClientStream<unknown>>();

  constructor(private readonly wire: StreamWire) {}

  open<K extends StreamKind>(kind: K, input: StreamOpenInput<K>): StreamHandle<StreamInfo<K>> {
    const id = this.nextId++;
    const stream = new ClientStream<StreamInfo<K>>(id, kind, input, this.wire, (done) => this.streams.delete(done));
    this.streams.set(id, stream as ClientStream<unknown>);
    return stream;
  }

  data(id: number, tag: StreamTag, bytes: Uint8Array): void {
    this.streams.get(id)?.receive(bytes, tag);
  }

  exit(id: number, exit: StreamExit): void {
    this.streams.get(id)?.end(exit);
  }

  /** The transport itself went away: every stream on it has ended. */
  lost(message: string): void {
    for (const stream of [...this.streams.values()]) stream.end({ reason: 'transport-lost', message });
  }
}
