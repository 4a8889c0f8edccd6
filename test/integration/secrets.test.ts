/**
 * A container's secrets (`*_PASSWORD` in its environment) are the user's data: Patchbay shows them
 * when asked, but never writes them to its own logs — not the core's `log`, and not the stdout or
 * stderr of the web bridge process (`node out/main/web.js`, built by `npm run build`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { channelNames, channels } from '../../shared/contract';
import { startCore, type CoreHarness } from '../support/core-harness';
import { connectStreams } from '../support/stream-client';
import { docker, removeTestResources, runTestContainer, uniqueName, useEngine, waitFor } from '../support/engine';

const SECRET = `s3cret-value-${randomBytes(6).toString('hex')}`;
const NAME = uniqueName('pb-secret');
const WEB_MAIN = join(process.cwd(), 'out/main/web.js');
const READ_ONLY = /^(list|get|status|info|inspect|details|removal-plan|prune-plan|lineage|networks|container-as-form|container-mounts|explain|[a-z-]*-explain|explain-[a-z-]*)$/;

let id = '';
let h: CoreHarness | undefined;
const coreLog: string[] = [];
let web: ChildProcess | undefined;
let webOutput = '';

useEngine(async () => {
  id = await runTestContainer(NAME, ['--network', 'none', '-e', `DB_ROOT_PASSWORD=${SECRET}`, '-e', `API_TOKEN=${SECRET}`]);
});

afterAll(async () => {
  try {
    h?.stop();
    if (web && web.exitCode === null) {
      web.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (web.exitCode === null) web.kill('SIGKILL');
    }
  } finally {
    await removeTestResources({ thisRunOnly: true });
  }
});

/** Every read-only channel, with the container as its input wherever the schema takes one. */
function readOnlyCalls(): Array<{ channel: string; input: unknown }> {
  const calls: Array<{ channel: string; input: unknown }> = [];
  for (const channel of channelNames) {
    if (!READ_ONLY.test(channel.split(':')[1] ?? '')) continue;
    const schema = channels[channel].input as z.ZodType;
    const candidates = [{}, { id }, { id: NAME }, { container: id }, { target: { kind: 'container', id }, path: '/' }];
    for (const input of candidates) if (schema.safeParse(input).success) calls.push({ channel, input });
  }
  return calls;
}

describe('secrets from a container environment stay out of Patchbay logs', () => {
  it('the core: details, inspect, links, run-as-form and the rest, plus a shell and logs', async () => {
    h = await startCore({ log: (message) => coreLog.push(message) });
    const calls = readOnlyCalls();
    expect(calls.map((c) => c.channel)).toEqual(expect.arrayContaining(['containers:details', 'run:container-as-form']));
    let shown = 0;
    for (const { channel, input } of calls) {
      const result = await h.invoke(channel, input);
      if (JSON.stringify(result).includes(SECRET)) shown += 1;
    }
    // The user may see it (details, run-as-form): that is their data, not a log.
    expect(shown).toBeGreaterThan(0);
    // Failures are what the core logs: provoke a few with the secret in the request.
    await h.invoke('run:preflight', { form: { image: `x:${SECRET}`, env: [{ key: 'DB_ROOT_PASSWORD', value: SECRET }] } });
    await h.invoke('containers:rename', { id, name: `bad name ${SECRET}` });
    await h.invoke('run:image-info', { image: `../${SECRET}` });
    const stream = await h.core.openStream('terminal:exec', { container: id, cmd: ['env'] });
    expect(stream.ok).toBe(true);
    if (stream.ok) {
      let out = '';
      stream.value.onData((bytes) => (out += bytes.toString()));
      await waitFor(() => out.includes(SECRET), { timeoutMs: 15_000, description: 'env output in the exec stream' });
      stream.value.close();
    }
    for (const line of coreLog) expect(line).not.toContain(SECRET);
    console.log(`core: ${calls.length} read-only calls (${shown} showed the secret to the caller), ${coreLog.length} log lines, none with the secret`);
  });

  it('the web bridge process (node out/main/web.js): nothing on its stdout or stderr', { timeout: 90_000 }, async () => {
    expect(existsSync(WEB_MAIN), 'out/main/web.js is missing: run npm run build first (npm test does)').toBe(true);
    const token = randomBytes(16).toString('hex');
    web = spawn(process.execPath, [WEB_MAIN], {
      env: { ...process.env, PATCHBAY_PORT: '0', PATCHBAY_TOKEN: token, DOCKER_HOST: 'unix:///var/run/docker.sock' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    web.stdout?.on('data', (chunk: Buffer) => (webOutput += chunk.toString()));
    web.stderr?.on('data', (chunk: Buffer) => (webOutput += chunk.toString()));
    const url = await waitFor(() => /serving on (http:\/\/127\.0\.0\.1:\d+)\//.exec(webOutput)?.[1], { timeoutMs: 30_000, description: 'web.js to print its address' });
    const port = Number(new URL(url).port);
    const post = (channel: string, input: unknown) =>
      new Promise<string>((resolve, reject) => {
        const body = JSON.stringify(input);
        const req = httpRequest(
          { host: '127.0.0.1', port, method: 'POST', path: `/api/${channel}`, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => resolve(text));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    await waitFor(async () => JSON.parse(await post('engine:status', {})).value.state === 'up', { timeoutMs: 15_000, description: 'the engine to be up' });
    let shown = 0;
    for (const { channel, input } of readOnlyCalls()) if ((await post(channel, input)).includes(SECRET)) shown += 1;
    expect(shown).toBeGreaterThan(0);
    await post('run:preflight', { form: { image: `x:${SECRET}`, env: [{ key: 'DB_ROOT_PASSWORD', value: SECRET }] } });
    await post('run:image-info', { image: `../${SECRET}` });
    await post('containers:rename', { id, name: `bad name ${SECRET}` });
    const client = await connectStreams({ port, token } as Parameters<typeof connectStreams>[0]);
    const shell = await client.open('terminal:exec', { container: id, cmd: ['env'] });
    await waitFor(() => shell.text().includes(SECRET), { timeoutMs: 15_000, description: 'env over the WebSocket' });
    client.close();
    // The container's end is an event the core handles; then the process stops as Ctrl-C would.
    await docker(['rm', '-f', id]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    web.kill('SIGTERM');
    await waitFor(() => web?.exitCode !== null, { timeoutMs: 10_000, description: 'web.js to exit' });
    expect(webOutput).toContain('Patchbay is serving on');
    expect(webOutput).not.toContain(SECRET);
    console.log(`web.js: ${webOutput.split('\n').length} lines of output, none with the secret`);
  });
});
