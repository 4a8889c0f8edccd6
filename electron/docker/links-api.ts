import type Dockerode from 'dockerode';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { getArchiveStream, putArchive } from './archive-api';

/** Engine calls of the links feature (archive read/write of one file, full endpoint connects); dockerode stays here. */

export interface ContainerFile {
  content: Buffer;
  mode: number;
  uid: number;
  gid: number;
  mtime: Date | null;
}

/** Largest file `readContainerFile` accepts; identity files are a few hundred bytes. */
const MAX_FILE_BYTES = 1024 * 1024;

/** One regular file of a container, read through the archive API (GET a tar, untarred in memory; no exec). */
export async function readContainerFile(docker: Dockerode, containerId: string, path: string): Promise<ContainerFile> {
  const stream = await getArchiveStream(docker, containerId, path);
  const extract = tar.extract();
  stream.pipe(extract);
  try {
    for await (const entry of extract) {
      const header = entry.header;
      if (header.type !== 'file' && header.type !== 'contiguous-file') {
        entry.resume();
        throw Object.assign(new Error(`${path} is not a regular file (${header.type})`), { statusCode: 400 });
      }
      if ((header.size ?? 0) > MAX_FILE_BYTES) {
        entry.resume();
        throw Object.assign(new Error(`${path} is larger than ${MAX_FILE_BYTES} bytes`), { statusCode: 400 });
      }
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      return { content: Buffer.concat(chunks), mode: (header.mode ?? 0o644) & 0o7777, uid: header.uid ?? 0, gid: header.gid ?? 0, mtime: header.mtime ?? null };
    }
  } finally {
    stream.destroy();
  }
  throw Object.assign(new Error(`the engine sent an empty archive for ${path}`), { statusCode: 404 });
}

/** Writes one file into the folder `dir` of a container as a one-entry tar, with the given mode and owner. */
export async function writeContainerFile(
  docker: Dockerode,
  containerId: string,
  dir: string,
  name: string,
  file: { content: Buffer; mode: number; uid: number; gid: number },
): Promise<void> {
  const pack = tar.pack();
  pack.entry({ name, type: 'file', size: file.content.length, mode: file.mode, uid: file.uid, gid: file.gid, mtime: new Date() }, file.content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as unknown as Readable) chunks.push(chunk as Buffer);
  await putArchive(docker, containerId, dir, Buffer.concat(chunks));
}

/** `POST /networks/{id}/connect` with a full endpoint config (aliases, IPAM, links, driver options). */
export async function connectEndpoint(docker: Dockerode, network: string, container: string, endpoint: Record<string, unknown>): Promise<void> {
  await docker.getNetwork(network).connect({ Container: container, EndpointConfig: endpoint });
}
