/**
 * Pulling an image in Chromium through the web bridge, against the real engine. The engine here
 * has no registry: the dialog must show a plain failure, quickly, in place — from the Images
 * page and from the run form when its image is not present.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from '../support/app-page';
import { RUN_LABEL, docker, removeTestResources, requireEngine } from '../support/engine';
import { startPullProxy, type PullProxy } from '../support/pull-proxy';

const MISSING = 'patchbay-nonexistent/none:latest';
const PLAIN = /The engine could not pull patchbay-nonexistent\/none:latest: (it has no registry to reach here|the registry has no such image, or it needs a login) \(.+\)\./;

describe('pull an image in Chromium through the web bridge', () => {
  let app: AppSession;
  const pullDialog = () => app.page.getByRole('dialog', { name: 'Pull an image' });

  beforeAll(async () => {
    await requireEngine();
    app = await openApp();
    await app.page.getByRole('heading', { name: 'Containers', exact: true }).waitFor();
  });

  afterAll(async () => {
    await app?.close();
    await docker(['rmi', '-f', MISSING]).catch(() => undefined);
    await removeTestResources({ thisRunOnly: true });
  });

  it('opens Pull image on the Images page, pulls a name the engine cannot get, and shows why', async () => {
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Images/ }).click();
    await app.page.getByRole('heading', { name: 'Images', exact: true }).waitFor();
    await app.page.getByRole('button', { name: 'Pull image' }).click();
    const dialog = pullDialog();
    await dialog.waitFor();
    await dialog.getByLabel('Image to pull').fill(MISSING);
    const started = Date.now();
    await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
    const error = dialog.getByTestId('pull-error');
    await error.waitFor({ timeout: 30_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await error.textContent()).toMatch(PLAIN);
    expect(await error.getAttribute('role')).toBe('alert');
    // The pull is over: the field can be edited again and the button offers another try.
    expect(await dialog.getByLabel('Image to pull').isEnabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Try again' }).waitFor();
    expect(await dialog.getByRole('progressbar', { name: 'Overall progress' }).count()).toBe(1);
    expect(await docker(['images', '--filter', 'reference=patchbay-nonexistent/*', '-q'])).toBe('');
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect.poll(() => pullDialog().count()).toBe(0);
  });

  it('says what is wrong with a name that is not an image reference, without asking the engine', async () => {
    await app.page.getByRole('button', { name: 'Pull image' }).click();
    const dialog = pullDialog();
    await dialog.getByLabel('Image to pull').fill('Not An/Image');
    await dialog.getByLabel('Image to pull').press('Enter');
    await expect.poll(() => dialog.locator('#pull-image-error').textContent()).toMatch(/repository\[:tag\]/);
    expect(await dialog.getByLabel('Image to pull').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByTestId('pull-error').count()).toBe(0);
    await app.page.keyboard.press('Escape');
    await expect.poll(() => pullDialog().count()).toBe(0);
  });

  it('offers "Pull <image>" in the run form when the image is not present, and shows the failure there', async () => {
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Containers/ }).click();
    await app.page.getByRole('button', { name: 'Run container' }).click();
    const run = app.page.getByRole('dialog', { name: 'Run a container' });
    await run.waitFor();
    await run.getByLabel('Image', { exact: true }).fill(MISSING);
    await run.getByText('Not present locally.').waitFor();
    await run.getByRole('button', { name: `Pull ${MISSING}` }).click();
    const dialog = pullDialog();
    await dialog.waitFor();
    expect(await dialog.getByLabel('Image to pull').inputValue()).toBe(MISSING);
    // It starts by itself.
    await expect.poll(() => dialog.getByTestId('pull-error').textContent(), { timeout: 30_000 }).toMatch(PLAIN);
    await app.page.keyboard.press('Escape');
    await expect.poll(() => pullDialog().count()).toBe(0);
    // Back in the run form, which looks at the image again.
    await run.getByText('Not present locally.').waitFor();
    expect(await run.getByLabel('Image', { exact: true }).inputValue()).toBe(MISSING);
    expect(app.pageErrors).toEqual([]);
  });
});

describe('pull progress in Chromium (the engine answers with recorded progress)', () => {
  const PLAYED = `patchbay-fixture/e2e:${RUN_LABEL.split('=')[1]}`;
  const lines = readFileSync(join(__dirname, '../fixtures/images/pull-nginx.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as object);
  let app: AppSession;
  let proxy: PullProxy;
  let dir: string;

  beforeAll(async () => {
    await requireEngine();
    dir = await mkdtemp(join(tmpdir(), 'patchbay-pull-e2e-'));
    proxy = await startPullProxy(join(dir, 'engine.sock'), { [PLAYED]: { lines, delayMs: 150, createImage: true } });
    app = await openApp({ core: { dockerHost: proxy.dockerHost } });
    await app.page.getByRole('heading', { name: 'Containers', exact: true }).waitFor();
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    await docker(['rmi', PLAYED]).catch(() => undefined);
  });

  it('shows each layer and the overall bar move, live, then the pulled image in the list', async () => {
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Images/ }).click();
    await app.page.getByRole('button', { name: 'Pull image' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Pull an image' });
    await dialog.getByLabel('Image to pull').fill(PLAYED);
    await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
    const overall = dialog.getByRole('progressbar', { name: 'Overall progress' });
    const value = async () => Number(await overall.getAttribute('aria-valuenow'));
    // Mid-pull: the big layer downloading, the bar part-way.
    await dialog.getByTestId('pull-layer-1f3e46996e29').getByText('Downloading').waitFor({ timeout: 15_000 });
    const midway = await value();
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(100);
    expect(await dialog.getByTestId('pull-layer-4abcf2066143').textContent()).toContain('Already exists');
    expect(await dialog.getByRole('button', { name: 'Cancel pull' }).isVisible()).toBe(true);
    await expect.poll(value, { timeout: 15_000 }).toBeGreaterThan(midway);
    const done = dialog.getByTestId('pull-done');
    await done.waitFor({ timeout: 20_000 });
    expect(await done.textContent()).toContain(`Pulled ${PLAYED}.`);
    expect(await value()).toBe(100);
    for (const id of ['4abcf2066143', 'c6a83fedfae6', '1f3e46996e29', '4f4fb700ef54']) {
      expect(await dialog.getByRole('progressbar', { name: `Layer ${id}` }).getAttribute('aria-valuenow')).toBe('100');
    }
    expect(await dialog.getByTestId('pull-layer-1f3e46996e29').textContent()).toContain('27.8 MB / 27.8 MB');
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await app.page.getByTestId(`image-row-${PLAYED}`).waitFor({ timeout: 10_000 });
    expect(app.pageErrors).toEqual([]);
  });

  it('cancel pull closes the stream: the engine request is dropped', async () => {
    await docker(['rmi', PLAYED]).catch(() => undefined);
    await app.page.getByRole('button', { name: 'Pull image' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Pull an image' });
    await dialog.getByLabel('Image to pull').fill(PLAYED);
    await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
    await dialog.getByTestId('pull-layer-c6a83fedfae6').waitFor({ timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Cancel pull' }).click();
    await dialog.getByText('The pull was cancelled.').waitFor();
    await expect.poll(() => proxy.seen.get(PLAYED)?.aborted, { timeout: 5_000 }).toBe(true);
    expect(proxy.seen.get(PLAYED)!.written).toBeLessThan(lines.length);
    await dialog.getByRole('button', { name: 'Try again' }).waitFor();
  });
});
