import { ExternalLink } from 'lucide-react';
import type { ReactNode } from 'react';
import type { EngineContainerInspect, EngineEndpoint } from '../../../../shared/containers/engine-inspect';
import { dockerPortLines } from '../../../../shared/run/docker-port';

type Endpoint = EngineEndpoint & { IPAMConfig?: { IPv4Address?: string } | null };
type Inspect = EngineContainerInspect & {
  NetworkSettings: EngineContainerInspect['NetworkSettings'] & { Networks: Record<string, Endpoint> | null };
};

/** Opens a URL outside the app: a new browser tab, or (in Electron) the system browser. */
function openExternal(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[120px_minmax(0,1fr)] gap-2 py-0.5">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="min-w-0 break-words font-mono text-[12px]">{children}</dd>
    </div>
  );
}

/** The `docker port` lines of a container and its network settings in plain form. */
export function ContainerPortsTab({ inspect }: { inspect: unknown }) {
  const data = inspect as Inspect;
  const ns = data.NetworkSettings;
  const lines = dockerPortLines(ns.Ports);
  const running = data.State.Running;
  const requested = Object.entries(data.HostConfig.PortBindings ?? {});
  const exposedOnly = Object.keys(data.Config.ExposedPorts ?? {}).filter((key) => !(ns.Ports?.[key]?.length));
  const mode = data.HostConfig.NetworkMode;
  return (
    <div className="space-y-5">
      <section aria-labelledby="ports-docker-port">
        <h3 id="ports-docker-port" className="mb-1.5 text-[11px] font-semibold uppercase tracking-wide text-muted">
          docker port
        </h3>
        {lines.length ? (
          <ul className="space-y-0.5 rounded-md border border-line bg-canvas p-2 font-mono text-[12px]" data-testid="docker-port-lines">
            {lines.map((line) => (
              <li key={line.text} className="flex items-center gap-2">
                {line.url ? (
                  <a
                    href={line.url}
                    onClick={(e) => {
                      e.preventDefault();
                      openExternal(line.url!);
                    }}
                    className="inline-flex items-center gap-1 text-accent hover:underline"
                    title={`Open ${line.url}`}
                  >
                    {line.text}
                    <ExternalLink size={11} aria-hidden />
                  </a>
                ) : (
                  <span>{line.text}</span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-[13px] text-muted">
            {!running && requested.length
              ? 'Not running, so nothing is bound now. When it starts it asks for:'
              : mode === 'host'
                ? "Host networking: the container's ports are the host's own ports; nothing is published."
                : mode.startsWith('container:')
                  ? "It shares another container's network, so its ports are published (or not) there."
                  : 'No port is published on the host.'}
          </p>
        )}
        {!running && requested.length ? (
          <ul className="mt-1 font-mono text-[12px] text-muted">
            {requested.flatMap(([key, bindings]) =>
              (bindings ?? []).map((b) => (
                <li key={`${key}-${b.HostIp}-${b.HostPort}`}>
                  {key} → {b.HostIp || '0.0.0.0'}:{b.HostPort || '(random)'}
                </li>
              )),
            )}
          </ul>
        ) : null}
        {exposedOnly.length ? (
          <p className="mt-1.5 text-xs text-muted">
            Exposed but not published: <span className="font-mono">{exposedOnly.join(', ')}</span>
            {data.HostConfig.PublishAllPorts ? '' : ' (reachable from other containers, not from the host)'}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="ports-networks">
        <h3 id="ports-networks" className="mb-1.5 text-[11px] font-semibold uppercase tracking-wide text-muted">
          Network settings
        </h3>
        <dl className="mb-2">
          <Row label="Mode">{mode}</Row>
          {data.HostConfig.PublishAllPorts ? <Row label="Publish all">yes (-P)</Row> : null}
          {ns.SandboxKey ? <Row label="Sandbox">{ns.SandboxKey}</Row> : null}
        </dl>
        {Object.entries(ns.Networks ?? {}).map(([name, e]) => (
          <div key={name} className="mb-2 rounded-md border border-line bg-canvas p-2.5">
            <p className="mb-1 text-[13px] font-medium">{name}</p>
            <dl>
              <Row label="IPv4 address">{e.IPAddress ? `${e.IPAddress}/${e.IPPrefixLen}` : '—'}</Row>
              <Row label="Gateway">{e.Gateway || '—'}</Row>
              {e.GlobalIPv6Address ? <Row label="IPv6 address">{`${e.GlobalIPv6Address}/${e.GlobalIPv6PrefixLen}`}</Row> : null}
              {e.IPv6Gateway ? <Row label="IPv6 gateway">{e.IPv6Gateway}</Row> : null}
              <Row label="MAC address">{e.MacAddress || '—'}</Row>
              {e.IPAMConfig?.IPv4Address ? <Row label="Fixed IP">{e.IPAMConfig.IPv4Address}</Row> : null}
              {e.Aliases?.length ? <Row label="Aliases">{e.Aliases.join(', ')}</Row> : null}
              {e.Links?.length ? <Row label="Links">{e.Links.join(', ')}</Row> : null}
              <Row label="Endpoint">{e.EndpointID ? e.EndpointID.slice(0, 12) : 'not connected (not running)'}</Row>
            </dl>
          </div>
        ))}
      </section>
    </div>
  );
}
