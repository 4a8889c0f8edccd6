/** `--since` as the engine wants it (unix seconds), from what the user typed; null when unreadable. */
export function sinceToUnixSeconds(since: string, now: number = Date.now()): number | null {
  const text = since.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.floor(Number(text));
  const duration = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (duration) {
    const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 }[duration[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
    return Math.floor(now / 1000 - Number(duration[1]) * unit);
  }
  const parsed = Date.parse(/T|Z|[+-]\d\d:\d\d$/.test(text) ? text : `${text}T00:00:00Z`);
  return Number.isNaN(parsed) ? null : Math.floor(parsed / 1000);
}
