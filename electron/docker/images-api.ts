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
  return ((await docker.getImage(ref).inspect()) as { Id: string }).Id;
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
