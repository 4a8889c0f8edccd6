import type Dockerode from 'dockerode';
import type { Readable } from 'node:stream';

/**
 * The engine's archive endpoints: HEAD for a path's stat, GET for a tar of it (downloads only:
 * it sends every byte below the path), PUT to extract a tar into a folder.
 */

/** The raw `X-Docker-Container-Path-Stat` header of `path`, or null when the path does not exist. */
export async function statPathHeader(docker: Dockerode, containerId: string, path: string): Promise<string | null> {
  try {
    const response = (await docker.getContainer(containerId).infoArchive({ path })) as unknown as Readable & { headers: Record<string, string> };
    response.resume();
    return response.headers['x-docker-container-path-stat'] ?? null;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) {
      // HEAD carries no body: tell "no such path" from "no such container" by asking again.
      await docker.getContainer(containerId).inspect();
      return null;
    }
    throw error;
  }
}

/** A tar stream of `path` (file or folder); the caller must consume or destroy it. */
export async function getArchiveStream(docker: Dockerode, containerId: string, path: string): Promise<Readable> {
  return (await docker.getContainer(containerId).getArchive({ path })) as unknown as Readable;
}

/** Extracts the tar `body` into the folder `path` of the container. */
export async function putArchive(docker: Dockerode, containerId: string, path: string, body: Buffer | Readable): Promise<void> {
  const answer = (await docker.getContainer(containerId).putArchive(body as unknown as string, { path, noOverwriteDirNonDir: true })) as unknown;
  // dockerode returns the response stream for PUT: drain it so the socket is released.
  if (answer && typeof (answer as Readable).resume === 'function') (answer as Readable).resume();
}
