import type { ChannelName, EventName } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import type { StreamExit, StreamTag } from '../../../shared/stream-kit';
import type { StreamKind } from '../../../shared/streams';
import { unwrap, type PatchbayClient } from './client';
import { StreamRouter } from './streams';

/** What electron/preload.ts puts on `window.patchbay`. */
export interface PreloadApi {
  requests: Record<ChannelName, (input: unknown) => Promise<Result<unknown>>>;
  on(name: EventName, listener: (payload: unknown) => void): () => void;
  streams: {
    open(id: number, kind: StreamKind, input: unknown): Promise<Result<unknown>>;
    write(id: number, bytes: Uint8Array): void;
    resize(id: number, cols: number, rows: number): void;
    ack(id: number, bytes: number): void;
    close(id: number): void;
    onData(listener: (id: number, tag: StreamTag, bytes: Uint8Array) => void): () => void;
    onExit(listener: (id: number, exit: StreamExit) => void): () => void;
  };
}

declare global {
  interface Window {
    patchbay?: PreloadApi;
  }
}

export function createIpcClient(api: PreloadApi): PatchbayClient {
  const router = new StreamRouter(api.streams);
  api.streams.onData((id, tag, bytes) => router.data(id, tag, bytes));
  api.streams.onExit((id, exit) => router.exit(id, exit));
  return {
    openStream: (kind, input) => router.open(kind, input),
    kind: 'ipc',
    request: async (channel, input) => unwrap(await api.requests[channel](input)) as never,
    on: (event, listener) => api.on(event, listener as (payload: unknown) => void),
    // IPC cannot drop while the window lives.
    onReconnect: () => () => undefined,
  };
}
