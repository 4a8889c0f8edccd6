import type Dockerode from 'dockerode';
import type { EngineContainerInspect } from '../../shared/containers/engine-inspect';

/** Container calls the features make; dockerode stays behind this file. */

export type LifecycleAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill';

export async function inspectContainer(docker: Dockerode, id: string): Promise<EngineContainerInspect> {
  return (await docker.getContainer(id).inspect()) as unknown as EngineContainerInspect;
}

export async function runLifecycleAction(
  docker: Dockerode,
  id: string,
  action: LifecycleAction,
  options: { timeoutSeconds?: number } = {},
): Promise<void> {
  const container = docker.getContainer(id);
  try {
    switch (action) {
      case 'start':
        await container.start();
        return;
      case 'stop':
        await container.stop(options.timeoutSeconds === undefined ? {} : { t: options.timeoutSeconds });
        return;
      case 'restart':
        await container.restart();
        return;
      case 'pause':
        await container.pause();
        return;
      case 'unpause':
        await container.unpause();
        return;
      case 'kill':
        await container.kill();
        return;
    }
  } catch (error) {
    // 304 means "already in that state": the user's wish holds, so it is not a failure.
    if ((error as { statusCode?: number }).statusCode === 304) return;
    throw error;
  }
}

export async function removeContainer(docker: Dockerode, id: string, options: { volumes: boolean; force: boolean }): Promise<void> {
  await docker.getContainer(id).remove({ v: options.volumes, force: options.force });
}

export async function renameContainer(docker: Dockerode, id: string, name: string): Promise<void> {
  await docker.getContainer(id).rename({ name });
}
