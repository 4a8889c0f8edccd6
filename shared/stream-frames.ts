/**
 * The wire format of streams on the web bridge's WebSocket (`/ws`), shared by both ends.
 *
 * Data travels as binary frames with a 6-byte header, both ways:
 *
 *   byte 0     frame type, 0x01 = data
 *   bytes 1-4  stream id, uint32 big-endian (chosen by the client when it opens the stream)
 *   byte 5     tag: 0 = out (TTY), 1 = stdout, 2 = stderr (0 for input)
 *   bytes 6-   the bytes, untouched
 *
 * Control messages are JSON text frames (`type: 'stream-*'`), next to the `event` frames.
 */
import { z } from 'zod';
import type { PatchbayError } from './errors';
import type { StreamExit, StreamTag } from './stream-kit';

export const DATA_FRAME = 0x01;
export const FRAME_HEADER_BYTES = 6;
export const MAX_STREAM_ID = 0xffff_ffff;

const TAG_CODES: Record<StreamTag, number> = { out: 0, stdout: 1, stderr: 2 };
const TAGS: StreamTag[] = ['out', 'stdout', 'stderr'];

export interface DataFrame {
  id: number;
  tag: StreamTag;
  /** A view into the frame, not a copy. */
  payload: Uint8Array;
}

export function encodeDataFrame(id: number, tag: StreamTag, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.byteLength);
  writeDataHeader(frame, id, tag);
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

/** Writes the header into the first 6 bytes of `target` (for senders that gather header and payload). */
export function writeDataHeader(target: Uint8Array, id: number, tag: StreamTag): void {
  if (!Number.isInteger(id) || id < 0 || id > MAX_STREAM_ID) throw new RangeError(`Stream id ${id} is out of range.`);
  target[0] = DATA_FRAME;
  new DataView(target.buffer, target.byteOffset, FRAME_HEADER_BYTES).setUint32(1, id);
  target[5] = TAG_CODES[tag];
}

export function dataHeader(id: number, tag: StreamTag): Uint8Array {
  const header = new Uint8Array(FRAME_HEADER_BYTES);
  writeDataHeader(header, id, tag);
  return header;
}

/** Null for anything that is not a well-formed data frame. */
export function decodeDataFrame(frame: Uint8Array): DataFrame | null {
  if (frame.byteLength < FRAME_HEADER_BYTES || frame[0] !== DATA_FRAME) return null;
  const tag = TAGS[frame[5]];
  if (!tag) return null;
  const id = new DataView(frame.buffer, frame.byteOffset, FRAME_HEADER_BYTES).getUint32(1);
  return { id, tag, payload: frame.subarray(FRAME_HEADER_BYTES) };
}

export const streamId = z.number().int().min(1).max(MAX_STREAM_ID);
export const terminalSize = {
  cols: z.number().int().min(1).max(1000),
  rows: z.number().int().min(1).max(1000),
};

/** What a client may send as text on the socket about streams. */
export const clientStreamMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stream-open'), id: streamId, kind: z.string().min(1).max(64), input: z.unknown() }).strict(),
  z.object({ type: z.literal('stream-resize'), id: streamId, ...terminalSize }).strict(),
  z.object({ type: z.literal('stream-ack'), id: streamId, bytes: z.number().int().min(0).max(1024 * 1024 * 1024) }).strict(),
  z.object({ type: z.literal('stream-close'), id: streamId }).strict(),
]);
export type ClientStreamMessage = z.infer<typeof clientStreamMessage>;

/** What the core sends as text about streams. */
export type ServerStreamMessage =
  | { type: 'stream-opened'; id: number; info: unknown }
  | { type: 'stream-open-failed'; id: number; error: PatchbayError }
  | { type: 'stream-exit'; id: number; exit: StreamExit };

/** Electron IPC channel names of the streams API (preload ⇄ main); fixed, never taken from the page. */
export const STREAM_IPC = {
  open: 'patchbay:stream:open',
  write: 'patchbay:stream:write',
  resize: 'patchbay:stream:resize',
  ack: 'patchbay:stream:ack',
  close: 'patchbay:stream:close',
  data: 'patchbay:stream:data',
  exit: 'patchbay:stream:exit',
} as const;
