/**
 * Links through the core against the real engine: what a link injects (checked against
 * `docker exec env` and `cat /etc/hosts`), adding and removing links by recreating the client
 * (volumes and data kept, rolled back when a step fails), the user-network alternative and live
 * edits of identity files. The docker CLI is the witness.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { PatchbayError } from '../../shared/errors';
import type { IdentityFileContent, LinkExplanation, LinkPlan, LinksGraph, LinksProgress, NetworkConnectResult, RecreateResult } from '../../shared/links/model';
import { startCore, type CoreHarness } from '../support/core-harness';
import { containerStatus, docker, ENGINE_SOCKET, labelArgs, removeTestResources, runTestContainer, uniqueName, useEngine, waitFor } from '../support/engine';

let h: CoreHarness;
const p = uniqueName('pblink');
const names = { db: `${p}-db`, cache: `${p}-cache`, extra: `${p}-extra`, client: `${p}-client`, net: `${p}-net`, madeNet: `${p}-made` };
/** Volumes that outlive `rm -v` because the recreated client binds them by name; removed by name. */
const volumes = new Set<string>();

interface Inspect {
  Id: string;
  Name: string;
  State: { Running: boolean; Status: string };
  HostConfig: { Links: string[] | null };
  Mounts: { Type: string; Name?: string; Destination: string }[];
  NetworkSettings: { Networks: Record<string, { Aliases: string[] | null; IPAddress: string }> };
}

const inspect = async (ref: string): Promise<Inspect> => (JSON.parse(await docker(['inspect', ref])) as Inspect[])[0];
const volumeAt = (i: Inspect, dest: string) => i.Mounts.find((m) => m.Destination === dest)?.Name ?? null;
const execIn = (name: string, ...cmd: string[]) => docker(['exec', name, ...cmd]);

useEngine(async () => {
  h = await startCore();
  await runTestContainer(names.db, ['-e', 'DB_ROOT_PASSWORD=x', '--expose', '3306']);
  await runTestContainer(names.cache, ['--expose', '6379', '-e', 'CACHE_MODE=lru']);
  await runTestContainer(names.extra);
  await runTestContainer(names.client, ['-v', '/data', '--link', `${names.db}:db-server`, '-e', 'OWN=1', '--restart', 'unless-stopped']);
  volumes.add(volumeAt(await inspect(names.client), '/data')!);
  await waitFor(async () => (await h.list()).containers.some((c) => c.name === names.client), { description: 'the client in the core', timeoutMs: 20_000 });
});

afterAll(async () => {
  h?.stop();
  await removeTestResources({ thisRunOnly: true });
  for (const net of [names.madeNet]) await docker(['network', 'rm', net]).catch(() => undefined);
  for (const v of volumes) await docker(['volume', 'rm', '-f', v]).catch(() => undefined);
});

async function failure(channel: string, input: unknown): Promise<PatchbayError> {
  const result = await h.invoke(channel, input);
  expect(result.ok, `${channel} ${JSON.stringify(input)} should fail`).toBe(false);
  return (result as { ok: false; error: PatchbayError }).error;
}

describe('links:explain', () => {
  it('lists the injected variables and the /etc/hosts line exactly as the container has them', async () => {
    const explained = await h.call<LinkExplanation>('links:explain', { container: names.client });
    const env = (await execIn(names.client, 'env')).split('\n');
    const hosts = (await execIn(names.client, 'cat', '/etc/hosts')).split('\n');
    const dbIp = (await inspect(names.db)).NetworkSettings.Networks.bridge.IPAddress;
    expect(explained.envSource).toBe('process');
    expect(explained.links).toHaveLength(1);
    const link = explained.links[0];
    expect(link).toMatchObject({ alias: 'db-server', target: names.db, targetIp: dbIp, targetRunning: true });
    const vars = new Map(link.env.map((v) => [v.name, v.value]));
    expect(vars.get('DB_SERVER_PORT_3306_TCP_ADDR')).toBe(dbIp);
    expect(`DB_SERVER_PORT_3306_TCP_ADDR=${vars.get('DB_SERVER_PORT_3306_TCP_ADDR')}`).toBe(env.find((l) => l.startsWith('DB_SERVER_PORT_3306_TCP_ADDR=')));
    expect(`DB_SERVER_NAME=${vars.get('DB_SERVER_NAME')}`).toBe(env.find((l) => l.startsWith('DB_SERVER_NAME=')));
    expect(vars.get('DB_SERVER_NAME')).toBe(`/${names.client}/db-server`);
    // Every link variable the container has, and nothing else.
    expect(link.env.map((v) => `${v.name}=${v.value}`).sort()).toEqual(env.filter((l) => l.startsWith('DB_SERVER_')).sort());
    expect(link.env.find((v) => v.name === 'DB_SERVER_ENV_DB_ROOT_PASSWORD')).toMatchObject({ value: 'x', kind: 'env', stale: null });
    expect(link.hostsLine).toBe(hosts.find((l) => /\sdb-server(\s|$)/.test(l)));
    expect(link.hostsLine!.startsWith(`${dbIp}\tdb-server`)).toBe(true);
    expect(link.summary).toMatch(new RegExp(`^db-server resolves to ${dbIp.replace(/\./g, '\\.')} because of the link to ${names.db}`));
    expect(explained.hosts.error).toBeNull();
    expect(explained.hosts.lines.map((l) => l.line)).toEqual(hosts);
  });

  it('shows the link in the graph as client → target as alias', async () => {
    const graph = await h.call<LinksGraph>('links:graph');
    const edge = graph.links.find((l) => l.client === names.client);
    expect(edge).toMatchObject({ target: names.db, alias: 'db-server', raw: `/${names.db}:/${names.client}/db-server`, label: `${names.client} → ${names.db} as db-server` });
    expect(edge!.targetId).toBe((await inspect(names.db)).Id);
    expect(graph.nodes.find((n) => n.name === names.client)).toMatchObject({ running: true, bridgeIp: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) });
  });
});

describe('adding and removing links (recreate)', () => {
  it('refuses a bad alias and a missing target clearly, changing nothing', async () => {
    const before = await inspect(names.client);
    const bad = await failure('links:add', { client: names.client, target: names.cache, alias: 'my cache' });
    expect(bad).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/alias "my cache" contains a space/) });
    const missing = await failure('links:add', { client: names.client, target: `${p}-nothing`, alias: 'x' });
    expect(missing).toMatchObject({ code: 'not-found', message: expect.stringMatching(new RegExp(`There is no container called ${p}-nothing`)) });
    const plan = await h.call<LinkPlan>('links:plan', { action: 'add', client: names.client, target: names.cache, alias: 'kv' });
    expect(plan.blockers).toEqual([]);
    expect(plan.steps.map((s) => s.id)).toEqual(['stop', 'rename', 'create', 'start', 'remove-old']);
    expect((await inspect(names.client)).Id).toBe(before.Id);
  });

  it('recreates the client with the new link, the same name and the same anonymous volume with its data', async () => {
    await execIn(names.client, 'sh', '-c', 'echo hi > /data/f');
    const before = await inspect(names.client);
    const volume = volumeAt(before, '/data')!;
    const since = Date.now();
    const result = await h.call<RecreateResult>('links:add', { client: names.client, target: names.cache, alias: 'kv' });
    expect(result.name).toBe(names.client);
    expect(result.replacedId).toBe(before.Id);
    expect(result.steps.map((s) => `${s.id}:${s.state}`)).toEqual(['stop:done', 'rename:done', 'create:done', 'start:done', 'remove-old:done']);
    const after = await inspect(names.client);
    expect(after.Id).toBe(result.id);
    expect(after.Id).not.toBe(before.Id);
    expect(after.Name).toBe(`/${names.client}`);
    expect(after.State.Running).toBe(true);
    expect([...(after.HostConfig.Links ?? [])].sort()).toEqual([`/${names.cache}:/${names.client}/kv`, `/${names.db}:/${names.client}/db-server`].sort());
    expect(volumeAt(after, '/data')).toBe(volume);
    expect(await execIn(names.client, 'cat', '/data/f')).toBe('hi');
    expect(await execIn(names.client, 'sh', '-c', 'echo $OWN $KV_ENV_CACHE_MODE $DB_SERVER_ENV_DB_ROOT_PASSWORD')).toBe('1 lru x');
    expect(await containerStatus(before.Id)).toBeNull();
    expect(await docker(['ps', '-aq', '--filter', `name=${names.client}-patchbay-old`])).toBe('');
    const progress = h.events.filter((e) => e.name === 'links:progress' && e.at >= since).map((e) => (e.payload as LinksProgress).step);
    expect(progress.filter((s) => s.state === 'done').map((s) => s.id)).toEqual(['stop', 'rename', 'create', 'start', 'remove-old']);
    const explained = await h.call<LinkExplanation>('links:explain', { container: names.client });
    expect(explained.links.map((l) => l.alias).sort()).toEqual(['db-server', 'kv']);
  });

  it('rolls back to the original client, running with its data, when a step fails', async () => {
    const before = await inspect(names.client);
    const count = await docker(['ps', '-aq', '--filter', `label=${labelArgs()[3]}`]);
    // Fail the start on purpose: the new target dies between the create and the start.
    const off = h.core.onEvent((name, payload) => {
      const step = (payload as LinksProgress).step;
      if (name === 'links:progress' && step.id === 'create' && step.state === 'done') {
        execFileSync('docker', ['kill', names.extra], { env: { ...process.env, DOCKER_HOST: `unix://${ENGINE_SOCKET}` }, timeout: 60_000 });
      }
    });
    let error: PatchbayError;
    try {
      error = await failure('links:add', { client: names.client, target: names.extra, alias: 'kv2' });
    } finally {
      off();
    }
    expect(error).toMatchObject({ code: 'engine-error' });
    expect(error.message).toMatch(/failed at "Start the new container"/);
    expect(error.message).toMatch(/not running/);
    expect(error.message).toMatch(/rolled back/);
    const steps = (JSON.parse(error.detail!) as { steps: { id: string; state: string }[] }).steps;
    expect(steps.map((s) => `${s.id}:${s.state}`)).toEqual(['stop:done', 'rename:done', 'create:done', 'start:failed', 'rollback:rolled-back']);
    const after = await inspect(names.client);
    expect(after.Id).toBe(before.Id);
    expect(after.Name).toBe(`/${names.client}`);
    expect(after.State.Running).toBe(true);
    // The engine keeps links in a map: their order is not part of the container.
    expect([...(after.HostConfig.Links ?? [])].sort()).toEqual([...(before.HostConfig.Links ?? [])].sort());
    expect(await execIn(names.client, 'cat', '/data/f')).toBe('hi');
    expect(await docker(['ps', '-aq', '--filter', `label=${labelArgs()[3]}`])).toBe(count);
  });

  it('removes a link the same way, keeping the volume and its data', async () => {
    const before = await inspect(names.client);
    const result = await h.call<RecreateResult>('links:remove', { client: names.client, alias: 'db-server' });
    const after = await inspect(names.client);
    expect(result.id).toBe(after.Id);
    expect(after.HostConfig.Links).toEqual([`/${names.cache}:/${names.client}/kv`]);
    expect(volumeAt(after, '/data')).toBe(volumeAt(before, '/data'));
    expect(await execIn(names.client, 'cat', '/data/f')).toBe('hi');
    expect(await execIn(names.client, 'sh', '-c', 'env | grep -c ^DB_SERVER_ || true')).toBe('0');
    expect(await containerStatus(before.Id)).toBeNull();
    const missing = await failure('links:remove', { client: names.client, alias: 'db-server' });
    expect(missing).toMatchObject({ code: 'not-found', message: expect.stringMatching(/has no link called db-server/) });
  });
});

describe('the user-network alternative', () => {
  it('connects both containers to an existing user network, the target with the alias, without recreating', async () => {
    await docker(['network', 'create', ...labelArgs(), names.net]);
    const clientBefore = await inspect(names.client);
    const result = await h.call<NetworkConnectResult>('links:connect-network', { client: names.client, target: names.db, network: names.net, alias: 'database' });
    expect(result).toMatchObject({ network: names.net, created: false, alias: 'database', connected: [names.db, names.client] });
    const db = await inspect(names.db);
    expect(db.NetworkSettings.Networks[names.net].Aliases).toContain('database');
    const client = await inspect(names.client);
    expect(client.Id).toBe(clientBefore.Id);
    expect(client.NetworkSettings.Networks[names.net]).toBeDefined();
    // The engine's DNS answers for the alias: the client reaches db as "database".
    await execIn(names.db, 'sh', '-c', 'nc -l -p 7000 -e echo pong >/dev/null 2>&1 & exit 0').catch(() => execIn(names.db, 'sh', '-c', '(echo pong | nc -l -p 7000) >/dev/null 2>&1 & exit 0'));
    const reply = await waitFor(async () => (await execIn(names.client, 'sh', '-c', 'echo ping | nc -w 3 database 7000')).trim() || null, { timeoutMs: 20_000, description: 'db to answer as database' });
    expect(reply).toBe('pong');
  });

  it('creates the network when asked, and refuses a missing one otherwise', async () => {
    const refused = await failure('links:connect-network', { client: names.client, target: names.cache, network: names.madeNet });
    expect(refused).toMatchObject({ code: 'not-found', message: expect.stringMatching(/no network called/) });
    const result = await h.call<NetworkConnectResult>('links:connect-network', { client: names.client, target: names.cache, network: names.madeNet, create: true });
    expect(result).toMatchObject({ created: true, alias: names.cache });
    expect(Object.keys((await inspect(names.cache)).NetworkSettings.Networks)).toContain(names.madeNet);
    await docker(['network', 'disconnect', names.madeNet, names.cache]);
    await docker(['network', 'disconnect', names.madeNet, names.client]);
  });
});

describe('identity files', () => {
  it('reads /etc/hosts, /etc/hostname and /etc/resolv.conf as the container has them', async () => {
    for (const path of ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf'] as const) {
      const file = await h.call<IdentityFileContent>('hosts-files:read', { container: names.client, path });
      expect(file.content).toBe(`${await execIn(names.client, 'cat', path)}\n`);
      expect(file).toMatchObject({ mode: 0o644, uid: 0, gid: 0, warning: expect.stringMatching(/lost when it restarts/) });
    }
  });

  it('writes /etc/hosts and reads it back equal, as docker exec cat shows it', async () => {
    const current = await h.call<IdentityFileContent>('hosts-files:read', { container: names.client, path: '/etc/hosts' });
    const content = `${current.content}10.9.8.7\tmanual.test\n`;
    const written = await h.call<IdentityFileContent>('hosts-files:write', { container: names.client, path: '/etc/hosts', content, expected: current.content });
    expect(written.content).toBe(content);
    expect(written.mode).toBe(current.mode);
    expect(['archive', 'host-file']).toContain(written.writtenVia);
    const back = await h.call<IdentityFileContent>('hosts-files:read', { container: names.client, path: '/etc/hosts' });
    expect(back.content).toBe(content);
    expect(`${await execIn(names.client, 'cat', '/etc/hosts')}\n`).toBe(content);
    const stale = await failure('hosts-files:write', { container: names.client, path: '/etc/hosts', content: 'x\n', expected: current.content });
    expect(stale).toMatchObject({ code: 'conflict', message: expect.stringMatching(/changed since you opened it/) });
    expect(`${await execIn(names.client, 'cat', '/etc/hosts')}\n`).toBe(content);
  });

  it('refuses to write into a stopped container, whose files the engine rewrites at start', async () => {
    await docker(['stop', names.cache]);
    const error = await failure('hosts-files:write', { container: names.cache, path: '/etc/hostname', content: 'x\n' });
    expect(error).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/is exited: the engine rewrites \/etc\/hostname when it starts/) });
  });
});
