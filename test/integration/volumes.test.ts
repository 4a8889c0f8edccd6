/**
 * Volumes, mounts, lineage and the file browser through the core, against the real engine;
 * the docker CLI (and the host's files, where this process can see them) is the witness.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PatchbayError } from '../../shared/errors';
import type { ContainerMounts, FileListing, FilePreview, Lineage, PrunePlan, PruneResult, VolumeList } from '../../shared/volumes/model';
import { startCore, type CoreHarness } from '../support/core-harness';
import { createTestContainer, docker, labelArgs, removeTestResources, runTestContainer, TEST_IMAGE, uniqueName, useEngine, waitFor } from '../support/engine';

let h: CoreHarness;
const hostDir = mkdtempSync(join(tmpdir(), 'pb-vol-bind-'));
const p = uniqueName('pbvol');
const names = {
  named: `${p}-named`,
  big: `${p}-big`,
  mounts: `${p}-mounts`,
  data: `${p}-data`,
  client1: `${p}-client1`,
  client2: `${p}-client2`,
  client3: `${p}-client3`,
};
const NONE = ['--network', 'none'];
let anonymous = '';

/** `docker run --rm` of the test image with `args` (no network): the witness inside a volume. */
const inVolume = (volume: string, script: string, mode = '') =>
  docker(['run', '--rm', ...labelArgs(), ...NONE, '-v', `${volume}:/v${mode}`, TEST_IMAGE, 'sh', '-c', script]);

useEngine(async () => {
  h = await startCore();
  writeFileSync(join(hostDir, 'host-file.txt'), 'from the host\n');
  await docker(['volume', 'create', ...labelArgs(), '--label', 'purpose=tests', names.named]);
  await docker(['volume', 'create', ...labelArgs(), names.big]);
  await inVolume(names.named, 'mkdir -p /v/sub && echo hello > /v/sub/hello.txt');
  await inVolume(names.big, 'mkdir /v/many /v/many/empty && cd /v/many && i=0; while [ $i -lt 2000 ]; do echo $i > f-$i; i=$((i+1)); done; ln -s f-1 link');
  await createTestContainer(names.mounts, [...NONE, '-v', '/anon', '-v', `${names.named}:/named`, '-v', `${hostDir}:/srv/host:ro`, '--tmpfs', '/scratch']);
  anonymous = await docker(['inspect', '-f', '{{range .Mounts}}{{if eq .Destination "/anon"}}{{.Name}}{{end}}{{end}}', names.mounts]);
  // The --volumes-from chain: data is created and never run.
  await createTestContainer(names.data, ['-v', '/shared', '-v', `${names.named}:/named`]);
  await createTestContainer(names.client1, [...NONE, '--volumes-from', names.data]);
  await createTestContainer(names.client2, [...NONE, '--volumes-from', `${names.data}:ro`]);
  await createTestContainer(names.client3, [...NONE, '--volumes-from', names.client2]);
  await waitFor(async () => (await h.list()).containers.some((c) => c.name === names.client3), { description: 'the chain in the core' });
});

afterAll(async () => {
  h?.stop();
  delete process.env.PATCHBAY_FILES_STRATEGY;
  await removeTestResources({ thisRunOnly: true });
  rmSync(hostDir, { recursive: true, force: true });
});

async function failure(channel: string, input: unknown): Promise<PatchbayError> {
  const result = await h.invoke(channel, input);
  expect(result.ok, `${channel} ${JSON.stringify(input)} should fail`).toBe(false);
  if (result.ok) throw new Error('unreachable');
  return result.error;
}

const inspectJson = async <T>(args: string[]) => JSON.parse(await docker(args)) as T;
const STRATEGIES = [
  ['mountpoint', 'direct'],
  ['helper', 'helper'],
] as const;
function useStrategy(strategy: 'direct' | 'helper') {
  if (strategy === 'helper') process.env.PATCHBAY_FILES_STRATEGY = 'helper';
  else delete process.env.PATCHBAY_FILES_STRATEGY;
}

describe('the volumes view equals the engine', () => {
  it('lists a named volume exactly as docker volume inspect says, with who uses it where', async () => {
    const [engine] = await inspectJson<Array<Record<string, unknown>>>(['volume', 'inspect', names.named]);
    const list = await h.call<VolumeList>('volumes:list');
    const view = list.volumes.find((v) => v.name === names.named)!;
    expect(view).toMatchObject({
      name: engine.Name,
      driver: engine.Driver,
      mountpoint: engine.Mountpoint,
      created: engine.CreatedAt,
      labels: engine.Labels,
      options: engine.Options ?? {},
      scope: engine.Scope,
      anonymous: false,
    });
    expect(view.usedBy.map((u) => [u.containerName, u.destination, u.readWrite]).sort()).toEqual(
      [
        [names.client1, '/named', true],
        [names.client2, '/named', false],
        [names.client3, '/named', false],
        [names.data, '/named', true],
        [names.mounts, '/named', true],
      ].sort(),
    );
    if (list.sizesKnown) expect(view.sizeBytes).toBeGreaterThan(0);
    const anon = list.volumes.find((v) => v.name === anonymous)!;
    expect(anon).toMatchObject({ anonymous: true, createdBy: { containerName: names.mounts } });
  });

  it('classifies every mount of a container exactly as docker inspect Mounts says', async () => {
    const [inspect] = await inspectJson<Array<{ Mounts: Array<Record<string, unknown>> }>>(['inspect', names.mounts]);
    const view = await h.call<ContainerMounts>('volumes:container-mounts', { id: names.mounts });
    for (const mount of inspect.Mounts) {
      const shown = view.mounts.find((m) => m.destination === mount.Destination)!;
      expect(shown, `mount at ${String(mount.Destination)}`).toBeDefined();
      expect(shown.readWrite).toBe(mount.RW);
      expect(shown.mode).toBe(mount.Mode);
      expect(shown.propagation).toBe(mount.Propagation);
      if (mount.Type === 'volume') expect(shown.volumeName).toBe(mount.Name);
      else expect(shown.source).toBe(mount.Source);
    }
    const kinds = Object.fromEntries(view.mounts.map((m) => [m.destination, m.kind]));
    expect(kinds).toEqual({ '/anon': 'anonymous', '/named': 'named', '/srv/host': 'bind', '/scratch': 'tmpfs' });
    expect(view.mounts.find((m) => m.destination === '/srv/host')!.sentence).toContain(`Host folder ${hostDir} appears at /srv/host, read-only`);
  });

  it('draws the --volumes-from lineage with the modes the engine gives each container', async () => {
    const lineage = await h.call<Lineage>('volumes:lineage');
    const id = async (n: string) => docker(['inspect', '-f', '{{.Id}}', n]);
    const [data, c1, c2, c3] = await Promise.all([names.data, names.client1, names.client2, names.client3].map(id));
    expect(lineage.edges).toEqual(
      expect.arrayContaining([
        { from: data, to: c1, mode: 'rw' },
        { from: data, to: c2, mode: 'ro' },
        { from: c2, to: c3, mode: 'rw' },
      ]),
    );
    for (const name of [names.data, names.client1, names.client2, names.client3]) {
      const node = lineage.nodes.find((n) => n.name === name)!;
      const [inspect] = await inspectJson<Array<{ Mounts: Array<{ Name: string; Destination: string; RW: boolean }> }>>(['inspect', name]);
      expect(node.volumes.map((v) => [v.destination, v.name, v.readWrite]).sort()).toEqual(inspect.Mounts.map((m) => [m.Destination, m.Name, m.RW]).sort());
    }
    expect(lineage.nodes.find((n) => n.name === names.data)!.dataContainer).toBe(true);
    expect(lineage.nodes.find((n) => n.name === names.client3)!.volumes.every((v) => !v.readWrite && v.inheritedFrom === names.client2)).toBe(true);
  });
});

describe('browsing a volume', () => {
  it.each(STRATEGIES)('lists 2,000 files, a symlink and an empty folder exactly (%s)', async (via, strategy) => {
    useStrategy(strategy);
    const witness = (await inVolume(names.big, "cd /v/many && stat -c '%n %s %Y' f-0 f-1999 link empty", ':ro')).split('\n');
    const listing = await h.call<FileListing>('files:list', { target: { kind: 'volume', name: names.big }, path: '/many' });
    expect(listing.via).toBe(via);
    expect(listing.path).toBe('/many');
    expect(listing.entries).toHaveLength(2002);
    const expected = new Set([...Array.from({ length: 2000 }, (_, i) => `f-${i}`), 'link', 'empty']);
    expect(new Set(listing.entries.map((e) => e.name))).toEqual(expected);
    expect(listing.entries[0]).toMatchObject({ name: 'empty', type: 'dir', mode: 'drwxr-xr-x', octal: '0755' });
    for (const entry of listing.entries.filter((e) => e.name.startsWith('f-'))) {
      expect(entry).toMatchObject({ type: 'file', size: entry.name.length - 2 + 1, mode: '-rw-r--r--' });
    }
    expect(listing.entries.find((e) => e.name === 'link')).toMatchObject({ type: 'symlink', linkTarget: 'f-1', mode: 'lrwxrwxrwx' });
    for (const line of witness) {
      const [name, size, mtime] = line.split(' ');
      const entry = listing.entries.find((e) => e.name === name)!;
      if (entry.type !== 'dir' && entry.type !== 'symlink') expect(entry.size).toBe(Number(size));
      expect(Math.floor(Date.parse(entry.mtime) / 1000)).toBe(Number(mtime));
    }
    useStrategy('direct');
  });

  it.each(STRATEGIES)('previews text, refuses binary, downloads a file and a folder tar (%s)', async (_via, strategy) => {
    useStrategy(strategy);
    const target = { kind: 'volume', name: names.named };
    const text = await h.call<FilePreview>('files:read', { target, path: '/sub/hello.txt' });
    expect(text).toEqual({ kind: 'text', path: '/sub/hello.txt', size: 6, text: 'hello\n', truncated: false });
    await inVolume(names.named, 'printf "\\000\\001\\002" > /v/bin.dat');
    expect((await h.call<FilePreview>('files:read', { target, path: '/bin.dat' })).kind).toBe('binary');
    expect((await h.call<FilePreview>('files:read', { target, path: '/sub' })).kind).toBe('not-a-file');
    const fileDownload = await download(target, '/sub/hello.txt');
    expect(fileDownload.start).toMatchObject({ fileName: 'hello.txt', kind: 'file', totalBytes: 6 });
    expect(fileDownload.bytes.toString()).toBe('hello\n');
    const folder = await download(target, '/sub');
    expect(folder.start).toMatchObject({ fileName: 'sub.tar', kind: 'tar', totalBytes: null });
    expect(folder.bytes.includes(Buffer.from('hello.txt'))).toBe(true);
    useStrategy('direct');
  });

  it.each(STRATEGIES)('uploads in chunks into a writable volume; docker run cat reads it back (%s)', async (_via, strategy) => {
    useStrategy(strategy);
    const target = { kind: 'volume', name: names.named };
    const content = Buffer.alloc(2.5 * 1024 * 1024);
    for (let i = 0; i < content.length; i++) content[i] = 97 + (i % 26);
    const name = `upload-${strategy}.txt`;
    const { uploadId } = await h.call<{ uploadId: string }>('files:upload-start', { target, path: '/sub', name, size: content.length });
    for (let at = 0; at < content.length; at += 1024 * 1024) {
      await h.call('files:upload-chunk', { uploadId, dataBase64: content.subarray(at, at + 1024 * 1024).toString('base64') });
    }
    expect(await h.call('files:upload-finish', { uploadId })).toEqual({ path: `/sub/${name}`, size: content.length });
    const readBack = await inVolume(names.named, `md5sum /v/sub/${name} | cut -d' ' -f1`, ':ro');
    expect(readBack).toBe(createHash('md5').update(content).digest('hex'));
    const small = Buffer.from('read me back\n');
    const second = await h.call<{ uploadId: string }>('files:upload-start', { target, path: '/', name: `small-${strategy}`, size: small.length });
    await h.call('files:upload-chunk', { uploadId: second.uploadId, dataBase64: small.toString('base64') });
    await h.call('files:upload-finish', { uploadId: second.uploadId });
    expect(await inVolume(names.named, `cat /v/small-${strategy}`)).toBe('read me back');

    await h.call('files:mkdir', { target, path: '/sub', name: `made-${strategy}` });
    expect(await inVolume(names.named, `[ -d /v/sub/made-${strategy} ] && echo yes`)).toBe('yes');
    await h.call('files:delete', { target, path: `/sub/made-${strategy}` });
    await h.call('files:delete', { target, path: `/small-${strategy}` });
    expect(await inVolume(names.named, `ls /v /v/sub`)).not.toMatch(new RegExp(`made-${strategy}|small-${strategy}`));
    useStrategy('direct');
  });

  it('refuses an upload into a :ro mount in the engine’s words and changes nothing', async () => {
    const before = await inVolume(names.named, 'find /v | sort', ':ro');
    // client2 has the named volume read-only (--volumes-from data:ro).
    const refused = await failure('files:upload-start', { target: { kind: 'container', id: names.client2 }, path: '/named', name: 'nope.txt', size: 3 });
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toMatch(/mounted volume is marked read-only/);
    expect(refused.message).toMatch(/Nothing was uploaded/);
    const bind = await failure('files:upload-start', { target: { kind: 'container', id: names.mounts }, path: '/srv/host', name: 'nope.txt', size: 3 });
    expect(bind.message).toMatch(/read-only/);
    const mkdir = await failure('files:mkdir', { target: { kind: 'container', id: names.client2 }, path: '/named', name: 'nope' });
    expect(mkdir.message).toMatch(/read-only/);
    const del = await failure('files:delete', { target: { kind: 'container', id: names.client2 }, path: '/named/sub/hello.txt' });
    expect(del.message).toMatch(/read-only \(:ro\)/);
    expect(await inVolume(names.named, 'find /v | sort', ':ro')).toBe(before);
    expect(readdirSync(hostDir)).toEqual(['host-file.txt']);
    // The listing says so before anyone tries.
    const listing = await h.call<FileListing>('files:list', { target: { kind: 'container', id: names.client2 }, path: '/named' });
    expect(listing).toMatchObject({ writable: false, readOnlyReason: `/named is mounted read-only (:ro) in ${names.client2}` });
  });

  it('browses any container path: a bind (same tree as the host), a stopped container and a running one', async () => {
    const bind = await h.call<FileListing>('files:list', { target: { kind: 'container', id: names.mounts }, path: '/srv/host' });
    expect(bind.entries.map((e) => e.name)).toEqual(readdirSync(hostDir));
    const preview = await h.call<FilePreview>('files:read', { target: { kind: 'container', id: names.mounts }, path: '/srv/host/host-file.txt' });
    expect(preview).toMatchObject({ kind: 'text', text: 'from the host\n' });
    const stopped = await h.call<FileListing>('files:list', { target: { kind: 'container', id: names.mounts }, path: '/etc' });
    expect(stopped.via).toBe('archive');
    expect(stopped.entries.map((e) => e.name)).toContain('passwd');
    const running = uniqueName('pbvol-run');
    await runTestContainer(running, NONE);
    const live = await h.call<FileListing>('files:list', { target: { kind: 'container', id: running }, path: '/bin' });
    expect(live.via).toBe('exec');
    expect(live.entries.find((e) => e.name === 'sh')).toMatchObject({ type: 'symlink' });
    const etc = await h.call<FilePreview>('files:read', { target: { kind: 'container', id: running }, path: '/etc/passwd' });
    expect(etc.kind).toBe('text');
  });
});

describe('volume lifecycle', () => {
  it('creates with driver options and labels, and emits volumes:changed', async () => {
    const name = `${p}-created`;
    const since = Date.now();
    const labels = { 'patchbay.test': '1', [labelArgs()[3].split('=')[0]]: labelArgs()[3].split('=')[1] };
    const created = await h.call<{ name: string }>('volumes:create', { name, driver: 'local', driverOptions: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' }, labels });
    expect(created).toEqual({ name });
    // Anonymous: the engine names it, and that name is what comes back.
    const anonymous = await h.call<{ name: string }>('volumes:create', { driver: 'local', driverOptions: {}, labels });
    expect(anonymous.name).toMatch(/^[0-9a-f]{64}$/);
    expect(await docker(['volume', 'inspect', '-f', '{{.Name}}', anonymous.name])).toBe(anonymous.name);
    const [engine] = await inspectJson<Array<{ Options: Record<string, string>; Labels: Record<string, string> }>>(['volume', 'inspect', name]);
    expect(engine.Options).toEqual({ type: 'tmpfs', device: 'tmpfs', o: 'size=1m' });
    await h.waitForEvent('volumes:changed', (e) => e.name === name && e.action === 'create', 5_000, since);
    expect((await failure('volumes:create', { name: '../evil' })).code).toBe('invalid-input');
  });

  it('refuses to remove a volume in use, naming the containers, and leaves it', async () => {
    const error = await failure('volumes:remove', { name: names.named });
    expect(error.code).toBe('in-use');
    for (const n of [names.mounts, names.data, names.client1]) expect(error.message).toContain(n);
    expect(await docker(['volume', 'ls', '-q', '--filter', `name=^${names.named}$`])).toBe(names.named);
  });

  it('plans a prune that lists exactly what goes, then prunes only those names', async () => {
    const a = `${p}-dangling-a`;
    const b = `${p}-dangling-b`;
    for (const n of [a, b]) await docker(['volume', 'create', ...labelArgs(), n]);
    const plan = await h.call<PrunePlan>('volumes:prune-plan');
    const planned = plan.volumes.map((v) => v.name);
    expect(planned).toEqual(expect.arrayContaining([a, b]));
    expect(planned).not.toContain(names.named);
    expect(planned).not.toContain(anonymous);
    // Only our two: other suites' dangling volumes must survive this test.
    const result = await h.call<PruneResult>('volumes:prune', { names: [a, b, names.named] });
    expect(result.removed.sort()).toEqual([a, b].sort());
    expect(result.skipped).toEqual([{ name: names.named, reason: expect.stringContaining('now used by') }]);
    const left = (await docker(['volume', 'ls', '-q'])).split('\n');
    expect(left).not.toContain(a);
    expect(left).toContain(names.named);
  });

  it('rm -v through containers:remove deletes only the anonymous volume', async () => {
    const keeper = `${p}-keep`;
    await docker(['volume', 'create', ...labelArgs(), keeper]);
    const name = uniqueName('pbvol-rmv');
    await createTestContainer(name, ['-v', '/anon-data', '-v', `${keeper}:/kept`, '-v', `${hostDir}:/bound`]);
    const anon = await docker(['inspect', '-f', '{{range .Mounts}}{{if eq .Destination "/anon-data"}}{{.Name}}{{end}}{{end}}', name]);
    await waitFor(async () => (await h.list()).containers.some((c) => c.name === name));
    await h.call('containers:remove', { id: name, removeAnonymousVolumes: true, force: true });
    const volumes = (await docker(['volume', 'ls', '-q'])).split('\n');
    expect(volumes).not.toContain(anon);
    expect(volumes).toContain(keeper);
    expect(volumes).toContain(names.named);
    expect(readdirSync(hostDir)).toEqual(['host-file.txt']);
  });
});

describe('path traversal never touches anything outside the mount', () => {
  it.each(STRATEGIES)('through every files:* channel (%s)', async (_via, strategy) => {
    useStrategy(strategy);
    const [vol] = await inspectJson<Array<{ Mountpoint: string }>>(['volume', 'inspect', names.named]);
    // A sentinel right next to the volume's data folder, and one in a host folder.
    const sentinel = join(dirname(vol.Mountpoint), 'sentinel.txt');
    writeFileSync(sentinel, 'untouched');
    const hostSentinel = join(hostDir, 'host-file.txt');
    const stamp = (f: string) => `${readFileSync(f, 'utf8')}|${statSync(f).mtimeMs}`;
    const before = [stamp(sentinel), stamp(hostSentinel), readdirSync(dirname(vol.Mountpoint)).join(',')];
    await inVolume(names.named, `ln -sfn ../sentinel.txt /v/escape-rel && ln -sfn /etc /v/escape-abs && ln -sfn ${hostDir} /v/escape-host && ln -sfn .. /v/sub/up`);
    const target = { kind: 'volume', name: names.named };
    const evil = ['..', '../sentinel.txt', '/../sentinel.txt', 'sub/../../sentinel.txt', '/sub/../../..', 'escape-rel', 'escape-abs/passwd', 'escape-host/host-file.txt', 'sub/up/../sentinel.txt', 'escape-abs'];
    for (const path of evil) {
      for (const [channel, extra] of [
        ['files:list', {}],
        ['files:read', {}],
        ['files:download-start', {}],
        ['files:upload-start', { name: 'x.txt', size: 1 }],
        ['files:mkdir', { name: 'made' }],
      ] as const) {
        const result = await h.invoke(channel, { target, path, ...extra });
        expect(result.ok, `${channel} ${path}`).toBe(false);
        if (!result.ok) expect(['forbidden', 'not-found', 'invalid-input'], `${channel} ${path}: ${result.error.message}`).toContain(result.error.code);
      }
      if (!path.startsWith('escape') || path.includes('/')) {
        const del = await h.invoke('files:delete', { target, path });
        expect(del.ok, `files:delete ${path}`).toBe(false);
      }
    }
    for (const name of ['../x', '..', 'a/b', '.']) {
      expect((await failure('files:upload-start', { target, path: '/', name, size: 1 })).code).toBe('invalid-input');
      expect((await failure('files:mkdir', { target, path: '/', name })).code).toBe('invalid-input');
    }
    // Deleting a link deletes the link only.
    await h.call('files:delete', { target, path: '/escape-host' });
    await h.call('files:delete', { target, path: '/escape-rel' });
    expect([stamp(sentinel), stamp(hostSentinel), readdirSync(dirname(vol.Mountpoint)).join(',')]).toEqual(before);
    expect(readdirSync(hostDir)).toEqual(['host-file.txt']);
    await inVolume(names.named, 'rm -f /v/escape-abs /v/sub/up');
    rmSync(sentinel);
    useStrategy('direct');
  }, 180_000);

  it('leaves no helper container behind', async () => {
    await waitFor(async () => (await docker(['ps', '-aq', '--filter', 'label=patchbay.helper=1'])) === '', { timeoutMs: 10_000, description: 'helpers to be gone' });
  });
});

async function download(target: unknown, path: string) {
  const start = await h.call<{ downloadId: string; fileName: string; kind: string; totalBytes: number | null }>('files:download-start', { target, path });
  const parts: Buffer[] = [];
  for (;;) {
    const chunk = await h.call<{ dataBase64: string; done: boolean }>('files:download-chunk', { downloadId: start.downloadId });
    parts.push(Buffer.from(chunk.dataBase64, 'base64'));
    if (chunk.done) break;
  }
  return { start, bytes: Buffer.concat(parts) };
}
