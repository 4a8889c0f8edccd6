import { z } from 'zod';
import { channel } from '../contract-kit';
import { engineRef, noInput } from '../ids';
import type {
  ContainerMounts,
  DownloadChunk,
  DownloadStart,
  FileListing,
  FilePreview,
  Lineage,
  PrunePlan,
  PruneResult,
  VolumeList,
  VolumesChanged,
} from './model';
import { checkEntryName, MAX_PATH_LENGTH } from './paths';

/** Docker's rule for volume names (`docker volume create NAME`). */
export const volumeName = z
  .string()
  .min(2, 'A volume name needs at least 2 characters.')
  .max(255, 'A volume name can have at most 255 characters.')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'A volume name starts with a letter or digit and contains only letters, digits, _ . and -.');

const labelKey = z.string().min(1).max(512).regex(/^[^=\s]+$/, 'A label or option key cannot contain spaces or "=".');
const stringMap = z.record(labelKey, z.string().max(4096));

export const filesTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('volume'), name: volumeName }).strict(),
  z.object({ kind: z.literal('container'), id: engineRef }).strict(),
]);

/** A path inside the target; escape attempts are refused again in the core, by segment. */
const insidePath = z.string().max(MAX_PATH_LENGTH, 'That path is too long.').refine((p) => !p.includes('\0'), 'A path cannot contain a NUL character.');
const entryName = z.string().superRefine((name, ctx) => {
  const problem = checkEntryName(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const located = z.object({ target: filesTarget, path: insidePath }).strict();
const sessionId = z.string().regex(/^[a-f0-9]{16,64}$/, 'Not a transfer id.');

/** 1 MiB of data per chunk: base64 keeps it under the web bridge's 2 MiB body limit. */
export const FILE_CHUNK_BYTES = 1024 * 1024;

export const volumesChannels = {
  'volumes:list': channel<VolumeList>()(noInput),
  'volumes:create': channel<{ name: string }>()(
    z
      .object({
        /** Omitted: the engine makes an anonymous (64-hex) name. */
        name: volumeName.optional(),
        driver: z.string().min(1).max(255).regex(/^[\w./:-]+$/, 'Not a volume driver name.').default('local'),
        driverOptions: stringMap.default({}),
        labels: stringMap.default({}),
      })
      .strict(),
  ),
  'volumes:remove': channel<void>()(z.object({ name: volumeName }).strict()),
  'volumes:prune-plan': channel<PrunePlan>()(noInput),
  /** Deletes exactly `names` (from a plan), skipping any that came into use since. */
  'volumes:prune': channel<PruneResult>()(z.object({ names: z.array(volumeName).max(10_000) }).strict()),
  'volumes:container-mounts': channel<ContainerMounts>()(z.object({ id: engineRef }).strict()),
  'volumes:lineage': channel<Lineage>()(noInput),

  'files:list': channel<FileListing>()(located),
  'files:read': channel<FilePreview>()(located),
  'files:download-start': channel<DownloadStart>()(located),
  'files:download-chunk': channel<DownloadChunk>()(z.object({ downloadId: sessionId }).strict()),
  /** Starts an upload of `name` into folder `path`; refused at once when the folder is read-only. */
  'files:upload-start': channel<{ uploadId: string }>()(
    located.extend({ name: entryName, size: z.number().int().min(0).max(64 * 1024 ** 3) }).strict(),
  ),
  'files:upload-chunk': channel<{ receivedBytes: number }>()(
    z.object({ uploadId: sessionId, dataBase64: z.string().max(Math.ceil((FILE_CHUNK_BYTES * 4) / 3) + 8) }).strict(),
  ),
  'files:upload-finish': channel<{ path: string; size: number }>()(z.object({ uploadId: sessionId }).strict()),
  'files:mkdir': channel<{ path: string }>()(located.extend({ name: entryName }).strict()),
  'files:delete': channel<void>()(located),
};

export interface VolumesEvents {
  /** A volume was created, removed, mounted or unmounted: clients list them again. */
  'volumes:changed': VolumesChanged;
}
