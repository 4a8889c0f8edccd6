import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerRow, openApp, type AppSession } from '../support/app-page';
import { startEngine, stopEngine } from '../support/engine-restart';
import { docker, removeTestResources, requireEngine, runTestContainer, uniqueName } from '../support/engine';

/**
 * The real engine goes away and comes back while the app is open: the app must say so, keep
 * running, and pick up where the engine is — without a reload.
 */
describe('engine outage, with a real dockerd stopped and started again', () => {
  let app: AppSession;
  const prefix = uniqueName('outage');

  beforeAll(async () => {
    await requireEngine();
    app = await openApp();
  });

  afterAll(async () => {
    await startEngine().catch(() => undefined);
    await app?.close();
    await removeTestResources({ thisRunOnly: true });
  });

  it('shows the outage screen while dockerd is down and recovers by itself', async () => {
    const { page } = app;
    await runTestContainer(`${prefix}-before`);
    await containerRow(page, `${prefix}-before`).waitFor();
    const badge = page.getByTestId('engine-badge');
    await expect.poll(() => badge.getAttribute('data-state')).toBe('up');

    await stopEngine();
    const downAt = Date.now();
    const outage = page.getByTestId('outage-screen');
    await outage.waitFor({ timeout: 5_000 });
    const outageShownMs = Date.now() - downAt;
    await expect.poll(() => outage.textContent()).toContain('unix:///var/run/docker.sock');
    // The app keeps working while the engine is away: the Try now button answers.
    await outage.getByRole('button', { name: 'Try now' }).click();
    await expect.poll(() => outage.isVisible()).toBe(true);

    await startEngine();
    const upAt = Date.now();
    await outage.waitFor({ state: 'detached', timeout: 10_000 });
    const recoveredMs = Date.now() - upAt;
    await expect.poll(() => badge.getAttribute('data-state')).toBe('up');

    // The event stream is back: a container made now appears live.
    await runTestContainer(`${prefix}-after`);
    await containerRow(page, `${prefix}-after`).waitFor({ timeout: 5_000 });
    // The engine stopped the first container when it shut down; the row says so, once.
    await expect.poll(() => containerRow(page, `${prefix}-before`).getAttribute('data-state'), { timeout: 5_000 }).toBe('exited');
    const cli = (await docker(['ps', '-a', '--filter', `name=${prefix}`, '--format', '{{.Names}}'])).split('\n').filter(Boolean).sort();
    await page.getByLabel('Filter containers').fill(prefix);
    const rows = await page.locator('[data-testid^="container-row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('container-row-', '')).sort());
    expect(rows).toEqual(cli);
    expect(app.pageErrors).toEqual([]);
    console.log(`outage screen after ${outageShownMs} ms; recovered ${recoveredMs} ms after the engine answered`);
    expect(outageShownMs).toBeLessThan(2_000);
    expect(recoveredMs).toBeLessThan(5_000);
  });
});
