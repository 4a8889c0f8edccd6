import type Dockerode from 'dockerode';

export interface EngineInfoRaw {
  Name: string;
  ServerVersion: string;
  OperatingSystem: string;
  KernelVersion: string;
  Architecture: string;
  Driver: string;
  CgroupDriver: string;
  NCPU: number;
  MemTotal: number;
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  Images: number;
}

export async function readEngineInfo(docker: Dockerode): Promise<{ info: EngineInfoRaw; apiVersion: string }> {
  const [info, version] = await Promise.all([docker.info() as Promise<EngineInfoRaw>, docker.version()]);
  return { info, apiVersion: version.ApiVersion };
}
