/**
 * Image requests through the core, against the real engine.
 */
import { readFile } from 'node:fs/promises';
import { pack } from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImageSummary, ImportedImage } from '../../shared/images/model';
import { startCore, type CoreHarness } from '../support/core-harness';
import {
  DockerCliError,
  TEST_IMAGE,
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
const importedTags: string[] = [];

useEngine(async () => {
  h = await startCore();
});

afterAll(async () => {
  h?.stop();
  await removeTestResources({ thisRunOnly: true });
  for (const tag of importedTags) await docker(['rmi', '-f', tag]).catch(() => undefined);
});

async function imageId(ref: string): Promise<string> {
  return docker(['image', 'inspect', '-f', '{{.Id}}', ref]);
}

/** A root filesystem with a static busybox and one text file, as an in-memory tar. */
async function rootfsTar(text: string): Promise<Buffer> {
  const busybox = await readFile('/bin/busybox');
  const tar = pack();
  tar.entry({ name: 'bin/', type: 'directory', mode: 0o755 });
  tar.entry({ name: 'bin/busybox', mode: 0o755 }, busybox);
  tar.entry({ name: 'bin/sh', type: 'symlink', linkname: 'busybox' });
  tar.entry({ name: 'bin/cat', type: 'symlink', linkname: 'busybox' });
  tar.entry({ name: 'hello.txt', mode: 0o644 }, text);
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('images:list', () => {
  it('includes the test image with its tag and the containers made from it', async () => {
    const running = uniqueName('pb-img-run');
    const stopped = uniqueName('pb-img-stopped');
    await runTestContainer(running);
    await createTestContainer(stopped);
    const id = await imageId(TEST_IMAGE);

    // The usedBy names come from the container mirror, which the event stream fills.
    const image = await waitFor(
      async () => {
        const images = await h.call<ImageSummary[]>('images:list');
        const found = images.find((i) => i.id === id);
        expect(found, `no image ${id} in ${JSON.stringify(images.map((i) => i.tags))}`).toBeDefined();
        expect(found!.usedBy).toEqual(expect.arrayContaining([running, stopped]));
        return found;
      },
      { timeoutMs: 3_000, description: 'both containers in usedBy' },
    );
    expect(image.tags).toContain(TEST_IMAGE);
    expect(image.tags).not.toContain('<none>:<none>');
    expect(image.sizeBytes).toBe(Number(await docker(['image', 'inspect', '-f', '{{.Size}}', TEST_IMAGE])));
    expect(Number.isNaN(Date.parse(image.created))).toBe(false);
    expect([...image.usedBy].sort()).toEqual(image.usedBy);
  });
});

describe('images:remove', () => {
  it('refuses an image in use without force, naming the container, and removes nothing', async () => {
    const name = uniqueName('pb-img-user');
    const containerId = await runTestContainer(name);
    const id = await imageId(TEST_IMAGE);
    await waitFor(async () => (await h.list()).containers.some((c) => c.id === containerId), { timeoutMs: 2_000 });

    // By full id (what the image list gives), by tag, by name alone and by the short id `docker images` shows.
    for (const ref of [id, TEST_IMAGE, 'patchbay-test/busybox', id.replace('sha256:', '').slice(0, 12)]) {
      const result = await h.invoke('images:remove', { id: ref, force: false });
      expect(result.ok, ref).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, `${ref}: ${result.error.message}`).toBe('in-use');
      expect(result.error.message).toContain(name);
    }
    expect(await imageId(TEST_IMAGE)).toBe(id);
  });

  it('removes one tag of an image with several, as docker rmi repo:tag does, even while it is in use', async () => {
    const name = uniqueName('pb-img-tagged');
    await runTestContainer(name);
    const id = await imageId(TEST_IMAGE);
    const extra = `${uniqueName('patchbay-test/alias')}:extra`;
    importedTags.push(extra);
    await docker(['tag', TEST_IMAGE, extra]);
    await waitFor(async () => (await h.list()).containers.some((c) => c.name === name), { timeoutMs: 2_000 });

    const result = await h.invoke('images:remove', { id: extra, force: false });
    expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
    await expect(imageId(extra)).rejects.toBeInstanceOf(DockerCliError);
    // Only the tag went: the image, its other tag and its user are as they were.
    expect(await imageId(TEST_IMAGE)).toBe(id);
    expect(await docker(['inspect', '-f', '{{.State.Running}}', name])).toBe('true');
    // Its last tag is the image itself: in use, that is still refused.
    const last = await h.invoke('images:remove', { id: TEST_IMAGE, force: false });
    expect(last.ok ? 'removed' : last.error.code).toBe('in-use');
  });

  it('an image that does not exist is not-found', async () => {
    const result = await h.invoke('images:remove', { id: 'patchbay-test/no-such-image:never', force: false });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('not-found');
      expect(result.error.message).toContain('patchbay-test/no-such-image:never');
    }
  });
});

describe('images:import', () => {
  it('imports a root filesystem tar under a new tag, which then runs, and removes it again', async () => {
    const tag = `${uniqueName('patchbay-test/imported')}:latest`;
    importedTags.push(tag);
    const text = `hello from ${tag}`;
    const tar = await rootfsTar(text);
    const since = Date.now();

    const imported = await h.call<ImportedImage>('images:import', {
      tag,
      tarBase64: tar.toString('base64'),
      command: '/bin/cat /hello.txt',
    });
    expect(imported.tag).toBe(tag);
    const id = await imageId(tag);
    expect(imported.id).toBe(id);

    const listed = (await docker(['images', '--format', '{{.Repository}}:{{.Tag}}'])).split('\n');
    expect(listed).toContain(tag);
    expect(await docker(['image', 'inspect', '-f', '{{json .Config.Cmd}}', tag])).toBe('["/bin/cat","/hello.txt"]');
    // The content really is the tar's: its command prints the file.
    expect(await docker(['run', '--rm', ...labelArgs(), tag])).toBe(text);

    await h.waitForEvent('images:changed', (p) => p.action === 'import', 2_000, since);
    const images = await h.call<ImageSummary[]>('images:list');
    expect(images.find((i) => i.id === id)?.tags).toEqual([tag]);

    await h.call('images:remove', { id: tag, force: false });
    await expect(imageId(tag)).rejects.toBeInstanceOf(DockerCliError);
    expect((await docker(['images', '--format', '{{.Repository}}:{{.Tag}}'])).split('\n')).not.toContain(tag);
    const after = await h.call<ImageSummary[]>('images:list');
    expect(after.some((i) => i.id === id)).toBe(false);
  });

  it('a tar the engine cannot read fails with a message, and no image appears', async () => {
    const tag = `${uniqueName('patchbay-test/broken')}:latest`;
    importedTags.push(tag);
    const result = await h.invoke('images:import', { tag, tarBase64: Buffer.from('this is not a tar archive').toString('base64') });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(['invalid-input', 'engine-error']).toContain(result.error.code);
      expect(result.error.message.length).toBeGreaterThan(10);
    }
    await expect(imageId(tag)).rejects.toBeInstanceOf(DockerCliError);
  });

  it('refuses an invalid tag before the engine sees it', async () => {
    const tar = (await rootfsTar('x')).toString('base64');
    for (const tag of ['Upper/Case', 'has space', 'trailing:', '-dash']) {
      const result = await h.invoke('images:import', { tag, tarBase64: tar });
      expect(result.ok, tag).toBe(false);
      if (!result.ok) expect(result.error.code, tag).toBe('invalid-input');
    }
  });
});
