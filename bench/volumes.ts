/**
 * `npx tsx bench/volumes.ts`: list a 10,000-entry folder of a volume through the core, with each
 * strategy — reading the volume's mountpoint directly (root on the engine's host) and a
 * short-lived helper container running find/stat — and report time and peak memory.
 *
 * Self-contained on purpose: test/support/engine.ts imports vitest, which tsx cannot load.
 * BENCH_ENTRIES (default 10000) sets the folder size; the volume is labelled and removed after.
 */
import { randomBytes } from 'node:crypto';
import { createCore } from '../electron/core/core';
import type { FileListing } from '../shared/volumes/model';
import { docker } from '../test/support/docker-cli';
import { median } from './bench-kit';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);
const ROUNDS = 5;
const GOAL_MS = 1_000;
const IMAGE = 'patchbay-test/busybox:latest';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const volume = `bench-volumes-${randomBytes(4).toString('hex')}`;
  await docker(['volume', 'create', '--label', 'patchbay.test=1', '--label', 'patchbay.bench=volumes', volume]);
  const core = createCore({ log: (m) => console.error(m) });
  core.start();
  try {
    console.log(`filling ${volume} with ${ENTRIES.toLocaleString()} files…`);
    await docker(['run', '--rm', '--network', 'none', '-v', `${volume}:/v`, IMAGE, 'sh', '-c', `mkdir /v/big && cd /v/big && i=0; while [ $i -lt ${ENTRIES} ]; do echo $i > file-$i; i=$((i+1)); done`]);
    const list = async () => {
      const result = await core.invoke('files:list', { target: { kind: 'volume', name: volume }, path: '/big' });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as FileListing;
    };
    // Let the core connect, and warm the helper-image check once (it is cached for the session).
    for (let i = 0; i < 50; i++) if ((await core.invoke('engine:status', {})).ok) break;
    process.env.PATCHBAY_FILES_STRATEGY = 'helper';
    await list();

    const summary: string[] = [];
    for (const strategy of ['direct', 'helper'] as const) {
      if (strategy === 'helper') process.env.PATCHBAY_FILES_STRATEGY = 'helper';
      else delete process.env.PATCHBAY_FILES_STRATEGY;
      const times: number[] = [];
      let peakRss = 0;
      let peakHeap = 0;
      let via = '';
      for (let round = 0; round < ROUNDS; round++) {
        (globalThis as { gc?: () => void }).gc?.();
        const base = process.memoryUsage();
        let rss = base.rss;
        let heap = base.heapUsed;
        const sampler = setInterval(() => {
          const now = process.memoryUsage();
          rss = Math.max(rss, now.rss);
          heap = Math.max(heap, now.heapUsed);
        }, 2);
        const start = performance.now();
        const listing = await list();
        times.push(performance.now() - start);
        clearInterval(sampler);
        const end = process.memoryUsage();
        peakRss = Math.max(peakRss, rss, end.rss);
        peakHeap = Math.max(peakHeap, heap - base.heapUsed, end.heapUsed - base.heapUsed);
        via = listing.via;
        if (listing.entries.length !== ENTRIES) throw new Error(`listed ${listing.entries.length}, expected ${ENTRIES}`);
      }
      const line = `${strategy.padEnd(7)} (via ${via.padEnd(10)}) median ${median(times).toFixed(0)} ms, worst ${Math.max(...times).toFixed(0)} ms, peak rss ${mb(peakRss)}, peak heap growth ${mb(peakHeap)} — goal ≤ ${GOAL_MS} ms: ${median(times) <= GOAL_MS ? 'met' : 'MISSED'}`;
      console.log(line);
      summary.push(line);
    }
    console.log(`\nlist ${ENTRIES.toLocaleString()} entries through the core, ${ROUNDS} rounds each:\n  ${summary.join('\n  ')}`);
  } finally {
    core.stop();
    // The last helper may still be on its way out: retry until the volume is free.
    for (let attempt = 0; attempt < 20; attempt++) {
      if (await docker(['volume', 'rm', '-f', volume]).then(() => true, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
