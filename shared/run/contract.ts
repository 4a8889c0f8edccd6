/**
 * Channels of the "create/run container" feature.
 */
import { z } from 'zod';
import { channel } from '../contract-kit';
import { engineRef, noInput } from '../ids';
import { runFormSchema } from '../run-command/run-form';
import { checkedRunFormSchema } from '../run-command/validate-run-form';
import type { ContainerAsForm, PreflightProblem, RunCreated, RunImageInfo, RunNetworkChoice } from './model';

export const runChannels = {
  /**
   * `docker run`: runs the pre-flight checks first and creates nothing when one fails;
   * starts the container unless `createOnly` (then it is `docker create`).
   */
  'run:create': channel<RunCreated>()(
    z.strictObject({
      form: checkedRunFormSchema,
      /** Create missing bind-mount source folders first, as `docker run -v` does on Linux. */
      createMissingBindSources: z.boolean().optional(),
      /** `docker create`: make the container but do not start it. */
      createOnly: z.boolean().optional(),
    }),
  ),
  /**
   * The checks that need the engine or the host: ports taken by containers or host processes,
   * names in use, missing bind sources, `container:` targets, missing images. A form that
   * does not pass `validateRunForm` is accepted and its row problems are listed too.
   */
  'run:preflight': channel<PreflightProblem[]>()(z.strictObject({ form: runFormSchema })),
  'run:image-info': channel<RunImageInfo>()(z.strictObject({ image: z.string().min(1).max(512) })),
  /** An existing container read back into a form, for "copy as docker run" and compose export. */
  'run:container-as-form': channel<ContainerAsForm>()(z.strictObject({ id: engineRef })),
  /** The networks a new container can join. */
  'run:networks': channel<RunNetworkChoice[]>()(noInput),
};
