/**
 * The run form in Chromium through the web bridge: paste a docker run command, create, see it run.
 */
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerRow, openApp, type AppSession } from '../support/app-page';
import { RUN_LABEL, TEST_LABEL, containerStatus, docker, removeTestResources, requireEngine, uniqueName, waitFor } from '../support/engine';

const SCREENSHOT = 'docs/screenshots/run-form.png';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('run form in Chromium through the web bridge', () => {
  let app: AppSession;
  const servers: Server[] = [];

  beforeAll(async () => {
    await requireEngine();
    app = await openApp({ colorScheme: 'dark' });
    await app.page.getByRole('heading', { name: 'Containers', exact: true }).waitFor();
  });

  afterAll(async () => {
    for (const server of servers) server.close();
    await app?.close();
    await removeTestResources({ thisRunOnly: true });
  });

  const dialog = () => app.page.getByRole('dialog', { name: 'Run a container' });

  async function pasteCommand(command: string): Promise<void> {
    await dialog().getByLabel('docker run command to read').fill(command);
    await dialog().getByRole('button', { name: 'Fill the form' }).click();
  }

  it('pastes a docker run command, fills the form, creates it and shows it running with its ports', async () => {
    const name = uniqueName('e2e-run');
    const port = await freePort();
    await app.page.getByRole('button', { name: 'Run container' }).click();
    await dialog().waitFor();

    await pasteCommand(
      `docker run -d --name ${name} \\\n  -p 127.0.0.1:${port}:80 -p 127.0.0.1::443 --expose 7000 \\\n  -e GREETING='hello world' -e MODE=prod -l ${TEST_LABEL} -l ${RUN_LABEL} \\\n  --restart unless-stopped --cpus 2 -v /srv/www:/www:ro \\\n  patchbay-test/busybox:latest httpd -f -p 80 -h /etc`,
    );
    const d = dialog();
    await expect.poll(() => d.getByLabel('Image', { exact: true }).inputValue()).toBe('patchbay-test/busybox:latest');
    expect(await d.getByLabel('Name (--name)').inputValue()).toBe(name);
    expect(await d.getByLabel('Command and arguments').inputValue()).toBe('httpd -f -p 80 -h /etc');
    expect(await d.getByLabel('Port 1 in docker syntax').inputValue()).toBe(`127.0.0.1:${port}:80`);
    // The field-by-field view shows the same row.
    expect(await d.getByLabel('Port 1 host IP').inputValue()).toBe('127.0.0.1');
    expect(await d.getByLabel('Port 1 host port').inputValue()).toBe(String(port));
    expect(await d.getByLabel('Port 1 container port').inputValue()).toBe('80');
    expect(await d.getByLabel('Port 2 host port').inputValue()).toBe('');
    expect(await d.getByLabel('Environment (-e) 1 value').inputValue()).toBe('hello world');
    expect(await d.getByLabel('Restart policy (--restart)').inputValue()).toBe('unless-stopped');
    // Unsupported flags are listed, not dropped silently.
    await expect.poll(() => d.getByTestId('paste-result').textContent()).toContain('--cpus 2');
    // The live command follows the form.
    await expect.poll(() => d.getByTestId('run-command').textContent()).toContain(`-p 127.0.0.1:${port}:80`);

    // Editing a field rewrites the docker-syntax view.
    await d.getByLabel('Port 2 host IP').fill('');
    expect(await d.getByLabel('Port 2 in docker syntax').inputValue()).toBe('443');
    await d.getByLabel('Port 2 in docker syntax').fill('127.0.0.1::443');
    expect(await d.getByLabel('Port 2 host IP').inputValue()).toBe('127.0.0.1');
    // A bad row says what is wrong with it, live.
    await d.getByLabel('Port 2 in docker syntax').fill('99999:443');
    await expect.poll(() => d.getByTestId('port-row-1').textContent()).toContain('Host port 99999 is out of range');
    await d.getByLabel('Port 2 in docker syntax').fill('127.0.0.1::443');

    // The bind source does not exist: the check offers to create it.
    const checks = d.getByTestId('run-checks');
    await expect.poll(() => checks.textContent(), { timeout: 10_000 }).toContain('The host folder /srv/www does not exist');
    await d.getByLabel('Volumes (-v) 1', { exact: true }).fill('');
    await d.getByRole('button', { name: 'Remove Volumes (-v) 1' }).click();
    await expect.poll(() => checks.textContent(), { timeout: 10_000 }).toContain('No problems found');

    await mkdir('docs/screenshots', { recursive: true });
    // The published ports in view, with the image section above them.
    await d.getByRole('region', { name: 'Ports' }).evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await app.page.mouse.move(0, 0);
    await app.page.screenshot({ path: SCREENSHOT });

    await d.getByRole('button', { name: 'Run container' }).click();
    await d.waitFor({ state: 'detached', timeout: 20_000 }).catch(async (error: unknown) => {
      throw new Error(`The dialog stayed open: ${await d.getByTestId('run-error').textContent().catch(() => '(no error shown)')}`, { cause: error });
    });
    await waitFor(async () => (await containerStatus(name)) === 'running', { timeoutMs: 20_000, description: `${name} to run` });
    const row = containerRow(app.page, name);
    await row.waitFor({ timeout: 10_000 });
    await expect.poll(() => row.getAttribute('data-state')).toBe('running');
    await expect.poll(() => row.textContent()).toContain(`127.0.0.1:${port}->80/tcp`);
    expect(await docker(['port', name, '80'])).toBe(`127.0.0.1:${port}`);
    expect(JSON.parse(await docker(['inspect', '-f', '{{json .Config.Env}}', name]))).toContain('GREETING=hello world');

    // The details panel opened on it: its Ports tab shows the docker port lines.
    const panel = app.page.getByTestId('details-panel');
    await panel.getByRole('tab', { name: 'ports' }).click();
    await expect.poll(() => panel.getByTestId('docker-port-lines').textContent()).toContain(`80/tcp -> 127.0.0.1:${port}`);
    await expect.poll(() => panel.getByRole('link', { name: `80/tcp -> 127.0.0.1:${port}` }).getAttribute('href')).toBe(`http://127.0.0.1:${port}/`);

    // Copy as docker run gives back the flags.
    await panel.getByRole('button', { name: 'Copy as docker run / export as Compose' }).click();
    const exported = app.page.getByRole('dialog', { name: `Export ${name}` });
    await expect.poll(() => exported.getByTestId('export-run').textContent()).toContain(`--name ${name}`);
    expect(await exported.getByTestId('export-run').textContent()).toContain(`-p 127.0.0.1:${port}:80`);
    await exported.getByRole('tab', { name: 'Compose' }).click();
    await expect.poll(() => exported.getByTestId('export-compose').textContent()).toContain(`container_name: ${name}`);
    await app.page.keyboard.press('Escape');
    await exported.waitFor({ state: 'detached' });
    expect(app.pageErrors).toEqual([]);
  });

  it('says a port is taken by a host process, before create, and creates nothing', async () => {
    const name = uniqueName('e2e-taken');
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    servers.push(server);

    await app.page.locator('body').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('n');
    await dialog().waitFor();
    await pasteCommand(`docker run -d --name ${name} -l ${TEST_LABEL} -l ${RUN_LABEL} -p 127.0.0.1:${port}:80 patchbay-test/busybox sleep 60`);
    const d = dialog();
    const message = `Host port ${port}/tcp on 127.0.0.1 is already in use by a program on the host`;
    await expect.poll(() => d.getByTestId('run-checks').textContent(), { timeout: 10_000 }).toContain(message);
    await expect.poll(() => d.getByTestId('port-row-0').textContent()).toContain(message);
    expect(await d.getByRole('button', { name: 'Run container' }).isDisabled()).toBe(true);
    expect(await containerStatus(name)).toBeNull();
    await app.page.keyboard.press('Escape');
    await d.waitFor({ state: 'detached' });
    expect(app.pageErrors).toEqual([]);
  });
});
