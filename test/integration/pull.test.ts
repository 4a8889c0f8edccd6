/**
 * `images:pull` against the real engine, through the core's openStream and through the web
 * bridge's WebSocket. The engine here has no registry: a pull must end quickly with a sentence
 * that says so, and leave no image behind.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PullInfo } from '../../shared/images/pull-contract';
import type { ImageSummary } from '../../shared/images/model';
import { foldPullEvents, PullLineReader } from '../../shared/images/pull-progress';
import type { StreamExit } from '../../shared/stream-kit';
import { startWebBridge, type WebBridge } from '../../electron/transport/web-bridge';
import { startCore, type CoreHarness } from '../support/core-harness';
import { RUN_LABEL, docker, removeTestResources, useEngine, waitFor } from '../support/engine';
import { startPullProxy, type PullProxy } from '../support/pull-proxy';
import { connectStreams, type WsStreamClient } from '../support/stream-client';

const MISSING = 'patchbay-nonexistent/none';
/** Either this engine has no registry to reach, or (with a network) the registry has no such image. */
const PLAIN_REASON = /^The engine could not pull patchbay-nonexistent\/none:latest: (it has no registry to reach here|the registry has no such image, or it needs a login) \(.+\)\.$/;

let h: CoreHarness;
let bridge: WebBridge;
let ws: WsStreamClient;
let staticDir: string;
/** A core whose engine answers some pulls with recorded progress (see test/support/pull-proxy.ts). */
let proxy: PullProxy;
let proxied: CoreHarness;
const RUN = RUN_LABEL.split('=')[1];
const PLAYED = `patchbay-fixture/played:${RUN}`;
const SLOW = `patchbay-fixture/slow:${RUN}`;
const recorded = readFileSync(join(__dirname, '../fixtures/images/pull-nginx.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as object);

useEngine(async () => {
  h = await startCore();
  staticDir = await mkdtemp(join(tmpdir(), 'patchbay-pull-static-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  bridge = await startWebBridge({ core: h.core, port: 0, staticDir });
  ws = await connectStreams(bridge);
  proxy = await startPullProxy(join(staticDir, 'engine.sock'), {
    [PLAYED]: { lines: recorded, delayMs: 10, createImage: true },
    [SLOW]: { lines: recorded, delayMs: 400 },
  });
  proxied = await startCore({ dockerHost: proxy.dockerHost });
});

afterAll(async () => {
  try {
    ws?.close();
    if (bridge) await Promise.race([bridge.close(), new Promise((r) => setTimeout(r, 5_000))]);
    h?.stop();
    proxied?.stop();
    await proxy?.close();
    if (staticDir) await rm(staticDir, { recursive: true, force: true });
  } finally {
    // A pull that succeeded against the odds would leave this image; nothing else is created.
    await docker(['rmi', '-f', `${MISSING}:latest`]).catch(() => undefined);
    await docker(['rmi', PLAYED]).catch(() => undefined);
    await removeTestResources({ thisRunOnly: true });
  }
});

async function imagesNamedMissing(): Promise<string> {
  return docker(['images', '--filter', `reference=${MISSING}`, '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
}

/** Every data line is a progress event; returns them. */
function progressLines(text: string) {
  const lines = text.split('\n').filter(Boolean);
  for (const l of lines) expect(() => JSON.parse(l) as unknown, l).not.toThrow();
  const reader = new PullLineReader();
  return [...reader.push(text), ...reader.end()];
}

function withinSeconds<T>(promise: Promise<T>, seconds: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not end within ${seconds} s`)), seconds * 1000)),
  ]);
}

describe('images:pull through the core', () => {
  it('a name that is not anywhere ends with a clear error, quickly, and leaves no image', async () => {
    expect(await imagesNamedMissing()).toBe('');
    const started = Date.now();
    const result = await h.core.openStream('images:pull', { image: `${MISSING}:latest` });
    if (!result.ok) throw new Error(result.error.message);
    const stream = result.value;
    expect(stream.kind).toBe('images:pull');
    expect(stream.info).toEqual({ image: `${MISSING}:latest` } satisfies PullInfo);
    const chunks: Buffer[] = [];
    stream.onData((bytes, tag) => {
      expect(tag).toBe('out');
      chunks.push(Buffer.from(bytes));
    });
    const exit = await withinSeconds(new Promise<StreamExit>((resolve) => stream.onExit(resolve)), 30, 'the pull');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(exit.reason).toBe('error');
    expect(exit.message).toMatch(PLAIN_REASON);
    const events = progressLines(Buffer.concat(chunks).toString('utf8'));
    expect(events.every((e) => !e.status.startsWith('Status: Downloaded'))).toBe(true);
    expect(await imagesNamedMissing()).toBe('');
    const listed = await h.call<ImageSummary[]>('images:list');
    expect(listed.flatMap((i) => i.tags).filter((t) => t.startsWith(MISSING))).toEqual([]);
  });

  it('pulls :latest when no tag is given, as docker pull does', async () => {
    const result = await h.core.openStream('images:pull', { image: MISSING });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.info).toEqual({ image: `${MISSING}:latest` });
    const exit = await withinSeconds(new Promise<StreamExit>((resolve) => result.value.onExit(resolve)), 30, 'the pull');
    expect(exit.message).toMatch(PLAIN_REASON);
  });

  it('refuses what is not an image reference before asking the engine', async () => {
    for (const image of ['', 'Not An Image', 'alpine:', '../../etc/passwd', 'a'.repeat(600)]) {
      const result = await h.core.openStream('images:pull', { image });
      expect(result.ok, image).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-input');
    }
    const extra = await h.core.openStream('images:pull', { image: 'alpine', platform: 'linux/amd64' });
    expect(extra.ok).toBe(false);
  });

  it('closing the stream at once ends it as closed, and the core keeps working', async () => {
    const result = await h.core.openStream('images:pull', { image: `${MISSING}:closed` });
    if (!result.ok) throw new Error(result.error.message);
    result.value.close();
    const exit = await withinSeconds(new Promise<StreamExit>((resolve) => result.value.onExit(resolve)), 5, 'the closed pull');
    expect(exit.reason).toBe('closed');
    expect((await h.call<{ state: string }>('engine:status')).state).toBe('up');
  });
});

describe('images:pull through the web bridge', () => {
  it('shows the same clear error to a page, over the WebSocket', async () => {
    const started = Date.now();
    const stream = await ws.open('images:pull', { image: `${MISSING}:latest` });
    expect(stream.info).toEqual({ image: `${MISSING}:latest` });
    const exit = await withinSeconds(stream.exit, 30, 'the pull over the WebSocket');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(exit.reason).toBe('error');
    expect(exit.message).toMatch(PLAIN_REASON);
    progressLines(stream.text());
    expect(await imagesNamedMissing()).toBe('');
  });

  it('refuses a bad reference with invalid-input', async () => {
    await expect(ws.open('images:pull', { image: 'UPPER/case' })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(ws.open('images:pull', {})).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('images:pull that runs (the engine answers with recorded progress)', () => {
  it('sends every progress event as one JSON line, and ends with exit code 0 once the image is there', async () => {
    const result = await proxied.core.openStream('images:pull', { image: PLAYED });
    if (!result.ok) throw new Error(result.error.message);
    const chunks: Buffer[] = [];
    result.value.onData((bytes) => chunks.push(Buffer.from(bytes)));
    const exit = await withinSeconds(new Promise<StreamExit>((resolve) => result.value.onExit(resolve)), 30, 'the played pull');
    expect(exit).toEqual({ reason: 'exited', code: 0, message: `Pulled ${PLAYED}.` });
    const events = progressLines(Buffer.concat(chunks).toString('utf8'));
    expect(events).toHaveLength(recorded.length);
    // Normalised: the bar text is gone, the byte counts are flat.
    expect(events[9]).toEqual({ status: 'Downloading', id: 'c6a83fedfae6', current: 36236, total: 3623807 });
    const state = foldPullEvents(events);
    expect(state).toMatchObject({ complete: true, percent: 100, error: null, from: 'library/nginx' });
    expect(state.layers.map((l) => l.id)).toEqual(['4abcf2066143', 'c6a83fedfae6', '1f3e46996e29', '4f4fb700ef54']);
    expect(await docker(['image', 'inspect', '-f', '{{.Id}}', PLAYED])).toMatch(/^sha256:/);
  });

  it('closing the stream mid-pull ends it as closed and drops the engine request', async () => {
    const result = await proxied.core.openStream('images:pull', { image: SLOW });
    if (!result.ok) throw new Error(result.error.message);
    let received = 0;
    result.value.onData(() => received++);
    await waitFor(() => received >= 2, { timeoutMs: 10_000, description: 'two progress lines' });
    result.value.close();
    const exit = await withinSeconds(new Promise<StreamExit>((resolve) => result.value.onExit(resolve)), 5, 'the cancelled pull');
    expect(exit.reason).toBe('closed');
    await waitFor(() => proxy.seen.get(SLOW)?.aborted === true, { timeoutMs: 5_000, description: 'the engine request to be dropped' });
    expect(proxy.seen.get(SLOW)!.written).toBeLessThan(recorded.length);
    await expect(docker(['image', 'inspect', SLOW])).rejects.toThrow();
  });
});
