import type { z } from 'zod';
import { isStreamKind, streamKinds, type StreamKind } from '../../shared/streams';
import type { ParsedStreamInputOf, StreamInfoOf, StreamMap } from '../../shared/stream-kit';
import { PatchbayFailure, type PatchbayError, type Result } from '../../shared/errors';
import type { CoreStream } from './stream-session';
import { formatZodError } from './validation';

/** The openers a feature provides for its stream kinds: input already validated. */
export type StreamOpenersFor<M extends StreamMap> = {
  [K in keyof M]: (input: ParsedStreamInputOf<M[K]>) => Promise<CoreStream<StreamInfoOf<M[K]>>>;
};

type AnyOpener = (input: unknown) => Promise<CoreStream>;

/**
 * `core.openStream`: validates like `invoke`, never throws, and closes every stream it opened
 * when the core stops.
 */
export function streamOpener(openers: Record<StreamKind, AnyOpener>, log?: (message: string) => void) {
  const open = new Set<CoreStream>();
  return {
    async openStream(kind: string, input: unknown): Promise<Result<CoreStream>> {
      if (!isStreamKind(kind)) {
        return failure({ code: 'unknown-channel', message: `There is no stream called "${String(kind).slice(0, 80)}".` });
      }
      const parsed = (streamKinds[kind].input as z.ZodType).safeParse(input ?? {});
      if (!parsed.success) return failure({ code: 'invalid-input', message: formatZodError(parsed.error), detail: kind });
      try {
        const stream = await openers[kind](parsed.data);
        open.add(stream);
        stream.onExit(() => open.delete(stream));
        return { ok: true, value: stream };
      } catch (error) {
        if (error instanceof PatchbayFailure) return failure(error.toJSON());
        log?.(`${kind} failed: ${error instanceof Error ? error.stack : String(error)}`);
        return failure({ code: 'internal', message: `Patchbay could not open ${kind}: ${String((error as Error)?.message ?? error)}` });
      }
    },
    closeAll(): void {
      for (const stream of [...open]) stream.close();
    },
  };
}

function failure(error: PatchbayError): Result<never> {
  return { ok: false, error };
}
