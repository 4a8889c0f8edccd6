/**
 * Topology benchmark: `npx tsx bench/topology.ts`.
 *
 * 1. Pure build: `buildTopology` for 300 running containers on 10 bridges (100 of them on two),
 *    from inspects derived from the captured fixtures.
 * 2. Real: creates 10 networks and 300 containers with the docker CLI (labelled
 *    `patchbay.test=1` and this run's `patchbay.test.run`), opens the app in Chromium through the
 *    web bridge and measures from page load to every container node drawn, then how long a newly
 *    started container takes to appear. Removes exactly what it created, even on failure.
 */
import { syntheticEngine } from '../test/fixtures/topology/synthetic-engine';
import { buildTopology } from '../shared/topology/build-topology';
import { openApp } from '../test/support/app-page';
import { docker, labelArgs, requireEngine, RUN_LABEL, TEST_IMAGE } from '../test/support/docker-cli';
import { median } from './bench-kit';

/** Defined in the page by an init script (see benchBrowser). */
declare function drawnContainers(): number;

const NETWORKS = 10;
const CONTAINERS = 300;
const RUN = RUN_LABEL;
const LABELS = labelArgs();

function benchPureBuild(): void {
  const { networks, containers, host, nat } = syntheticEngine(NETWORKS, CONTAINERS);
  const run = () => buildTopology({ networks, containers, hostInterfaces: host, nat, ipForward: true });
  for (let i = 0; i < 5; i++) run();
  const times: number[] = [];
  let pairs = 0;
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    pairs = run().vethPairs.length;
    times.push(performance.now() - start);
  }
  const json = JSON.stringify(run()).length;
  console.log(`pure build: ${CONTAINERS} containers, ${NETWORKS} networks, ${pairs} veth pairs — median ${median(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms (30 runs); payload ${(json / 1024).toFixed(0)} kB`);
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

async function cleanup(): Promise<void> {
  const list = (args: string[]) => docker(args).then((out) => out.split('\n').filter(Boolean), () => [] as string[]);
  const containers = await list(['ps', '-aq', '--filter', `label=${RUN}`]);
  await inBatches(containers, 50, (chunk) => docker(['rm', '-f', chunk as string]).catch(() => undefined));
  const networks = await list(['network', 'ls', '-q', '--filter', `label=${RUN}`]);
  if (networks.length) await docker(['network', 'rm', ...networks]).catch(() => undefined);
}

async function benchBrowser(): Promise<void> {
  await requireEngine();
  const tag = RUN.slice(-6);
  const started = performance.now();
  const nets = Array.from({ length: NETWORKS }, (_, i) => `bench-${tag}-net${i}`);
  await inBatches(nets, 5, (name) => docker(['network', 'create', ...LABELS, name as string]));
  const names = Array.from({ length: CONTAINERS }, (_, i) => `bench-${tag}-c${i}`);
  await inBatches(names, 25, (name) => {
    const i = Number((name as string).split('-c')[1]);
    return docker(['run', '-d', ...LABELS, '--name', name as string, '--net', nets[i % NETWORKS], TEST_IMAGE, 'sleep', '3600']);
  });
  console.log(`setup: ${NETWORKS} networks and ${CONTAINERS} running containers in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const app = await openApp({ colorScheme: 'dark' });
  try {
    const page = app.page;
    // Container boxes in the far view, else container cards on screen.
    // A string, not a function: tsx's helpers do not exist in the page.
    await page.addInitScript(`globalThis.drawnContainers = () =>
      document.querySelectorAll('[data-testid="graph-overview"] [data-node-id^="container:"]').length ||
      [...document.querySelectorAll('[data-testid^="topology-node-container-"]')].filter((n) => n.offsetParent !== null).length;`);
    await page.getByRole('heading', { name: 'Containers', exact: true }).waitFor({ timeout: 30_000 });
    // From a fresh load of the topology page to every container node drawn.
    const samples: { total: number; layout: number }[] = [];
    for (let round = 0; round < 3; round++) {
      await page.evaluate(() => localStorage.clear());
      const t0 = Date.now();
      await page.reload();
      await page.getByRole('button', { name: 'Topology' }).click();
      // Drawn: fitted, 300 containers show as the far view's boxes; zoomed in they would be cards.
      await page
        .waitForFunction((count) => drawnContainers() >= count, CONTAINERS, { timeout: 120_000, polling: 25 })
        .catch(async (error: unknown) => {
          const seen = await page.evaluate(() => drawnContainers());
          throw new Error(`Only ${seen} of ${CONTAINERS} container nodes drawn: ${String(error)}`);
        });
      const total = Date.now() - t0;
      const layout = Number(await page.getByTestId('topology-page').getAttribute('data-layout-ms'));
      samples.push({ total, layout });
    }
    const totals = samples.map((s) => s.total);
    console.log(`chromium: page load → ${CONTAINERS} container nodes rendered: median ${median(totals)} ms (runs: ${totals.join(', ')} ms); layout ${median(samples.map((s) => s.layout))} ms of that (banded layout above 150 nodes, ELK below)`);
    const counts = await page.getByTestId('topology-counts').textContent();
    console.log(`chromium: graph shows ${counts}`);

    // Live at scale: one more container, from `docker run` returning to its node on screen.
    const extra = `bench-${tag}-extra`;
    const t1 = Date.now();
    const extraId = await docker(['run', '-d', ...LABELS, '--name', extra, '--net', nets[0], TEST_IMAGE, 'sleep', '3600']);
    const runReturned = Date.now();
    await page.locator(`[data-testid="graph-overview"] [data-node-id="container:${extraId}"], [data-testid="topology-node-container-${extra}"]:visible`).first().waitFor({ state: 'attached', timeout: 30_000 });
    console.log(`chromium: new container drawn ${Date.now() - runReturned} ms after docker run returned (${Date.now() - t1} ms incl. docker run)`);
    if (app.pageErrors.length) console.log(`page errors: ${app.pageErrors.join('; ')}`);
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  benchPureBuild();
  try {
    await benchBrowser();
  } finally {
    await cleanup();
    console.log('cleanup: removed this run’s containers and networks');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
