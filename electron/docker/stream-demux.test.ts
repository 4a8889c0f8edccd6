import { describe, expect, it } from 'vitest';
import { muxFrame, StreamDemuxer, type DemuxedChunk } from './stream-demux';

const joined = (chunks: DemuxedChunk[], stream: string) => Buffer.concat(chunks.filter((c) => c.stream === stream).map((c) => c.payload)).toString('utf8');

describe('StreamDemuxer', () => {
  const stream = Buffer.concat([muxFrame('stdout', 'out one\n'), muxFrame('stderr', 'err €\n'), muxFrame('stdout', ''), muxFrame('stdout', 'out two\n')]);

  it('splits whole frames into stdout and stderr', () => {
    const out = new StreamDemuxer().push(stream);
    expect(joined(out, 'stdout')).toBe('out one\nout two\n');
    expect(joined(out, 'stderr')).toBe('err €\n');
  });

  it('gives the same bytes however the stream is cut, even inside headers and characters', () => {
    for (let size = 1; size <= 13; size++) {
      const demuxer = new StreamDemuxer();
      const out: DemuxedChunk[] = [];
      for (let i = 0; i < stream.length; i += size) out.push(...demuxer.push(stream.subarray(i, i + size)));
      expect(joined(out, 'stdout'), `cut every ${size}`).toBe('out one\nout two\n');
      expect(joined(out, 'stderr'), `cut every ${size}`).toBe('err €\n');
      expect(demuxer.idle).toBe(true);
    }
  });

  it('passes a large frame on piece by piece instead of holding it', () => {
    const big = Buffer.alloc(1_000_000, 0x61);
    const frame = muxFrame('stdout', big);
    const demuxer = new StreamDemuxer();
    const first = demuxer.push(frame.subarray(0, 100_008));
    expect(first).toHaveLength(1);
    expect(first[0].payload.length).toBe(100_000);
    expect(demuxer.idle).toBe(false);
    const rest = demuxer.push(frame.subarray(100_008));
    expect(rest[0].payload.length).toBe(900_000);
    expect(demuxer.idle).toBe(true);
  });

  it('refuses a stream that is not multiplexed (a TTY)', () => {
    expect(() => new StreamDemuxer().push(Buffer.from('hello world, no header here'))).toThrow(/not multiplexed/);
  });
});
