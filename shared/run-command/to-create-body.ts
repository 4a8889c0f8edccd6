/**
 * Builds the engine's `POST /containers/create` body from a `RunForm`, the way the docker CLI
 * builds it from the same `docker run` options.
 */
import { PatchbayFailure } from '../errors';
import { toEngineBindings } from '../ports/engine-bindings';
import { parseExposeSpec } from '../ports/expose-spec';
import { parsePortSpec } from '../ports/port-spec';
import type { EngineCreateBody, EngineEndpointSettings } from './create-body';
import { parseEnvFile } from './env-file';
import { parseExtraHost } from './link-spec';
import type { RunForm } from './run-form';
import { validateRunForm } from './validate-run-form';
import { parseVolumeSpec } from './volume-spec';

/**
 * The create body for `form`; the container name goes separately in the `?name=` query.
 *
 * Throws `PatchbayFailure('invalid-input')` with the first problem `validateRunForm` finds.
 * Follows the CLI: named and bind volumes go in `HostConfig.Binds` as written, anonymous ones
 * as `Config.Volumes` keys; env-file lines come before `-e` rows; `--entrypoint ''` sends
 * `['']` (clear it); without `-d` stdout/stderr are attached and `-i` also attaches stdin
 * with `StdinOnce`, while `-d` attaches nothing. `networkMode` is sent as is (`bridge`, not
 * `default`). Empty lists and strings are left out rather than sent empty.
 */
export function toCreateBody(form: RunForm): EngineCreateBody {
  const issues = validateRunForm(form);
  if (issues.length > 0) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    throw new PatchbayFailure('invalid-input', issues[0].message + more, JSON.stringify(issues));
  }
  const attach = !form.detach;
  const ports = toEngineBindings(
    form.ports.map((text) => specOf(parsePortSpec(text))),
    form.expose.map((text) => specOf(parseExposeSpec(text))),
  );
  const env = [...parseEnvFile(form.envFile).entries, ...form.env].map(({ key, value }) => `${key}=${value}`);
  const binds: string[] = [];
  const anonymous: Record<string, Record<string, never>> = {};
  for (const text of form.volumes) {
    const parsed = parseVolumeSpec(text);
    if (!parsed.ok) continue;
    if (parsed.spec.kind === 'anonymous') anonymous[parsed.spec.target] = {};
    else binds.push(text.trim());
  }
  const extraHosts = form.addHosts.map((entry) => {
    const parsed = parseExtraHost(entry);
    if (!parsed.ok) throw new PatchbayFailure('internal', parsed.error);
    return `${parsed.host}:${parsed.ip}`;
  });

  const body: EngineCreateBody = {
    Image: form.image,
    Tty: form.tty,
    OpenStdin: form.interactive,
    StdinOnce: attach && form.interactive,
    AttachStdin: attach && form.interactive,
    AttachStdout: attach,
    AttachStderr: attach,
    HostConfig: {
      PublishAllPorts: form.publishAll,
      NetworkMode: form.networkMode,
      RestartPolicy: {
        Name: form.restart.name,
        MaximumRetryCount: form.restart.name === 'on-failure' ? form.restart.maxRetries : 0,
      },
      AutoRemove: form.autoRemove,
    },
  };
  if (form.command.length) body.Cmd = [...form.command];
  if (form.entrypoint !== null) body.Entrypoint = [form.entrypoint];
  if (env.length) body.Env = env;
  if (form.labels.length) body.Labels = Object.fromEntries(form.labels.map(({ key, value }) => [key, value]));
  if (form.workdir) body.WorkingDir = form.workdir;
  if (form.user) body.User = form.user;
  if (form.hostname) body.Hostname = form.hostname;
  if (Object.keys(ports.ExposedPorts).length) body.ExposedPorts = ports.ExposedPorts;
  if (Object.keys(anonymous).length) body.Volumes = anonymous;
  const host = body.HostConfig;
  if (binds.length) host.Binds = binds;
  if (Object.keys(ports.PortBindings).length) host.PortBindings = ports.PortBindings;
  if (form.links.length) host.Links = form.links.map((link) => link.trim());
  if (form.volumesFrom.length) host.VolumesFrom = form.volumesFrom.map((v) => v.trim());
  if (extraHosts.length) host.ExtraHosts = extraHosts;
  if (form.dns.length) host.Dns = form.dns.map((d) => d.trim());

  // Like the CLI, send endpoint settings only when there is something to set.
  const endpoint: EngineEndpointSettings = {};
  if (form.networkAliases.length) endpoint.Aliases = [...form.networkAliases];
  if (form.ipv4Address) endpoint.IPAMConfig = { IPv4Address: form.ipv4Address };
  if (Object.keys(endpoint).length) body.NetworkingConfig = { EndpointsConfig: { [form.networkMode]: endpoint } };
  return body;
}

/** Unwraps a parse that validation already passed; failing here would be a bug in validation. */
function specOf<T>(result: { ok: true; spec: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new PatchbayFailure('internal', result.error);
  return result.spec;
}
