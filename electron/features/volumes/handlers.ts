import type { EngineContainerInspect } from '../../../shared/containers/engine-inspect';
import { PatchbayFailure } from '../../../shared/errors';
import type { volumesChannels } from '../../../shared/volumes/contract';
import { buildLineage, classifyMounts, type InspectWithMounts } from '../../../shared/volumes/mounts';
import { prunePlan, summarizeVolumes, volumeUses } from '../../../shared/volumes/summarize';
import type { CoreContext, HandlersFor } from '../../core/context';
import { inspectContainer } from '../../docker/containers-api';
import { createVolume, inspectImage, listVolumes, removeVolume, volumeSizes } from '../../docker/volumes-api';
import { FilesService } from './files-service';
import { HelperPool, isHelper } from './helper';

const DF_TIMEOUT_MS = 4_000;

/** The volumes feature: the list, create/remove/prune, mounts per container, lineage and the file browser. */
export function volumesHandlers(ctx: CoreContext, files = new FilesService(ctx, new HelperPool(ctx))): HandlersFor<typeof volumesChannels> {
  ctx.onEngineEvent((event) => {
    if (event.Type !== 'volume') return;
    if (event.Action === 'mount' || event.Action === 'unmount') {
      // The file browser's own helpers mount and unmount all the time: not news to anyone.
      const container = event.Actor.Attributes?.container;
      const inspect = container ? ctx.containers.get(container) : undefined;
      if (!inspect || isHelper(inspect)) return;
    }
    ctx.emit('volumes:changed', { action: event.Action, name: event.Actor.ID });
  });

  /** Every container but Patchbay's own helpers (they come and go while browsing). */
  const containers = (): EngineContainerInspect[] => ctx.containers.snapshot().inspects.filter((c) => !isHelper(c));
  const imageVolumes = new Map<string, Record<string, unknown>>();

  const list = async (withSizes: boolean) => {
    const [volumes, sizes] = await Promise.all([
      ctx.engine('volumes', () => listVolumes(ctx.docker)),
      withSizes ? volumeSizes(ctx.docker, DF_TIMEOUT_MS) : Promise.resolve(null),
    ]);
    return { volumes: summarizeVolumes(volumes, containers(), sizes), sizesKnown: sizes !== null };
  };

  return {
    'volumes:list': () => list(true),
    'volumes:create': async ({ name, driver, driverOptions, labels }) => {
      const created = await ctx.engine(`volume ${name ?? '(anonymous)'}`, () => createVolume(ctx.docker, { name, driver, driverOptions, labels }));
      return { name: created.Name };
    },
    'volumes:remove': async ({ name }) => {
      const users = volumeUses(containers()).get(name) ?? [];
      if (users.length) {
        const who = users.map((u) => `${u.containerName} (at ${u.destination}${u.running ? ', running' : ''})`).join(', ');
        throw new PatchbayFailure(
          'in-use',
          `Volume ${name} is still used by ${who}. Remove ${users.length === 1 ? 'that container' : 'those containers'} first; the volume was not touched.`,
        );
      }
      await ctx.engine(`volume ${name}`, () => removeVolume(ctx.docker, name));
    },
    'volumes:prune-plan': async () => prunePlan((await list(true)).volumes),
    'volumes:prune': async ({ names }) => {
      const current = (await list(true)).volumes;
      const byName = new Map(current.map((v) => [v.name, v]));
      const removed: string[] = [];
      const skipped: Array<{ name: string; reason: string }> = [];
      let reclaimed = 0;
      let reclaimedKnown = true;
      for (const name of names) {
        const volume = byName.get(name);
        if (!volume) {
          skipped.push({ name, reason: 'it no longer exists' });
          continue;
        }
        if (volume.usedBy.length) {
          skipped.push({ name, reason: `it is now used by ${volume.usedBy.map((u) => u.containerName).join(', ')}` });
          continue;
        }
        try {
          await ctx.engine(`volume ${name}`, () => removeVolume(ctx.docker, name));
          removed.push(name);
          if (volume.sizeBytes === undefined) reclaimedKnown = false;
          else reclaimed += volume.sizeBytes;
        } catch (error) {
          skipped.push({ name, reason: error instanceof Error ? error.message : String(error) });
        }
      }
      return { removed, skipped, ...(reclaimedKnown ? { reclaimedBytes: reclaimed } : {}) };
    },
    'volumes:container-mounts': async ({ id }) => {
      const inspect = (await ctx.engine(`container ${id}`, () => inspectContainer(ctx.docker, id))) as InspectWithMounts;
      let volumes = imageVolumes.get(inspect.Image);
      if (!volumes) {
        volumes = await inspectImage(ctx.docker, inspect.Image)
          .then((image) => image.Config?.Volumes ?? {})
          .catch(() => ({}));
        imageVolumes.set(inspect.Image, volumes);
      }
      return classifyMounts(inspect, volumes, containers());
    },
    'volumes:lineage': async () => buildLineage(containers()),

    'files:list': ({ target, path }) => files.list(target, path),
    'files:read': ({ target, path }) => files.read(target, path),
    'files:download-start': ({ target, path }) => files.downloadStart(target, path),
    'files:download-chunk': ({ downloadId }) => files.downloadChunk(downloadId),
    'files:upload-start': ({ target, path, name, size }) => files.uploadStart(target, path, name, size),
    'files:upload-chunk': ({ uploadId, dataBase64 }) => files.uploadChunk(uploadId, dataBase64),
    'files:upload-finish': ({ uploadId }) => files.uploadFinish(uploadId),
    'files:mkdir': ({ target, path, name }) => files.mkdir(target, path, name),
    'files:delete': async ({ target, path }) => files.remove(target, path),
  };
}
