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
  const endpoint = connect(dockerHost);
  guardRequestPaths(endpoint.docker);
  return endpoint;
}

/**
 * Refuses, before it is sent, any engine request whose path has an empty, `.` or `..` segment
 * (also when percent-encoded), e.g. a reference `x/../../volumes/data` or an image `../../etc`.
 *
 * dockerode puts names into request paths unencoded. On a unix socket the engine answers such a
 * path with a 301 that docker-modem follows as a GET to a host name taken from the path — an
 * uncaught DNS error that ended the whole process; on tcp:// docker-modem resolves the `..`
 * itself, so `containers:remove` of `x/../../volumes/data` would have deleted a volume.
 */
function guardRequestPaths(docker: Dockerode): void {
  type Dial = (options: { path?: string }, callback: (error: unknown, data?: unknown) => void) => unknown;
  const modem = docker.modem as { dial: Dial };
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    if (typeof options.path === 'string' && unsafePath(options.path)) {
      const message = 'That name or reference is not valid: it cannot contain empty, "." or ".." path segments.';
      callback(Object.assign(new Error(message), { statusCode: 400, json: { message } }));
      return undefined;
    }
    return dial(options, callback);
  };
}

function unsafePath(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.split('?')[0]);
  } catch {
    return true;
  }
  return decoded.includes('\\') || decoded.split('/').slice(1).some((segment) => segment === '' || segment === '.' || segment === '..');
}

function connect(dockerHost: string | undefined): EngineEndpoint {
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
