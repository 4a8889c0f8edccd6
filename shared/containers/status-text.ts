import type { ContainerSummary } from './model';

/** `5 minutes`, `About an hour`, `3 days`: the way `docker ps` words a duration. */
export function humanDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 1) return 'Less than a second';
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.round(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(seconds / 3600);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  const days = Math.round(hours / 24);
  if (days < 14) return `${days} days`;
  const weeks = Math.round(days / 7);
  if (days < 60) return `${weeks} weeks`;
  const months = Math.round(days / 30);
  if (days < 730) return `${months} months`;
  return `${Math.round(days / 365)} years`;
}

/** `Up 5 minutes (Paused)`, `Exited (0) 2 hours ago`, `Created`: the STATUS column of `docker ps`. */
export function statusText(c: Pick<ContainerSummary, 'state' | 'startedAt' | 'finishedAt' | 'exitCode' | 'health'>, now: number): string {
  const since = (iso: string) => humanDuration(now - Date.parse(iso));
  switch (c.state) {
    case 'running':
      return `Up ${c.startedAt ? since(c.startedAt) : ''}${c.health ? ` (${c.health})` : ''}`.trim();
    case 'paused':
      return `Up ${c.startedAt ? since(c.startedAt) : ''} (Paused)`;
    case 'restarting':
      return `Restarting (${c.exitCode}) ${c.finishedAt ? `${since(c.finishedAt)} ago` : ''}`.trim();
    case 'exited':
      return c.finishedAt ? `Exited (${c.exitCode}) ${since(c.finishedAt)} ago` : `Exited (${c.exitCode})`;
    case 'created':
      return 'Created';
    case 'removing':
      return 'Removal in progress';
    default:
      return 'Dead';
  }
}
