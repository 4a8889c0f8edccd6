import { imagesChannels } from '../../../shared/images/contract';
import type { ImageSummary } from '../../../shared/images/model';
import { PatchbayFailure } from '../../../shared/errors';
import { asRepoTag } from '../../../shared/images/references';
import { importImage, inspectImageNames, listImages, removeImage } from '../../docker/images-api';
import type { CoreContext, HandlersFor } from '../../core/context';

export function imagesHandlers(ctx: CoreContext): HandlersFor<typeof imagesChannels> {
  return {
    'images:list': async () => {
      const images = await ctx.engine('image list', () => listImages(ctx.docker));
      const usedBy = new Map<string, string[]>();
      for (const c of ctx.containers.snapshot().inspects) {
        const names = usedBy.get(c.Image) ?? [];
        names.push(c.Name.replace(/^\//, ''));
        usedBy.set(c.Image, names);
      }
      return images.map(
        (image): ImageSummary => ({
          id: image.Id,
          tags: (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
          sizeBytes: image.Size,
          created: new Date(image.Created * 1000).toISOString(),
          usedBy: (usedBy.get(image.Id) ?? []).sort(),
        }),
      );
    },
    'images:remove': async ({ id, force }) => {
      // Resolved first: a short id or an untagged name must find the same users as the full id.
      const { id: imageId, repoTags } = await ctx.engine(`image ${id}`, () => inspectImageNames(ctx.docker, id));
      // `docker rmi repo:tag` of an image with other tags only removes that tag: nothing is
      // deleted, so whoever uses the image keeps it and nothing needs forcing.
      if (repoTags.length > 1 && repoTags.includes(asRepoTag(id))) {
        await ctx.engine(`image ${id}`, () => removeImage(ctx.docker, id, false));
        return;
      }
      const users = ctx.containers.snapshot().inspects.filter((c) => c.Image === imageId);
      if (users.length > 0 && !force) {
        const names = users.map((c) => c.Name.replace(/^\//, '')).join(', ');
        throw new PatchbayFailure(
          'in-use',
          `This image is used by ${users.length === 1 ? 'container' : 'containers'} ${names}. Remove ${users.length === 1 ? 'it' : 'them'} first, or force: forcing only untags the image; its layers stay until those containers are gone.`,
        );
      }
      await ctx.engine(`image ${id}`, () => removeImage(ctx.docker, id, force));
    },
    'images:import': async ({ tag, tarBase64, command }) => {
      const tar = Buffer.from(tarBase64, 'base64');
      const changes = command ? [`CMD ${JSON.stringify(command.split(/\s+/).filter(Boolean))}`] : [];
      const id = await ctx.engine(`image ${tag}`, () => importImage(ctx.docker, tar, tag, changes));
      return { id, tag };
    },
  };
}
