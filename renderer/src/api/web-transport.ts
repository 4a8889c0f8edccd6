import type { EventName } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { RequestError, unwrap, type PatchbayClient } from './client';

type Listener = (payload: unknown) => void;

/**
 * The web bridge: requests as `POST /api/<channel>`, events over one WebSocket.
 *
 * The token travels in an HttpOnly cookie set when the user opened the login URL, so page
 * scripts never see it. The socket reconnects with backoff; listeners of `onReconnect` then
 * reload what they hold, since events may have been missed.
 */
export function createWebClient(base: URL = new URL(window.location.href)): PatchbayClient {
  const listeners = new Map<EventName, Set<Listener>>();
  const reconnectListeners = new Set<() => void>();
  let attempt = 0;
  let everOpen = false;

  const connect = () => {
    const url = new URL('/ws', base);
    url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    socket.onopen = () => {
      attempt = 0;
      if (everOpen) for (const listener of reconnectListeners) listener();
      everOpen = true;
    };
    socket.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      const frame = JSON.parse(message.data) as { type: string; name: EventName; payload: unknown };
      if (frame.type !== 'event') return;
      for (const listener of listeners.get(frame.name) ?? []) listener(frame.payload);
    };
    socket.onclose = () => {
      attempt++;
      setTimeout(connect, Math.min(5_000, 250 * 2 ** attempt));
    };
  };
  connect();

  return {
    kind: 'web',
    async request(channel, input) {
      let response: Response;
      try {
        response = await fetch(new URL(`/api/${channel}`, base), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        throw new RequestError({ code: 'engine-unavailable', message: 'Patchbay (the web bridge) is not answering. Is `npm run web` still running?' });
      }
      if (response.status === 401) {
        throw new RequestError({ code: 'forbidden', message: 'The access token is missing or wrong: open the URL that `npm run web` printed.' });
      }
      const result = (await response.json()) as Result<unknown>;
      return unwrap(result) as never;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      return () => set.delete(listener as Listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
  };
}
