/** Delay before the n-th retry (n from 1): 0.5 s doubling up to a ceiling, so a restart is noticed fast. */
export function backoffDelay(attempt: number, firstMs = 500, maxMs = 8_000): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt - 1));
}
