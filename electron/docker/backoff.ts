/**
 * Delay before the n-th retry (n from 1): 0.5 s doubling up to 3 s.
 *
 * The ceiling is low on purpose: a ping of a local socket costs nothing, and a restarted engine
 * should be back in the UI within seconds, not after a long backoff step.
 */
export function backoffDelay(attempt: number, firstMs = 500, maxMs = 3_000): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt - 1));
}
