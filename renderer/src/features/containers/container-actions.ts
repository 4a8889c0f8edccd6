import { toast } from 'sonner';
import type { ContainerState, ContainerSummary } from '../../../../shared/containers/model';
import { client, messageOf } from '../../api';

export type LifecycleAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill';

export const ACTION_LABELS: Record<LifecycleAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  pause: 'Pause',
  unpause: 'Resume',
  kill: 'Kill',
};

/** Which actions make sense in a state; the others are disabled rather than left to fail. */
export function actionAllowed(action: LifecycleAction, state: ContainerState): boolean {
  switch (action) {
    case 'start':
      return state === 'created' || state === 'exited' || state === 'dead';
    case 'stop':
    case 'kill':
      return state === 'running' || state === 'restarting' || state === 'paused';
    case 'restart':
      return state !== 'removing' && state !== 'paused';
    case 'pause':
      return state === 'running';
    case 'unpause':
      return state === 'paused';
  }
}

/** Runs one action on several containers at once and reports each failure by name. */
export async function runAction(action: LifecycleAction, containers: ContainerSummary[]): Promise<void> {
  const targets = containers.filter((c) => actionAllowed(action, c.state));
  if (targets.length === 0) {
    toast.info(`Nothing to ${ACTION_LABELS[action].toLowerCase()}: no selected container is in a state that allows it.`);
    return;
  }
  const results = await Promise.allSettled(targets.map((c) => client.request(`containers:${action}`, { id: c.id })));
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${targets[i].name}: ${messageOf(r.reason)}`] : []));
  for (const message of failed) toast.error(`${ACTION_LABELS[action]} failed`, { description: message });
  const done = targets.length - failed.length;
  if (done > 0) {
    toast.success(`${ACTION_LABELS[action]}: ${done === 1 ? targets.find((_, i) => results[i].status === 'fulfilled')!.name : `${done} containers`}`);
  }
}
