/**
 * The Images page in Chromium through the web bridge, against the real engine: import a root
 * filesystem tar as `docker import` does, and remove images, in use or not, only after asking.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pack } from 'tar-stream';
import { openApp, type AppSession } from '../support/app-page';
import { docker, labelArgs, removeTestResources, requireEngine, uniqueName } from '../support/engine';

/** A root filesystem with busybox and a few applets: enough for `docker run IMAGE echo`. */
async function busyboxRootfs(): Promise<Buffer> {
  const tar = pack();
  tar.entry({ name: 'bin/', type: 'directory', mode: 0o755 });
  tar.entry({ name: 'bin/busybox', mode: 0o755 }, readFileSync('/bin/busybox'));
  for (const applet of ['sh', 'echo', 'sleep']) tar.entry({ name: `bin/${applet}`, type: 'symlink', linkname: 'busybox' });
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('images in Chromium through the web bridge', () => {
  let app: AppSession;
  let rootfs: Buffer;
  const suffix = uniqueName('').slice(-6);
  const repo = `patchbay-e2e/imported-${suffix}`;
  const imageIds = new Set<string>();
  const toast = () => app.page.locator('[data-sonner-toast]');

  beforeAll(async () => {
    await requireEngine();
    rootfs = await busyboxRootfs();
    app = await openApp();
    await app.page.getByRole('heading', { name: 'Containers', exact: true }).waitFor();
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Images/ }).click();
    await app.page.getByRole('heading', { name: 'Images', exact: true }).waitFor();
  });

  afterAll(async () => {
    await app?.close();
    await removeTestResources({ thisRunOnly: true });
    // Imports carry no label: remove them by what this file made.
    for (const ref of [...imageIds, `${repo}:v1`, `${repo}:v2`, `${repo}:stable`, `${repo}:zz-extra`]) await docker(['rmi', '-f', ref]).catch(() => undefined);
  });

  async function importTar(tag: string): Promise<void> {
    await app.page.getByRole('button', { name: 'Import from tar' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Import an image from a tar file' });
    await dialog.getByLabel('Tar file').setInputFiles({ name: 'rootfs.tar', mimeType: 'application/x-tar', buffer: rootfs });
    await dialog.getByLabel('Name:tag').fill(tag);
    await dialog.getByRole('button', { name: 'Import' }).click();
  }

  it('imports a root filesystem tar as an image that runs, and keeps the dialog on a bad name', async () => {
    await importTar('Not A Valid Tag!');
    await expect.poll(() => toast().first().textContent()).toContain('Import failed');
    const dialog = app.page.getByRole('dialog', { name: 'Import an image from a tar file' });
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.getByLabel('Name:tag').inputValue()).toBe('Not A Valid Tag!');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await importTar(`${repo}:v1`);
    await app.page.getByTestId(`image-row-${repo}:v1`).waitFor({ timeout: 15_000 });
    imageIds.add(await docker(['image', 'inspect', '-f', '{{.Id}}', `${repo}:v1`]));
    expect(await docker(['run', '--rm', '--network', 'none', `${repo}:v1`, '/bin/echo', 'imported and running'])).toBe('imported and running');
    expect(app.pageErrors).toEqual([]);
  });

  it('asks before removing: an unused image goes with all its tags, one in use can only be untagged, by force', async () => {
    await importTar(`${repo}:v2`);
    const unused = app.page.getByTestId(`image-row-${repo}:v2`);
    await unused.waitFor({ timeout: 15_000 });
    imageIds.add(await docker(['image', 'inspect', '-f', '{{.Id}}', `${repo}:v2`]));
    // A second tag: the engine would refuse a plain removal ("referenced in multiple repositories").
    await docker(['tag', `${repo}:v2`, `${repo}:stable`]);
    // One row an image, named by its first tag.
    const both = app.page.getByRole('row').filter({ hasText: `${repo}:v2` }).filter({ hasText: `${repo}:stable` });
    await both.waitFor({ timeout: 5_000 });
    await both.getByRole('button', { name: /^Remove image / }).click();
    const confirm = app.page.getByRole('dialog', { name: /^Remove image / });
    await expect.poll(() => confirm.textContent()).toContain('No container uses it. It has 2 tags');
    await confirm.getByRole('button', { name: 'Remove image and its 2 tags' }).click();
    await both.waitFor({ state: 'detached' });
    for (const tag of ['v2', 'stable']) await expect(docker(['image', 'inspect', `${repo}:${tag}`])).rejects.toThrow(/no such image/i);

    const user = `uses-import-${suffix}`;
    await docker(['create', ...labelArgs(), '--name', user, '--network', 'none', `${repo}:v1`, '/bin/sleep', '60']);
    const used = app.page.getByTestId(`image-row-${repo}:v1`);
    await expect.poll(() => used.textContent()).toContain(user);

    // One tag of several, while in use: docker rmi REPO:TAG removes just that tag.
    await docker(['tag', `${repo}:v1`, `${repo}:zz-extra`]);
    await expect.poll(() => used.textContent()).toContain(`${repo}:zz-extra`);
    await used.getByRole('button', { name: `Remove image ${repo}:v1` }).click();
    const untag = app.page.getByRole('dialog', { name: `Remove image ${repo}:v1?` });
    await untag.getByRole('button', { name: `Untag ${repo}:zz-extra` }).click();
    await untag.waitFor({ state: 'detached' });
    await expect.poll(() => used.textContent()).not.toContain('zz-extra');
    await expect(docker(['image', 'inspect', `${repo}:zz-extra`])).rejects.toThrow(/no such image/i);
    expect(await docker(['image', 'inspect', '-f', '{{.Id}}', `${repo}:v1`])).toBe([...imageIds][0]);

    await used.getByRole('button', { name: `Remove image ${repo}:v1` }).click();
    const force = app.page.getByRole('dialog', { name: `Remove image ${repo}:v1?` });
    await expect.poll(() => force.textContent()).toContain(`It is used by ${user}`);
    expect(await force.getByRole('button', { name: 'Remove image' }).count()).toBe(0);
    await force.getByRole('button', { name: 'Force: untag anyway' }).click();
    await used.waitFor({ state: 'detached' });
    // Untagged, not deleted: the container still has its image.
    await expect(docker(['image', 'inspect', `${repo}:v1`])).rejects.toThrow(/no such image/i);
    expect(await docker(['inspect', '-f', '{{.State.Status}}', user])).toBe('created');
    await docker(['rm', '-f', user]);
    expect(app.pageErrors).toEqual([]);
  });
});
