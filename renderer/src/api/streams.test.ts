import { describe, expect, it, vi } from 'vitest';
import { STREAM_ACK_BATCH_BYTES } from '../../../shared/stream-kit';
import { StreamRouter, type StreamWire } from './streams';

function wire(answer: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: 'conflict'; message: string } }>) {
  return {
    open: vi.fn(() => answer),
    write: vi.fn(),
    resize: vi.fn(),
    ack: vi.fn(),
    close: vi.fn(),
  } satisfies StreamWire;
}

describe('client streams', () => {
  it('routes output by id, even before the open is answered, and keeps bytes as bytes', async () => {
    let answer!: (v: { ok: true; value: unknown }) => void;
    const w = wire(new Promise((r) => (answer = r)));
    const router = new StreamRouter(w);
    const handle = router.open('terminal:exec', { container: 'web' });
    router.data(handle.id, 'out', new Uint8Array([0xe2, 0x82]));
    const got: number[][] = [];
    handle.onData((bytes) => void got.push([...bytes]));
    router.data(handle.id, 'out', new Uint8Array([0xac]));
    expect(got).toEqual([[0xe2, 0x82], [0xac]]);
    answer({ ok: true, value: { containerName: 'web' } });
    await expect(handle.opened).resolves.toEqual({ containerName: 'web' });
  });

  it('encodes text input as UTF-8 once, and sends resize and close', async () => {
    const w = wire(Promise.resolve({ ok: true, value: {} }));
    const handle = new StreamRouter(w).open('terminal:exec', { container: 'web' });
    handle.write('€');
    expect([...w.write.mock.calls[0][1]]).toEqual([0xe2, 0x82, 0xac]);
    handle.resize(132, 40);
    expect(w.resize).toHaveBeenCalledWith(handle.id, 132, 40);
    const exit = vi.fn();
    handle.onExit(exit);
    handle.close();
    expect(w.close).toHaveBeenCalledWith(handle.id);
    expect(exit).toHaveBeenCalledWith(expect.objectContaining({ reason: 'closed' }));
    handle.write('x');
    expect(w.write).toHaveBeenCalledTimes(1);
  });

  it('acknowledges only once the listener has consumed the bytes, in batches', async () => {
    const w = wire(Promise.resolve({ ok: true, value: {} }));
    const router = new StreamRouter(w);
    const handle = router.open('terminal:logs', { container: 'web' });
    await handle.opened;
    let release!: () => void;
    handle.onData(() => new Promise<void>((r) => (release = r)));
    router.data(handle.id, 'stdout', new Uint8Array(STREAM_ACK_BATCH_BYTES));
    await Promise.resolve();
    expect(w.ack).not.toHaveBeenCalled();
    release();
    await vi.waitFor(() => expect(w.ack).toHaveBeenCalledWith(handle.id, STREAM_ACK_BATCH_BYTES));
  });

  it('a failed open rejects `opened` with the core error and ends the stream', async () => {
    const w = wire(Promise.resolve({ ok: false, error: { code: 'conflict', message: 'web is not running' } }));
    const handle = new StreamRouter(w).open('terminal:exec', { container: 'web' });
    await expect(handle.opened).rejects.toMatchObject({ code: 'conflict', message: 'web is not running' });
    expect(handle.exit).toMatchObject({ reason: 'error', message: 'web is not running' });
  });

  it('ends every stream when the transport is lost', () => {
    const router = new StreamRouter(wire(new Promise(() => undefined)));
    const a = router.open('terminal:exec', { container: 'a' });
    const b = router.open('terminal:logs', { container: 'b' });
    router.lost('gone');
    expect(a.exit?.reason).toBe('transport-lost');
    expect(b.exit?.reason).toBe('transport-lost');
  });
});
