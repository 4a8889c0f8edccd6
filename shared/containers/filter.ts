import { formatPorts } from './summarize';
import type { ContainerState, ContainerSummary } from './model';

export type StateFilter = 'all' | 'running' | 'paused' | 'stopped' | 'created';

const STATE_GROUPS: Record<Exclude<StateFilter, 'all'>, ContainerState[]> = {
  running: ['running', 'restarting'],
  paused: ['paused'],
  stopped: ['exited', 'dead'],
  created: ['created'],
};

/**
 * The rows that match a free-text query and a state group, sorted by name.
 *
 * The query matches name, image, id prefix, ports and network names; several words must all match.
 */
export function filterContainers(containers: Iterable<ContainerSummary>, query: string, state: StateFilter): ContainerSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const rows: ContainerSummary[] = [];
  for (const c of containers) {
    if (state !== 'all' && !STATE_GROUPS[state].includes(c.state)) continue;
    if (words.length > 0) {
      const haystack = `${c.name} ${c.image} ${c.id.slice(0, 12)} ${formatPorts(c.ports)} ${c.networks.map((n) => n.name).join(' ')}`.toLowerCase();
      if (!words.every((w) => haystack.includes(w))) continue;
    }
    rows.push(c);
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

export function countByState(containers: Iterable<ContainerSummary>): Record<StateFilter, number> {
  const counts: Record<StateFilter, number> = { all: 0, running: 0, paused: 0, stopped: 0, created: 0 };
  for (const c of containers) {
    counts.all++;
    for (const [group, states] of Object.entries(STATE_GROUPS)) {
      if (states.includes(c.state)) counts[group as StateFilter]++;
    }
  }
  return counts;
}
