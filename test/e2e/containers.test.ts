import { afterAll, describe, expect, it } from 'vitest';
import { containerRow, openApp, type AppSession } from '../support/app-page';
import { containerStatus, createTestContainer, docker, removeTestResources, runTestContainer, uniqueName, useEngine, waitFor } from '../support/engine';

describe('containers view in Chromium through the web bridge', () => {
  let app: AppSession;

  useEngine(async () => {
    app = await openApp();
    await app.page.getByRole('heading', { name: 'Containers', exact: true }).waitFor();
  });

  afterAll(async () => {
    await app?.close();
    await removeTestResources({ thisRunOnly: true });
  });

  it('shows a container started with the docker CLI without a reload', async () => {
    const name = uniqueName('e2e-live');
    // A mark on the page's global object: still there afterwards means the page never reloaded.
    await app.page.evaluate(() => ((globalThis as Record<string, unknown>).sameDocument = true));
    const started = Date.now();
    await runTestContainer(name, ['-p', '127.0.0.1::80']);
    const row = containerRow(app.page, name);
    await row.waitFor({ timeout: 5_000 });
    const appearedAfterMs = Date.now() - started;
    await expect.poll(() => row.getAttribute('data-state')).toBe('running');
    await expect.poll(() => row.textContent()).toMatch(/127\.0\.0\.1:\d+->80\/tcp/);
    expect(await app.page.evaluate(() => (globalThis as Record<string, unknown>).sameDocument)).toBe(true);
    expect(appearedAfterMs).toBeLessThan(5_000);
  });

  it('stops a container with its Stop button', async () => {
    const name = uniqueName('e2e-stop');
    await runTestContainer(name);
    const row = containerRow(app.page, name);
    await row.waitFor();
    await row.getByRole('button', { name: `Stop ${name}` }).click();
    await waitFor(async () => (await containerStatus(name)) === 'exited', { timeoutMs: 20_000, description: `${name} to exit` });
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 5_000 }).toBe('exited');
  });

  it('asks before removing, says what goes, and removes only on confirmation', async () => {
    const name = uniqueName('e2e-remove');
    await runTestContainer(name, ['-v', '/data']);
    const anonymousVolume = await docker(['inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', name]);
    const row = containerRow(app.page, name);
    await row.waitFor();

    await row.getByRole('button', { name: `Remove ${name}` }).click();
    const dialog = app.page.getByRole('dialog', { name: `Remove container ${name}?` });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toContain('is running: Patchbay stops it first');
    await expect.poll(() => dialog.textContent()).toContain(anonymousVolume.slice(0, 12));
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await containerStatus(name)).toBe('running');

    await row.getByRole('button', { name: `Remove ${name}` }).click();
    await dialog.waitFor();
    await dialog.getByRole('checkbox').check();
    await expect.poll(() => dialog.textContent()).toContain('deleted');
    await dialog.getByTestId('confirm-remove').click();
    await waitFor(async () => (await containerStatus(name)) === null, { timeoutMs: 20_000, description: `${name} to be removed` });
    await row.waitFor({ state: 'detached', timeout: 5_000 });
    const volumes = await docker(['volume', 'ls', '-q']);
    expect(volumes.split('\n')).not.toContain(anonymousVolume);
  });

  it('filters by text and state, and stops two containers with one bulk action', async () => {
    const prefix = uniqueName('e2e-bulk');
    const names = [`${prefix}-a`, `${prefix}-b`];
    await Promise.all(names.map((n) => runTestContainer(n)));
    await containerRow(app.page, names[1]).waitFor();
    await app.page.getByLabel('Filter containers').fill(prefix);
    await expect.poll(() => app.page.locator('[data-testid^="container-row-"]').count()).toBe(2);
    await app.page.getByRole('checkbox', { name: 'Select all shown containers' }).check();
    await app.page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Stop' }).click();
    for (const name of names) {
      await waitFor(async () => (await containerStatus(name)) === 'exited', { timeoutMs: 20_000, description: `${name} to exit` });
    }
    await app.page.getByRole('radio', { name: /Running/ }).click();
    await expect.poll(() => app.page.locator('[data-testid^="container-row-"]').count()).toBe(0);
    await app.page.getByRole('radio', { name: /All/ }).click();
    await app.page.getByLabel('Filter containers').fill('');
  });

  it('opens the details panel with plain facts and the full inspect', async () => {
    const name = uniqueName('e2e-details');
    await runTestContainer(name);
    const ip = await docker(['inspect', '-f', '{{.NetworkSettings.IPAddress}}', name]);
    await containerRow(app.page, name).click();
    const panel = app.page.getByTestId('details-panel');
    await expect.poll(() => panel.textContent()).toContain(ip);
    await panel.getByRole('tab', { name: 'inspect' }).click();
    await expect.poll(() => panel.textContent()).toContain('NetworkSettings');
    // Rename: a bad name gets the reason in the dialog and changes nothing; a good one renames.
    await panel.getByRole('button', { name: `Rename ${name}` }).click();
    const rename = app.page.getByRole('dialog', { name: `Rename ${name}` });
    await rename.getByLabel('New name').fill('bad name!');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => rename.getByRole('alert').textContent()).toMatch(/container name/i);
    expect(await containerStatus(name)).toBe('running');
    const renamed = `${name}-renamed`;
    await rename.getByLabel('New name').fill(renamed);
    await rename.getByRole('button', { name: 'Rename' }).click();
    await rename.waitFor({ state: 'detached' });
    await waitFor(async () => (await containerStatus(renamed)) === 'running', { description: `${renamed} to exist` });
    await containerRow(app.page, renamed).waitFor({ timeout: 5_000 });
    await expect.poll(() => panel.getByRole('heading').first().textContent()).toBe(renamed);
    // Removed behind its back: the panel says so instead of erroring.
    await docker(['rm', '-f', renamed]);
    await expect.poll(() => panel.textContent(), { timeout: 5_000 }).toContain('no longer exists');
    await app.page.keyboard.press('Escape');
  });

  it('refuses the API without the token', async () => {
    const url = app.harness.bridge.url;
    const noToken = await fetch(`${url}api/containers:list`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    const fresh = await app.browser.newContext();
    const response = await (await fresh.newPage()).goto(url);
    expect(response?.status()).toBe(401);
    await fresh.close();
  });

  it('takes the README screenshot of the containers view', async () => {
    const suffix = uniqueName('').slice(-4);
    const names = ['web', 'api', 'db', 'cache', 'data', 'worker'].map((n) => `${n}-${suffix}`);
    await runTestContainer(names[0], ['-p', '127.0.0.1::80']);
    await runTestContainer(names[1], ['-p', '127.0.0.1::8080', '--expose', '9090']);
    await runTestContainer(names[2], ['--expose', '5432', '-v', '/var/lib/db']);
    await runTestContainer(names[3], ['--expose', '6379']);
    await createTestContainer(names[4], ['-v', '/data']);
    await runTestContainer(names[5], ['--expose', '7000']);
    await docker(['pause', names[3]]);
    await docker(['stop', '-t', '1', names[5]]);
    await app.page.keyboard.press('Escape');
    await app.page.keyboard.press('Escape');
    await app.page.getByLabel('Filter containers').fill(suffix);
    await expect.poll(() => app.page.locator('[data-testid^="container-row-"]').count()).toBe(6);
    await expect.poll(() => containerRow(app.page, names[5]).getAttribute('data-state')).toBe('exited');
    await containerRow(app.page, names[0]).click();
    await app.page.getByTestId('details-panel').getByText('Network mode').waitFor();
    await app.page.mouse.move(0, 0);
    await app.page.screenshot({ path: 'docs/screenshots/containers.png' });
    expect(app.pageErrors).toEqual([]);
  });
});
