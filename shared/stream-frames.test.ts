import { describe, expect, it } from 'vitest';
import { clientStreamMessage, dataHeader, decodeDataFrame, encodeDataFrame, FRAME_HEADER_BYTES } from './stream-frames';

describe('stream data frames', () => {
  it('round-trips id, tag and bytes untouched (a split UTF-8 character stays as bytes)', () => {
    const payload = new Uint8Array([0xe2, 0x82]);
    for (const tag of ['out', 'stdout', 'stderr'] as const) {
      for (const id of [1, 255, 65_536, 0xffff_ffff]) {
        const frame = encodeDataFrame(id, tag, payload);
        expect(frame.byteLength).toBe(FRAME_HEADER_BYTES + 2);
        const decoded = decodeDataFrame(frame)!;
        expect(decoded).toMatchObject({ id, tag });
        expect([...decoded.payload]).toEqual([0xe2, 0x82]);
      }
    }
  });

  it('has a fixed 6-byte big-endian header', () => {
    expect([...dataHeader(0x01020304, 'stderr')]).toEqual([0x01, 0x01, 0x02, 0x03, 0x04, 0x02]);
  });

  it('decodes a frame inside a larger buffer (a view), and an empty payload', () => {
    const backing = new Uint8Array(20);
    backing.set(encodeDataFrame(7, 'stdout', new Uint8Array([1, 2, 3])), 5);
    const decoded = decodeDataFrame(backing.subarray(5, 5 + FRAME_HEADER_BYTES + 3))!;
    expect(decoded.id).toBe(7);
    expect([...decoded.payload]).toEqual([1, 2, 3]);
    expect(decodeDataFrame(encodeDataFrame(9, 'out', new Uint8Array()))!.payload.byteLength).toBe(0);
  });

  it('rejects what is not a data frame', () => {
    expect(decodeDataFrame(new Uint8Array([1, 0, 0]))).toBeNull();
    expect(decodeDataFrame(new Uint8Array([2, 0, 0, 0, 1, 0]))).toBeNull();
    expect(decodeDataFrame(new Uint8Array([1, 0, 0, 0, 1, 9]))).toBeNull();
    expect(() => encodeDataFrame(0x1_0000_0000, 'out', new Uint8Array())).toThrow(RangeError);
    expect(() => encodeDataFrame(-1, 'out', new Uint8Array())).toThrow(RangeError);
  });

  it('validates control messages strictly', () => {
    expect(clientStreamMessage.safeParse({ type: 'stream-resize', id: 1, cols: 132, rows: 40 }).success).toBe(true);
    expect(clientStreamMessage.safeParse({ type: 'stream-resize', id: 1, cols: 0, rows: 40 }).success).toBe(false);
    expect(clientStreamMessage.safeParse({ type: 'stream-resize', id: 1, cols: 80, rows: 24, extra: 1 }).success).toBe(false);
    expect(clientStreamMessage.safeParse({ type: 'stream-close', id: 0 }).success).toBe(false);
    expect(clientStreamMessage.safeParse({ type: 'stream-ack', id: 3, bytes: -1 }).success).toBe(false);
    expect(clientStreamMessage.safeParse({ type: 'stream-open', id: 3, kind: 'terminal:exec', input: { container: 'x' } }).success).toBe(true);
    expect(clientStreamMessage.safeParse({ type: 'event', id: 3 }).success).toBe(false);
  });
});
