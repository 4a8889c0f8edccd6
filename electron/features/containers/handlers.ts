import { containersChannels } from '../../../shared/containers/contract';
import { describeContainer } from '../../../shared/containers/describe';
import { summarizeContainer } from '../../../shared/containers/summarize';
import type { RemovalPlan } from '../../../shared/containers/model';
import {
  inspectContainer,
  removeContainer,
  renameContainer,
  runLifecycleAction,
  type LifecycleAction,
} from '../../docker/containers-api';
import type { CoreContext, HandlersFor } from '../../core/context';

export function containersHandlers(ctx: CoreContext): HandlersFor<typeof containersChannels> {
  const subject = (ref: string) => `container ${ctx.containers.find(ref)?.Name.replace(/^\//, '') ?? ref}`;
  const lifecycle =
    (action: LifecycleAction) =>
    ({ id, timeoutSeconds }: { id: string; timeoutSeconds?: number }) =>
      ctx.engine(subject(id), () => runLifecycleAction(ctx.docker, id, action, { timeoutSeconds }));

  return {
    'containers:list': async () => {
      const { revision, inspects } = ctx.containers.snapshot();
      return { revision, containers: inspects.map(summarizeContainer) };
    },
    'containers:details': async ({ id }) => {
      const inspect = await ctx.engine(subject(id), () => inspectContainer(ctx.docker, id));
      return { summary: summarizeContainer(inspect), facts: describeContainer(inspect), inspect };
    },
    'containers:start': lifecycle('start'),
    'containers:stop': lifecycle('stop'),
    'containers:restart': lifecycle('restart'),
    'containers:pause': lifecycle('pause'),
    'containers:unpause': lifecycle('unpause'),
    'containers:kill': lifecycle('kill'),
    'containers:removal-plan': async ({ id }) => removalPlan(ctx, await ctx.engine(subject(id), () => inspectContainer(ctx.docker, id))),
    'containers:remove': ({ id, removeAnonymousVolumes, force }) =>
      ctx.engine(subject(id), () => removeContainer(ctx.docker, id, { volumes: removeAnonymousVolumes, force })),
    'containers:rename': ({ id, name }) => ctx.engine(subject(id), () => renameContainer(ctx.docker, id, name)),
  };
}

/** What removing the container deletes and what it keeps, so the dialog can say so before asking. */
function removalPlan(ctx: CoreContext, inspect: Parameters<typeof summarizeContainer>[0]): RemovalPlan {
  const summary = summarizeContainer(inspect);
  const usedElsewhere = new Set<string>();
  for (const other of ctx.containers.snapshot().inspects) {
    if (other.Id === inspect.Id) continue;
    for (const mount of other.Mounts) if (mount.Name) usedElsewhere.add(mount.Name);
  }
  return {
    container: summary.name,
    running: summary.state === 'running' || summary.state === 'paused' || summary.state === 'restarting',
    anonymousVolumes: summary.anonymousVolumes,
    sharedAnonymousVolumes: summary.anonymousVolumes.filter((v) => usedElsewhere.has(v)),
    keptMounts: summary.keptMounts,
  };
}
