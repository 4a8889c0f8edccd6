/**
 * `npm run bench:scale`: Patchbay at scale — 300 running containers on 10 user bridges, with 100
 * named volumes (every third container mounts one).
 *
 * 1. Chromium (headless, through the web bridge): for the Containers, Topology and Volumes views,
 *    the time from a click on the sidebar to every item being in the view's data (the virtualised
 *    containers table) or drawn (topology nodes, volume rows), and the frame times
 *    (requestAnimationFrame gaps) over ~3 s of continuous scrolling, panning and zooming.
 * 2. A fresh core: `containers:list` (start to full list), `topology:get` and `volumes:list`,
 *    median of 3, against the docker CLI doing the same reads.
 *
 * Everything is labelled with this run's label and removed at the end, even on failure.
 */
import type { Page } from 'playwright-core';
import { openApp } from '../test/support/app-page';
import { startCore } from '../test/support/core-harness';
import { docker, labelArgs, removeTestResources, requireEngine, runTestContainer, uniqueName } from '../test/support/docker-cli';
import { allowNamedFunctions, fmt, inBatches, median, percentile, timed } from './bench-kit';

const NETWORKS = 10;
const VOLUMES = 100;
const CONTAINERS = 300;
const CONCURRENCY = 6;
const GESTURE_MS = 3_000;
const ROUNDS = 3;

interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  over50: number;
}

function frameStats(gaps: number[]): FrameStats {
  return { frames: gaps.length, p50: percentile(gaps, 50), p95: percentile(gaps, 95), max: Math.max(...gaps), over50: gaps.filter((g) => g > 50).length };
}

interface Recording {
  gaps: number[];
  /** Long animation frames (over 50 ms) seen by Chromium's LoAF observer, and where their main-thread time went. */
  loaf: { count: number; scriptMs: number; renderMs: number };
}

/**
 * Records requestAnimationFrame gaps in the page until `stopFrames`, plus a long-animation-frame
 * summary: main-thread script vs style/layout time of the slow frames. A slow frame with little of
 * either was spent outside the main thread (raster and compositing: software in headless Chromium).
 */
async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state = { gaps: [] as number[], running: true, loaf: { count: 0, scriptMs: 0, renderMs: 0 }, observer: null as PerformanceObserver | null };
    (window as unknown as { __pbFrames: typeof state }).__pbFrames = state;
    try {
      state.observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as Array<{ startTime: number; duration: number; renderStart: number; scripts: Array<{ duration: number }> }>) {
          state.loaf.count++;
          state.loaf.scriptMs += entry.scripts.reduce((sum, s) => sum + s.duration, 0);
          if (entry.renderStart > 0) state.loaf.renderMs += entry.startTime + entry.duration - entry.renderStart;
        }
      });
      state.observer.observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      state.observer = null; // no LoAF in this browser: the summary stays at zero
    }
    let last = performance.now();
    const step = (now: number) => {
      state.gaps.push(now - last);
      last = now;
      if (state.running) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}

async function stopFrames(page: Page): Promise<Recording> {
  const recording = await page.evaluate(async () => {
    const state = (window as unknown as { __pbFrames: { gaps: number[]; running: boolean; loaf: Recording['loaf']; observer: PerformanceObserver | null } }).__pbFrames;
    state.running = false;
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the last LoAF entries arrive
    state.observer?.disconnect();
    return { gaps: state.gaps, loaf: state.loaf };
  });
  return { gaps: recording.gaps.slice(1), loaf: recording.loaf }; // the first gap is from the recorder's start
}

async function idleFrames(page: Page, ms: number): Promise<Recording> {
  await startFrames(page);
  await page.waitForTimeout(ms);
  return stopFrames(page);
}

/** Scrolls `selector` continuously (a step every frame, wrapping at the end) for `ms`. */
async function scrollFrames(page: Page, selector: string, ms: number): Promise<Recording> {
  await startFrames(page);
  const range = await page.evaluate(
    async ([sel, duration]) => {
      const scroller = document.querySelector(sel) as HTMLElement | null;
      if (!scroller) throw new Error(`no ${sel} to scroll`);
      const span = Math.max(1, scroller.scrollHeight - scroller.clientHeight);
      const end = performance.now() + duration;
      await new Promise<void>((resolve) => {
        const step = (now: number) => {
          scroller.scrollTop = (scroller.scrollTop + 120) % span;
          if (now < end) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      return span;
    },
    [selector, ms] as const,
  );
  if (range < 200) console.log(`  (note: ${selector} has only ${range} px to scroll)`);
  return stopFrames(page);
}

/** A point over the React Flow pane itself (not a node, edge or overlay), to drag the view from. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector('[data-testid="topology-graph"] .react-flow__pane');
    if (!pane) return null;
    const box = pane.getBoundingClientRect();
    for (let fy = 0.3; fy <= 0.9; fy += 0.05) {
      for (let fx = 0.1; fx <= 0.9; fx += 0.05) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height * fy;
        if (document.elementFromPoint(x, y) === pane) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error('No empty spot on the topology pane to drag from.');
  return point;
}

/** ~`ms` of panning: dragging the pane round a circle with the mouse. */
async function panFrames(page: Page, ms: number): Promise<Recording> {
  const from = await emptyPanePoint(page);
  await page.mouse.move(from.x, from.y);
  await startFrames(page);
  const start = performance.now();
  await page.mouse.down();
  for (let i = 0; i < 5_000 && performance.now() - start < ms; i++) {
    const angle = i / 6;
    await page.mouse.move(from.x + Math.cos(angle) * 160 - 160, from.y + Math.sin(angle) * 110);
  }
  await page.mouse.up();
  return stopFrames(page);
}

/** ~`ms` of zooming: wheel notches in, then out, over the pane. */
async function zoomFrames(page: Page, ms: number): Promise<Recording> {
  const at = await emptyPanePoint(page);
  await page.mouse.move(at.x, at.y);
  await startFrames(page);
  const start = performance.now();
  for (let i = 0; i < 5_000 && performance.now() - start < ms; i++) {
    await page.mouse.wheel(0, Math.floor(i / 8) % 2 ? 90 : -90);
    await page.waitForTimeout(8);
  }
  return stopFrames(page);
}

/** The topology canvas's zoom, from its viewport transform. */
async function graphZoom(page: Page): Promise<number> {
  return page.evaluate(() => new DOMMatrixReadOnly(getComputedStyle(document.querySelector('[data-testid="topology-graph"] .react-flow__viewport')!).transform).a);
}

/** Wheel notches in over the pane's middle until the zoom reaches `target`; returns the zoom reached. */
async function zoomTo(page: Page, target: number): Promise<number> {
  const pane = (await page.locator('[data-testid="topology-graph"] .react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  for (let i = 0; i < 60 && (await graphZoom(page)) < target; i++) {
    await page.mouse.wheel(0, -40);
    await page.waitForTimeout(40);
  }
  await page.waitForTimeout(600); // let the cards that came into view mount and paint
  return graphZoom(page);
}

/** How the canvas draws now: the far view's one SVG, or cards (and how many are mounted). */
async function graphMode(page: Page): Promise<string> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.pb-graph[data-testid="topology-graph"]')!;
    return canvas.getAttribute('data-far-view') === 'true' ? 'far view' : `${document.querySelectorAll('.react-flow__node').length} cards`;
  });
}

async function clickNav(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label }).click();
}

async function main(): Promise<void> {
  await requireEngine();
  const prefix = uniqueName('bench-scale');
  const networks = Array.from({ length: NETWORKS }, (_, i) => `${prefix}-net${i}`);
  const volumes = Array.from({ length: VOLUMES }, (_, i) => `${prefix}-v${String(i).padStart(3, '0')}`);
  const containers = Array.from({ length: CONTAINERS }, (_, i) => ({ name: `${prefix}-c${String(i).padStart(4, '0')}`, index: i }));
  const runStart = performance.now();
  try {
    // ---- setup ----
    const setup = await timed(async () => {
      await inBatches(networks, CONCURRENCY, (name) => docker(['network', 'create', ...labelArgs(), name]));
      await inBatches(volumes, CONCURRENCY, (name) => docker(['volume', 'create', ...labelArgs(), name]));
      await inBatches(containers, CONCURRENCY, ({ name, index }) =>
        runTestContainer(name, [
          '--network', networks[index % NETWORKS],
          ...(index % 3 === 0 ? ['-v', `${volumes[(index / 3) % VOLUMES]}:/data`] : []),
        ]),
      );
    });
    const [ctrTotal, netTotal, volTotal] = await Promise.all(
      [['ps', '-aq'], ['network', 'ls', '-q'], ['volume', 'ls', '-q']].map(async (args) => (await docker(args)).split('\n').filter(Boolean).length),
    );
    console.log(`setup: ${NETWORKS} networks, ${VOLUMES} volumes, ${CONTAINERS} running containers (${CONTAINERS / 3} with a volume) in ${(setup.ms / 1000).toFixed(1)} s, ${CONCURRENCY} at a time`);
    console.log(`engine now holds ${ctrTotal} containers, ${netTotal} networks, ${volTotal} volumes\n`);

    // ---- Chromium ----
    const app = await openApp();
    const nav: Array<{ view: string; items: string; first: number; again: number }> = [];
    const smooth: Array<{ view: string; gesture: string; rec: Recording }> = [];
    const topologyZooms: string[] = [];
    try {
      const page = app.page;
      await allowNamedFunctions(page);
      const ours = (kind: string) => `[data-testid^="${kind}-${prefix}-"]`;
      // The containers table is virtualised: "all there" is every container in its row count, with rows drawn.
      const containersReady = () =>
        page.waitForFunction(
          ([count, rowSel]) => {
            const table = document.querySelector('[role="table"][aria-label="Containers"]');
            return Number(table?.getAttribute('aria-rowcount') ?? 0) >= count && document.querySelector(rowSel) !== null;
          },
          [ctrTotal, ours('container-row')] as const,
          { timeout: 60_000, polling: 'raf' },
        );
      const allDrawn = (selector: string, count: number) =>
        page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length >= n, [selector, count] as const, { timeout: 120_000, polling: 'raf' });
      const views = [
        // Fitted, the topology is drawn as the far view: a box per node in one SVG (cards when zoomed in).
        {
          label: 'Topology',
          items: `${CONTAINERS} nodes`,
          ready: () =>
            page.waitForFunction(
              ([cards, total, ourCount]) =>
                document.querySelectorAll('[data-testid="graph-overview"] [data-node-id^="container:"]').length >= total || document.querySelectorAll(cards).length >= ourCount,
              [ours('topology-node-container'), ctrTotal, CONTAINERS] as const,
              { timeout: 120_000, polling: 'raf' },
            ),
        },
        { label: 'Volumes', items: `${VOLUMES} rows`, ready: () => allDrawn(`tr${ours('volume-row')}`, VOLUMES) },
        { label: 'Containers', items: `${ctrTotal} rows`, ready: containersReady },
      ];
      await containersReady();
      // Navigation: each view from another one, twice (the second visit has the store warm).
      const navTimes = new Map<string, number[]>();
      for (let pass = 0; pass < 2; pass++) {
        for (const view of views) {
          const start = performance.now();
          await clickNav(page, view.label);
          await view.ready();
          navTimes.set(view.label, [...(navTimes.get(view.label) ?? []), performance.now() - start]);
        }
      }
      for (const view of views) nav.push({ view: view.label, items: view.items, first: navTimes.get(view.label)![0], again: navTimes.get(view.label)![1] });
      // Smoothness: on each view, 1 s idle as a baseline, then ~3 s of each continuous gesture.
      for (const view of views) {
        await clickNav(page, view.label);
        await view.ready();
        await page.waitForTimeout(500); // let the first fit and late renders settle
        smooth.push({ view: view.label, gesture: 'idle (1 s)', rec: await idleFrames(page, 1_000) });
        if (view.label === 'Topology') {
          // At the fitted zoom, then zoomed in step by step to 1:1.
          const fitted = await graphZoom(page);
          const at = async (zoom: number) => `${zoom.toFixed(2)}×, ${await graphMode(page)}`;
          topologyZooms.push(`fit ${await at(fitted)}`);
          smooth.push({ view: view.label, gesture: 'drag-pan fit', rec: await panFrames(page, GESTURE_MS) });
          smooth.push({ view: view.label, gesture: 'wheel-zoom', rec: await zoomFrames(page, GESTURE_MS) });
          await page.getByRole('button', { name: 'Fit to view (or to the search results)' }).click();
          await page.waitForTimeout(500);
          // 0.45: the far view with names written in; 0.6 and up: cards (GraphCanvas's FAR_ZOOM), the most of them at once.
          const named = await zoomTo(page, 0.45);
          topologyZooms.push(`named ${await at(named)}`);
          smooth.push({ view: view.label, gesture: 'drag-pan named', rec: await panFrames(page, GESTURE_MS) });
          const mid = await zoomTo(page, 0.6);
          topologyZooms.push(`cards ${await at(mid)}`);
          smooth.push({ view: view.label, gesture: 'drag-pan cards', rec: await panFrames(page, GESTURE_MS) });
          const near = await zoomTo(page, 1);
          topologyZooms.push(`1:1 ${await at(near)}`);
          smooth.push({ view: view.label, gesture: 'drag-pan 1:1', rec: await panFrames(page, GESTURE_MS) });
        } else if (view.label === 'Volumes') {
          smooth.push({ view: view.label, gesture: 'scroll table', rec: await scrollFrames(page, 'div.overflow-auto:has(> table[aria-label="Volumes"])', GESTURE_MS) });
        } else {
          smooth.push({ view: view.label, gesture: 'scroll list', rec: await scrollFrames(page, '[data-testid="container-scroller"]', GESTURE_MS) });
        }
      }
      if (app.pageErrors.length) console.log(`page errors: ${app.pageErrors.join('; ')}`);
    } finally {
      await app.close();
    }
    console.log('Chromium (headless, software rendering, 1360×860): click on the sidebar → every item there');
    console.log(`  ${'view'.padEnd(12)}${'items'.padEnd(11)}${'1st visit'.padStart(10)}${'2nd visit'.padStart(10)}`);
    for (const n of nav) console.log(`  ${n.view.padEnd(12)}${n.items.padEnd(11)}${fmt(n.first).padStart(10)}${fmt(n.again).padStart(10)}`);
    console.log(`\ntopology zoom levels measured: ${topologyZooms.join('; ')}`);
    console.log('frame times (requestAnimationFrame gaps); long frames: main-thread script / style+layout+paint ms in them');
    console.log(`  ${'view'.padEnd(12)}${'gesture'.padEnd(16)}${'frames'.padStart(7)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'max'.padStart(9)}${'>50ms'.padStart(7)}   long frames: script / render`);
    for (const { view, gesture, rec } of smooth) {
      const f = frameStats(rec.gaps);
      const loaf = rec.loaf.count ? `${rec.loaf.count}: ${rec.loaf.scriptMs.toFixed(0)} / ${rec.loaf.renderMs.toFixed(0)} ms` : '—';
      console.log(`  ${view.padEnd(12)}${gesture.padEnd(16)}${String(f.frames).padStart(7)}${fmt(f.p50).padStart(9)}${fmt(f.p95).padStart(9)}${fmt(f.max).padStart(9)}${String(f.over50).padStart(7)}   ${loaf}`);
    }

    // ---- core against the CLI ----
    const core = { list: [] as number[], topology: [] as number[], volumes: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const { ms, value: harness } = await timed(async () => {
        const h = await startCore();
        const list = await h.list();
        if (list.containers.length < CONTAINERS) throw new Error(`the core listed only ${list.containers.length}`);
        return h;
      });
      try {
        core.list.push(ms);
        core.topology.push((await timed(() => harness.call('topology:get'))).ms);
        core.volumes.push((await timed(() => harness.call('volumes:list'))).ms);
      } finally {
        harness.stop();
      }
    }
    const ids = async (args: string[]) => (await docker(args)).split('\n').filter(Boolean);
    const cli = { list: [] as number[], topology: [] as number[], volumes: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      cli.list.push((await timed(async () => docker(['inspect', ...(await ids(['ps', '-aq']))]))).ms);
      cli.topology.push((await timed(async () => docker(['network', 'inspect', ...(await ids(['network', 'ls', '-q']))]))).ms);
      cli.volumes.push((await timed(async () => docker(['volume', 'inspect', ...(await ids(['volume', 'ls', '-q']))]))).ms);
    }
    console.log(`\nthe core vs the CLI, median of ${ROUNDS} (ratio above 1: Patchbay is faster)`);
    const line = (what: string, p: number[], c: number[], cliWhat: string) =>
      console.log(`  ${what.padEnd(34)}${fmt(median(p)).padStart(9)}   ${cliWhat.padEnd(36)}${fmt(median(c)).padStart(9)}   ${(median(c) / median(p)).toFixed(2)}x`);
    line('containers:list (fresh core → list)', core.list, cli.list, 'docker ps -a + inspect all', );
    line('topology:get', core.topology, cli.topology, 'docker network ls + inspect all');
    line('volumes:list (with sizes)', core.volumes, cli.volumes, 'docker volume ls + inspect all');
  } finally {
    console.log('\nremoving the bench containers, networks and volumes…');
    const cleanup = await timed(() => removeTestResources({ thisRunOnly: true }));
    const left = await docker(['ps', '-aq', '--filter', `label=${labelArgs()[3]}`]).catch(() => '?');
    console.log(`  removed in ${(cleanup.ms / 1000).toFixed(1)} s${left ? ` (still there: ${left.split('\n').length})` : ''}; whole run ${((performance.now() - runStart) / 1000).toFixed(0)} s`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
