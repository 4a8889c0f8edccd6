/**
 * Container requests through the core, against the real engine; the docker CLI is the witness.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ContainerDetails, ContainerSummary, ContainersChanged, RemovalPlan } from '../../shared/containers/model';
import type { PatchbayError } from '../../shared/errors';
import { startCore, type CoreHarness } from '../support/core-harness';
import {
  containerStatus,
  createTestContainer,
  docker,
  labelArgs,
  removeTestResources,
  runTestContainer,
  uniqueName,
  useEngine,
  waitFor,
} from '../support/engine';

let h: CoreHarness;

useEngine(async () => {
  h = await startCore();
});

afterEach(async () => {
  await removeTestResources({ thisRunOnly: true });
});

afterAll(async () => {
  h?.stop();
  await removeTestResources({ thisRunOnly: true });
});

async function expectFailure(channel: string, input: unknown): Promise<PatchbayError> {
  const result = await h.invoke(channel, input);
  expect(result.ok, `${channel} ${JSON.stringify(input)} should fail`).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.message.length).toBeGreaterThan(10);
  return result.error;
}

async function inCoreList(id: string): Promise<ContainerSummary | undefined> {
  return (await h.list()).containers.find((c) => c.id === id);
}

const startedAt = (ref: string) => docker(['inspect', '-f', '{{.State.StartedAt}}', ref]);

describe('container lifecycle through the core', () => {
  it('start, stop, restart, pause, unpause, kill and remove change the real container', async () => {
    const name = uniqueName('pb-life');
    // --stop-timeout 1: `sleep` as PID 1 ignores SIGTERM, so stop and restart wait this long for it.
    const id = await createTestContainer(name, ['--stop-timeout', '1']);
    expect(await containerStatus(id)).toBe('created');

    await h.call('containers:start', { id });
    expect(await containerStatus(id)).toBe('running');

    await h.call('containers:stop', { id, timeoutSeconds: 1 });
    expect(await containerStatus(id)).toBe('exited');

    // By name, the way a user might type it.
    await h.call('containers:start', { id: name });
    expect(await containerStatus(id)).toBe('running');

    const before = await startedAt(id);
    await h.call('containers:restart', { id });
    expect(await containerStatus(id)).toBe('running');
    expect(await startedAt(id)).not.toBe(before);

    await h.call('containers:pause', { id });
    expect(await containerStatus(id)).toBe('paused');

    await h.call('containers:unpause', { id });
    expect(await containerStatus(id)).toBe('running');

    await h.call('containers:kill', { id });
    expect(await containerStatus(id)).toBe('exited');
    expect(await docker(['inspect', '-f', '{{.State.ExitCode}}', id])).toBe('137');

    await h.call('containers:remove', { id, removeAnonymousVolumes: false, force: false });
    expect(await containerStatus(id)).toBeNull();
  });

  it('removing a running container needs force', async () => {
    const id = await runTestContainer(uniqueName('pb-force'));
    const error = await expectFailure('containers:remove', { id, removeAnonymousVolumes: false, force: false });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/running|stop/i);
    expect(await containerStatus(id)).toBe('running');

    await h.call('containers:remove', { id, removeAnonymousVolumes: false, force: true });
    expect(await containerStatus(id)).toBeNull();
  });

  it('the mirror follows the actions: the list shows the new state', async () => {
    const id = await createTestContainer(uniqueName('pb-mirror'));
    await waitFor(async () => (await inCoreList(id))?.state === 'created', { timeoutMs: 2_000 });
    await h.call('containers:start', { id });
    await waitFor(async () => (await inCoreList(id))?.state === 'running', { timeoutMs: 2_000, description: 'running in the list' });
    await h.call('containers:pause', { id });
    await waitFor(async () => (await inCoreList(id))?.state === 'paused', { timeoutMs: 2_000, description: 'paused in the list' });
  });
});

describe('the event stream', () => {
  it('delivers a container made by the CLI as an upsert, and its removal, within 2 s', async () => {
    const name = uniqueName('pb-event');
    const since = Date.now();
    const id = await runTestContainer(name);
    const hasIt = (change: ContainersChanged) => change.upserted.some((c) => c.id === id && c.state === 'running');
    const created = await h.waitForEvent('containers:changed', hasIt, 2_000, since);
    const row = created.payload.upserted.find((c) => c.id === id)!;
    expect(row.name).toBe(name);
    expect(row.state).toBe('running');
    expect(row.image).toBe('patchbay-test/busybox:latest');
    expect(row.labels['patchbay.test']).toBe('1');
    expect((await inCoreList(id))?.name).toBe(name);

    const beforeRemove = Date.now();
    await docker(['rm', '-f', id]);
    const removed = await h.waitForEvent('containers:changed', (c) => c.removed.includes(id), 2_000, beforeRemove);
    expect(removed.payload.upserted.map((c) => c.id)).not.toContain(id);
    expect(removed.payload.revision).toBeGreaterThan(created.payload.revision);
    expect(await inCoreList(id)).toBeUndefined();
  });

  it('keeps up with a burst: 15 containers created and removed at once', async () => {
    const names = Array.from({ length: 15 }, (_, i) => uniqueName(`pb-burst-${i}`));
    const ids = await Promise.all(names.map((name) => createTestContainer(name)));
    await waitFor(
      async () => {
        const listed = new Map((await h.list()).containers.map((c) => [c.id, c.name]));
        expect(ids.filter((id) => !listed.has(id))).toEqual([]);
        return ids.every((id, i) => listed.get(id) === names[i]);
      },
      { timeoutMs: 3_000, description: 'all 15 in the list' },
    );
    await docker(['rm', '-f', ...ids]);
    await waitFor(
      async () => {
        const listed = new Set((await h.list()).containers.map((c) => c.id));
        expect(ids.filter((id) => listed.has(id))).toEqual([]);
        return true;
      },
      { timeoutMs: 3_000, description: 'all 15 gone from the list' },
    );
  });

  it('follows a CLI rename and stop', async () => {
    const id = await runTestContainer(uniqueName('pb-cli'), ['--stop-timeout', '1']);
    await waitFor(() => inCoreList(id), { timeoutMs: 2_000 });
    const renamed = uniqueName('pb-cli-renamed');
    await docker(['rename', id, renamed]);
    await waitFor(async () => (await inCoreList(id))?.name === renamed, { timeoutMs: 2_000, description: 'the new name' });
    await docker(['stop', '-t', '1', id]);
    await waitFor(async () => (await inCoreList(id))?.state === 'exited', { timeoutMs: 2_000, description: 'exited' });
  });
});

describe('failures', () => {
  it('a container removed by the CLI between list and action gives not-found with a readable message', async () => {
    const name = uniqueName('pb-gone');
    const id = await runTestContainer(name);
    await waitFor(() => inCoreList(id), { timeoutMs: 2_000, description: 'the container in the list' });
    await docker(['rm', '-f', id]);

    for (const [channel, input] of [
      ['containers:stop', { id }],
      ['containers:start', { id }],
      ['containers:restart', { id }],
      ['containers:details', { id }],
      ['containers:removal-plan', { id }],
      ['containers:remove', { id, removeAnonymousVolumes: true, force: true }],
    ] as const) {
      const error = await expectFailure(channel, input);
      expect(error.code, channel).toBe('not-found');
      // Names the container (by name while the mirror still knows it, else by the id asked for).
      expect(error.message.includes(name) || error.message.includes(id), `${channel}: ${error.message}`).toBe(true);
      expect(error.message).toMatch(/does not exist/);
      expect(error.message).not.toMatch(/HTTP code|\(HTTP/);
    }
  });

  it('rename with an invalid name is refused as invalid-input and the name stays', async () => {
    const name = uniqueName('pb-rename');
    const id = await createTestContainer(name);
    for (const bad of ['bad name', '-leading-dash', 'semi;colon', '', 'x'.repeat(129), '../escape']) {
      const error = await expectFailure('containers:rename', { id, name: bad });
      expect(error.code, JSON.stringify(bad)).toBe('invalid-input');
    }
    expect(await docker(['inspect', '-f', '{{.Name}}', id])).toBe(`/${name}`);

    const good = uniqueName('pb-renamed');
    await h.call('containers:rename', { id, name: good });
    expect(await docker(['inspect', '-f', '{{.Name}}', id])).toBe(`/${good}`);
  });

  it('rename to a name another container has is a conflict', async () => {
    const taken = uniqueName('pb-taken');
    await createTestContainer(taken);
    const id = await createTestContainer(uniqueName('pb-other'));
    const error = await expectFailure('containers:rename', { id, name: taken });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(taken);
  });

  it('an unknown channel is unknown-channel', async () => {
    for (const channel of ['containers:explode', 'toString', '__proto__', 'constructor', '']) {
      const error = await expectFailure(channel, {});
      expect(error.code, channel).toBe('unknown-channel');
    }
  });

  it('malformed input is invalid-input and changes nothing', async () => {
    const name = uniqueName('pb-malformed');
    const id = await runTestContainer(name);
    const cases: Array<[string, unknown]> = [
      ['containers:stop', { id: 42 }],
      ['containers:stop', { id, timeoutSeconds: 'soon' }],
      ['containers:stop', { id, timeoutSeconds: -1 }],
      ['containers:stop', { id, timeoutSeconds: 1.5 }],
      ['containers:stop', { id, extra: true }],
      ['containers:stop', {}],
      ['containers:stop', null],
      ['containers:stop', 'just a string'],
      ['containers:stop', [id]],
      ['containers:kill', { id: `${id} --signal KILL` }],
      ['containers:kill', { id: '../../containers/json' }],
      ['containers:kill', { id: '' }],
      ['containers:pause', { id: 'x'.repeat(300) }],
      ['containers:remove', { id }],
      ['containers:remove', { id, force: 'yes', removeAnonymousVolumes: true }],
      ['containers:remove', { id, force: true, removeAnonymousVolumes: true, signal: 'KILL' }],
      ['containers:rename', { id, name: 7 }],
      ['containers:list', { all: true }],
      ['images:remove', { id: 'patchbay-test/busybox:latest' }],
    ];
    for (const [channel, input] of cases) {
      const error = await expectFailure(channel, input);
      expect(error.code, `${channel} ${JSON.stringify(input)}`).toBe('invalid-input');
    }
    expect(await containerStatus(id)).toBe('running');
    expect(await docker(['inspect', '-f', '{{.Name}}', id])).toBe(`/${name}`);
    expect(await docker(['image', 'inspect', '-f', '{{.Id}}', 'patchbay-test/busybox:latest'])).toMatch(/^sha256:/);
  });

  it('invalid-input messages say which field is wrong', async () => {
    const id = await createTestContainer(uniqueName('pb-msg'));
    expect((await expectFailure('containers:stop', { id, extra: 1 })).message).toContain('extra');
    expect((await expectFailure('containers:stop', { id, timeoutSeconds: 'x' })).message).toContain('timeoutSeconds');
    expect((await expectFailure('containers:remove', { id, removeAnonymousVolumes: true })).message).toContain('force');
  });
});

describe('volumes on removal', () => {
  it('removal-plan separates the anonymous volume from the named one, and rm -v deletes only the anonymous one', async () => {
    const volume = uniqueName('pb-named');
    await docker(['volume', 'create', ...labelArgs(), volume]);
    const id = await createTestContainer(uniqueName('pb-vols'), ['-v', '/data', '-v', `${volume}:/named`]);
    const anonymous = await docker(['inspect', '-f', '{{range .Mounts}}{{if eq .Destination "/data"}}{{.Name}}{{end}}{{end}}', id]);
    expect(anonymous).toMatch(/^[0-9a-f]{64}$/);

    const plan = await h.call<RemovalPlan>('containers:removal-plan', { id });
    expect(plan.running).toBe(false);
    expect(plan.anonymousVolumes).toEqual([anonymous]);
    expect(plan.sharedAnonymousVolumes).toEqual([]);
    expect(plan.keptMounts).toEqual([`${volume}:/named`]);
    expect(plan.keptMounts.join(' ')).not.toContain(anonymous);

    await h.call('containers:remove', { id, removeAnonymousVolumes: true, force: false });
    expect(await containerStatus(id)).toBeNull();
    const volumes = (await docker(['volume', 'ls', '-q'])).split('\n');
    expect(volumes).not.toContain(anonymous);
    expect(volumes).toContain(volume);
  });

  it('remove without removeAnonymousVolumes keeps the anonymous volume', async () => {
    const id = await createTestContainer(uniqueName('pb-keepvol'), ['-v', '/data']);
    const anonymous = await docker(['inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', id]);
    try {
      await h.call('containers:remove', { id, removeAnonymousVolumes: false, force: false });
      expect(await containerStatus(id)).toBeNull();
      expect((await docker(['volume', 'ls', '-q'])).split('\n')).toContain(anonymous);
    } finally {
      // Not labelled (the engine named it), so removeTestResources would not find it.
      await docker(['volume', 'rm', '-f', anonymous]).catch(() => undefined);
    }
  });

  it('an anonymous volume another container also mounts is listed as shared', async () => {
    const first = await createTestContainer(uniqueName('pb-share-a'), ['-v', '/data']);
    const anonymous = await docker(['inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', first]);
    const second = await createTestContainer(uniqueName('pb-share-b'), ['--volumes-from', first]);
    await waitFor(() => inCoreList(second), { timeoutMs: 2_000, description: 'the second container in the mirror' });
    const plan = await h.call<RemovalPlan>('containers:removal-plan', { id: first });
    expect(plan.anonymousVolumes).toEqual([anonymous]);
    expect(plan.sharedAnonymousVolumes).toEqual([anonymous]);
  });
});

describe('details', () => {
  it('facts mention the IP address of a running container', async () => {
    const name = uniqueName('pb-details');
    const id = await runTestContainer(name);
    const ip = await docker(['inspect', '-f', '{{.NetworkSettings.Networks.bridge.IPAddress}}', id]);
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const details = await h.call<ContainerDetails>('containers:details', { id: name });
    expect(details.summary.id).toBe(id);
    expect(details.summary.name).toBe(name);
    expect(details.summary.networks).toEqual([expect.objectContaining({ name: 'bridge', ipAddress: ip })]);
    const ipFact = details.facts.find((f) => f.value.includes(ip));
    expect(ipFact, JSON.stringify(details.facts)).toBeDefined();
    expect(ipFact!.label).toBe('Network bridge');
    expect(details.facts.find((f) => f.label === 'State')?.value).toMatch(/^running since/);
    expect((details.inspect as { Id: string }).Id).toBe(id);
  });
});
