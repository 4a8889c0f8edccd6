import type Dockerode from 'dockerode';
import type { EngineStatus } from '../../shared/engine/model';
import { backoffDelay } from './backoff';
import { engineMessage } from './engine-errors';
import { JsonObjectSplitter } from './json-stream';

/** One event from `GET /events`, the fields Patchbay reads. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

export interface EngineConnectionHooks {
  /** The status changed (connecting, up, down). */
  onStatus(status: EngineStatus): void;
  /**
   * The event stream is open again: the listener must bring its state up to date, because
   * events may have been missed while the stream was down. Called after the stream is open,
   * so nothing that happens during the resync is lost.
   */
  onStreamOpen(): Promise<void>;
  onEvent(event: EngineEvent): void;
}

/**
 * Keeps Patchbay connected to the engine: pings with backoff while it is down, holds one event
 * stream while it is up, and reconnects by itself when the stream breaks.
 */
export class EngineConnection {
  private status: EngineStatus;
  private stream: NodeJS.ReadableStream | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private stopped = false;
  private connecting: Promise<void> | null = null;

  constructor(
    private readonly docker: Dockerode,
    endpoint: string,
    private readonly hooks: EngineConnectionHooks,
  ) {
    this.status = { state: 'connecting', endpoint, failedAttempts: 0 };
  }

  current(): EngineStatus {
    return this.status;
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.closeStream();
  }

  /** Tries now instead of at the next backoff step; resolves once the attempt is over. */
  async reconnectNow(): Promise<EngineStatus> {
    if (this.status.state === 'up') return this.status;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.connect();
    return this.status;
  }

  /** A request failed as if the engine were gone: check rather than wait for the stream to notice. */
  suspectDown(): void {
    if (this.status.state !== 'up' || this.connecting) return;
    void this.docker.ping().catch(() => this.streamBroke('The engine stopped answering.'));
  }

  private connect(): Promise<void> {
    this.connecting ??= this.attempt().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    try {
      await withTimeout(this.docker.ping(), CONNECT_TIMEOUT_MS);
      const stream = (await this.docker.getEvents({})) as NodeJS.ReadableStream;
      if (this.stopped) {
        (stream as unknown as { destroy?: () => void }).destroy?.();
        return;
      }
      this.attachStream(stream);
      this.startHeartbeat();
      this.setStatus({ state: 'up', endpoint: this.status.endpoint, failedAttempts: 0 });
      await this.hooks.onStreamOpen();
    } catch (error) {
      this.closeStream();
      this.scheduleRetry(describeConnectError(error, this.status.endpoint));
    }
  }

  /**
   * A shutting-down engine stops answering requests long before it closes open streams (it
   * first stops every container), so an idle app would not notice. A ping a second notices.
   */
  private startHeartbeat(): void {
    this.stopHeartbeat();
    let inFlight = false;
    this.heartbeat = setInterval(() => {
      if (inFlight || this.status.state !== 'up') return;
      inFlight = true;
      withTimeout(this.docker.ping(), HEARTBEAT_TIMEOUT_MS)
        .catch(() => this.streamBroke('The engine stopped answering.'))
        .finally(() => {
          inFlight = false;
        });
    }, HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref?.();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private attachStream(stream: NodeJS.ReadableStream): void {
    this.closeStream();
    this.stream = stream;
    const splitter = new JsonObjectSplitter();
    stream.on('data', (chunk: Buffer) => {
      for (const event of splitter.push(chunk)) this.hooks.onEvent(event as EngineEvent);
    });
    const broke = () => {
      if (this.stream === stream) this.streamBroke('The event stream closed.');
    };
    stream.on('end', broke);
    stream.on('close', broke);
    stream.on('error', broke);
  }

  private streamBroke(reason: string): void {
    this.closeStream();
    if (this.stopped) return;
    // The engine may have only dropped the stream (it does on some restarts); try at once.
    this.setStatus({ state: 'connecting', endpoint: this.status.endpoint, failedAttempts: 0, error: reason });
    void this.connect();
  }

  private scheduleRetry(error: string): void {
    if (this.stopped) return;
    const failedAttempts = this.status.failedAttempts + 1;
    const delay = backoffDelay(failedAttempts);
    this.setStatus({
      state: 'down',
      endpoint: this.status.endpoint,
      error,
      failedAttempts,
      nextAttemptAt: Date.now() + delay,
    });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private closeStream(): void {
    this.stopHeartbeat();
    const stream = this.stream as (NodeJS.ReadableStream & { destroy?: () => void }) | null;
    this.stream = null;
    stream?.removeAllListeners();
    stream?.on('error', () => undefined);
    stream?.destroy?.();
  }

  private setStatus(status: EngineStatus): void {
    this.status = status;
    this.hooks.onStatus(status);
  }
}

const HEARTBEAT_INTERVAL_MS = 1_000;
const CONNECT_TIMEOUT_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 1_500;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

function describeConnectError(error: unknown, endpoint: string): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ENOENT') return `No engine socket at ${endpoint}: the file does not exist. Is Docker installed and started?`;
  if (code === 'ECONNREFUSED') return `Nothing is listening at ${endpoint}. Start the Docker engine (e.g. sudo systemctl start docker).`;
  if (code === 'EACCES') return `Permission denied on ${endpoint}: add your user to the docker group, then log in again.`;
  return `Could not reach the engine at ${endpoint}: ${engineMessage(error)}`;
}
