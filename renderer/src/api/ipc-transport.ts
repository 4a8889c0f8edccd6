import type { ChannelName, EventName } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { unwrap, type PatchbayClient } from './client';

/** What electron/preload.ts puts on `window.patchbay`. */
export interface PreloadApi {
  requests: Record<ChannelName, (input: unknown) => Promise<Result<unknown>>>;
  on(name: EventName, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    patchbay?: PreloadApi;
  }
}

export function createIpcClient(api: PreloadApi): PatchbayClient {
  return {
    kind: 'ipc',
    request: async (channel, input) => unwrap(await api.requests[channel](input)) as never,
    on: (event, listener) => api.on(event, listener as (payload: unknown) => void),
    // IPC cannot drop while the window lives.
    onReconnect: () => () => undefined,
  };
}
