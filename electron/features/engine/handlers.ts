import { engineChannels } from '../../../shared/engine/contract';
import { readEngineInfo } from '../../docker/info-api';
import type { CoreContext, HandlersFor } from '../../core/context';

export function engineHandlers(ctx: CoreContext): HandlersFor<typeof engineChannels> {
  return {
    'engine:status': async () => ctx.connection.current(),
    'engine:reconnect': () => ctx.connection.reconnectNow(),
    'engine:info': async () => {
      const { info, apiVersion } = await ctx.engine('engine', () => readEngineInfo(ctx.docker));
      return {
        endpoint: ctx.endpoint,
        serverVersion: info.ServerVersion,
        apiVersion,
        os: info.OperatingSystem,
        kernelVersion: info.KernelVersion,
        architecture: info.Architecture,
        storageDriver: info.Driver,
        cgroupDriver: info.CgroupDriver,
        name: info.Name,
        cpus: info.NCPU,
        memoryBytes: info.MemTotal,
        containers: {
          total: info.Containers,
          running: info.ContainersRunning,
          paused: info.ContainersPaused,
          stopped: info.ContainersStopped,
        },
        images: info.Images,
      };
    },
  };
}
