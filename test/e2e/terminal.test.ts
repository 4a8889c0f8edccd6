/**
 * The terminal in Chromium through the web bridge, against the real engine: a shell that
 * follows the window's size, takes pasted text as text, survives page switches, shows exit codes
 * and stops, and reattaches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerRow, openApp, type AppSession } from '../support/app-page';
import { docker, removeTestResources, requireEngine, runTestContainer, RUN_LABEL } from '../support/engine';

const TAG = RUN_LABEL.split('=')[1].slice(0, 4);
const SHELL = `shell-${TAG}`;
const WEB = `web-${TAG}`;
const IDLE = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];

describe('terminal in Chromium through the web bridge', () => {
  let app: AppSession;
  const rows = () => app.page.locator('[data-testid="terminal-slot"] .xterm-rows');
  const screenText = async () => (await rows().innerText()).replace(/\u00a0/g, ' ');
  const typeLine = async (line: string) => {
    await app.page.locator('[data-testid="terminal-slot"] .xterm-helper-textarea').focus();
    await app.page.keyboard.type(line);
    await app.page.keyboard.press('Enter');
  };
  const waitForText = (pattern: RegExp | string, timeout = 10_000) =>
    expect.poll(screenText, { timeout }).toMatch(typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern);
  const sttySize = async (marker: string): Promise<[number, number]> => {
    await typeLine(`echo ${marker}=$(stty size | tr ' ' x)`);
    await waitForText(new RegExp(`${marker}=\\d+x\\d+`));
    const [, r, c] = new RegExp(`${marker}=(\\d+)x(\\d+)`).exec(await screenText())!;
    return [Number(r), Number(c)];
  };

  beforeAll(async () => {
    await requireEngine();
    await runTestContainer(SHELL, ['--net', 'none', '--hostname', 'patchbay-demo', '-e', 'PS1=\\u@\\h:\\w\\$ '], IDLE);
    await runTestContainer(WEB, ['--net', 'none'], ['sh', '-c', `i=0; while [ $i -lt 40 ]; do echo "GET /api/items/$i 200 $((i*7%90+3))ms"; [ $((i%9)) -eq 4 ] && echo "warn: slow upstream ($i)" >&2; i=$((i+1)); done; trap 'exit 0' TERM; sleep 3600 & wait`]);
    app = await openApp();
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.harness.bridge.url.replace(/\/$/, '') });
    await app.page.getByRole('heading', { name: 'Containers', exact: true }).waitFor();
  });

  afterAll(async () => {
    await app?.close();
    await removeTestResources({ thisRunOnly: true });
  });

  it('opens a shell from the container row, runs a command and shows its output', async () => {
    const row = containerRow(app.page, SHELL);
    await row.waitFor();
    await row.getByRole('button', { name: `Open terminal in ${SHELL}` }).click();
    const dialog = app.page.getByRole('dialog', { name: 'New terminal session' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Container').inputValue()).toBe(await docker(['inspect', '-f', '{{.Id}}', SHELL]));
    await dialog.getByTestId('start-session').click();
    await app.page.getByTestId(`terminal-view-${SHELL}`).waitFor();
    await expect.poll(() => app.page.getByTestId('session-status').getAttribute('data-status')).toBe('open');
    await typeLine('echo "hello-$((6*7))"');
    await waitForText(/\nhello-42/);
  });

  it('follows the window size: stty size changes when the window does', async () => {
    const [rows1, cols1] = await sttySize('big');
    expect(rows1).toBeGreaterThan(20);
    expect(cols1).toBeGreaterThan(80);
    await app.page.setViewportSize({ width: 1000, height: 600 });
    await expect.poll(async () => (await sttySize(`s${Date.now() % 1000}`)).join('x'), { timeout: 10_000 }).not.toBe(`${rows1}x${cols1}`);
    const [rows2, cols2] = await sttySize('small');
    expect(rows2).toBeLessThan(rows1);
    expect(cols2).toBeLessThan(cols1);
    // xterm shows exactly as many rows as the shell believes it has.
    expect(await rows().locator(':scope > div').count()).toBe(rows2);
    await app.page.setViewportSize({ width: 1360, height: 860 });
    await expect.poll(async () => (await sttySize(`b${Date.now() % 1000}`))[0], { timeout: 10_000 }).toBe(rows1);
  });

  it('pastes text as text, with Ctrl+Shift+V and the context menu, never as ^V', async () => {
    await app.page.evaluate(() => navigator.clipboard.writeText('echo "pasted-$((40+2))"'));
    await app.page.locator('[data-testid="terminal-slot"] .xterm-helper-textarea').focus();
    await app.page.keyboard.press('Control+Shift+V');
    await app.page.keyboard.press('Enter');
    await waitForText(/\npasted-42/);

    await app.page.evaluate(() => navigator.clipboard.writeText('echo "menu-$((5*5))"'));
    await app.page.getByTestId('terminal-slot').click({ button: 'right' });
    await app.page.getByRole('menuitem', { name: /Paste/ }).click();
    await app.page.keyboard.press('Enter');
    await waitForText(/\nmenu-25/);
    expect(await screenText()).not.toContain('^V');
  });

  it('keeps the session and its scrollback across page switches', async () => {
    await app.page.getByRole('button', { name: /Containers/ }).first().click();
    await app.page.getByRole('heading', { name: 'Containers', exact: true }).waitFor();
    await app.page.getByRole('button', { name: /^Terminal/ }).click();
    await waitForText(/\nhello-42/);
    await typeLine('echo "still-$((1+1))"');
    await waitForText(/\nstill-2/);
  });

  it('says so when the container stops, and reattaches in one click when it runs again', async () => {
    await docker(['stop', '-t', '2', SHELL]);
    const banner = app.page.getByTestId('session-banner');
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toMatch(/stopped/);
    const reattach = banner.getByRole('button', { name: 'Reattach' });
    expect(await reattach.isDisabled()).toBe(true);
    await docker(['start', SHELL]);
    await expect.poll(() => reattach.isDisabled(), { timeout: 10_000 }).toBe(false);
    await reattach.click();
    await expect.poll(() => app.page.getByTestId('session-status').getAttribute('data-status')).toBe('open');
    await typeLine('echo "back-$((3*3))"');
    await waitForText(/\nback-9/);
  });

  it('shows the exit code when the shell ends', async () => {
    await typeLine('exit 3');
    await expect.poll(() => app.page.getByTestId('exit-code').textContent(), { timeout: 10_000 }).toBe('exit 3');
    await app.page.getByTestId('session-banner').getByRole('button', { name: 'Open again' }).click();
    await expect.poll(() => app.page.getByTestId('session-status').getAttribute('data-status')).toBe('open');
  });

  it('follows logs with stderr told apart, and takes the README screenshot', async () => {
    // A second session: the logs of a non-TTY container.
    await app.page.getByRole('button', { name: 'New session' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'New terminal session' });
    await dialog.getByLabel('Container').selectOption({ label: `${WEB} — running` });
    await dialog.getByRole('radio', { name: /Logs/ }).click();
    await dialog.getByTestId('start-session').click();
    await app.page.getByTestId(`terminal-view-${WEB}`).waitFor();
    await waitForText(/GET \/api\/items\/39 200/);
    await waitForText(/warn: slow upstream \(\d+\)/);
    // stderr lines are drawn in the stderr colour (xterm's red, class xterm-fg-1).
    const warn = rows().locator('span.xterm-fg-1', { hasText: 'warn: slow upstream' });
    expect(await warn.count()).toBeGreaterThan(0);
    const plain = rows().locator('span.xterm-fg-1', { hasText: 'GET /api/items' });
    expect(await plain.count()).toBe(0);

    // Back to the shell for the picture, with something worth looking at.
    await app.page.getByTestId(`session-tab-${SHELL}`).click();
    await typeLine('clear');
    await typeLine('ls -l --color=always / | head -9');
    await typeLine('printf "\\033[1;34mPatchbay\\033[0m terminal: UTF-8 € ✓ → · 256 colours "; for i in 196 202 208 214 220 226 190 154 118 82 46 48 50 51 45 39 33 27 57 93 129 165 201; do printf "\\033[48;5;${i}m  "; done; printf "\\033[0m\\n"');
    await typeLine('echo "$TERM $(stty size)"');
    await typeLine('top -b -n 1 | head -8');
    await waitForText(/xterm-256color \d+ \d+/);
    await waitForText(/Mem:/);
    await app.page.waitForTimeout(300);
    await app.page.mouse.move(5, 5);
    await app.page.screenshot({ path: 'docs/screenshots/terminal.png' });
    expect(app.pageErrors).toEqual([]);
  });
});
