/**
 * The links view in Chromium through the web bridge, against the real engine: drag from a client
 * to a target, confirm the recreate, see the edge and the variables the link injected; and the
 * README screenshot.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from '../support/app-page';
import { docker, labelArgs, removeTestResources, requireEngine, runTestContainer, RUN_LABEL, waitFor } from '../support/engine';

/** Short names read well in the screenshot; the run label's random part keeps them unique. */
const TAG = RUN_LABEL.split('=')[1].slice(0, 4);
const names = { db: `db-${TAG}`, app: `app-${TAG}`, api: `api-${TAG}`, net: `backend-${TAG}` };
const volumes = new Set<string>();

describe('links view in Chromium through the web bridge', () => {
  let app: AppSession;
  const graph = () => app.page.getByTestId('links-graph');

  beforeAll(async () => {
    await requireEngine();
    await runTestContainer(names.db, ['-e', 'DB_ROOT_PASSWORD=x', '--expose', '3306']);
    await runTestContainer(names.app, ['-v', '/data']);
    await docker(['network', 'create', ...labelArgs(), names.net]);
    await runTestContainer(names.api, ['--network', names.net, '--network-alias', 'api']);
    await docker(['network', 'connect', names.net, names.db]);
    volumes.add(await docker(['inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', names.app]));
    app = await openApp({ colorScheme: 'dark' });
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Links/ }).click();
    await graph().waitFor({ timeout: 20_000 });
  });

  afterAll(async () => {
    await app?.close();
    await removeTestResources({ thisRunOnly: true });
    for (const v of volumes) await docker(['volume', 'rm', '-f', v]).catch(() => undefined);
  });

  it('links by dragging from the client to the target, after showing the steps', async () => {
    const { page } = app;
    const out = graph().getByTestId(`links-handle-out-${names.app}`);
    const into = graph().getByTestId(`links-handle-in-${names.db}`);
    await out.waitFor({ timeout: 15_000 });
    await into.waitFor({ timeout: 15_000 });
    const from = (await out.boundingBox())!;
    const to = (await into.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2 + 10, { steps: 8 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await page.mouse.up();

    const dialog = page.getByTestId('link-dialog');
    await dialog.waitFor({ timeout: 10_000 });
    await page.getByLabel('Link alias').fill('db-server');
    const steps = dialog.getByTestId('link-plan-steps');
    await expect.poll(() => steps.textContent(), { timeout: 10_000 }).toContain(`the link ${names.app} → ${names.db} as db-server`);
    const text = (await steps.textContent())!;
    for (const step of [`Stop ${names.app}`, `Rename it to ${names.app}-patchbay-old-`, `Start the new ${names.app}`, 'Without -v']) expect(text).toContain(step);
    expect(await dialog.getByTestId('link-alternative').textContent()).toMatch(/no recreate/);
    await page.getByTestId('link-confirm').click();
    await page.getByTestId('link-dialog').waitFor({ state: 'detached', timeout: 60_000 });

    const edge = graph().getByTestId(`links-edge-${names.app}-db-server`);
    await edge.waitFor({ timeout: 15_000 }).catch(async (error: unknown) => {
      // Seen twice in ~15 full runs and never alone: say what the canvas held, for the next time.
      const state = await page.evaluate(() => ({
        header: document.querySelector('[data-testid="links-counts"]')?.textContent,
        farView: document.querySelector('.pb-graph')?.getAttribute('data-far-view'),
        nodes: [...document.querySelectorAll('.react-flow__node')].map((n) => `${n.getAttribute('data-id')}@${(n as HTMLElement).style.transform}`),
        edges: [...document.querySelectorAll('.react-flow__edge')].map((e) => e.getAttribute('data-id')),
      }));
      throw new Error(`${String(error)}\nthe canvas held: ${JSON.stringify(state)}`);
    });
    expect(await edge.textContent()).toBe('as db-server');
    const links = await docker(['inspect', '-f', '{{json .HostConfig.Links}}', names.app]);
    expect(JSON.parse(links)).toEqual([`/${names.db}:/${names.app}/db-server`]);
  });

  it('shows the injected variables and the /etc/hosts line of the client', async () => {
    const details = app.page.getByTestId('links-details');
    if (!(await details.isVisible())) await graph().getByTestId(`links-node-${names.app}`).click();
    await details.waitFor();
    const section = details.getByTestId('explain-link-db-server');
    await section.waitFor({ timeout: 15_000 });
    const env = (await docker(['exec', names.app, 'env'])).split('\n');
    const addr = env.find((l) => l.startsWith('DB_SERVER_PORT_3306_TCP_ADDR='))!;
    await expect.poll(() => section.getByTestId('explain-env').textContent()).toContain(addr);
    expect(await section.getByTestId('explain-env').textContent()).toContain(env.find((l) => l.startsWith('DB_SERVER_NAME='))!);
    const hostsLine = (await docker(['exec', names.app, 'cat', '/etc/hosts'])).split('\n').find((l) => /\tdb-server /.test(l))!;
    expect(await section.getByTestId('explain-hosts-line').textContent()).toBe(hostsLine);
    expect(await section.getByTestId('explain-summary').textContent()).toMatch(new RegExp(`^db-server resolves to ${addr.split('=')[1].replace(/\./g, '\\.')} because of the link to ${names.db}`));
    await expect.poll(() => graph().getByTestId(`links-network-${names.net}`).count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });

  it('saves the README screenshot', async () => {
    await waitFor(async () => (await app.page.getByTestId('links-graph').locator('.react-flow__node').count()) > 0);
    await waitFor(async () => (await app.page.locator('[data-sonner-toast]').count()) === 0, { timeoutMs: 15_000, description: 'the toast to go' });
    await app.page.getByRole('button', { name: 'Lay the graph out again' }).click();
    await app.page.waitForTimeout(500);
    await app.page.getByRole('button', { name: 'Fit to view' }).click();
    await app.page.waitForTimeout(600);
    await app.page.screenshot({ path: join(process.cwd(), 'docs/screenshots/links.png') });
  });
});
