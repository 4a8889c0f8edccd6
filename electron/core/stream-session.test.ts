import { describe, expect, it, vi } from 'vitest';
import { FlowWindow } from '../transport/stream-flow';
import { StreamSession, type StreamSource } from './stream-session';

function source(): StreamSource & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    write: (b) => calls.push(`write ${b.toString()}`),
    resize: (c, r) => calls.push(`resize ${c}x${r}`),
    destroy: () => calls.push('destroy'),
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
  };
}

describe('StreamSession', () => {
  it('keeps output that came before the first listener, and delivers the exit after it', () => {
    const s = new StreamSession('terminal:exec', {});
    s.attach(source());
    s.push(Buffer.from('a'), 'out');
    s.push(Buffer.from('b'), 'out');
    s.finish({ reason: 'exited', code: 0, message: 'done' });
    const order: string[] = [];
    s.onExit((e) => order.push(`exit ${e.code}`));
    s.onData((b) => order.push(b.toString()));
    expect(order).toEqual(['a', 'b', 'exit 0']);
  });

  it('pauses the source while unclaimed output piles up, and resumes when claimed', () => {
    const src = source();
    const s = new StreamSession('terminal:logs', {});
    s.attach(src);
    s.push(Buffer.alloc(300 * 1024), 'stdout');
    expect(src.calls).toEqual(['pause']);
    s.onData(() => undefined);
    expect(src.calls).toEqual(['pause', 'resume']);
  });

  it('ends once, releases the source, and ignores input afterwards', async () => {
    const src = source();
    const s = new StreamSession('terminal:exec', {});
    s.attach(src);
    s.write(new Uint8Array([104, 105]));
    s.resize(80, 24);
    s.close();
    s.finish({ reason: 'container-stopped', message: 'x' });
    s.write(new Uint8Array([1]));
    expect(src.calls).toEqual(['write hi', 'resize 80x24', 'destroy']);
    expect(s.exited?.reason).toBe('closed');
    const late = vi.fn();
    s.onExit(late);
    await Promise.resolve();
    expect(late).toHaveBeenCalledWith(expect.objectContaining({ reason: 'closed' }));
  });
});

describe('FlowWindow', () => {
  it('pauses past the window and resumes below the low mark', () => {
    const stream = { pause: vi.fn(), resume: vi.fn() };
    const flow = new FlowWindow(stream, 1000, 200);
    flow.sent(600);
    flow.sent(600);
    expect(stream.pause).toHaveBeenCalledTimes(1);
    flow.sent(600);
    expect(stream.pause).toHaveBeenCalledTimes(1);
    flow.acked(1000);
    expect(stream.resume).not.toHaveBeenCalled();
    flow.acked(700);
    expect(stream.resume).toHaveBeenCalledTimes(1);
    expect(flow.outstanding).toBe(100);
    flow.acked(10_000);
    expect(flow.outstanding).toBe(0);
  });
});
