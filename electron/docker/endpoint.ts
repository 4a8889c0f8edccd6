import Dockerode from 'dockerode';

/** The engine Patchbay talks to: `DOCKER_HOST` as the docker CLI reads it, else the local socket. */
export interface EngineEndpoint {
  /** Shown to the user: where Patchbay looks. */
  description: string;
  docker: Dockerode;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

/**
 * Connects dockerode to `dockerHost` (`unix://`, `tcp://`, `ssh://`) or, without one, to what
 * `DOCKER_HOST` says — in that case docker-modem also applies `DOCKER_TLS_VERIFY`/`DOCKER_CERT_PATH`.
 */
export function openEndpoint(dockerHost = process.env.DOCKER_HOST): EngineEndpoint {
  if (!dockerHost) {
    return { description: `unix://${DEFAULT_SOCKET}`, docker: new Dockerode({ socketPath: DEFAULT_SOCKET }) };
  }
  if (dockerHost === process.env.DOCKER_HOST && !dockerHost.startsWith('unix://')) {
    return { description: dockerHost, docker: new Dockerode() };
  }
  const url = new URL(dockerHost);
  switch (url.protocol) {
    case 'unix:':
      return { description: dockerHost, docker: new Dockerode({ socketPath: url.pathname || DEFAULT_SOCKET }) };
    case 'tcp:':
    case 'http:':
      return {
        description: dockerHost,
        docker: new Dockerode({ host: url.hostname, port: Number(url.port || 2375), protocol: 'http' }),
      };
    case 'https:':
      return {
        description: dockerHost,
        docker: new Dockerode({ host: url.hostname, port: Number(url.port || 2376), protocol: 'https' }),
      };
    case 'ssh:':
      return {
        description: dockerHost,
        docker: new Dockerode({
          protocol: 'ssh',
          host: url.hostname,
          port: Number(url.port || 22),
          username: url.username || undefined,
        }),
      };
    default:
      throw new Error(`DOCKER_HOST=${dockerHost} is not a unix://, tcp:// or ssh:// address.`);
  }
}

/** The engine handle the core passes around; only electron/docker/ calls methods on it. */
export type DockerClient = Dockerode;
