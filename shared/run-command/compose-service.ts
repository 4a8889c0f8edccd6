/**
 * Turns a `RunForm` into one docker-compose service, for "copy as compose".
 */
import { parseEnvFile } from './env-file';
import { formatRestartPolicy } from './restart-policy';
import { isUserNetworkMode } from './docker-names';
import type { RunForm } from './run-form';

/** One network's settings under a service's `networks:`. */
export interface ComposeServiceNetwork {
  aliases?: string[];
  ipv4_address?: string;
}

/** The compose-file keys a run form maps to; keys are absent when the form leaves them empty. */
export interface ComposeService {
  image: string;
  container_name?: string;
  command?: string[];
  entrypoint?: string[];
  working_dir?: string;
  user?: string;
  environment?: Record<string, string>;
  labels?: Record<string, string>;
  restart?: string;
  stdin_open?: boolean;
  tty?: boolean;
  network_mode?: string;
  networks?: Record<string, ComposeServiceNetwork>;
  hostname?: string;
  extra_hosts?: string[];
  dns?: string[];
  expose?: string[];
  ports?: string[];
  volumes?: string[];
  volumes_from?: string[];
  external_links?: string[];
}

/**
 * The form as a compose service object (YAML is written elsewhere).
 *
 * Compose reads some names as *services* of the same file, but the form names existing
 * containers, so: links become `external_links`, and `--volumes-from x` becomes
 * `container:x`. A user network is listed under `networks:`; the file then needs that
 * network declared at top level with `external: true`. Plain bridge is kept as
 * `network_mode: bridge`, since compose would otherwise make a project network.
 * `-d`, `--rm` and `-P` have no service key and are left out.
 */
export function toComposeService(form: RunForm): ComposeService {
  const service: ComposeService = { image: form.image };
  if (form.name) service.container_name = form.name.replace(/^\//, '');
  if (form.command.length) service.command = [...form.command];
  if (form.entrypoint !== null) service.entrypoint = [form.entrypoint];
  if (form.workdir) service.working_dir = form.workdir;
  if (form.user) service.user = form.user;
  const env = [...parseEnvFile(form.envFile).entries, ...form.env];
  if (env.length) service.environment = Object.fromEntries(env.map(({ key, value }) => [key, value]));
  if (form.labels.length) service.labels = Object.fromEntries(form.labels.map(({ key, value }) => [key, value]));
  if (form.restart.name !== 'no') service.restart = formatRestartPolicy(form.restart);
  if (form.interactive) service.stdin_open = true;
  if (form.tty) service.tty = true;
  if (isUserNetworkMode(form.networkMode)) {
    const network: ComposeServiceNetwork = {};
    if (form.networkAliases.length) network.aliases = [...form.networkAliases];
    if (form.ipv4Address) network.ipv4_address = form.ipv4Address;
    service.networks = { [form.networkMode]: network };
  } else {
    service.network_mode = form.networkMode;
  }
  if (form.hostname) service.hostname = form.hostname;
  if (form.addHosts.length) service.extra_hosts = form.addHosts.map((h) => h.trim());
  if (form.dns.length) service.dns = form.dns.map((d) => d.trim());
  if (form.expose.length) service.expose = form.expose.map((e) => e.trim());
  if (form.ports.length) service.ports = form.ports.map((p) => p.trim());
  if (form.volumes.length) service.volumes = form.volumes.map((v) => v.trim());
  if (form.volumesFrom.length) service.volumes_from = form.volumesFrom.map((v) => `container:${v.trim()}`);
  if (form.links.length) service.external_links = form.links.map((l) => l.trim());
  return service;
}
