import { z } from 'zod';
import { channel } from '../contract-kit';
import { engineRef, noInput } from '../ids';
import type { ImageSummary, ImportedImage } from './model';

/** `repo[:tag]` as `docker import` and `docker tag` accept it. */
const imageTag = z
  .string()
  .min(1, 'Give the image a name, e.g. myimage:latest.')
  .max(255)
  .regex(
    /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/,
    'An image name is lowercase letters, digits and . _ - /, with an optional :tag.',
  );

export const imagesChannels = {
  'images:list': channel<ImageSummary[]>()(noInput),
  'images:remove': channel<void>()(z.object({ id: engineRef, force: z.boolean() }).strict()),
  /**
   * `docker import`: a root filesystem tar becomes an image.
   *
   * The tar travels base64-encoded because both transports carry JSON; 512 MiB is the cap.
   */
  'images:import': channel<ImportedImage>()(
    z
      .object({
        tag: imageTag,
        tarBase64: z.string().min(1).max(700 * 1024 * 1024),
        command: z.string().max(1024).optional(),
      })
      .strict(),
  ),
};

export interface ImagesEvents {
  /** Something about images changed (pull, import, tag, delete): clients list them again. */
  'images:changed': { action: string };
}
