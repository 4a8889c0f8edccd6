import type { imagePullStreams, PullInfo } from '../../../shared/images/pull-contract';
import { withDefaultTag } from '../../../shared/images/pull-contract';
import { encodePullEvent, normalisePullEvent, plainPullFailure } from '../../../shared/images/pull-progress';
import type { StreamExit } from '../../../shared/stream-kit';
import type { CoreContext } from '../../core/context';
import { StreamSession } from '../../core/stream-session';
import type { StreamOpenersFor } from '../../core/streams';
import { engineMessage, isEngineUnreachable, toEngineFailure } from '../../docker/engine-errors';
import { inspectImageId, pullImageWithProgress } from '../../docker/images-api';

/** A pull that reports nothing for this long has stalled (a registry that stopped answering). */
export const PULL_IDLE_TIMEOUT_MS = 120_000;

export interface PullServiceOptions {
  idleTimeoutMs?: number;
}

/**
 * `images:pull`: the engine's progress objects, normalised, one JSON line each; the stream ends
 * with `exited` 0 once the image is present, or `error` with a sentence saying why it is not.
 *
 * Opening never fails for an engine reason: the pull starts, and whatever stops it is the
 * stream's exit, so the dialog that opened it shows the failure in place. Closing the stream
 * aborts the request, which makes the engine cancel the pull.
 */
export function pullOpeners(ctx: CoreContext, options: PullServiceOptions = {}): StreamOpenersFor<typeof imagePullStreams> {
  const idleTimeoutMs = options.idleTimeoutMs ?? PULL_IDLE_TIMEOUT_MS;
  return {
    'images:pull': async ({ image }) => {
      const ref = withDefaultTag(image);
      const session = new StreamSession<PullInfo>('images:pull', { image: ref });
      const pull = pullImageWithProgress(ctx.docker, ref, {
        idleTimeoutMs,
        onProgress: (raw) => {
          const event = normalisePullEvent(raw);
          if (event) session.push(Buffer.from(encodePullEvent(event)), 'out');
        },
      });
      session.attach({
        write: () => undefined,
        resize: () => undefined,
        destroy: () => pull.cancel(),
        pause: () => pull.pause(),
        resume: () => pull.resume(),
      });
      pull.done.then(
        () => finishPresent(ctx, session, ref),
        (error: unknown) => session.finish(failedExit(ctx, ref, error, idleTimeoutMs)),
      );
      return Promise.resolve(session);
    },
  };
}

/** The engine ended the stream without an error: the image must now be there. */
async function finishPresent(ctx: CoreContext, session: StreamSession<PullInfo>, ref: string): Promise<void> {
  if (session.exited) return;
  try {
    await inspectImageId(ctx.docker, ref);
    session.finish({ reason: 'exited', code: 0, message: `Pulled ${ref}.` });
  } catch (error) {
    session.finish(
      isEngineUnreachable(error)
        ? failedExit(ctx, ref, error, 0)
        : { reason: 'error', message: `The engine ended the pull of ${ref}, but the image is not there (${engineMessage(error)}).` },
    );
  }
}

function failedExit(ctx: CoreContext, ref: string, error: unknown, idleTimeoutMs: number): StreamExit {
  if ((error as { cancelled?: boolean }).cancelled) return { reason: 'closed', message: `The pull of ${ref} was cancelled.` };
  if (isEngineUnreachable(error)) {
    ctx.connection.suspectDown();
    return { reason: 'engine-lost', message: toEngineFailure(error, `image ${ref}`, ctx.endpoint).message };
  }
  if ((error as { timedOut?: boolean }).timedOut) {
    return {
      reason: 'error',
      message: `The engine could not pull ${ref}: it reported no progress for ${Math.round(idleTimeoutMs / 1000)} s, so Patchbay stopped the pull (the registry may be unreachable or stalled).`,
    };
  }
  return { reason: 'error', message: plainPullFailure(ref, engineMessage(error)) };
}
