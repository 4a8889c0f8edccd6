import type Dockerode from 'dockerode';
import type { EngineCreateBody } from '../../shared/run-command/create-body';

/** Engine calls of the run feature (create, start, pull, image and network inspects); dockerode stays here. */

/** The parts of `GET /images/{name}/json` the run feature reads. */
export interface EngineImageInspect {
  Id: string;
  RepoTags: string[] | null;
  Config: {
    ExposedPorts?: Record<string, object> | null;
    Volumes?: Record<string, object> | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    WorkingDir?: string;
    Env?: string[] | null;
    User?: string;
    Labels?: Record<string, string> | null;
  } | null;
}

export interface EngineNetwork {
  Id: string;
  Name: string;
  Driver: string;
  IPAM?: { Config?: Array<{ Subnet?: string }> | null } | null;
}

export async function inspectImage(docker: Dockerode, ref: string): Promise<EngineImageInspect> {
  return (await docker.getImage(ref).inspect()) as unknown as EngineImageInspect;
}

/**
 * `docker create --name`; returns the new id and the engine's warnings.
 *
 * Dialled directly because dockerode's `createContainer` drops the `Warnings` of the answer;
 * `_query`/`_body` keep the name in the query string and the body out of it.
 */
export async function createContainer(
  docker: Dockerode,
  name: string,
  body: EngineCreateBody,
): Promise<{ id: string; warnings: string[] }> {
  const data = await new Promise<{ Id: string; Warnings?: string[] | null }>((resolve, reject) => {
    docker.modem.dial(
      {
        path: '/containers/create?',
        method: 'POST',
        options: { _query: name ? { name } : {}, _body: body },
        statusCodes: { 200: true, 201: true, 400: 'bad parameter', 404: 'no such image', 409: 'conflict', 500: 'server error' },
      },
      (error: unknown, result: unknown) => (error ? reject(error) : resolve(result as { Id: string; Warnings?: string[] | null })),
    );
  });
  return { id: data.Id, warnings: (data.Warnings ?? []).filter(Boolean) };
}

export async function startContainer(docker: Dockerode, id: string): Promise<void> {
  await docker.getContainer(id).start();
}

/** `docker rm -f -v`: clears away a container that was created but could not be started. */
export async function discardContainer(docker: Dockerode, id: string): Promise<void> {
  await docker.getContainer(id).remove({ force: true, v: true });
}

export async function listNetworks(docker: Dockerode): Promise<EngineNetwork[]> {
  return (await docker.listNetworks()) as unknown as EngineNetwork[];
}

/**
 * `docker pull`, reading the progress stream to its end; `onProgress` gets each status line.
 *
 * A registry that never answers must not hang the request, so it gives up after `timeoutMs`.
 * The engine reports a failed pull either as an HTTP error or as an `error` line in the
 * stream; both reject with the engine's words.
 */
export async function pullImage(
  docker: Dockerode,
  ref: string,
  options: { timeoutMs: number; onProgress?: (status: string) => void },
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let stream: NodeJS.ReadableStream | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      (stream as unknown as { destroy?: () => void } | undefined)?.destroy?.();
      reject(Object.assign(new Error(`the pull did not finish within ${Math.round(options.timeoutMs / 1000)} s`), { statusCode: 504 }));
    }, options.timeoutMs);
  });
  const pull = (async () => {
    stream = (await docker.pull(ref)) as NodeJS.ReadableStream;
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        stream!,
        (error: Error | null, output: Array<{ error?: string }>) => {
          const failed = output?.find((line) => line.error);
          if (error) reject(error);
          else if (failed) reject(Object.assign(new Error(failed.error), { statusCode: 500, json: { message: failed.error } }));
          else resolve();
        },
        (event: { status?: string; progress?: string; id?: string }) => {
          if (event.status) options.onProgress?.([event.id, event.status, event.progress].filter(Boolean).join(' '));
        },
      );
    });
  })();
  try {
    await Promise.race([pull, timeout]);
  } finally {
    clearTimeout(timer);
    pull.catch(() => undefined);
  }
}
