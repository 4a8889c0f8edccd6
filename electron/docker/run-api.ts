import type Dockerode from 'dockerode';
import type { EngineCreateBody } from '../../shared/run-command/create-body';

/** Engine calls of the run feature (create, start, image and network inspects; pulls go through images-api); dockerode stays here. */

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

