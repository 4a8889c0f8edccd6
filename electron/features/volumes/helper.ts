/**
 * Short-lived helper containers for volumes no running container can show us.
 *
 * A helper is made from a local image that has a shell (the one that is wanted first, else the
 * smallest that passes the check), with NetworkMode none and the volume bound (read-only for
 * reading), labelled `patchbay.helper=1`, and is always removed after use.
 */
import { PatchbayFailure } from '../../../shared/errors';
import type { CoreContext } from '../../core/context';
import { statPathHeader } from '../../docker/archive-api';
import { HELPER_LABEL } from '../../docker/container-mirror';
import { createHelper, listImageIds, removeContainerQuietly, runToEnd } from '../../docker/volumes-api';

export const HELPER_MOUNT = '/pbv';

export interface Tools {
  shell: boolean;
  /** `find` and `stat`: enough to list a folder without reading files. */
  lister: boolean;
}

const TOOL_PATHS = {
  shell: ['/bin/sh'],
  find: ['/bin/find', '/usr/bin/find'],
  stat: ['/bin/stat', '/usr/bin/stat'],
};

/** Which tools a container's filesystem has, found with HEAD requests (nothing runs). */
export async function detectTools(ctx: CoreContext, containerId: string): Promise<Tools> {
  const exists = async (paths: string[]) => {
    for (const path of paths) if ((await statPathHeader(ctx.docker, containerId, path).catch(() => null)) !== null) return true;
    return false;
  };
  const [shell, find, stat] = await Promise.all([exists(TOOL_PATHS.shell), exists(TOOL_PATHS.find), exists(TOOL_PATHS.stat)]);
  return { shell, lister: shell && find && stat };
}

export class HelperPool {
  /** image id → whether it has a shell with find and stat. */
  private readonly checked = new Map<string, boolean>();
  private chosen: string | null = null;

  constructor(private readonly ctx: CoreContext) {}

  /** A local image with /bin/sh, find and stat: `preferred` when it qualifies, else the smallest. */
  async image(preferred?: string): Promise<string> {
    if (preferred && (await this.qualifies(preferred))) return preferred;
    if (this.chosen && (await this.qualifies(this.chosen))) return this.chosen;
    const images = await this.ctx.engine('images', () => listImageIds(this.ctx.docker));
    images.sort((a, b) => a.Size - b.Size);
    for (const image of images) {
      if (await this.qualifies(image.Id)) {
        this.chosen = image.Id;
        return image.Id;
      }
    }
    throw new PatchbayFailure(
      'not-found',
      'Patchbay needs a local image with a shell (/bin/sh with find and stat, e.g. busybox) to look inside this volume, and this engine has none.',
    );
  }

  private async qualifies(image: string): Promise<boolean> {
    const known = this.checked.get(image);
    if (known !== undefined) return known;
    let ok = false;
    try {
      ok = await this.withHelper({ image, binds: [] }, async (id) => (await detectTools(this.ctx, id)).lister);
    } catch {
      ok = false;
    }
    this.checked.set(image, ok);
    return ok;
  }

  /** Creates a never-started helper, hands it to `work`, and removes it whatever happens. */
  async withHelper<T>(spec: { image: string; binds: string[] }, work: (id: string) => Promise<T>): Promise<T> {
    const id = await this.ctx.engine('helper container', () =>
      createHelper(this.ctx.docker, { image: spec.image, binds: spec.binds, labels: { [HELPER_LABEL]: '1' } }),
    );
    try {
      return await work(id);
    } finally {
      await removeContainerQuietly(this.ctx.docker, id);
    }
  }

  /** Runs `script` once in a helper (started, waited for, removed) and returns its output. */
  async run(spec: { image: string; binds: string[] }, script: string, args: string[], timeoutMs = 60_000) {
    const id = await this.ctx.engine('helper container', () =>
      createHelper(this.ctx.docker, { image: spec.image, binds: spec.binds, labels: { [HELPER_LABEL]: '1' }, cmd: ['/bin/sh', '-c', script, 'sh', ...args] }),
    );
    try {
      return await this.ctx.engine('helper container', () => runToEnd(this.ctx.docker, id, timeoutMs));
    } finally {
      // Removed in every case; the answer does not wait for the engine to finish removing it.
      void removeContainerQuietly(this.ctx.docker, id);
    }
  }

  forget(): void {
    this.checked.clear();
    this.chosen = null;
  }
}

export function isHelper(inspect: { Config: { Labels: Record<string, string> | null } }): boolean {
  return inspect.Config.Labels?.[HELPER_LABEL] === '1';
}
