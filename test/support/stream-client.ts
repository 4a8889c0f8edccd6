/**
 * A stream client over the web bridge's WebSocket, in Node: what a browser page does, with the
 * same frames (shared/stream-frames.ts) and the same acknowledgements.
 */
import WebSocket from 'ws';
import { decodeDataFrame, encodeDataFrame, type ServerStreamMessage } from '../../shared/stream-frames';
import { STREAM_ACK_BATCH_BYTES, type StreamExit, type StreamTag } from '../../shared/stream-kit';
import type { WebBridge } from '../../electron/transport/web-bridge';

export interface WsStream {
  id: number;
  info: unknown;
  chunks: Array<{ tag: StreamTag; bytes: Buffer }>;
  exit: Promise<StreamExit>;
  write(data: string | Uint8Array): void;
  resize(cols: number, rows: number): void;
  close(): void;
  /** Everything received so far, decoded once as a whole (never per chunk). */
  text(tag?: StreamTag): string;
  onChunk(listener: (bytes: Buffer, tag: StreamTag) => void): void;
  ack(bytes: number): void;
  received(): number;
}

export interface WsStreamClient {
  socket: WebSocket;
  /** `autoAck: false` never acknowledges by itself (to see backpressure); call `ack`. */
  open(kind: string, input: unknown, options?: { autoAck?: boolean }): Promise<WsStream>;
  close(): void;
}

export async function connectStreams(bridge: WebBridge): Promise<WsStreamClient> {
  const socket = new WebSocket(`ws://127.0.0.1:${bridge.port}/ws`, { headers: { Authorization: `Bearer ${bridge.token}` } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const streams = new Map<number, { onData(bytes: Buffer, tag: StreamTag): void; onControl(m: ServerStreamMessage): void }>();
  socket.on('message', (data, isBinary) => {
    const buffer = data as Buffer;
    if (isBinary) {
      const frame = decodeDataFrame(buffer);
      if (frame) streams.get(frame.id)?.onData(Buffer.from(frame.payload.buffer, frame.payload.byteOffset, frame.payload.byteLength), frame.tag);
      return;
    }
    const message = JSON.parse(buffer.toString('utf8')) as ServerStreamMessage | { type: 'event' };
    if (message.type === 'event') return;
    streams.get((message as ServerStreamMessage).id)?.onControl(message as ServerStreamMessage);
  });

  return {
    socket,
    close: () => socket.close(),
    open: (kind, input, options = {}) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        const chunks: WsStream['chunks'] = [];
        const chunkListeners: Array<(bytes: Buffer, tag: StreamTag) => void> = [];
        let unacked = 0;
        let resolveExit!: (exit: StreamExit) => void;
        const exit = new Promise<StreamExit>((r) => (resolveExit = r));
        const control = (m: object) => socket.send(JSON.stringify(m));
        const stream: WsStream = {
          id,
          info: null,
          chunks,
          exit,
          write: (data) => socket.send(encodeDataFrame(id, 'out', typeof data === 'string' ? Buffer.from(data) : data)),
          resize: (cols, rows) => control({ type: 'stream-resize', id, cols, rows }),
          close: () => control({ type: 'stream-close', id }),
          text: (tag) => Buffer.concat(chunks.filter((c) => !tag || c.tag === tag).map((c) => c.bytes)).toString('utf8'),
          onChunk: (listener) => chunkListeners.push(listener),
          ack: (bytes) => control({ type: 'stream-ack', id, bytes }),
          received: () => chunks.reduce((n, c) => n + c.bytes.length, 0),
        };
        streams.set(id, {
          onData(bytes, tag) {
            chunks.push({ tag, bytes });
            for (const listener of chunkListeners) listener(bytes, tag);
            if (options.autoAck === false) return;
            unacked += bytes.length;
            if (unacked >= STREAM_ACK_BATCH_BYTES) {
              control({ type: 'stream-ack', id, bytes: unacked });
              unacked = 0;
            }
          },
          onControl(m) {
            if (m.type === 'stream-opened') {
              stream.info = m.info;
              resolve(stream);
            } else if (m.type === 'stream-open-failed') {
              streams.delete(id);
              reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
            } else {
              streams.delete(id);
              resolveExit(m.exit);
            }
          },
        });
        control({ type: 'stream-open', id, kind, input });
      }),
  };
}
