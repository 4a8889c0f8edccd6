/**
 * The web bridge over a real core: who may talk to it, and what it answers.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { channelNames, eventNames, isChannelName } from '../../shared/contract';
import { streamKindNames } from '../../shared/streams';
import type { Core } from '../../electron/core/core';
import type { ContainersChanged } from '../../shared/containers/model';
import type { EngineStatus } from '../../shared/engine/model';
import { startWebBridge, type WebBridge } from '../../electron/transport/web-bridge';
import { startCore, type CoreHarness } from '../support/core-harness';
import { containerStatus, docker, removeTestResources, runTestContainer, uniqueName, useEngine, waitFor } from '../support/engine';

const TOKEN = 'test-token-0123456789abcdef';
const INDEX_HTML = '<!doctype html><title>patchbay test index</title><p>patchbay-test-index-marker</p>';

let h: CoreHarness;
let bridge: WebBridge;
let staticDir: string;
const openSockets = new Set<WebSocket>();

useEngine(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'patchbay-static-'));
  await writeFile(join(staticDir, 'index.html'), INDEX_HTML);
  await writeFile(join(staticDir, 'app.js'), 'console.log("app")');
  h = await startCore();
  bridge = await startWebBridge({ core: h.core, port: 0, staticDir, token: TOKEN });
});

afterAll(async () => {
  try {
    for (const ws of openSockets) ws.terminate();
    // Bounded: a socket the bridge never answered would otherwise hold close() and skip the cleanup.
    if (bridge) await Promise.race([bridge.close(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    h?.stop();
    if (staticDir) await rm(staticDir, { recursive: true, force: true });
  } finally {
    await removeTestResources({ thisRunOnly: true });
  }
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json(): unknown;
}

/** One HTTP request to the bridge with exactly these headers and this raw path. */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string; host?: string; port?: number }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: options.host ?? '127.0.0.1',
        port: options.port ?? bridge.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const bearer = { Authorization: `Bearer ${TOKEN}` };
const post = (channel: string, body: unknown, headers: Record<string, string> = bearer) =>
  send({
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('HTTP: token', () => {
  it('GET /api needs the token', async () => {
    const none = await send({ path: '/api' });
    expect(none.status).toBe(401);
    expect(none.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(none.body).not.toContain('containers:list');

    expect((await send({ path: '/api', headers: { Authorization: 'Bearer wrong-token' } })).status).toBe(401);
    expect((await send({ path: '/api', headers: { Authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await send({ path: '/api', headers: { Authorization: `Basic ${TOKEN}` } })).status).toBe(401);

    const ok = await send({ path: '/api', headers: bearer });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^application\/json/);
    expect(ok.json()).toEqual({ channels: channelNames, events: eventNames });
  });

  it('POST /api/containers:list with the token answers the list', async () => {
    const reply = await post('containers:list', {});
    expect(reply.status).toBe(200);
    const result = reply.json() as { ok: boolean; value: { revision: number; containers: unknown[] } };
    expect(result.ok).toBe(true);
    expect(Array.isArray(result.value.containers)).toBe(true);
    expect(result.value).toEqual(await h.call('containers:list'));
  });

  it('a request without the token changes nothing', async () => {
    const id = await runTestContainer(uniqueName('pb-web-untouched'));
    const reply = await post('containers:kill', { id }, {});
    expect(reply.status).toBe(401);
    const wrong = await post('containers:kill', { id }, { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(await containerStatus(id)).toBe('running');
  });

  it('a failed request answers 200 with the core error; an unknown channel 404', async () => {
    const bad = await post('containers:stop', { id: 5 });
    expect(bad.status).toBe(200);
    expect(bad.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknown = await post('containers:nope', {});
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });
});

describe('HTTP: origin and host', () => {
  it('a foreign Origin is refused even with the token, and changes nothing', async () => {
    const evil = { ...bearer, Origin: 'http://evil.example' };
    expect((await send({ path: '/api', headers: evil })).status).toBe(403);
    const id = await runTestContainer(uniqueName('pb-web-origin'));
    const reply = await post('containers:kill', { id }, evil);
    expect(reply.status).toBe(403);
    expect(reply.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await containerStatus(id)).toBe('running');
    // Same host, other port: another origin too.
    expect((await send({ path: '/api', headers: { ...bearer, Origin: `http://127.0.0.1:${bridge.port + 1}` } })).status).toBe(403);
    expect((await send({ path: '/api', headers: { ...bearer, Origin: 'null' } })).status).toBe(403);
  });

  it('its own Origin is accepted', async () => {
    for (const origin of [`http://127.0.0.1:${bridge.port}`, `http://localhost:${bridge.port}`]) {
      expect((await send({ path: '/api', headers: { ...bearer, Origin: origin } })).status, origin).toBe(200);
    }
  });

  it('a foreign Host header is refused even with the token (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${bridge.port}`, `127.0.0.1.nip.io:${bridge.port}`]) {
      const reply = await send({ path: '/api', headers: { ...bearer, Host: host } });
      expect(reply.status, host).toBe(403);
    }
    expect((await send({ path: '/api', headers: { ...bearer, Host: `localhost:${bridge.port}` } })).status).toBe(200);
  });
});

describe('HTTP: body', () => {
  it('an invalid JSON body is 400 with a clear error', async () => {
    const reply = await send({
      method: 'POST',
      path: '/api/containers:list',
      headers: { ...bearer, 'Content-Type': 'application/json' },
      body: '{"not json',
    });
    expect(reply.status).toBe(400);
    expect(reply.json()).toEqual({ ok: false, error: { code: 'invalid-input', message: 'The body is not valid JSON.' } });
  });

  it('a non-JSON content type is 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const reply = await send({ method: 'POST', path: '/api/containers:list', headers: { ...bearer, 'Content-Type': type }, body: '{}' });
      expect(reply.status, type).toBe(415);
      expect(reply.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    const none = await send({ method: 'POST', path: '/api/containers:list', headers: bearer, body: '{}' });
    expect(none.status).toBe(415);
  });

  it('GET on a channel is 405', async () => {
    expect((await send({ path: '/api/containers:list', headers: bearer })).status).toBe(405);
  });

  it('a body over the limit is 413', async () => {
    const reply = await send({
      method: 'POST',
      path: '/api/containers:list',
      headers: { ...bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(reply.status).toBe(413);
  });
});

describe('HTTP: static files and the login cookie', () => {
  it('?token= on GET / answers 303 with an HttpOnly SameSite=Strict cookie, which then authorizes', async () => {
    expect((await send({ path: '/' })).status).toBe(401);
    expect((await send({ path: '/?token=wrong' })).status).toBe(401);

    const login = await send({ path: `/?token=${encodeURIComponent(TOKEN)}` });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/');
    const setCookie = login.headers['set-cookie'] ?? [];
    expect(setCookie).toHaveLength(1);
    const cookie = setCookie[0];
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\//);

    const pair = cookie.split(';')[0];
    const page = await send({ path: '/', headers: { Cookie: pair } });
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX_HTML);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');

    const script = await send({ path: '/app.js', headers: { Cookie: pair } });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);

    const api = await post('containers:list', {}, { Cookie: `other=1; ${pair}` });
    expect(api.status).toBe(200);
    expect((api.json() as { ok: boolean }).ok).toBe(true);

    expect((await send({ path: '/', headers: { Cookie: 'patchbay_token=wrong' } })).status).toBe(401);
  });

  it('malformed percent-encoding is a client error (400 or 401), never a 500', async () => {
    expect((await send({ path: '/%E0%A4%A', headers: bearer })).status).toBe(400);
    const api = await send({ method: 'POST', path: '/api/%E0%A4%A', headers: { ...bearer, 'Content-Type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(400);
    expect(api.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    // A cookie that does not decode is no token.
    expect((await send({ path: '/', headers: { Cookie: 'patchbay_token=%E0' } })).status).toBe(401);
  });

  it('path traversal never serves a file outside the static directory', async () => {
    const paths = [
      '/../../etc/passwd',
      '/../../../../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/..\\..\\..\\etc\\passwd',
      '/app.js/../../../../etc/passwd',
      '/etc/passwd%00.html',
    ];
    for (const path of paths) {
      const reply = await send({ path, headers: bearer });
      expect(reply.body, path).not.toMatch(/root:.*:0:0:/);
      expect(reply.status, `${path}: ${reply.body.slice(0, 200)}`).toBeLessThan(500);
      if (reply.status === 200) expect(reply.body, path).toBe(INDEX_HTML);
    }
  });
});

describe('WebSocket', () => {
  const wsUrl = (query = '') => `ws://127.0.0.1:${bridge.port}/ws${query}`;

  /** Resolves with the status of a refused upgrade; fails if the upgrade succeeds or nothing answers in 5 s. */
  function refusedStatus(url: string, options: WebSocket.ClientOptions = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { ...options, handshakeTimeout: 5_000 });
      openSockets.add(ws);
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('open', () => {
        reject(new Error(`The upgrade to ${url} was accepted`));
        ws.terminate();
      });
      ws.on('error', (error) => reject(error));
    });
  }

  it('without the token the upgrade is refused with 401', async () => {
    expect(await refusedStatus(wsUrl())).toBe(401);
    expect(await refusedStatus(wsUrl('?token=wrong'))).toBe(401);
    expect(await refusedStatus(wsUrl(), { headers: { Authorization: 'Bearer wrong' } })).toBe(401);
  });

  it('a foreign Origin or Host is refused with 403 even with the token', async () => {
    expect(await refusedStatus(wsUrl(), { headers: bearer, origin: 'http://evil.example' })).toBe(403);
    expect(await refusedStatus(wsUrl(), { headers: { ...bearer, Host: `evil.example:${bridge.port}` } })).toBe(403);
  });

  it('with the token it sends engine:status, then containers:changed for a container the CLI creates', async () => {
    const frames: Array<{ type: string; name: string; payload: unknown }> = [];
    const ws = new WebSocket(wsUrl(), { headers: bearer, origin: `http://127.0.0.1:${bridge.port}` });
    openSockets.add(ws);
    ws.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });

    const status = await waitFor(() => frames.find((f) => f.name === 'engine:status'), { timeoutMs: 2_000 });
    expect(status.type).toBe('event');
    expect((status.payload as EngineStatus).state).toBe('up');

    const name = uniqueName('pb-web-ws');
    const id = await runTestContainer(name);
    const changed = await waitFor(
      () => frames.find((f) => f.name === 'containers:changed' && (f.payload as ContainersChanged).upserted.some((c) => c.id === id)),
      { timeoutMs: 2_000, description: 'containers:changed over the WebSocket' },
    );
    expect((changed.payload as ContainersChanged).upserted.find((c) => c.id === id)?.name).toBe(name);
    expect(frames.indexOf(status)).toBeLessThan(frames.indexOf(changed));

    await docker(['rm', '-f', id]);
    await waitFor(
      () => frames.find((f) => f.name === 'containers:changed' && (f.payload as ContainersChanged).removed.includes(id)),
      { timeoutMs: 2_000, description: 'the removal over the WebSocket' },
    );
    ws.close();
  });

  it('a malformed cookie or address on the upgrade is refused and the bridge keeps serving', async () => {
    expect(await refusedStatus(wsUrl(), { headers: { Cookie: 'patchbay_token=%E0' } })).toBe(401);
    expect(await refusedStatus(wsUrl('?token=%E0'))).toBe(401);
    expect((await send({ path: '/api', headers: bearer })).status).toBe(200);
  });

  it('the login cookie and ?token= also open it', async () => {
    for (const options of [{ url: wsUrl(`?token=${TOKEN}`), headers: {} }, { url: wsUrl(), headers: { Cookie: `patchbay_token=${TOKEN}` } }]) {
      const ws = new WebSocket(options.url, { headers: options.headers });
      openSockets.add(ws);
      const first = await new Promise<{ name: string }>((resolve, reject) => {
        ws.once('message', (data) => resolve(JSON.parse(String(data))));
        ws.once('error', reject);
      });
      expect(first.name).toBe('engine:status');
      ws.close();
    }
  });
});

describe('no raw Docker API passthrough', () => {
  it('no channel or stream kind is a raw or proxy request', () => {
    for (const name of [...channelNames, ...streamKindNames]) expect(name, name).not.toMatch(/raw|proxy|passthrough|forward|docker-api|http/i);
  });

  it('engine API paths, traversing or not, never reach the core, let alone the engine', async () => {
    // A core that records what the bridge asks of it: the bridge reaches the engine only through it.
    const asked: string[] = [];
    const spy: Core = {
      ...h.core,
      invoke: (channel, input) => {
        asked.push(channel);
        return h.core.invoke(channel, input);
      },
      openStream: (kind, input) => {
        asked.push(`stream ${kind}`);
        return h.core.openStream(kind, input);
      },
    };
    const spyBridge = await startWebBridge({ core: spy, port: 0, staticDir, token: TOKEN });
    try {
      const paths = [
        '/api/../containers/json',
        '/api/../../v1.41/containers/json',
        '/api/..%2Fcontainers%2Fjson',
        '/api/%2e%2e/containers/json',
        '/api/v1.41/containers/json',
        '/api/containers/json',
        '/api/containers:list/../../containers/json',
        '/api/containers:list%2F..%2F..%2Fcontainers%2Fjson',
        '/containers/json',
        '/v1.41/containers/json',
        '/api/_ping',
        '/_ping',
        '/version',
        '/api/containers:remove/../../volumes/prune',
        '/api/docker',
      ];
      for (const path of paths) {
        for (const method of ['GET', 'POST', 'DELETE']) {
          const reply = await send({ method, path, port: spyBridge.port, headers: { ...bearer, 'Content-Type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
          const what = `${method} ${path} → ${reply.status} ${reply.body.slice(0, 120)}`;
          expect(reply.status, what).not.toBe(500);
          // Never an engine answer: no container list, no ping, no version.
          expect(reply.body, what).not.toMatch(/"Id"\s*:|"ApiVersion"|^OK$|"Containers"/);
          if (reply.status === 200 && reply.headers['content-type']?.startsWith('text/html')) expect(reply.body, what).toBe(INDEX_HTML);
          if (reply.headers['content-type']?.startsWith('application/json') && reply.status === 200) {
            expect(reply.json(), what).toMatchObject({ ok: false });
          }
        }
      }
      // What did reach the core was refused by name before anything ran.
      for (const channel of asked) expect(isChannelName(channel), channel).toBe(false);
    } finally {
      await spyBridge.close();
    }
  });
});

describe('listening address', () => {
  it('listens on 127.0.0.1 only: the docker0 gateway address on its port is refused', async () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/`);
    const gateway = await bridgeGatewayAddress();
    expect(gateway).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const outcome = (host: string) =>
      new Promise<string>((resolve) => {
        const socket = connect({ host, port: bridge.port });
        socket.setTimeout(3_000);
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('timeout', () => {
          socket.destroy();
          resolve('timeout');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
    // Control: the same check does see the loopback listener.
    expect(await outcome('127.0.0.1')).toBe('connected');
    expect(await outcome(gateway)).toBe('ECONNREFUSED');
  });
});

/** The host's address on the default bridge: IPAM's gateway, else the bridge interface's own address. */
async function bridgeGatewayAddress(): Promise<string> {
  const network = JSON.parse(await docker(['network', 'inspect', 'bridge'])) as Array<{
    IPAM: { Config: Array<{ Gateway?: string }> | null };
    Options: Record<string, string> | null;
  }>;
  const fromIpam = network[0].IPAM.Config?.find((c) => c.Gateway && !c.Gateway.includes(':'))?.Gateway;
  if (fromIpam) return fromIpam;
  const ifname = network[0].Options?.['com.docker.network.bridge.name'] ?? 'docker0';
  const address = networkInterfaces()[ifname]?.find((a) => a.family === 'IPv4')?.address;
  if (!address) throw new Error(`The bridge network has no gateway and no IPv4 address on ${ifname}.`);
  return address;
}
