import type Dockerode from 'dockerode';
import { Readable } from 'node:stream';

export interface EngineImage {
  Id: string;
  RepoTags: string[] | null;
  Size: number;
  Created: number;
}

export async function listImages(docker: Dockerode): Promise<EngineImage[]> {
  return (await docker.listImages({ all: false })) as EngineImage[];
}

/** Resolves a tag, id or id prefix to the image's full id, the way `docker rmi` does. */
export async function inspectImageId(docker: Dockerode, ref: string): Promise<string> {
  return (await inspectImageNames(docker, ref)).id;
}

/** The image's id and every `repo:tag` that names it. */
export async function inspectImageNames(docker: Dockerode, ref: string): Promise<{ id: string; repoTags: string[] }> {
  const image = (await docker.getImage(ref).inspect()) as { Id: string; RepoTags?: string[] | null };
  return { id: image.Id, repoTags: image.RepoTags ?? [] };
}

export async function removeImage(docker: Dockerode, id: string, force: boolean): Promise<void> {
  await docker.getImage(id).remove({ force });
}

/**
 * `docker import`: sends the tar as the request body and reads the progress stream to its end.
 *
 * The engine answers 200 even when the import fails, with the failure as an `error` object in
 * the stream, so the stream is read rather than trusting the status code.
 */
export async function importImage(docker: Dockerode, tar: Buffer, repoTag: string, changes: string[]): Promise<string> {
  const [repo, tag = 'latest'] = splitRepoTag(repoTag);
  const stream = (await docker.importImage(Readable.from([tar]), { repo, tag, changes } as unknown as object)) as NodeJS.ReadableStream;
  const messages = await new Promise<Array<{ status?: string; error?: string }>>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: Array<{ status?: string; error?: string }>) =>
      error ? reject(error) : resolve(output),
    );
  });
  const failure = messages.find((m) => m.error);
  if (failure) throw Object.assign(new Error(failure.error), { statusCode: 400, json: { message: failure.error } });
  const id = messages.map((m) => m.status ?? '').find((s) => s.startsWith('sha256:'));
  return id ?? repoTag;
}

function splitRepoTag(repoTag: string): [string, string?] {
  const slash = repoTag.lastIndexOf('/');
  const colon = repoTag.lastIndexOf(':');
  return colon > slash ? [repoTag.slice(0, colon), repoTag.slice(colon + 1)] : [repoTag];
}

export interface PullProgressHandle {
  /** Settles once: resolves when the engine ended the pull without an error, rejects with its error. */
  done: Promise<void>;
  /** Aborts the request; the engine cancels a pull whose client went away. */
  cancel(): void;
  pause(): void;
  resume(): void;
}

/**
 * `docker pull`, handing every progress object to `onProgress` as it arrives.
 *
 * The engine answers 500 at once when it cannot reach a registry, and reports a failure later
 * in the pull as an `error` object in a 200 stream: both reject with the engine's words
 * (`statusCode`, `json.message`, like dockerode's own errors). A registry that stops answering
 * must not hang the pull: after `idleTimeoutMs` without any progress (or without an answer at
 * all) the request is aborted and `done` rejects with `timedOut: true`.
 */
export function pullImageWithProgress(
  docker: Dockerode,
  ref: string,
  options: { idleTimeoutMs: number; onProgress(event: unknown): void },
): PullProgressHandle {
  const abort = new AbortController();
  let stream: (NodeJS.ReadableStream & { destroy?: () => void }) | null = null;
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  let resolveDone!: () => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  const settle = (error?: unknown) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    if (error === undefined) resolveDone();
    else rejectDone(error);
  };
  const stop = () => {
    abort.abort();
    stream?.destroy?.();
  };
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const seconds = Math.round(options.idleTimeoutMs / 1000);
      settle(Object.assign(new Error(`the engine reported no progress for ${seconds} s`), { statusCode: 504, timedOut: true }));
      stop();
    }, options.idleTimeoutMs);
  };
  arm();
  (docker.pull(ref, { abortSignal: abort.signal }) as Promise<NodeJS.ReadableStream>).then(
    (response) => {
      stream = response;
      if (settled) {
        stop();
        return;
      }
      docker.modem.followProgress(
        response,
        (error: Error | null, output: Array<{ error?: string }>) => {
          const failed = output?.find((line) => line?.error);
          settle(error ?? (failed ? pullError(failed.error!) : undefined));
        },
        (event: { error?: string }) => {
          if (settled) return;
          arm();
          try {
            options.onProgress(event);
          } catch {
            // a listener's failure must not end the pull
          }
          if (event?.error) settle(pullError(event.error));
        },
      );
    },
    (error: unknown) => settle(error),
  );
  return {
    done,
    cancel: () => {
      settle(Object.assign(new Error('the pull was cancelled'), { cancelled: true }));
      stop();
    },
    pause: () => stream?.pause(),
    resume: () => stream?.resume(),
  };
}

function pullError(message: string): Error {
  return Object.assign(new Error(message), { statusCode: 500, json: { message } });
}
