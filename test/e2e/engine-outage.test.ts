import { afterAll, describe, expect, it } from 'vitest';
import { containerRow, openApp, type AppSession } from '../support/app-page';
import { uniqueName, useEngine } from '../support/engine';
import { PrivateEngine } from '../support/private-engine';

/**
 * A real dockerd goes away and comes back while the app is open: the app must say so within
 * 2 s, keep running, and pick up where the engine is within 5 s of it answering — no reload.
 */
describe('engine outage, with a real dockerd stopped and started again', () => {
  const engine = new PrivateEngine();
  let app: AppSession;
  const prefix = uniqueName('outage');
  const run = (name: string) => engine.docker(['run', '-d', '--network', 'none', '--name', name, 'patchbay-test/busybox:latest', 'sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"]);

  useEngine(async () => {
    await engine.start();
    await engine.loadTestImage();
    app = await openApp({ core: { dockerHost: engine.dockerHost } });
  });

  afterAll(async () => {
    await app?.close();
    await engine.destroy();
  });

  it('shows the outage screen while dockerd is down and recovers by itself', async () => {
    const { page } = app;
    await run(`${prefix}-before`);
    await containerRow(page, `${prefix}-before`).waitFor();
    const badge = page.getByTestId('engine-badge');
    await expect.poll(() => badge.getAttribute('data-state')).toBe('up');

    await engine.stop();
    const downAt = Date.now();
    const outage = page.getByTestId('outage-screen');
    await outage.waitFor({ timeout: 5_000 });
    const outageShownMs = Date.now() - downAt;
    await expect.poll(() => outage.textContent()).toContain(engine.dockerHost);
    // The app keeps working while the engine is away: Try now answers and the screen stays.
    await outage.getByRole('button', { name: 'Try now' }).click();
    await expect.poll(() => outage.textContent()).toMatch(/failed attempt/);

    await engine.start();
    const upAt = Date.now();
    await outage.waitFor({ state: 'detached', timeout: 10_000 });
    const recoveredMs = Date.now() - upAt;
    await expect.poll(() => badge.getAttribute('data-state')).toBe('up');

    // The event stream is back: a container made now appears live.
    await run(`${prefix}-after`);
    await containerRow(page, `${prefix}-after`).waitFor({ timeout: 5_000 });
    // The engine stopped the first container when it shut down: the row says so, once.
    await expect.poll(() => containerRow(page, `${prefix}-before`).getAttribute('data-state'), { timeout: 5_000 }).toBe('exited');
    const cli = (await engine.docker(['ps', '-a', '--format', '{{.Names}}'])).split('\n').filter(Boolean).sort();
    const rows = await page
      .locator('[data-testid^="container-row-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('container-row-', '')).sort());
    expect(rows).toEqual(cli);
    expect(app.pageErrors).toEqual([]);
    console.log(`outage screen ${outageShownMs} ms after dockerd exited; recovered ${recoveredMs} ms after it answered`);
    expect(outageShownMs).toBeLessThan(2_000);
    expect(recoveredMs).toBeLessThan(5_000);
  });
});
