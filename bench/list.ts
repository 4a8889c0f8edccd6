/**
 * `npm run bench:list`: how fast Patchbay lists and inspects every container, against the CLI,
 * and how soon a container started with `docker run -d` shows up in the browser.
 *
 * BENCH_CONTAINERS (default 300) labelled containers are created and removed by the script.
 */
import { startCore } from '../test/support/core-harness';
import { containerRow, openApp } from '../test/support/app-page';
import { docker, removeTestResources, requireEngine, runTestContainer, uniqueName } from '../test/support/docker-cli';
import { allowNamedFunctions, createContainers, fmt, median, percentile, timed } from './bench-kit';

const COUNT = Number(process.env.BENCH_CONTAINERS ?? 300);
const ROUNDS = 5;

async function main(): Promise<void> {
  await requireEngine();
  const prefix = uniqueName('bench-list');
  try {
    console.log(`creating ${COUNT} containers…`);
    const made = await timed(() => createContainers(prefix, COUNT));
    console.log(`  created in ${fmt(made.ms)}`);
    const total = (await docker(['ps', '-aq'])).split('\n').filter(Boolean).length;
    console.log(`engine now holds ${total} containers\n`);

    // Patchbay: a fresh core from nothing to a complete list (ping, event stream, list, inspect all).
    const coreTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { ms, value: harness } = await timed(() => startCore());
      const list = await harness.list();
      harness.stop();
      if (list.containers.length < COUNT) throw new Error(`the core listed only ${list.containers.length}`);
      coreTimes.push(ms);
    }
    // The CLI doing the same work: list all, then inspect all.
    const cliTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { ms } = await timed(async () => {
        const ids = (await docker(['ps', '-aq'])).split('\n').filter(Boolean);
        await docker(['inspect', ...ids]);
      });
      cliTimes.push(ms);
    }
    const core = median(coreTimes);
    const cli = median(cliTimes);
    console.log(`list + inspect ${total} containers (median of ${ROUNDS}):`);
    console.log(`  Patchbay core       ${fmt(core)}`);
    console.log(`  docker ps + inspect ${fmt(cli)}`);
    console.log(`  ratio CLI/Patchbay  ${(cli / core).toFixed(2)}x (above 1: Patchbay is faster)\n`);

    const app = await openApp();
    try {
      await app.page.getByRole('heading', { name: 'Containers', exact: true }).waitFor();
      await app.page.locator('[data-testid^="container-row-"]').first().waitFor();
      const appear: number[] = [];
      const afterCli: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const name = `${prefix}-live-${round}`;
        await app.page.getByLabel('Filter containers').fill(name);
        const start = performance.now();
        await runTestContainer(name);
        const cliDone = performance.now();
        await containerRow(app.page, name).waitFor({ timeout: 10_000 });
        const end = performance.now();
        appear.push(end - start);
        afterCli.push(end - cliDone);
      }
      console.log(`docker run -d → row in Chromium (median of ${ROUNDS}):`);
      console.log(`  from the command start   ${fmt(median(appear))}`);
      console.log(`  after the command returned ${fmt(median(afterCli))}\n`);

      // Smoothness: frame times while scrolling the whole list.
      await app.page.getByLabel('Filter containers').fill('');
      await allowNamedFunctions(app.page);
      const frames = await app.page.evaluate(async () => {
        const scroller = document.querySelector('[data-testid="container-scroller"]') as HTMLElement;
        const gaps: number[] = [];
        let last = performance.now();
        const end = last + 3000;
        await new Promise<void>((resolve) => {
          const step = (now: number) => {
            gaps.push(now - last);
            last = now;
            scroller.scrollTop = (scroller.scrollTop + 120) % Math.max(1, scroller.scrollHeight - scroller.clientHeight);
            if (now < end) requestAnimationFrame(step);
            else resolve();
          };
          requestAnimationFrame(step);
        });
        return gaps.slice(1);
      });
      console.log(`scrolling ${total} rows for 3 s in headless Chromium: ${frames.length} frames,`);
      console.log(`  frame time p50 ${fmt(percentile(frames, 50))}, p95 ${fmt(percentile(frames, 95))}, max ${fmt(Math.max(...frames))}`);
    } finally {
      await app.close();
    }
  } finally {
    console.log('\nremoving the bench containers…');
    await removeTestResources({ thisRunOnly: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
