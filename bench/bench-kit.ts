/** Small helpers the bench scripts share: timing, medians, and labelled containers in bulk. */
import { docker, labelArgs, TEST_IMAGE } from '../test/support/docker-cli';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** Runs `work` for each item, `concurrency` at a time. */
export async function inBatches<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** Creates `count` labelled containers (created, not started) named `<prefix>-<n>`. */
export async function createContainers(prefix: string, count: number, extra: (index: number) => string[] = () => []): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
  await inBatches(names, 6, (name) => docker(['create', ...labelArgs(), '--name', name, ...extra(names.indexOf(name)), TEST_IMAGE, 'sleep', '3600']));
  return names;
}

export function fmt(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}

/**
 * tsx (esbuild's keepNames) wraps named functions in `__name(...)`, which does not exist inside
 * the page: functions sent with page.evaluate need a no-op one there first.
 */
export async function allowNamedFunctions(page: { evaluate(script: string): Promise<unknown> }): Promise<void> {
  await page.evaluate('globalThis.__name = globalThis.__name || ((fn) => fn)');
}
