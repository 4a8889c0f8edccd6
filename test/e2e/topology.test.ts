/**
 * The topology view in Chromium through the web bridge, against the real engine.
 *
 * Sets up the situations the view exists for (a user bridge, a container on two networks, host,
 * none and container: modes, a published port), checks what the graph says against the CLI and
 * the kernel, and saves the README screenshot.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { openApp, type AppSession } from '../support/app-page';
import { docker, labelArgs, removeTestResources, requireEngine, runTestContainer, RUN_LABEL, TEST_LABEL } from '../support/engine';

const TAG = RUN_LABEL.split('=')[1].slice(0, 4);
const NAMES = {
  net: `backend-${TAG}`,
  web: `web-${TAG}`,
  api: `api-${TAG}`,
  db: `db-${TAG}`,
  metrics: `metrics-${TAG}`,
  sandbox: `sandbox-${TAG}`,
  sidecar: `sidecar-${TAG}`,
  live: `live-${TAG}`,
  far: `far-${TAG}`,
  made: `made-net-${TAG}`,
  device: `pbt-${TAG}`,
};

/** The host veth paired with the container's eth0, from the kernel: its iflink is the host peer's ifindex. */
function hostVethOf(pid: number, ifname = 'eth0'): { name: string; ifindex: number } {
  const iflink = Number(readFileSync(`/proc/${pid}/root/sys/class/net/${ifname}/iflink`, 'utf8').trim());
  const links = JSON.parse(execFileSync('ip', ['-j', 'link'], { encoding: 'utf8' })) as { ifindex: number; ifname: string }[];
  const peer = links.find((l) => l.ifindex === iflink);
  if (!peer) throw new Error(`No host link with ifindex ${iflink}`);
  return { name: peer.ifname, ifindex: peer.ifindex };
}

interface Inspect {
  State: { Pid: number };
  NetworkSettings: { Networks: Record<string, { IPAddress: string; IPPrefixLen: number; MacAddress: string; Aliases?: string[] | null }> };
}

async function inspect(name: string): Promise<Inspect> {
  return (JSON.parse(await docker(['inspect', name])) as Inspect[])[0];
}

describe('topology view in Chromium through the web bridge', () => {
  let app: AppSession;
  const graph = () => app.page.getByTestId('topology-graph');
  const containerNode = (name: string): Locator => graph().getByTestId(`topology-node-container-${name}`);

  beforeAll(async () => {
    await requireEngine();
    await docker(['network', 'create', ...labelArgs(), '--subnet', '172.29.0.0/24', NAMES.net]);
    await runTestContainer(NAMES.web, ['-p', '127.0.0.1::80']);
    await runTestContainer(NAMES.api, ['--net', NAMES.net]);
    await docker(['network', 'connect', 'bridge', NAMES.api]);
    await runTestContainer(NAMES.db, ['--net', NAMES.net]);
    await runTestContainer(NAMES.metrics, ['--net', 'host']);
    await runTestContainer(NAMES.sandbox, ['--net', 'none']);
    await runTestContainer(NAMES.sidecar, ['--net', `container:${NAMES.web}`]);
    app = await openApp({ colorScheme: 'dark' });
    await app.page.getByRole('button', { name: 'Topology' }).click();
    await graph().waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    await app?.close();
    await removeTestResources({ thisRunOnly: true });
  });

  it('shows docker0 as the default bridge with its subnet and gateway', async () => {
    const bridge = (JSON.parse(await docker(['network', 'inspect', 'bridge'])) as { IPAM: { Config: { Subnet: string }[] } }[])[0];
    const node = graph().getByTestId('topology-node-bridge-bridge');
    await node.waitFor();
    await expect.poll(() => node.textContent()).toContain('docker0');
    expect(await node.getByTestId('bridge-subnet').textContent()).toContain(bridge.IPAM.Config[0].Subnet);
    const user = graph().getByTestId(`topology-node-bridge-${NAMES.net}`);
    await expect.poll(() => user.textContent()).toContain('172.29.0.0/24');
  });

  it('draws a container started with the CLI on docker0, with its veth, without a reload', async () => {
    await app.page.evaluate(() => ((globalThis as Record<string, unknown>).sameDocument = true));
    const started = Date.now();
    await runTestContainer(NAMES.live);
    const { State } = await inspect(NAMES.live);
    const veth = hostVethOf(State.Pid);
    await containerNode(NAMES.live).waitFor({ timeout: 5_000 });
    const pair = graph().getByTestId(`topology-veth-${NAMES.live}-bridge`);
    await pair.waitFor({ timeout: 5_000 });
    await expect.poll(() => pair.getByTestId('veth-host-name').textContent(), { timeout: 5_000 }).toBe(veth.name);
    expect(await pair.textContent()).toMatch(new RegExp(`${veth.name}\\s*if ${veth.ifindex}`));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await app.page.evaluate(() => (globalThis as Record<string, unknown>).sameDocument)).toBe(true);
  });

  it('shows the IP and MAC of a clicked container', async () => {
    const { NetworkSettings } = await inspect(NAMES.live);
    const endpoint = NetworkSettings.Networks.bridge;
    await containerNode(NAMES.live).click();
    const details = app.page.getByTestId('topology-details');
    await details.waitFor();
    expect(await details.getByTestId('detail-ip').first().textContent()).toBe(`${endpoint.IPAddress}/${endpoint.IPPrefixLen}`);
    expect(await details.getByTestId('detail-mac').first().textContent()).toBe(endpoint.MacAddress);
    await details.getByRole('button', { name: 'Close details' }).click();
  });

  it('draws host, none and container: modes and the published port', async () => {
    await expect.poll(() => containerNode(NAMES.metrics).textContent()).toContain("host's stack");
    await expect.poll(() => containerNode(NAMES.sandbox).textContent()).toContain('loopback only');
    await expect.poll(() => containerNode(NAMES.sidecar).textContent()).toContain(`netns of ${NAMES.web}`);
    const port = await docker(['port', NAMES.web, '80/tcp']);
    await expect.poll(() => app.page.getByTestId('dnat-table').textContent()).toContain(port.split('\n')[0]);
    expect(app.pageErrors).toEqual([]);
  });

  it('creates a network from the form, connects a container to it, and removes it only once it is empty', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New network' }).click();
    const form = page.getByRole('dialog', { name: 'New network' });
    await form.getByLabel('Name', { exact: true }).fill(NAMES.made);
    await form.getByLabel('Subnet').fill('172.29.0.0/24'); // NAMES.net has it already
    // Labelled like everything a test makes, so it is cleaned up whatever happens.
    await form.getByLabel('Labels').fill(`${TEST_LABEL}\n${RUN_LABEL}`);
    await form.getByRole('button', { name: 'Create network' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/overlaps/i);
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe(NAMES.made);

    await form.getByLabel('Subnet').fill('172.29.7.0/24');
    await form.getByLabel('Gateway').fill('172.29.7.1');
    await form.getByLabel('Bridge name').fill(NAMES.device);
    await form.getByRole('button', { name: 'Create network' }).click();
    await form.waitFor({ state: 'detached', timeout: 10_000 }).catch(async () => {
      throw new Error(`The form stayed open: ${await form.textContent()}`);
    });
    const bridge = graph().getByTestId(`topology-node-bridge-${NAMES.made}`);
    await expect.poll(() => bridge.textContent(), { timeout: 5_000 }).toContain('172.29.7.0/24');
    expect(await bridge.textContent()).toContain(NAMES.device);
    // The kernel has the bridge device the form named.
    expect(execFileSync('ip', ['-o', 'link', 'show', NAMES.device], { encoding: 'utf8' })).toContain(NAMES.device);

    await bridge.click();
    const details = page.getByTestId('topology-details');
    await details.getByLabel('Container', { exact: true }).selectOption({ label: `${NAMES.db} (running)` });
    await details.getByLabel('Aliases').fill('database');
    await details.getByLabel('IPv4 address').fill('172.29.7.50');
    await details.getByRole('button', { name: 'Connect' }).click();
    await graph().getByTestId(`topology-veth-${NAMES.db}-${NAMES.made}`).waitFor({ timeout: 5_000 });
    const endpoint = (await inspect(NAMES.db)).NetworkSettings.Networks[NAMES.made];
    expect(endpoint.IPAddress).toBe('172.29.7.50');
    expect(endpoint.Aliases).toContain('database');

    // In use: the dialog names the endpoints, and the engine's refusal is shown, not swallowed.
    await details.getByRole('button', { name: 'Remove network' }).click();
    const confirm = page.getByRole('dialog', { name: `Remove network ${NAMES.made}?` });
    await expect.poll(() => confirm.textContent()).toContain(`It has endpoints: ${NAMES.db}`);
    await confirm.getByRole('button', { name: 'Remove network' }).click();
    await expect.poll(() => confirm.getByRole('alert').textContent()).toContain(`Network ${NAMES.made} is in use by ${NAMES.db}`);
    expect(await docker(['network', 'inspect', '-f', '{{.Name}}', NAMES.made])).toBe(NAMES.made);
    await confirm.getByRole('button', { name: 'Cancel' }).click();

    await docker(['network', 'disconnect', NAMES.made, NAMES.db]);
    await graph().getByTestId(`topology-veth-${NAMES.db}-${NAMES.made}`).waitFor({ state: 'detached', timeout: 5_000 });
    await details.getByRole('button', { name: 'Remove network' }).click();
    await expect.poll(() => confirm.textContent()).toContain(`and its bridge ${NAMES.device} will be deleted`);
    await confirm.getByRole('button', { name: 'Remove network' }).click();
    await bridge.waitFor({ state: 'detached', timeout: 5_000 });
    await expect(docker(['network', 'inspect', NAMES.made])).rejects.toThrow(/not found/i);
    expect(() => execFileSync('ip', ['link', 'show', NAMES.device], { stdio: 'pipe' })).toThrow();
    expect(app.pageErrors).toEqual([]);
  });

  it('zoomed out, draws every node as a box in one SVG that follows events, opens details and hands back to the cards', async () => {
    const canvas = app.page.locator('.pb-graph[data-testid="topology-graph"]');
    const overview = graph().getByTestId('graph-overview');
    const box = (id: string) => overview.locator(`[data-node-id="${id}"]`);
    for (let i = 0; i < 30 && (await canvas.getAttribute('data-far-view')) !== 'true'; i++) {
      await graph().locator('.react-flow__controls-zoomout').click();
      await app.page.waitForTimeout(60);
    }
    expect(await canvas.getAttribute('data-far-view')).toBe('true');
    const web = (JSON.parse(await docker(['inspect', NAMES.web])) as { Id: string }[])[0].Id;
    await box(`container:${web}`).waitFor({ state: 'attached' });
    // The cards are out of the way: the overview stands in for them.
    expect(await containerNode(NAMES.web).isVisible()).toBe(false);
    expect(await overview.locator('[data-node-id^="container:"]').count()).toBe(await graph().locator('.react-flow__node-container').count());

    // An engine event while zoomed out: a box and its veth appear, with the curves between them.
    const curves = await overview.locator('path').count();
    await runTestContainer(NAMES.far, ['--net', NAMES.net]);
    const { Id: far, NetworkSettings } = (JSON.parse(await docker(['inspect', NAMES.far])) as Array<{ Id: string } & Inspect>)[0];
    await box(`container:${far}`).waitFor({ state: 'attached', timeout: 5_000 });
    await expect.poll(() => overview.locator('[data-node-id^="veth:' + far + '"]').count(), { timeout: 5_000 }).toBe(1);
    await expect.poll(() => overview.locator('path').count()).toBeGreaterThanOrEqual(curves + 2);
    expect(await box(`container:${far}`).locator('title').textContent()).toBe(`Container ${NAMES.far}`);
    // Just past the cards (zoom 0.3 to 0.6), each box has its name written in.
    await expect.poll(() => box(`container:${far}`).locator('text').textContent()).toBe(NAMES.far);

    // A click on a box selects that node, as a click on its card does.
    await box(`container:${far}`).click();
    const details = app.page.getByTestId('topology-details');
    await details.waitFor();
    const endpoint = NetworkSettings.Networks[NAMES.net];
    expect(await details.getByTestId('detail-ip').first().textContent()).toBe(`${endpoint.IPAddress}/${endpoint.IPPrefixLen}`);
    await details.getByRole('button', { name: 'Close details' }).click();

    // Zoomed back in, the cards return; the container that arrived while zoomed out has its cables drawn.
    for (let i = 0; i < 30 && (await canvas.getAttribute('data-far-view')) === 'true'; i++) {
      await graph().locator('.react-flow__controls-zoomin').click();
      await app.page.waitForTimeout(60);
    }
    expect(await canvas.getAttribute('data-far-view')).toBe('false');
    expect(await overview.count()).toBe(0);
    const veth = `veth:${far}:${(JSON.parse(await docker(['network', 'inspect', NAMES.net])) as { Id: string }[])[0].Id}`;
    for (const id of [`${veth}:host`, `${veth}:ns`]) {
      const path = graph().getByTestId(`rf__edge-${id}`).locator('path.react-flow__edge-path');
      await expect.poll(() => path.getAttribute('d'), { timeout: 5_000 }).toMatch(/^M/);
    }
    await docker(['rm', '-f', NAMES.far]);
    expect(app.pageErrors).toEqual([]);
  });

  it('saves the README screenshot', async () => {
    await docker(['rm', '-f', NAMES.live]);
    await containerNode(NAMES.live).waitFor({ state: 'detached' });
    await app.page.getByRole('button', { name: 'Lay the graph out again' }).click();
    await app.page.waitForTimeout(400);
    await app.page.getByRole('button', { name: 'Fit to view (or to the search results)' }).click();
    await app.page.waitForTimeout(500);
    await app.page.screenshot({ path: join(process.cwd(), 'docs/screenshots/topology.png') });
  });
});
