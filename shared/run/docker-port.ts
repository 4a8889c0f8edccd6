/**
 * The `docker port` view of a container: one line per host binding, as the CLI prints it.
 */
import type { EnginePortBinding } from '../containers/engine-inspect';

export interface PortLine {
  /** `80/tcp` */
  containerPort: string;
  protocol: string;
  /** `0.0.0.0`, `::`, `127.0.0.1`; the engine always fills it for a running container. */
  hostIp: string;
  hostPort: string;
  /** Exactly what `docker port` prints: `80/tcp -> 0.0.0.0:32768`, `80/tcp -> [::]:32768`. */
  text: string;
  /** `http://host:port` to open for tcp bindings; wildcard addresses become `localhost`. */
  url?: string;
}

/** Joins host and port like Go's `net.JoinHostPort`: IPv6 in brackets. */
export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * The lines of `docker port <container>` from `NetworkSettings.Ports`, sorted by container
 * port then protocol (the CLI's order); exposed ports without a binding give no line.
 *
 * `browserHost` replaces a wildcard address in the URL (default `localhost`).
 */
export function dockerPortLines(
  ports: Record<string, EnginePortBinding[] | null> | null | undefined,
  browserHost = 'localhost',
): PortLine[] {
  const keys = Object.keys(ports ?? {}).sort((a, b) => {
    const [pa, ta = 'tcp'] = a.split('/');
    const [pb, tb = 'tcp'] = b.split('/');
    return Number(pa) - Number(pb) || ta.localeCompare(tb);
  });
  const lines: PortLine[] = [];
  for (const key of keys) {
    const protocol = key.split('/')[1] ?? 'tcp';
    for (const binding of ports?.[key] ?? []) {
      const line: PortLine = {
        containerPort: key,
        protocol,
        hostIp: binding.HostIp,
        hostPort: binding.HostPort,
        text: `${key} -> ${joinHostPort(binding.HostIp, binding.HostPort)}`,
      };
      if (protocol === 'tcp' && binding.HostPort) {
        const wildcard = binding.HostIp === '' || binding.HostIp === '0.0.0.0' || binding.HostIp === '::';
        line.url = `http://${joinHostPort(wildcard ? browserHost : binding.HostIp, binding.HostPort)}/`;
      }
      lines.push(line);
    }
  }
  return lines;
}
