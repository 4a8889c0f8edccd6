import type { ContainerSummary, ContainersChanged } from '../../../../shared/containers/model';

export interface ContainerTableState {
  containers: Record<string, ContainerSummary>;
  revision: number;
}

/**
 * Applies one change from the core to the rows the renderer holds; pure.
 *
 * A change not newer than what the rows already include is dropped, so a change that raced
 * the first list (subscribed before it, delivered after it) never applies twice.
 */
export function applyContainersChange(state: ContainerTableState, change: ContainersChanged): ContainerTableState {
  if (change.revision <= state.revision) return state;
  const containers = { ...state.containers };
  for (const c of change.upserted) containers[c.id] = c;
  for (const id of change.removed) delete containers[id];
  return { containers, revision: change.revision };
}
