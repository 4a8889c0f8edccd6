/**
 * Turns parsed `-p` and `--expose` values into the engine's `ExposedPorts` and `PortBindings`.
 */
import type { EnginePortBinding } from '../containers/engine-inspect';
import type { ExposeSpec } from './expose-spec';
import type { PortSpec } from './port-spec';

/** The `Config.ExposedPorts` and `HostConfig.PortBindings` parts of a create body. */
export interface EnginePortConfig {
  /** Keys like `80/tcp`; the values are always empty objects in the API. */
  ExposedPorts: Record<string, Record<string, never>>;
  PortBindings: Record<string, EnginePortBinding[]>;
}

/**
 * Builds what `docker run -p ... --expose ...` sends to the engine.
 *
 * Same as the CLI's `nat.ParsePortSpecs`: a range gives one key per port with host ports
 * paired in order; a host range against one container port stays a `8000-8010` pool; a
 * missing host port is `''` (engine picks); a missing IP is `''` (every address); several
 * specs for one container port add bindings to the same key. Keys keep first-seen order.
 */
export function toEngineBindings(specs: readonly PortSpec[], exposes: readonly ExposeSpec[]): EnginePortConfig {
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, EnginePortBinding[]> = {};
  for (const spec of specs) {
    const { containerPort: c, hostPort: h } = spec;
    const pool = h !== undefined && c.start === c.end && h.start !== h.end;
    for (let port = c.start; port <= c.end; port++) {
      const key = `${port}/${spec.protocol}`;
      exposed[key] = {};
      let hostPort = '';
      if (h !== undefined) hostPort = pool ? `${h.start}-${h.end}` : String(h.start + (port - c.start));
      (bindings[key] ??= []).push({ HostIp: spec.hostIp ?? '', HostPort: hostPort });
    }
  }
  for (const expose of exposes) {
    for (let port = expose.ports.start; port <= expose.ports.end; port++) {
      exposed[`${port}/${expose.protocol}`] = {};
    }
  }
  return { ExposedPorts: exposed, PortBindings: bindings };
}
