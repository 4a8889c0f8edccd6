/**
 * The core's connection logic through an outage it cannot tell from a real one: the core talks
 * to the engine through a unix-socket proxy, and closing the proxy cuts every connection.
 * (A real dockerd stop and start is covered by the e2e tests.)
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../shared/engine/model';
import { startCore, type CoreHarness } from '../support/core-harness';
import { ENGINE_SOCKET, createTestContainer, docker, removeTestResources, uniqueName, useEngine, waitFor } from '../support/engine';

/** Forwards every connection on `path` to the engine's socket; `close` cuts them all at once. */
class SocketProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(readonly path: string) {}

  async open(): Promise<void> {
    rmSync(this.path, { force: true });
    const server = createServer((client) => {
      const upstream = connect(ENGINE_SOCKET);
      this.track(client);
      this.track(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      const cut = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', cut);
      upstream.on('error', cut);
      client.on('close', cut);
      upstream.on('close', cut);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.path, () => resolve());
    });
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(this.path, { force: true });
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}

let dir: string;
let proxy: SocketProxy;
let h: CoreHarness | undefined;

useEngine(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patchbay-proxy-'));
  proxy = new SocketProxy(join(dir, 'docker.sock'));
  await proxy.open();
});

afterAll(async () => {
  try {
    h?.stop();
    await proxy?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  } finally {
    await removeTestResources({ thisRunOnly: true });
  }
});

const statusOf = async (harness: CoreHarness) => harness.call<EngineStatus>('engine:status');

describe('engine outage through a socket proxy', () => {
  it('goes down when the socket goes away, answers engine-unavailable meanwhile, and resyncs when it is back', async () => {
    const endpoint = `unix://${proxy.path}`;
    const doomedId = await createTestContainer(uniqueName('pb-outage-doomed'));
    h = await startCore({ dockerHost: endpoint });
    const harness = h;

    const up = await statusOf(harness);
    expect(up).toMatchObject({ state: 'up', endpoint, failedAttempts: 0 });
    expect((await harness.list()).containers.map((c) => c.id)).toContain(doomedId);
    // The event stream runs through the proxy too.
    expect(proxy.openConnections).toBeGreaterThan(0);

    // --- outage ---
    const cutAt = Date.now();
    await proxy.close();
    const down = await harness.waitForEvent('engine:status', (s) => s.state === 'down', 2_000, cutAt);
    expect(down.payload.error).toContain(proxy.path);
    expect(down.payload.endpoint).toBe(endpoint);
    expect(down.payload.failedAttempts).toBeGreaterThanOrEqual(1);
    expect(down.payload.nextAttemptAt).toBeGreaterThan(cutAt);
    expect((await statusOf(harness)).state).toBe('down');

    for (const [channel, input] of [
      ['containers:details', { id: doomedId }],
      ['containers:start', { id: doomedId }],
      ['images:list', {}],
      ['engine:info', {}],
    ] as const) {
      const result = await harness.invoke(channel, input);
      expect(result.ok, channel).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, `${channel}: ${result.error.message}`).toBe('engine-unavailable');
      expect(result.error.message).toContain(proxy.path);
      // Tells the user what to do about it.
      expect(result.error.message).toMatch(/start/i);
      expect(result.error.message).toMatch(/reconnect/i);
    }

    // Changes the core cannot see while the socket is gone.
    const bornName = uniqueName('pb-outage-born');
    const bornId = await createTestContainer(bornName);
    await docker(['rm', '-f', doomedId]);
    // Let the backoff grow past its first steps, so recovery is not just the first quick retry.
    await harness.waitForEvent('engine:status', (s) => s.state === 'down' && s.failedAttempts >= 3, 8_000, cutAt);

    // --- recovery ---
    const backAt = Date.now();
    await proxy.open();
    await harness.waitForEvent('engine:status', (s) => s.state === 'up', 5_000, backAt);
    expect(await statusOf(harness)).toMatchObject({ state: 'up', failedAttempts: 0 });
    expect((await statusOf(harness)).error).toBeUndefined();

    const resynced = await harness.waitForEvent(
      'containers:changed',
      (c) => c.removed.includes(doomedId) && c.upserted.some((u) => u.id === bornId),
      3_000,
      backAt,
    );
    expect(resynced.payload.upserted.find((u) => u.id === bornId)?.name).toBe(bornName);
    const ids = (await harness.list()).containers.map((c) => c.id);
    expect(ids).toContain(bornId);
    expect(ids).not.toContain(doomedId);

    // Requests work again, and so does the event stream.
    expect((await harness.invoke('containers:details', { id: bornId })).ok).toBe(true);
    const liveName = uniqueName('pb-outage-live');
    const afterAt = Date.now();
    const liveId = await createTestContainer(liveName);
    await harness.waitForEvent('containers:changed', (c) => c.upserted.some((u) => u.id === liveId), 2_000, afterAt);

    // The statuses went up -> (connecting) -> down -> ... -> up, in that order.
    const states = harness.events.filter((e) => e.name === 'engine:status').map((e) => (e.payload as EngineStatus).state);
    const firstDown = states.indexOf('down');
    expect(states.indexOf('up')).toBeLessThan(firstDown);
    expect(states.lastIndexOf('up')).toBeGreaterThan(firstDown);
    expect(states.at(-1)).toBe('up');

    harness.stop();
    h = undefined;
  });

  it('engine:reconnect tries at once instead of waiting for the backoff', async () => {
    const harness = await startCore({ dockerHost: `unix://${proxy.path}` });
    h = harness;
    const cutAt = Date.now();
    await proxy.close();
    await harness.waitForEvent('engine:status', (s) => s.state === 'down' && s.failedAttempts >= 2, 5_000, cutAt);
    const stillDown = await harness.call<EngineStatus>('engine:reconnect');
    expect(stillDown.state).toBe('down');
    expect(stillDown.error).toContain(proxy.path);

    await proxy.open();
    const startedAt = Date.now();
    const status = await harness.call<EngineStatus>('engine:reconnect');
    expect(status).toMatchObject({ state: 'up', failedAttempts: 0 });
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    harness.stop();
    h = undefined;
  });

  it('stop() ends the connection: no more attempts and no more events', async () => {
    const harness = await startCore({ dockerHost: `unix://${proxy.path}` });
    h = harness;
    const before = proxy.openConnections;
    harness.stop();
    // The event stream's connection (two proxied sockets) closes at once; idle keep-alive
    // connections of the HTTP agent may linger until their own timeout.
    await waitFor(() => proxy.openConnections <= before - 2, { timeoutMs: 2_000, description: 'the event stream to close' });
    const count = harness.events.length;
    await createTestContainer(uniqueName('pb-outage-after-stop'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.events.length).toBe(count);
    h = undefined;
  });
});

describe('no engine at all', () => {
  it('a socket path where nothing exists is down with a message naming it, and requests say how to fix it', async () => {
    const missing = join(dir, 'nothing-here.sock');
    const harness = await startCore({ dockerHost: `unix://${missing}`, noWait: true });
    h = harness;
    const down = await harness.waitForEvent('engine:status', (s) => s.state === 'down', 2_000);
    expect(down.payload.error).toContain(missing);
    expect(down.payload.error).toMatch(/does not exist|Is Docker installed/);

    const result = await harness.invoke('images:list', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('engine-unavailable');
      expect(result.error.message).toContain(missing);
    }
    // The list is empty rather than failing: the UI shows the outage from engine:status.
    expect((await harness.list()).containers).toEqual([]);

    const reconnect = await harness.call<EngineStatus>('engine:reconnect');
    expect(reconnect.state).toBe('down');
    expect(reconnect.failedAttempts).toBeGreaterThanOrEqual(2);
    harness.stop();
    h = undefined;
  });
});
