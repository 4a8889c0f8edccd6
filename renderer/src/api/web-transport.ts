import type { EventName } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { decodeDataFrame, encodeDataFrame, type ClientStreamMessage, type ServerStreamMessage } from '../../../shared/stream-frames';
import { RequestError, unwrap, type PatchbayClient } from './client';
import { StreamRouter } from './streams';

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
  let socket: WebSocket | null = null;
  /** Stream opens wait for the socket; streams do not survive a reconnect (the core closed them). */
  let whenOpen: Promise<WebSocket>;
  let markOpen: (socket: WebSocket) => void = () => undefined;
  const resetOpen = () => {
    whenOpen = new Promise((resolve) => (markOpen = resolve));
  };
  resetOpen();
  const pendingOpens = new Map<number, (result: Result<unknown>) => void>();

  const sendControl = (message: ClientStreamMessage) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };
  const router = new StreamRouter({
    open: async (id, kind, input) => {
      const ws = await whenOpen;
      return new Promise<Result<unknown>>((resolve) => {
        pendingOpens.set(id, resolve);
        ws.send(JSON.stringify({ type: 'stream-open', id, kind, input } satisfies ClientStreamMessage));
      });
    },
    write: (id, bytes) => {
      if (socket?.readyState === WebSocket.OPEN) socket.send(encodeDataFrame(id, 'out', bytes));
    },
    resize: (id, cols, rows) => sendControl({ type: 'stream-resize', id, cols, rows }),
    ack: (id, bytes) => sendControl({ type: 'stream-ack', id, bytes }),
    close: (id) => sendControl({ type: 'stream-close', id }),
  });

  const onStreamMessage = (frame: ServerStreamMessage) => {
    if (frame.type === 'stream-opened') pendingOpens.get(frame.id)?.({ ok: true, value: frame.info });
    else if (frame.type === 'stream-open-failed') pendingOpens.get(frame.id)?.({ ok: false, error: frame.error });
    else if (frame.type === 'stream-exit') router.exit(frame.id, frame.exit);
    pendingOpens.delete(frame.id);
  };

  const connect = () => {
    const url = new URL('/ws', base);
    url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      markOpen(ws);
      if (everOpen) for (const listener of reconnectListeners) listener();
      everOpen = true;
    };
    ws.onmessage = (message) => {
      if (typeof message.data !== 'string') {
        const frame = decodeDataFrame(new Uint8Array(message.data as ArrayBuffer));
        if (frame) router.data(frame.id, frame.tag, frame.payload);
        return;
      }
      const frame = JSON.parse(message.data) as { type: string; name: EventName; payload: unknown } | ServerStreamMessage;
      if (frame.type.startsWith('stream-')) return onStreamMessage(frame as ServerStreamMessage);
      if (frame.type !== 'event') return;
      const event = frame as { name: EventName; payload: unknown };
      for (const listener of listeners.get(event.name) ?? []) listener(event.payload);
    };
    ws.onclose = () => {
      if (socket === ws) {
        socket = null;
        resetOpen();
        for (const resolve of pendingOpens.values()) {
          resolve({ ok: false, error: { code: 'engine-unavailable', message: 'The connection to Patchbay dropped while the session opened.' } });
        }
        pendingOpens.clear();
        router.lost('The connection to Patchbay (the web bridge) dropped; the session ended.');
      }
      attempt++;
      setTimeout(connect, Math.min(5_000, 250 * 2 ** attempt));
    };
  };
  connect();

  return {
    kind: 'web',
    openStream: (kind, input) => router.open(kind, input),
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
