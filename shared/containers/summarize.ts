import type { EngineContainerInspect } from './engine-inspect';
import type { ContainerState, ContainerSummary, PublishedPort } from './model';

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
const ANONYMOUS_VOLUME_NAME = /^[0-9a-f]{64}$/;

/** Reduces an engine inspect to the row the UI shows. Pure: the same inspect gives the same row. */
export function summarizeContainer(inspect: EngineContainerInspect): ContainerSummary {
  const state = STATES.includes(inspect.State.Status as ContainerState)
    ? (inspect.State.Status as ContainerState)
    : 'dead';
  const volumeMounts = inspect.Mounts.filter((m) => m.Type === 'volume' && m.Name);
  const anonymousVolumes = volumeMounts.filter((m) => ANONYMOUS_VOLUME_NAME.test(m.Name ?? '')).map((m) => m.Name!);
  const keptMounts = inspect.Mounts.filter((m) => !(m.Type === 'volume' && anonymousVolumes.includes(m.Name ?? ''))).map(
    (m) => (m.Type === 'volume' ? `${m.Name}:${m.Destination}` : `${m.Source}:${m.Destination}`),
  );
  return {
    id: inspect.Id,
    name: inspect.Name.replace(/^\//, ''),
    image: inspect.Config.Image,
    imageId: inspect.Image,
    state,
    startedAt: isZeroTime(inspect.State.StartedAt) ? '' : inspect.State.StartedAt,
    finishedAt: isZeroTime(inspect.State.FinishedAt) ? '' : inspect.State.FinishedAt,
    exitCode: inspect.State.ExitCode,
    ...(inspect.State.Health ? { health: inspect.State.Health.Status } : {}),
    created: inspect.Created,
    command: [...(inspect.Config.Entrypoint ?? []), ...(inspect.Config.Cmd ?? [])].join(' '),
    ports: publishedPorts(inspect),
    networkMode: inspect.HostConfig.NetworkMode,
    networks: Object.entries(inspect.NetworkSettings.Networks ?? {}).map(([name, endpoint]) => ({
      name,
      ipAddress: endpoint.IPAddress,
      macAddress: endpoint.MacAddress,
    })),
    labels: inspect.Config.Labels ?? {},
    anonymousVolumes,
    keptMounts,
  };
}

/**
 * The ports a container exposes, with their host bindings while it runs.
 *
 * A running container's `NetworkSettings.Ports` holds the real bindings (random ports resolved);
 * a stopped one has none, so its requested `PortBindings` are shown instead.
 */
export function publishedPorts(inspect: EngineContainerInspect): PublishedPort[] {
  const live = inspect.NetworkSettings.Ports;
  const source = live && Object.keys(live).length > 0 ? live : (inspect.HostConfig.PortBindings ?? {});
  const keys = new Set([...Object.keys(inspect.Config.ExposedPorts ?? {}), ...Object.keys(source)]);
  const ports: PublishedPort[] = [];
  for (const key of keys) {
    const [portText, protocolText = 'tcp'] = key.split('/');
    const containerPort = Number(portText);
    const protocol = (protocolText === 'udp' || protocolText === 'sctp' ? protocolText : 'tcp') as PublishedPort['protocol'];
    const bindings = source[key] ?? [];
    if (bindings.length === 0) {
      ports.push({ containerPort, protocol });
      continue;
    }
    for (const binding of bindings) {
      const hostPort = Number(binding.HostPort);
      ports.push({
        containerPort,
        protocol,
        hostIp: binding.HostIp || '0.0.0.0',
        ...(binding.HostPort && Number.isFinite(hostPort) ? { hostPort } : {}),
      });
    }
  }
  return ports.sort((a, b) => a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol));
}

/** `0.0.0.0:8080->80/tcp, 443/tcp`, the way `docker ps` writes it. */
export function formatPorts(ports: PublishedPort[]): string {
  return ports
    .map((p) => {
      const target = `${p.containerPort}/${p.protocol}`;
      if (p.hostPort === undefined) return target;
      const ip = p.hostIp?.includes(':') ? `[${p.hostIp}]` : p.hostIp;
      return `${ip}:${p.hostPort}->${target}`;
    })
    .join(', ');
}

function isZeroTime(time: string): boolean {
  return !time || time.startsWith('0001-01-01');
}
