/**
 * Terminal streams against the real engine: through the core's openStream, and through the web
 * bridge's WebSocket as a page sees them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StreamExit, StreamTag } from '../../shared/stream-kit';
import { STREAM_WINDOW_BYTES } from '../../shared/stream-kit';
import type { TerminalInfo } from '../../shared/terminal/model';
import type { CoreStream } from '../../electron/core/stream-session';
import { startWebBridge, type WebBridge } from '../../electron/transport/web-bridge';
import { startCore, type CoreHarness } from '../support/core-harness';
import { docker, removeTestResources, runTestContainer, uniqueName, useEngine, waitFor } from '../support/engine';
import { connectStreams, type WsStream, type WsStreamClient } from '../support/stream-client';

/** Containers without a network: a terminal needs none, and the tests then never depend on the bridge. */
const NO_NET = ['--net', 'none'];
const IDLE = "trap 'exit 0' TERM; sleep 3600 & wait";

let h: CoreHarness;
let bridge: WebBridge;
let ws: WsStreamClient;
let staticDir: string;
let shellBox: string;

useEngine(async () => {
  h = await startCore();
  staticDir = await mkdtemp(join(tmpdir(), 'patchbay-term-static-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  bridge = await startWebBridge({ core: h.core, port: 0, staticDir });
  ws = await connectStreams(bridge);
  shellBox = uniqueName('pb-term-shell');
  await runTestContainer(shellBox, NO_NET, ['sh', '-c', IDLE]);
  await waitFor(() => h.core && h.list().then((l) => l.containers.some((c) => c.name === shellBox && c.state === 'running')), {
    timeoutMs: 10_000,
  });
});

afterAll(async () => {
  try {
    ws?.close();
    if (bridge) await Promise.race([bridge.close(), new Promise((r) => setTimeout(r, 5_000))]);
    h?.stop();
    if (staticDir) await rm(staticDir, { recursive: true, force: true });
  } finally {
    await removeTestResources({ thisRunOnly: true });
  }
});

/** A core stream with its output recorded, like the WebSocket client records it. */
interface Recorded {
  stream: CoreStream;
  chunks: Array<{ tag: StreamTag; bytes: Buffer }>;
  exit: Promise<StreamExit>;
  text(tag?: StreamTag): string;
  write(data: string | Uint8Array): void;
  resize(cols: number, rows: number): void;
  close(): void;
}

async function openCore(kind: string, input: unknown): Promise<Recorded> {
  const result = await h.core.openStream(kind, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  const stream = result.value;
  const chunks: Recorded['chunks'] = [];
  stream.onData((bytes, tag) => chunks.push({ tag, bytes: Buffer.from(bytes) }));
  const exit = new Promise<StreamExit>((resolve) => stream.onExit(resolve));
  return {
    stream,
    chunks,
    exit,
    text: (tag) => Buffer.concat(chunks.filter((c) => !tag || c.tag === tag).map((c) => c.bytes)).toString('utf8'),
    write: (data) => stream.write(typeof data === 'string' ? Buffer.from(data) : data),
    resize: (cols, rows) => stream.resize(cols, rows),
    close: () => stream.close(),
  };
}

type Session = Recorded | WsStream;
const transports: Array<[string, (kind: string, input: unknown) => Promise<Session>]> = [
  ['core', openCore],
  ['web bridge', (kind, input) => ws.open(kind, input)],
];

async function until(session: Session, pattern: RegExp | string, timeoutMs = 10_000): Promise<string> {
  return waitFor(
    () => {
      const text = session.text();
      if (typeof pattern === 'string' ? !text.includes(pattern) : !pattern.test(text)) throw new Error(`not yet: ${JSON.stringify(text.slice(-300))}`);
      return text;
    },
    { timeoutMs, description: `output ${String(pattern)}` },
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(transports)('exec shell through the %s', (_name, open) => {
  it('opens the best shell with TERM=xterm-256color, runs echo, and reports the exit code', async () => {
    const s = await open('terminal:exec', { container: shellBox });
    const info = ('stream' in s ? s.stream.info : s.info) as TerminalInfo;
    expect(info.cmd).toEqual(['/bin/sh']); // busybox has no bash
    expect(info.tty).toBe(true);
    s.write('echo "sum-$((6*7))" "$TERM"\n');
    await until(s, 'sum-42 xterm-256color');
    s.write('exit 3\n');
    const exit = await s.exit;
    expect(exit).toMatchObject({ reason: 'exited', code: 3 });
    // A TTY: no 8-byte stream headers in the bytes.
    expect(s.chunks.every((c) => c.tag === 'out')).toBe(true);
    const all = Buffer.concat(s.chunks.map((c) => c.bytes));
    expect(all.includes(Buffer.from([1, 0, 0, 0])), 'no stream header').toBe(false);
  });

  it('follows a resize: stty size says 40 132', async () => {
    const s = await open('terminal:exec', { container: shellBox, cmd: ['sh'] });
    s.resize(132, 40);
    await sleep(200);
    s.write('stty size\n');
    await until(s, /\r\n40 132\r\n/);
    s.resize(100, 30);
    await sleep(200);
    s.write('stty size\n');
    await until(s, /\r\n30 100\r\n/);
    s.close();
    await expect(s.exit).resolves.toMatchObject({ reason: 'closed' });
  });

  it('starts at the size it was opened with', async () => {
    const s = await open('terminal:exec', { container: shellBox, cmd: ['sh'], cols: 91, rows: 27 });
    s.write('stty size\n');
    await until(s, /\r\n27 91\r\n/);
    s.close();
  });

  it('keeps a UTF-8 character split across two writes and across two output chunks', async () => {
    const s = await open('terminal:exec', { container: shellBox, cmd: ['sh'] });
    await until(s, '# ');
    // Input: '€' (e2 82 ac) in two writes.
    s.write('read x; echo "in[$x]"\n');
    await sleep(150);
    s.write(new Uint8Array([0xe2, 0x82]));
    await sleep(150);
    s.write(new Uint8Array([0xac, 0x0a]));
    await until(s, 'in[€]');

    // Output: the container writes the first two bytes, waits, then the third.
    const before = s.chunks.length;
    s.write("printf 'out[\\342\\202'; sleep 0.3; printf '\\254]\\n'\n");
    await until(s, 'out[€]');
    const after = s.chunks.slice(before).map((c) => c.bytes);
    const endsSplit = after.findIndex((b) => b.length >= 2 && b[b.length - 2] === 0xe2 && b[b.length - 1] === 0x82);
    expect(endsSplit, 'the engine sent e2 82 in a chunk of its own').toBeGreaterThanOrEqual(0);
    expect(after[endsSplit + 1]?.[0]).toBe(0xac);
    // A client decoding with a streaming decoder, chunk by chunk, sees one whole '€'.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const decoded = after.map((b) => decoder.decode(b, { stream: true })).join('') + decoder.decode();
    expect(decoded).toContain('out[€]');
    expect(decoded).not.toContain('\ufffd');
    s.close();
  });

  it('ends with container-stopped when the container stops under it', async () => {
    const name = uniqueName('pb-term-stop');
    await runTestContainer(name, NO_NET, ['sh', '-c', IDLE]);
    const s = await open('terminal:exec', { container: name });
    s.write('echo ready\n');
    await until(s, /\r\nready\r\n/);
    await docker(['stop', '-t', '2', name]);
    const exit = await Promise.race([s.exit, sleep(10_000).then(() => null)]);
    expect(exit).toMatchObject({ reason: 'container-stopped' });
    expect(exit!.message).toContain(name);
  });

  it('refuses a stopped container, a bad input and an unknown kind with clear errors', async () => {
    const name = uniqueName('pb-term-exited');
    await runTestContainer(name, NO_NET, ['true']);
    await waitFor(async () => (await docker(['inspect', '-f', '{{.State.Status}}', name])) === 'exited');
    await expect(open('terminal:exec', { container: name })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/not running/) });
    await expect(open('terminal:exec', { container: shellBox, workdir: 'relative' })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(open('terminal:exec', { container: shellBox, extra: 1 })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(open('terminal:nope', {})).rejects.toMatchObject({ code: 'unknown-channel' });
  });

  it('runs as the chosen user in the chosen directory', async () => {
    const s = await open('terminal:exec', { container: shellBox, cmd: ['sh'], user: '65534:65534', workdir: '/tmp' });
    s.write('echo "who=$(id -u) pwd=$(pwd)"\n');
    await until(s, 'who=65534 pwd=/tmp');
    s.close();
  });
});

describe.each(transports)('attach and logs through the %s', (_name, open) => {
  it('attaches to a -i -t container, notes the detach keys, and detaches with ctrl-p ctrl-q', async () => {
    const name = uniqueName('pb-term-attach');
    await runTestContainer(name, [...NO_NET, '-i', '-t'], ['sh']);
    const s = await open('terminal:attach', { container: name, cols: 100, rows: 30 });
    const info = ('stream' in s ? s.stream.info : s.info) as TerminalInfo;
    expect(info.note).toMatch(/ctrl-p ctrl-q/);
    s.write('echo "attached-$((2+3))"\n');
    await until(s, 'attached-5');
    s.write(new Uint8Array([0x10, 0x11])); // ctrl-p ctrl-q
    const exit = await s.exit;
    expect(exit.reason).toBe('detached');
    expect((await docker(['inspect', '-f', '{{.State.Status}}', name]))).toBe('running');
  });

  it('refuses to attach to a container started without -i -t, and says why', async () => {
    await expect(open('terminal:attach', { container: shellBox })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/-i -t/),
    });
  });

  it('separates stdout and stderr of a non-TTY container, with and without follow', async () => {
    const name = uniqueName('pb-term-logs');
    await runTestContainer(name, NO_NET, ['sh', '-c', `echo out-one; echo err-one >&2; echo out-two; ${IDLE}`]);
    await waitFor(async () => (await docker(['logs', name], {})).includes('out-two'));
    const once = await open('terminal:logs', { container: name, follow: false, tail: 'all' });
    expect(await once.exit).toMatchObject({ reason: 'ended' });
    expect(once.text('stdout')).toBe('out-one\nout-two\n');
    expect(once.text('stderr')).toBe('err-one\n');

    const stamped = await open('terminal:logs', { container: name, follow: false, timestamps: true, tail: 1 });
    await stamped.exit;
    expect(stamped.text()).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z (out-two|err-one)\n$/);

    const live = await open('terminal:logs', { container: name, follow: true, tail: 0 });
    await docker(['exec', name, 'sh', '-c', 'echo late-out > /proc/1/fd/1; echo late-err > /proc/1/fd/2']);
    await waitFor(() => live.text('stdout').includes('late-out') && live.text('stderr').includes('late-err'));
    expect(live.text('stdout')).not.toContain('out-one');
    await docker(['stop', '-t', '2', name]);
    expect(await live.exit).toMatchObject({ reason: 'container-stopped' });
  });

  it('keeps a TTY container\'s logs as one stream', async () => {
    const name = uniqueName('pb-term-ttylogs');
    await runTestContainer(name, [...NO_NET, '-t'], ['sh', '-c', `echo tty-out; echo tty-err >&2; ${IDLE}`]);
    await waitFor(async () => (await docker(['logs', name])).includes('tty-err'));
    const s = await open('terminal:logs', { container: name, follow: false });
    await s.exit;
    expect(s.chunks.every((c) => c.tag === 'out')).toBe(true);
    expect(s.text()).toContain('tty-out\r\ntty-err\r\n');
  });
});

describe('flow control over the web bridge', () => {
  it('pauses the container when the client does not acknowledge, and resumes when it does', async () => {
    const s = await ws.open('terminal:exec', { container: shellBox, cmd: ['sh', '-c', 'head -c 40000000 /dev/zero | tr "\\0" x; echo; echo done-marker'] }, { autoAck: false });
    await sleep(1_500);
    const stalled = s.received();
    await sleep(500);
    // Bounded by the window (plus what was in flight), far below the 40 MB the process wants to write.
    expect(stalled).toBeGreaterThan(0);
    expect(stalled).toBeLessThan(STREAM_WINDOW_BYTES + 2 * 1024 * 1024);
    expect(s.received() - stalled).toBeLessThan(256 * 1024);
    // Acknowledge as we go from now on: the rest arrives.
    s.ack(s.received());
    s.onChunk((bytes) => s.ack(bytes.length));
    await until(s, 'done-marker', 30_000);
    expect(await s.exit).toMatchObject({ reason: 'exited', code: 0 });
  });

  it('closes the streams of a socket that goes away, and hangs up their shells', async () => {
    const other = await connectStreams(bridge);
    const s = await other.open('terminal:exec', { container: shellBox, cmd: ['sh'] });
    s.write('echo "mark-$$"\n');
    const text = await until(s, /mark-\d+/);
    const pid = /mark-(\d+)/.exec(text)![1];
    const alive = async () => (await docker(['exec', shellBox, 'sh', '-c', `test -d /proc/${pid} && echo yes || echo no`])) === 'yes';
    expect(await alive()).toBe(true);
    other.close();
    await waitFor(async () => !(await alive()), { timeoutMs: 10_000, description: `the shell ${pid} to end` });
  });
});
