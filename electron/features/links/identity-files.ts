/**
 * Live edits of /etc/hosts, /etc/hostname and /etc/resolv.conf of a running container.
 *
 * Read through the archive API. Written through it too (a one-file tar into /etc, same mode and
 * owner) — but the engine bind-mounts these three files from its own folder, and extracting over
 * a mount point fails with "device or resource busy" (20.10 does). Then, on a local engine, the
 * engine's own file (`HostsPath`, …) is rewritten in place: the same inode, so the mount shows it.
 */
import { writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { PatchbayFailure } from '../../../shared/errors';
import { IDENTITY_WARNING, type IdentityFile, type IdentityFileContent } from '../../../shared/links/model';
import { nameOf } from '../../../shared/links/recreate-plan';
import type { CoreContext } from '../../core/context';
import { inspectContainer } from '../../docker/containers-api';
import { engineMessage } from '../../docker/engine-errors';
import { readContainerFile, writeContainerFile } from '../../docker/links-api';

const HOST_PATH_FIELD: Record<IdentityFile, 'HostsPath' | 'HostnamePath' | 'ResolvConfPath'> = {
  '/etc/hosts': 'HostsPath',
  '/etc/hostname': 'HostnamePath',
  '/etc/resolv.conf': 'ResolvConfPath',
};

export async function readIdentityFile(ctx: CoreContext, container: string, path: IdentityFile): Promise<IdentityFileContent> {
  const inspect = await ctx.engine(`container ${container}`, () => inspectContainer(ctx.docker, container));
  const file = await ctx.engine(`file ${path} of ${nameOf(inspect)}`, () => readContainerFile(ctx.docker, inspect.Id, path));
  return {
    container: nameOf(inspect),
    path,
    content: file.content.toString('utf8'),
    mode: file.mode,
    uid: file.uid,
    gid: file.gid,
    mtime: file.mtime ? file.mtime.toISOString() : null,
    warning: IDENTITY_WARNING,
  };
}

export async function writeIdentityFile(ctx: CoreContext, input: { container: string; path: IdentityFile; content: string; expected?: string }): Promise<IdentityFileContent> {
  const inspect = await ctx.engine(`container ${input.container}`, () => inspectContainer(ctx.docker, input.container));
  const name = nameOf(inspect);
  if (!inspect.State.Running) {
    throw new PatchbayFailure('invalid-input', `${name} is ${inspect.State.Status}: the engine rewrites ${input.path} when it starts, so an edit now would be lost. Start it first.`);
  }
  const before = await readIdentityFile(ctx, inspect.Id, input.path);
  if (input.expected !== undefined && before.content !== input.expected) {
    throw new PatchbayFailure('conflict', `${input.path} of ${name} changed since you opened it (the engine may have rewritten it). Reload it and edit again.`);
  }
  const content = Buffer.from(input.content, 'utf8');
  let via: 'archive' | 'host-file' = 'archive';
  try {
    await writeContainerFile(ctx.docker, inspect.Id, dirname(input.path), basename(input.path), { content, mode: before.mode, uid: before.uid, gid: before.gid });
  } catch (error) {
    const detail = engineMessage(error);
    if (!/device or resource busy/i.test(detail)) {
      throw await ctx.engine(`file ${input.path} of ${name}`, () => Promise.reject(error)).catch((e: unknown) => e);
    }
    const hostPath = (inspect as unknown as Record<string, unknown>)[HOST_PATH_FIELD[input.path]];
    const expectedName = basename(input.path);
    if (!ctx.isLocalEngine || typeof hostPath !== 'string' || basename(hostPath) !== expectedName || !dirname(hostPath).endsWith(`/${inspect.Id}`)) {
      throw new PatchbayFailure(
        'engine-error',
        `The engine cannot replace ${input.path} through the archive API: it is a mount point ("${detail}"), and this engine is not on this machine, so Patchbay cannot write the engine's copy either.`,
        detail,
      );
    }
    // In place (O_TRUNC on the same inode): a rename would leave the container's mount on the old file.
    await writeFile(hostPath, content);
    via = 'host-file';
  }
  const after = await readIdentityFile(ctx, inspect.Id, input.path);
  return { ...after, writtenVia: via };
}
