import { randomUUID } from 'node:crypto';
import type { StreamExit, StreamTag } from '../../shared/stream-kit';

/**
 * One open stream as the transports see it: bytes in, bytes out, resize, close, and flow
 * control (a transport pauses it while its client has too many unacknowledged bytes).
 */
export interface CoreStream<Info = unknown> {
  readonly id: string;
  readonly kind: string;
  readonly info: Info;
  write(bytes: Uint8Array): void;
  resize(cols: number, rows: number): void;
  /** Ends the stream from the client's side; its exit says `closed`. */
  close(): void;
  pause(): void;
  resume(): void;
  /** Output; chunks that came before the first listener are delivered to it. */
  onData(listener: (bytes: Buffer, tag: StreamTag) => void): () => void;
  /** Called once, after the last output; at once (next tick) when the stream already ended. */
  onExit(listener: (exit: StreamExit) => void): () => void;
  readonly exited: StreamExit | null;
}

/** What a feature gives a session to drive its source (a socket, a log stream). */
export interface StreamSource {
  write(bytes: Buffer): void;
  resize(cols: number, rows: number): void;
  /** Release the source; called once when the session ends for any reason. */
  destroy(): void;
  pause(): void;
  resume(): void;
}

/** Output held for a listener that has not subscribed yet; the source is paused past this. */
const EARLY_LIMIT_BYTES = 256 * 1024;

export class StreamSession<Info> implements CoreStream<Info> {
  readonly id = randomUUID();
  private readonly dataListeners = new Set<(bytes: Buffer, tag: StreamTag) => void>();
  private readonly exitListeners = new Set<(exit: StreamExit) => void>();
  private early: Array<[Buffer, StreamTag]> | null = [];
  private earlyBytes = 0;
  private exit: StreamExit | null = null;
  private exitDelivered = false;
  private pausedByClient = false;
  private pausedForEarly = false;
  private source: StreamSource | null = null;

  constructor(
    readonly kind: string,
    public info: Info,
  ) {}

  get exited(): StreamExit | null {
    return this.exit;
  }

  /** Connects the source; before this, writes and resizes are dropped. */
  attach(source: StreamSource): void {
    this.source = source;
    if (this.exit) source.destroy();
  }

  /** Called by the feature for every chunk of output. */
  push(bytes: Buffer, tag: StreamTag): void {
    if (this.exit && this.exitDelivered) return;
    if (this.early) {
      this.early.push([bytes, tag]);
      this.earlyBytes += bytes.length;
      if (this.earlyBytes > EARLY_LIMIT_BYTES && !this.pausedForEarly) {
        this.pausedForEarly = true;
        this.source?.pause();
      }
      return;
    }
    for (const listener of this.dataListeners) listener(bytes, tag);
  }

  /** Ends the session once; later calls are ignored. The exit reaches listeners after the output. */
  finish(exit: StreamExit): void {
    if (this.exit) return;
    this.exit = exit;
    this.source?.destroy();
    if (!this.early || this.early.length === 0) this.deliverExit();
  }

  write(bytes: Uint8Array): void {
    if (this.exit || !this.source) return;
    this.source.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  resize(cols: number, rows: number): void {
    if (this.exit || !this.source) return;
    this.source.resize(cols, rows);
  }

  close(): void {
    this.finish({ reason: 'closed', message: 'The session was closed.' });
  }

  pause(): void {
    if (this.pausedByClient) return;
    this.pausedByClient = true;
    this.source?.pause();
  }

  resume(): void {
    if (!this.pausedByClient) return;
    this.pausedByClient = false;
    if (!this.pausedForEarly) this.source?.resume();
  }

  onData(listener: (bytes: Buffer, tag: StreamTag) => void): () => void {
    this.dataListeners.add(listener);
    if (this.early) {
      const early = this.early;
      this.early = null;
      for (const [bytes, tag] of early) listener(bytes, tag);
      if (this.pausedForEarly) {
        this.pausedForEarly = false;
        if (!this.pausedByClient) this.source?.resume();
      }
      if (this.exit) this.deliverExit();
    }
    return () => this.dataListeners.delete(listener);
  }

  onExit(listener: (exit: StreamExit) => void): () => void {
    this.exitListeners.add(listener);
    if (this.exit && this.exitDelivered) {
      const exit = this.exit;
      queueMicrotask(() => this.exitListeners.has(listener) && listener(exit));
    }
    return () => this.exitListeners.delete(listener);
  }

  private deliverExit(): void {
    if (this.exitDelivered || !this.exit) return;
    this.exitDelivered = true;
    for (const listener of this.exitListeners) listener(this.exit);
  }
}
