/**
 * Creating containers through the core (`run:*`) against the real engine; the docker CLI is the witness.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatchbayError } from '../../shared/errors';
import { formatRunCommand } from '../../shared/run-command/format-run-command';
import { emptyRunForm, type RunForm } from '../../shared/run-command/run-form';
import type { ContainerAsForm, PreflightProblem, RunCreated, RunImageInfo, RunNetworkChoice } from '../../shared/run/model';
import { startCore, type CoreHarness } from '../support/core-harness';
import {
  RUN_LABEL,
  TEST_IMAGE,
  TEST_LABEL,
  containerStatus,
  docker,
  labelArgs,
  removeTestResources,
  requireEngine,
  runTestContainer,
  uniqueName,
  waitFor,
} from '../support/engine';

let h: CoreHarness;
let scratch: string;
const servers: Server[] = [];

beforeAll(async () => {
  await requireEngine();
  h = await startCore();
  scratch = await mkdtemp(join(tmpdir(), 'patchbay-run-'));
});

afterAll(async () => {
  for (const server of servers) server.close();
  h?.stop();
  await removeTestResources({ thisRunOnly: true });
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const split = (label: string) => ({ key: label.split('=')[0], value: label.split('=')[1] });

/** A detached busybox form carrying this file's labels. */
function testForm(name: string, patch: Partial<RunForm> = {}): RunForm {
  return {
    ...emptyRunForm(),
    image: TEST_IMAGE,
    name,
    detach: true,
    command: ['sleep', '3600'],
    labels: [split(TEST_LABEL), split(RUN_LABEL)],
    ...patch,
  };
}

async function expectFailure(channel: string, input: unknown): Promise<PatchbayError> {
  const result = await h.invoke(channel, input);
  expect(result.ok, `${channel} should fail`).toBe(false);
  if (result.ok) throw new Error('unreachable');
  return result.error;
}

/** Whether the engine has any container called `name` (running or not). */
async function exists(name: string): Promise<boolean> {
  return (await docker(['ps', '-a', '--filter', `name=^/${name}$`, '--format', '{{.Names}}'])) !== '';
}

/** A host port nothing listens on now (tcp on every IPv4 address). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `count` consecutive free ports below the ephemeral range, so the engine does not hand them out meanwhile. */
async function freeRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 10_000);
    const servers: Server[] = [];
    try {
      for (let p = base; p < base + count; p++) {
        const s = createServer();
        await new Promise<void>((resolve, reject) => {
          s.once('error', reject);
          s.listen(p, '0.0.0.0', resolve);
        });
        servers.push(s);
      }
      return base;
    } catch {
      // taken: try another base
    } finally {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    }
  }
  throw new Error('no free port range');
}

async function holdPort(port: number, host: string): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  servers.push(server);
  return server;
}

const portBindings = async (name: string) => JSON.parse(await docker(['inspect', '-f', '{{json .HostConfig.PortBindings}}', name]));
const dockerPort = async (name: string) => (await docker(['port', name])).split('\n').filter(Boolean).sort();

describe('run:create publishes ports in every -p form', () => {
  it('hostPort:containerPort, reachable from the host', async () => {
    const name = uniqueName('pb-run-p');
    const port = await freePort();
    const created = await h.call<RunCreated>('run:create', {
      form: testForm(name, { ports: [`${port}:80`], command: ['httpd', '-f', '-p', '80', '-h', '/etc'] }),
    });
    expect(created).toMatchObject({ name, started: true });
    expect(await portBindings(name)).toEqual({ '80/tcp': [{ HostIp: '', HostPort: String(port) }] });
    expect(await dockerPort(name)).toEqual([`80/tcp -> 0.0.0.0:${port}`, `80/tcp -> [::]:${port}`].sort());
    const body = await waitFor(
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/hostname`);
        return res.ok ? res.text() : null;
      },
      { timeoutMs: 10_000, description: 'httpd to answer through the published port' },
    );
    expect(body.trim()).toBe(created.id.slice(0, 12));
  });

  it('ip:hostPort:containerPort', async () => {
    const name = uniqueName('pb-run-ip');
    const port = await freePort();
    await h.call('run:create', { form: testForm(name, { ports: [`127.0.0.1:${port}:80`] }) });
    expect(await portBindings(name)).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] });
    expect(await dockerPort(name)).toEqual([`80/tcp -> 127.0.0.1:${port}`]);
  });

  it('ip::containerPort gets a random host port on that address', async () => {
    const name = uniqueName('pb-run-ipr');
    await h.call('run:create', { form: testForm(name, { ports: ['127.0.0.1::80'] }) });
    expect(await portBindings(name)).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] });
    const lines = await dockerPort(name);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^80\/tcp -> 127\.0\.0\.1:\d+$/);
  });

  it('containerPort alone gets a random host port on every address', async () => {
    const name = uniqueName('pb-run-c');
    await h.call('run:create', { form: testForm(name, { ports: ['80'] }) });
    expect(await portBindings(name)).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '' }] });
    const lines = await dockerPort(name);
    expect(lines.find((l) => l.includes('0.0.0.0'))).toMatch(/^80\/tcp -> 0\.0\.0\.0:\d+$/);
  });

  it('a range 127.0.0.1:B-B+2:8000-8002 pairs ports one to one', async () => {
    const name = uniqueName('pb-run-range');
    const base = await freeRange(3);
    await h.call('run:create', { form: testForm(name, { ports: [`127.0.0.1:${base}-${base + 2}:8000-8002`] }) });
    expect(await portBindings(name)).toEqual({
      '8000/tcp': [{ HostIp: '127.0.0.1', HostPort: String(base) }],
      '8001/tcp': [{ HostIp: '127.0.0.1', HostPort: String(base + 1) }],
      '8002/tcp': [{ HostIp: '127.0.0.1', HostPort: String(base + 2) }],
    });
    expect(await dockerPort(name)).toEqual(
      [`8000/tcp -> 127.0.0.1:${base}`, `8001/tcp -> 127.0.0.1:${base + 1}`, `8002/tcp -> 127.0.0.1:${base + 2}`].sort(),
    );
  });

  it('/udp', async () => {
    const name = uniqueName('pb-run-udp');
    const port = await freePort();
    await h.call('run:create', { form: testForm(name, { ports: [`127.0.0.1:${port}:53/udp`] }) });
    expect(await portBindings(name)).toEqual({ '53/udp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] });
    expect(await dockerPort(name)).toEqual([`53/udp -> 127.0.0.1:${port}`]);
  });

  it('-P with --expose 7000 publishes it on a random high host port', async () => {
    const name = uniqueName('pb-run-P');
    await h.call('run:create', { form: testForm(name, { publishAll: true, expose: ['7000'] }) });
    expect(await docker(['inspect', '-f', '{{.HostConfig.PublishAllPorts}}', name])).toBe('true');
    const lines = await dockerPort(name);
    const v4 = lines.find((l) => l.startsWith('7000/tcp -> 0.0.0.0:'));
    expect(v4).toBeDefined();
    expect(Number(v4!.split(':').pop())).toBeGreaterThanOrEqual(32768);
  });
});

describe('run:preflight and run:create refuse what would fail, creating nothing', () => {
  it('a port held by a plain Node net.Server on 127.0.0.1 is reported before create', async () => {
    const port = await freePort();
    await holdPort(port, '127.0.0.1');
    for (const spec of [`127.0.0.1:${port}:80`, `${port}:80`]) {
      const name = uniqueName('pb-run-taken');
      const form = testForm(name, { ports: [spec] });
      const problems = await h.call<PreflightProblem[]>('run:preflight', { form });
      const problem = problems.find((p) => p.field === 'ports' && p.severity === 'error');
      expect(problem, `preflight of ${spec}`).toMatchObject({ index: 0 });
      expect(problem!.message).toMatch(new RegExp(`Host port ${port}/tcp on .* already in use by a program on the host`));
      const error = await expectFailure('run:create', { form });
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(/^Nothing was created: Host port/);
      expect(await exists(name)).toBe(false);
    }
  });

  it('a udp port held on the host is found too, and a free one passes', async () => {
    const { createSocket } = await import('node:dgram');
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const port = socket.address().port;
    try {
      const problems = await h.call<PreflightProblem[]>('run:preflight', { form: testForm('x', { name: '', ports: [`127.0.0.1:${port}:53/udp`] }) });
      expect(problems.map((p) => p.message).join(' ')).toMatch(new RegExp(`${port}/udp on 127.0.0.1 is already in use`));
      const free = await freePort();
      expect(await h.call('run:preflight', { form: testForm('', { ports: [`${free}:53/udp`] }) })).toEqual([]);
    } finally {
      socket.close();
    }
  });

  it('a port published by another container names that container', async () => {
    const holder = uniqueName('pb-run-holder');
    const port = await freePort();
    await runTestContainer(holder, ['-p', `127.0.0.1:${port}:80`]);
    await waitFor(async () => (await h.list()).containers.find((c) => c.name === holder && c.state === 'running'));
    const name = uniqueName('pb-run-clash');
    const error = await expectFailure('run:create', { form: testForm(name, { ports: [`${port}:8080`] }) });
    expect(error.message).toContain(`already published by container "${holder}"`);
    expect(await exists(name)).toBe(false);
  });

  it('a name in use is a clear error', async () => {
    const name = uniqueName('pb-run-dup');
    await runTestContainer(name);
    await waitFor(async () => (await h.list()).containers.find((c) => c.name === name));
    const error = await expectFailure('run:create', { form: testForm(name) });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(`The name "${name}" is already used by another container (running`);
  });

  it('a missing image fails quickly and plainly, leaving nothing', async () => {
    const name = uniqueName('pb-run-noimg');
    const image = 'patchbay-test/does-not-exist:1';
    const problems = await h.call<PreflightProblem[]>('run:preflight', { form: testForm(name, { image }) });
    expect(problems).toContainEqual(expect.objectContaining({ field: 'image', severity: 'warning' }));
    const started = Date.now();
    const error = await expectFailure('run:create', { form: testForm(name, { image }) });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(error.code).toBe('not-found');
    expect(error.message).toMatch(/is not present locally, and (this engine has no registry to pull from|the registry has no such image)/);
    expect(error.detail).toBeTruthy();
    expect(await exists(name)).toBe(false);
  });

  it('container:<target> must exist and run; then it shares the network stack', async () => {
    const target = uniqueName('pb-run-pod');
    await docker(['create', ...labelArgs(), '--name', target, TEST_IMAGE, 'sleep', '3600']);
    await waitFor(async () => (await h.list()).containers.find((c) => c.name === target));
    const name = uniqueName('pb-run-side');
    const form = testForm(name, { networkMode: `container:${target}` });
    const error = await expectFailure('run:create', { form });
    expect(error.message).toContain(`Container "${target}" is created, not running`);
    expect(await exists(name)).toBe(false);
    const missing = await expectFailure('run:create', { form: testForm(name, { networkMode: 'container:pb-run-nobody-here' }) });
    expect(missing.message).toContain('There is no container "pb-run-nobody-here"');

    await docker(['start', target]);
    await waitFor(async () => (await h.list()).containers.find((c) => c.name === target && c.state === 'running'));
    await h.call('run:create', { form });
    const targetId = await docker(['inspect', '-f', '{{.Id}}', target]);
    expect(await docker(['inspect', '-f', '{{.HostConfig.NetworkMode}}', name])).toBe(`container:${targetId}`);
  });

  it('a missing bind source is an error offering to create it; with createMissingBindSources it works', async () => {
    const source = join(scratch, 'missing', 'code');
    const name = uniqueName('pb-run-bind');
    const form = testForm(name, { volumes: [`${source}:/mnt/code:ro`] });
    const problems = await h.call<PreflightProblem[]>('run:preflight', { form });
    expect(problems).toContainEqual(
      expect.objectContaining({ field: 'volumes', index: 0, severity: 'error', fix: { kind: 'create-bind-source', path: source } }),
    );
    const error = await expectFailure('run:create', { form });
    expect(error.message).toContain(`The host folder ${source} does not exist`);
    expect(await exists(name)).toBe(false);
    expect(existsSync(source)).toBe(false);

    const created = await h.call<RunCreated>('run:create', { form, createMissingBindSources: true });
    expect(existsSync(source)).toBe(true);
    expect(created.warnings).toContain(`Created the host folder ${source}.`);
    expect(await docker(['inspect', '-f', '{{json .HostConfig.Binds}}', name])).toBe(JSON.stringify([`${source}:/mnt/code:ro`]));
  });

  it('a start failure removes the half-made container and says why in plain words', async () => {
    const name = uniqueName('pb-run-badcmd');
    const error = await expectFailure('run:create', { form: testForm(name, { command: ['/no/such/program'] }) });
    expect(error.message).toContain('could not start it: the command "/no/such/program" does not exist in the image');
    expect(error.message).toContain('removed the half-made container');
    expect(await exists(name)).toBe(false);
  });

  it('a form the engine would refuse is rejected by the schema', async () => {
    const error = await expectFailure('run:create', { form: testForm('pb-x', { ports: ['99999:80'] }) });
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('99999');
  });
});

describe('run: other requests', () => {
  it('createOnly makes a created container; -i -t --rm and restart are respected', async () => {
    const name = uniqueName('pb-run-createonly');
    const created = await h.call<RunCreated>('run:create', { form: testForm(name, { tty: true, interactive: true }), createOnly: true });
    expect(created.started).toBe(false);
    expect(await containerStatus(name)).toBe('created');
    expect(await docker(['inspect', '-f', '{{.Config.Tty}} {{.Config.OpenStdin}}', name])).toBe('true true');

    const auto = uniqueName('pb-run-rm');
    await h.call('run:create', { form: testForm(auto, { autoRemove: true, command: ['true'] }) });
    await waitFor(async () => !(await exists(auto)), { timeoutMs: 15_000, description: '--rm to remove the container' });

    const restarting = uniqueName('pb-run-restart');
    await h.call('run:create', { form: testForm(restarting, { restart: { name: 'on-failure', maxRetries: 2 } }) });
    expect(await docker(['inspect', '-f', '{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}', restarting])).toBe('on-failure:2');
  });

  it('joins a user network with aliases and a fixed IP', async () => {
    const network = uniqueName('pb-run-net');
    // The engine picks a free subnet (other suites may hold fixed ones); a fixed IP needs a user-set subnet.
    await docker(['network', 'create', ...labelArgs(), network]);
    const subnet = await docker(['network', 'inspect', '-f', '{{(index .IPAM.Config 0).Subnet}}', network]);
    await docker(['network', 'rm', network]);
    await docker(['network', 'create', ...labelArgs(), '--subnet', subnet, network]);
    const networks = await h.call<RunNetworkChoice[]>('run:networks');
    expect(networks).toContainEqual(expect.objectContaining({ name: network, userDefined: true, subnets: [subnet] }));
    const octets = subnet.split('/')[0].split('.').map(Number);
    const fixedIp = [octets[0], octets[1], octets[2], octets[3] + 40].join('.');
    const name = uniqueName('pb-run-onnet');
    await h.call('run:create', { form: testForm(name, { networkMode: network, networkAliases: ['api'], ipv4Address: fixedIp }) });
    const endpoint = JSON.parse(await docker(['inspect', '-f', `{{json (index .NetworkSettings.Networks "${network}")}}`, name]));
    expect(endpoint.IPAddress).toBe(fixedIp);
    expect(endpoint.Aliases).toContain('api');
    const missing = await expectFailure('run:create', { form: testForm(uniqueName('pb-run-x'), { networkMode: 'pb-no-such-net' }) });
    expect(missing.message).toContain('There is no network called "pb-no-such-net"');
  });

  it('run:image-info shows the image defaults', async () => {
    const info = await h.call<RunImageInfo>('run:image-info', { image: TEST_IMAGE });
    expect(info.cmd).toEqual(['/bin/sh']);
    expect(info.tags).toContain(TEST_IMAGE);
    expect(info.env.some((e) => e.startsWith('PATH='))).toBe(true);
    const error = await expectFailure('run:image-info', { image: 'patchbay-test/nope:1' });
    expect(error.code).toBe('not-found');
  });

  it('run:container-as-form of a created container gives back its flags', async () => {
    const name = uniqueName('pb-run-copy');
    const port = await freePort();
    const form = testForm(name, {
      env: [{ key: 'GREETING', value: 'hello world' }],
      ports: [`127.0.0.1:${port}:80`, '127.0.0.1::81'],
      expose: ['7000'],
      volumes: ['/data'],
      hostname: 'copyhost',
      workdir: '/tmp',
      restart: { name: 'unless-stopped', maxRetries: 0 },
    });
    const created = await h.call<RunCreated>('run:create', { form });
    const { form: back, notes } = await h.call<ContainerAsForm>('run:container-as-form', { id: created.id });
    expect(notes).toEqual([]);
    expect(back).toEqual(form);
    const command = formatRunCommand(back);
    expect(command).toBe(formatRunCommand(form));
    expect(command).toContain(`-p 127.0.0.1:${port}:80 -p 127.0.0.1::81`);
    expect(command).toContain("-e 'GREETING=hello world'");
  });
});
