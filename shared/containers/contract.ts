import { z } from 'zod';
import { channel } from '../contract-kit';
import { containerName, engineRef, noInput } from '../ids';
import type { ContainerDetails, ContainerList, ContainersChanged, RemovalPlan } from './model';

const target = z.object({ id: engineRef }).strict();

export const containersChannels = {
  'containers:list': channel<ContainerList>()(noInput),
  'containers:details': channel<ContainerDetails>()(target),
  'containers:start': channel<void>()(target),
  'containers:stop': channel<void>()(target.extend({ timeoutSeconds: z.number().int().min(0).max(3600).optional() })),
  'containers:restart': channel<void>()(target),
  'containers:pause': channel<void>()(target),
  'containers:unpause': channel<void>()(target),
  'containers:kill': channel<void>()(target),
  /** What `remove` would delete, for the confirmation dialog. */
  'containers:removal-plan': channel<RemovalPlan>()(target),
  'containers:remove': channel<void>()(
    target.extend({
      /** `docker rm -v`: also delete the container's anonymous volumes. */
      removeAnonymousVolumes: z.boolean(),
      /** `docker rm -f`: stop it first when it runs. */
      force: z.boolean(),
    }),
  ),
  'containers:rename': channel<void>()(target.extend({ name: containerName })),
};

export interface ContainersEvents {
  'containers:changed': ContainersChanged;
}
