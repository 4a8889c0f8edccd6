import type { RawData, WebSocket } from 'ws';
import { clientStreamMessage, dataHeader, decodeDataFrame, type ServerStreamMessage } from '../../shared/stream-frames';
import type { Core } from '../core/core';
import type { CoreStream } from '../core/stream-session';
import { FlowWindow } from './stream-flow';

/** The largest frame a batch of output grows to before it is sent. */
const MAX_BATCH_BYTES = 256 * 1024;

/** A page has no reason for more; the cap keeps one socket from exhausting the engine. */
export const MAX_STREAMS_PER_SOCKET = 32;

interface Entry {
  stream: CoreStream | null;
  flow: FlowWindow | null;
  /** The client closed it before it finished opening. */
  cancelled: boolean;
}

/**
 * Streams over one authenticated `/ws` socket: JSON text frames for open/resize/ack/close and
 * exit, binary frames (shared/stream-frames.ts) for the bytes both ways. Ids are the client's.
 */
export function serveStreams(ws: WebSocket, core: Core) {
  const entries = new Map<number, Entry>();

  const sendJson = (message: ServerStreamMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  async function open(id: number, kind: string, input: unknown): Promise<void> {
    if (entries.has(id)) {
      sendJson({ type: 'stream-open-failed', id, error: { code: 'invalid-input', message: `Stream ${id} is already open.` } });
      return;
    }
    if (entries.size >= MAX_STREAMS_PER_SOCKET) {
      sendJson({ type: 'stream-open-failed', id, error: { code: 'conflict', message: `At most ${MAX_STREAMS_PER_SOCKET} sessions can be open at once.` } });
      return;
    }
    const entry: Entry = { stream: null, flow: null, cancelled: false };
    entries.set(id, entry);
    const result = await core.openStream(kind, input);
    if (!result.ok) {
      entries.delete(id);
      sendJson({ type: 'stream-open-failed', id, error: result.error });
      return;
    }
    const stream = result.value;
    if (entry.cancelled || ws.readyState !== ws.OPEN) {
      entries.delete(id);
      stream.close();
      return;
    }
    entry.stream = stream;
    entry.flow = new FlowWindow(stream);
    sendJson({ type: 'stream-opened', id, info: stream.info });
    const header = { out: dataHeader(id, 'out'), stdout: dataHeader(id, 'stdout'), stderr: dataHeader(id, 'stderr') };
    // Chunks that arrive within one turn of the event loop travel as one frame: a busy stream
    // (cat of a big file) then costs a few large messages instead of many small ones, and a
    // keystroke's echo still leaves at once.
    let pending: { tag: keyof typeof header; chunks: Uint8Array[]; bytes: number } | null = null;
    const flush = () => {
      const batch = pending;
      pending = null;
      if (!batch || ws.readyState !== ws.OPEN) return;
      entry.flow!.sent(batch.bytes);
      ws.send(Buffer.concat([header[batch.tag], ...batch.chunks], header[batch.tag].length + batch.bytes), { binary: true });
    };
    stream.onData((bytes, tag) => {
      if (ws.readyState !== ws.OPEN) return;
      if (pending && (pending.tag !== tag || pending.bytes >= MAX_BATCH_BYTES)) flush();
      if (!pending) {
        pending = { tag, chunks: [], bytes: 0 };
        setImmediate(flush);
      }
      pending.chunks.push(bytes);
      pending.bytes += bytes.length;
    });
    stream.onExit((exit) => {
      flush();
      entries.delete(id);
      sendJson({ type: 'stream-exit', id, exit });
    });
  }

  function onText(text: string): boolean {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return false;
    }
    const parsed = clientStreamMessage.safeParse(raw);
    if (!parsed.success) return false;
    const message = parsed.data;
    const entry = entries.get(message.id);
    switch (message.type) {
      case 'stream-open':
        void open(message.id, message.kind, message.input);
        break;
      case 'stream-resize':
        entry?.stream?.resize(message.cols, message.rows);
        break;
      case 'stream-ack':
        entry?.flow?.acked(message.bytes);
        break;
      case 'stream-close':
        if (entry && !entry.stream) entry.cancelled = true;
        entry?.stream?.close();
        break;
    }
    return true;
  }

  function onBinary(data: Buffer): void {
    const frame = decodeDataFrame(data);
    if (!frame) return;
    entries.get(frame.id)?.stream?.write(frame.payload);
  }

  return {
    onMessage(data: RawData, isBinary: boolean): void {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      if (isBinary) onBinary(buffer);
      else onText(buffer.toString('utf8'));
    },
    /** The socket went away: end its streams. */
    closeAll(): void {
      for (const entry of entries.values()) {
        entry.cancelled = true;
        entry.stream?.close();
      }
      entries.clear();
    },
  };
}
