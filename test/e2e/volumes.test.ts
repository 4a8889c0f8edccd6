import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerRow, openApp, type AppSession } from '../support/app-page';
import { createTestContainer, docker, labelArgs, removeTestResources, requireEngine, RUN_LABEL, TEST_IMAGE, TEST_LABEL, uniqueName } from '../support/engine';

/** The seed's registry example: a v1 registry's folder tree. */
const IMAGE_ID = 'a9eb172552348a9a49180694790b33a1097f546456d041b6e82e4d7716ddb721';
const PARENT_ID = '120e218dd395ec314e7b6249f39d2853911b3d6def6ea164ae05722649f34b16';
function seedRegistry(root: string): void {
  for (const id of [IMAGE_ID, PARENT_ID]) {
    const dir = join(root, 'images', id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ancestry'), JSON.stringify(id === IMAGE_ID ? [IMAGE_ID, PARENT_ID] : [PARENT_ID]));
    writeFileSync(join(dir, '_checksum'), `tarsum+sha256:${id.slice(0, 32)}${id.slice(32).split('').reverse().join('')}`);
    writeFileSync(
      join(dir, 'json'),
      `${JSON.stringify(
        {
          id,
          ...(id === IMAGE_ID ? { parent: PARENT_ID } : {}),
          created: '2024-05-17T09:12:44.318Z',
          container_config: { Cmd: ['/bin/sh', '-c', id === IMAGE_ID ? '#(nop) CMD ["sh"]' : '#(nop) ADD file:7a3a3d in /'] },
          docker_version: '20.10.24',
          architecture: 'amd64',
          os: 'linux',
          Size: id === IMAGE_ID ? 0 : 4_261_574,
        },
        null,
        2,
      )}\n`,
    );
    writeFileSync(join(dir, 'layer'), Buffer.alloc(id === IMAGE_ID ? 32 : 48_213, 7));
  }
  const repo = join(root, 'repositories', 'library', 'busybox');
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, '_index_images'), JSON.stringify([{ id: IMAGE_ID }, { id: PARENT_ID }]));
  writeFileSync(join(repo, 'tag_latest'), IMAGE_ID);
  writeFileSync(join(repo, 'tag_1.36'), IMAGE_ID);
  writeFileSync(join(repo, 'json'), '{"architecture":"amd64","docker_version":"20.10.24","os":"linux"}\n');
}

/** The Volumes page with its table showing (a file browser left open from a test before is closed). */
async function openVolumesTable(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Volumes/ }).click();
  const close = page.getByRole('button', { name: 'Close file browser' });
  if (await close.isVisible()) await close.click();
}

describe('volumes and the file browser in Chromium', () => {
  let app: AppSession;
  const hostDir = mkdtempSync(join(tmpdir(), 'pb-e2e-registry-'));
  const suffix = uniqueName('').slice(-6);
  const volume = `registry-data-${suffix}`;
  const registry = `registry-${suffix}`;

  beforeAll(async () => {
    await requireEngine();
    seedRegistry(hostDir);
    await docker(['volume', 'create', ...labelArgs(), '--label', 'com.example.role=registry', volume]);
    // The same tree in a named volume: copied in by a container that has the host folder read-only.
    await docker(['run', '--rm', ...labelArgs(), '--network', 'none', '-v', `${hostDir}:/seed:ro`, '-v', `${volume}:/v`, TEST_IMAGE, 'cp', '-a', '/seed/.', '/v/']);
    await createTestContainer(registry, ['--network', 'none', '-v', `${volume}:/var/lib/registry`, '-v', `${hostDir}:/srv/registry-seed:ro`, '-v', '/tmp/cache']);
    app = await openApp();
    await app.page.getByRole('heading', { name: 'Containers', exact: true }).waitFor();
  });

  afterAll(async () => {
    await app?.close();
    await removeTestResources({ thisRunOnly: true });
    rmSync(hostDir, { recursive: true, force: true });
  });

  it('opens a volume, navigates into a folder, views a file and uploads one', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Volumes/ }).click();
    const row = page.getByTestId(`volume-row-${volume}`);
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain(registry);
    await expect.poll(() => row.textContent()).toContain('/var/lib/registry');
    await row.getByRole('button', { name: `Browse ${volume}` }).click();

    const browser = page.getByTestId('file-browser');
    await browser.getByTestId('file-row-images').waitFor();
    await browser.getByTestId('file-row-repositories').waitFor();
    await browser.getByTestId('file-row-images').click();
    await browser.getByTestId(`file-row-${IMAGE_ID}`).click();
    for (const name of ['ancestry', '_checksum', 'json', 'layer']) await browser.getByTestId(`file-row-${name}`).waitFor();
    await expect.poll(() => browser.getByRole('navigation', { name: 'Breadcrumb' }).textContent()).toContain('images');

    await browser.getByTestId('file-row-json').click();
    const preview = page.getByTestId('file-preview');
    await expect.poll(() => preview.textContent()).toContain(`"parent": "${PARENT_ID}"`);

    // Upload into repositories/library/busybox by picking a file.
    await browser.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button', { name: volume }).click();
    await browser.getByTestId('file-row-repositories').click();
    await browser.getByTestId('file-row-library').click();
    await browser.getByTestId('file-row-busybox').click();
    await browser.getByLabel('Upload files').setInputFiles({ name: 'tag_stable', mimeType: 'text/plain', buffer: Buffer.from(IMAGE_ID) });
    await browser.getByTestId('file-row-tag_stable').waitFor();
    const readBack = await docker(['run', '--rm', '--network', 'none', '-v', `${volume}:/v:ro`, TEST_IMAGE, 'cat', '/v/repositories/library/busybox/tag_stable']);
    expect(readBack).toBe(IMAGE_ID);
    expect(app.pageErrors).toEqual([]);
  });

  it('shows a container’s mounts in plain words and browses its bind mount: the same tree as the host', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Containers/ }).click();
    await page.getByLabel('Filter containers').fill(registry);
    await containerRow(page, registry).click();
    const panel = page.getByTestId('details-panel');
    await panel.getByRole('tab', { name: 'mounts' }).click();
    const tab = panel.getByTestId('mounts-tab');
    await expect.poll(() => tab.textContent()).toContain(`Host folder ${hostDir} appears at /srv/registry-seed, read-only`);
    await expect.poll(() => tab.textContent()).toContain(`Named volume ${volume} appears at /var/lib/registry, read-write`);
    await expect.poll(() => tab.textContent()).toContain('(from -v /tmp/cache)');
    await tab.getByRole('button', { name: 'Browse /srv/registry-seed' }).click();
    const browser = page.getByTestId('file-browser');
    await browser.getByTestId('file-row-images').click();
    await browser.getByTestId(`file-row-${PARENT_ID}`).waitFor();
    await browser.getByTestId(`file-row-${IMAGE_ID}`).click();
    for (const name of ['ancestry', '_checksum', 'json', 'layer']) await browser.getByTestId(`file-row-${name}`).waitFor();
    // Read-only: no upload.
    await expect.poll(() => browser.getByRole('button', { name: 'Upload' }).isDisabled()).toBe(true);
    await browser.getByRole('button', { name: 'Close file browser' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Containers/ }).click();
    await page.getByLabel('Filter containers').fill('');
    await page.keyboard.press('Escape');
  });

  it('takes the README screenshot of the file browser', async () => {
    const { page } = app;
    await openVolumesTable(page);
    await page.getByTestId(`volume-row-${volume}`).getByRole('button', { name: `Browse ${volume}` }).click();
    const browser = page.getByTestId('file-browser');
    await browser.getByTestId('file-row-images').click();
    await browser.getByTestId(`file-row-${IMAGE_ID}`).click();
    await browser.getByTestId('file-row-json').click();
    await page.getByTestId('file-preview').getByText('"architecture"').waitFor();
    // Open the repositories branch of the tree too, so the whole registry layout shows.
    await page.getByTestId('folder-tree').getByRole('button', { name: 'Expand repositories' }).click();
    await page.getByTestId('folder-tree').getByRole('button', { name: 'Expand library' }).click();
    await page.getByTestId('folder-tree').getByText('busybox').waitFor();
    await expect.poll(() => page.locator('[data-sonner-toast]').count(), { timeout: 10_000 }).toBe(0);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'docs/screenshots/volumes.png' });
    expect(app.pageErrors).toEqual([]);
  });

  it('creates a volume from the form, keeps the form on the engine’s refusal, and asks before removing or pruning', async () => {
    const { page } = app;
    const made = `made-${suffix}`;
    await openVolumesTable(page);

    // A name the engine refuses: its words, and the form keeps what was typed.
    await page.getByRole('button', { name: 'New volume' }).click();
    const form = page.getByRole('dialog', { name: 'New volume' });
    await form.getByLabel('Name').fill('no spaces allowed');
    // Labelled like everything a test makes, so it is cleaned up whatever happens.
    await form.getByLabel('Labels (key=value, one a line)').fill(`${TEST_LABEL}\n${RUN_LABEL}\ncom.example.made-by=e2e`);
    await form.getByRole('button', { name: 'Create volume' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('A volume name starts with a letter or');
    expect(await form.getByLabel('Name').inputValue()).toBe('no spaces allowed');
    expect(await docker(['volume', 'ls', '-q', '--filter', `label=${RUN_LABEL}`])).not.toContain('no spaces');

    await form.getByLabel('Name').fill(made);
    await form.getByRole('button', { name: 'Create volume' }).click();
    await form.waitFor({ state: 'detached', timeout: 10_000 }).catch(async () => {
      throw new Error(`The form stayed open: ${await form.textContent()}`);
    });
    const row = page.getByTestId(`volume-row-${made}`);
    await expect.poll(() => row.textContent()).toContain('dangling');
    const labels = (JSON.parse(await docker(['volume', 'inspect', made])) as { Labels: Record<string, string> }[])[0].Labels;
    expect(labels['com.example.made-by']).toBe('e2e');

    // In use: the dialog says by whom, and offers no removal.
    await page.getByTestId(`volume-row-${volume}`).getByRole('button', { name: `Remove volume ${volume}` }).click();
    const inUse = page.getByRole('dialog', { name: `Remove volume ${volume}?` });
    await expect.poll(() => inUse.textContent()).toContain(`It is used by ${registry} (/var/lib/registry)`);
    expect(await inUse.getByRole('button', { name: 'Remove volume' }).isDisabled()).toBe(true);
    await inUse.getByRole('button', { name: 'Cancel' }).click();

    // Prune lists exactly what it would delete; cancelled, nothing is.
    await page.getByRole('button', { name: 'Prune dangling' }).click();
    const prune = page.getByRole('dialog', { name: 'Prune dangling volumes?' });
    await expect.poll(() => prune.getByRole('list', { name: 'Volumes to delete' }).textContent()).toContain(made);
    expect(await prune.getByRole('list', { name: 'Volumes to delete' }).textContent()).not.toContain(volume);
    await prune.getByRole('button', { name: 'Cancel' }).click();
    expect(await docker(['volume', 'inspect', '-f', '{{.Name}}', made])).toBe(made);

    await row.getByRole('button', { name: `Remove volume ${made}` }).click();
    const confirm = page.getByRole('dialog', { name: `Remove volume ${made}?` });
    await expect.poll(() => confirm.textContent()).toContain('is deleted for good');
    await confirm.getByRole('button', { name: 'Remove volume' }).click();
    await row.waitFor({ state: 'detached' });
    await expect(docker(['volume', 'inspect', made])).rejects.toThrow(/no such volume/i);
    expect(app.pageErrors).toEqual([]);
  });

  it('makes and deletes a folder in the file browser, and shows why a bad name fails', async () => {
    const { page } = app;
    await openVolumesTable(page);
    await page.getByTestId(`volume-row-${volume}`).getByRole('button', { name: `Browse ${volume}` }).click();
    const browser = page.getByTestId('file-browser');
    await browser.getByTestId('file-row-images').waitFor();

    await browser.getByRole('button', { name: 'New folder' }).click();
    const dialog = page.getByRole('dialog', { name: 'New folder' });
    await dialog.getByLabel('Folder name').fill('../escape');
    await dialog.getByRole('button', { name: 'Create folder' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByLabel('Folder name').inputValue()).toBe('../escape');
    await dialog.getByLabel('Folder name').fill('scratch');
    await dialog.getByRole('button', { name: 'Create folder' }).click();
    await browser.getByTestId('file-row-scratch').waitFor();
    const listing = () => docker(['run', '--rm', '--network', 'none', '-v', `${volume}:/v:ro`, TEST_IMAGE, 'ls', '-1a', '/v']);
    expect((await listing()).split('\n')).toContain('scratch');
    expect((await listing()).split('\n')).not.toContain('escape');

    await browser.getByTestId('file-row-scratch').hover();
    await browser.getByRole('button', { name: 'Delete scratch' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete scratch?' });
    await expect.poll(() => confirm.textContent()).toContain('and everything in it will be deleted for good');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await browser.getByTestId('file-row-scratch').waitFor({ state: 'detached' });
    expect((await listing()).split('\n')).not.toContain('scratch');
    await browser.getByRole('button', { name: 'Close file browser' }).click();
    expect(app.pageErrors).toEqual([]);
  });

  it('lists volumes with who uses them, and draws the --volumes-from lineage', async () => {
    const { page } = app;
    const data = `data-${suffix}`;
    await createTestContainer(data, ['-v', '/shared', '-v', `${volume}:/registry`]);
    await createTestContainer(`client1-${suffix}`, ['--network', 'none', '--volumes-from', data]);
    await createTestContainer(`client2-${suffix}`, ['--network', 'none', '--volumes-from', `${data}:ro`]);
    await createTestContainer(`client3-${suffix}`, ['--network', 'none', '--volumes-from', `client2-${suffix}`]);
    await openVolumesTable(page);
    const row = page.getByTestId(`volume-row-${volume}`);
    await expect.poll(() => row.textContent()).toContain(`client2-${suffix}`);
    await page.getByRole('tab', { name: 'Lineage' }).click();
    const graph = page.getByTestId('lineage-graph');
    for (const name of [data, `client1-${suffix}`, `client2-${suffix}`, `client3-${suffix}`]) await graph.getByTestId(`lineage-node-${name}`).waitFor();
    await expect.poll(() => graph.getByTestId(`lineage-node-${data}`).textContent()).toContain('data container');
    await expect.poll(() => graph.getByTestId(`lineage-node-client3-${suffix}`).textContent()).toContain('RO');
    await page.getByRole('tab', { name: 'Volumes' }).click();
    expect(app.pageErrors).toEqual([]);
  });
});
