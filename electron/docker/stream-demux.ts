/**
 * The engine's multiplexed stream format (non-TTY attach, exec and logs): each frame is an
 * 8-byte header — stream type (0 stdin, 1 stdout, 2 stderr), three zero bytes, payload length
 * as uint32 big-endian — then the payload.
 *
 * Payloads are passed on as they arrive, even when a frame spans several chunks, so a huge
 * frame is never held in memory whole; only a header cut in two is kept (at most 7 bytes).
 */

export type DemuxedStream = 'stdin' | 'stdout' | 'stderr';

export interface DemuxedChunk {
  stream: DemuxedStream;
  payload: Buffer;
}

const STREAMS: Record<number, DemuxedStream> = { 0: 'stdin', 1: 'stdout', 2: 'stderr' };
export const MUX_HEADER_BYTES = 8;

export class StreamDemuxer {
  private header: Buffer = Buffer.alloc(0);
  private current: DemuxedStream = 'stdout';
  private remaining = 0;

  /** Splits one chunk; throws on a header that is not the engine's (the stream is not multiplexed). */
  push(chunk: Buffer): DemuxedChunk[] {
    const out: DemuxedChunk[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - offset);
        out.push({ stream: this.current, payload: chunk.subarray(offset, offset + take) });
        this.remaining -= take;
        offset += take;
        continue;
      }
      const need = MUX_HEADER_BYTES - this.header.length;
      const piece = chunk.subarray(offset, offset + need);
      this.header = this.header.length ? Buffer.concat([this.header, piece]) : piece;
      offset += piece.length;
      if (this.header.length < MUX_HEADER_BYTES) break;
      const type = STREAMS[this.header[0]];
      if (!type || this.header[1] !== 0 || this.header[2] !== 0 || this.header[3] !== 0) {
        throw new Error('The engine stream is not multiplexed (bad frame header).');
      }
      this.current = type;
      this.remaining = this.header.readUInt32BE(4);
      this.header = Buffer.alloc(0);
    }
    return out;
  }

  /** True when the stream stopped on a frame boundary. */
  get idle(): boolean {
    return this.remaining === 0 && this.header.length === 0;
  }
}

/** One frame in the engine's format (for tests and fixtures). */
export function muxFrame(stream: DemuxedStream, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(MUX_HEADER_BYTES);
  header[0] = stream === 'stdin' ? 0 : stream === 'stdout' ? 1 : 2;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}
