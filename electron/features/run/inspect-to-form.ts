/**
 * Reads an existing container's inspect back into a `RunForm`, for "copy as docker run" and
 * "export as compose".
 *
 * The engine stores what the image brings (its CMD, ENV, EXPOSE, labels…) merged with what
 * `docker run` added, so the image's own config is given too and values that merely repeat
 * it are left out: the command comes out as a person would have typed it.
 */
import type { EngineContainerInspect, EngineEndpoint, EnginePortBinding } from '../../../shared/containers/engine-inspect';
import { formatPortSpec, type PortSpec } from '../../../shared/ports/port-spec';
import type { PortProtocol } from '../../../shared/ports/port-range';
import { isUserNetworkMode } from '../../../shared/run-command/docker-names';
import { emptyRunForm, type KeyValue, type RunForm } from '../../../shared/run-command/run-form';
import type { ContainerAsForm } from '../../../shared/run/model';

/** The inspect fields read here beyond the shared subset. */
export interface FullContainerInspect extends EngineContainerInspect {
  Config: EngineContainerInspect['Config'] & { AttachStdout?: boolean };
  HostConfig: EngineContainerInspect['HostConfig'] & {
    Dns?: string[] | null;
    ExtraHosts?: string[] | null;
    Privileged?: boolean;
    CapAdd?: string[] | null;
    CapDrop?: string[] | null;
    Devices?: unknown[] | null;
    Memory?: number;
    NanoCpus?: number;
    CpuShares?: number;
    Tmpfs?: Record<string, string> | null;
    Mounts?: unknown[] | null;
    SecurityOpt?: string[] | null;
    ReadonlyRootfs?: boolean;
    Init?: boolean | null;
    PidMode?: string;
    IpcMode?: string;
    LogConfig?: { Type: string };
  };
  NetworkSettings: EngineContainerInspect['NetworkSettings'] & {
    Networks: Record<string, EngineEndpoint & { IPAMConfig?: { IPv4Address?: string } | null }> | null;
  };
}

/** The image defaults the container started from (`Config` of the image inspect). */
export interface ImageDefaults {
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  Env?: string[] | null;
  WorkingDir?: string;
  User?: string;
  Labels?: Record<string, string> | null;
  ExposedPorts?: Record<string, object> | null;
  Volumes?: Record<string, object> | null;
}

/** Options for reading names back: how to name a container the engine refers to by id. */
export interface InspectToFormOptions {
  /** Turns a container id (as in `container:<id>`) into its name; undefined keeps the id. */
  containerName?: (id: string) => string | undefined;
}

const sameList = (a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((v, i) => v === (b ?? [])[i]);

/** Rebuilds the form that would create this container again, with notes on what it cannot hold. */
export function inspectToForm(inspect: FullContainerInspect, image: ImageDefaults | null, options: InspectToFormOptions = {}): ContainerAsForm {
  const form = emptyRunForm();
  const notes: string[] = [];
  const config = inspect.Config;
  const host = inspect.HostConfig;
  const img = image ?? {};
  if (!image) notes.push('The image is no longer present, so its defaults could not be told apart: every setting is written out.');

  form.image = config.Image;
  form.name = inspect.Name.replace(/^\//, '');

  // Entrypoint and command. `--entrypoint` holds one word; the rest moves to the command,
  // which runs the same argv.
  const entrypointChanged = !sameList(config.Entrypoint, img.Entrypoint);
  const cmd = config.Cmd ?? [];
  if (entrypointChanged) {
    const entry = config.Entrypoint ?? [];
    form.entrypoint = entry[0] ?? '';
    form.command = [...entry.slice(1), ...cmd];
  } else if (!sameList(cmd, img.Cmd)) {
    form.command = [...cmd];
  }
  if (config.WorkingDir && config.WorkingDir !== (img.WorkingDir ?? '')) form.workdir = config.WorkingDir;
  if (config.User && config.User !== (img.User ?? '')) form.user = config.User;

  const imageEnv = new Set(img.Env ?? []);
  form.env = (config.Env ?? []).filter((line) => !imageEnv.has(line)).map(splitKeyValue);
  const imageLabels = img.Labels ?? {};
  form.labels = Object.entries(config.Labels ?? {})
    .filter(([key, value]) => imageLabels[key] !== value)
    .map(([key, value]) => ({ key, value }));

  const restart = host.RestartPolicy;
  if (restart && (restart.Name === 'always' || restart.Name === 'unless-stopped' || restart.Name === 'on-failure')) {
    form.restart = { name: restart.Name, maxRetries: restart.Name === 'on-failure' ? restart.MaximumRetryCount : 0 };
  }
  form.interactive = config.OpenStdin;
  form.tty = config.Tty;
  form.autoRemove = host.AutoRemove ?? false;
  form.detach = config.AttachStdout === false;

  readNetwork(inspect, form, notes, options);
  readPorts(inspect, img, form);
  readVolumes(inspect, img, form);
  readUnsupported(inspect, notes);
  return { form, notes };
}

function splitKeyValue(line: string): KeyValue {
  const eq = line.indexOf('=');
  return eq === -1 ? { key: line, value: '' } : { key: line.slice(0, eq), value: line.slice(eq + 1) };
}

function readNetwork(inspect: FullContainerInspect, form: RunForm, notes: string[], options: InspectToFormOptions): void {
  const host = inspect.HostConfig;
  let mode = host.NetworkMode || 'bridge';
  if (mode === 'default') mode = 'bridge';
  if (mode.startsWith('container:')) {
    const ref = mode.slice('container:'.length);
    mode = `container:${options.containerName?.(ref) ?? ref}`;
  }
  form.networkMode = mode;
  const shortId = inspect.Id.slice(0, 12);
  const networks = inspect.NetworkSettings.Networks ?? {};
  const links: string[] = [];
  if (isUserNetworkMode(mode)) {
    const endpoint = networks[mode];
    if (endpoint) {
      // The engine adds the container's short id as an alias once it runs.
      form.networkAliases = (endpoint.Aliases ?? []).filter((alias) => alias !== shortId && alias !== form.name);
      form.ipv4Address = endpoint.IPAMConfig?.IPv4Address ?? '';
      links.push(...(endpoint.Links ?? []));
    }
  }
  const others = Object.keys(networks).filter((name) => name !== mode && !(mode === 'bridge' && name === 'bridge'));
  if (others.length) {
    notes.push(`It is also connected to ${others.join(', ')}; docker run joins one network, so connect the others afterwards (docker network connect).`);
  }
  // Legacy links are stored as "/target:/this-container/alias".
  for (const link of host.Links ?? []) {
    const [target, alias] = link.split(':');
    links.push(`${target.replace(/^\//, '')}:${(alias ?? target).split('/').pop()}`);
  }
  form.links = links.map((link) => {
    const [target, alias] = link.split(':');
    return alias === undefined || alias === target ? target : link;
  });
  const sharesUts = mode.startsWith('container:') || mode === 'host';
  if (!sharesUts && inspect.Config.Hostname && inspect.Config.Hostname !== shortId) form.hostname = inspect.Config.Hostname;
  form.addHosts = [...(host.ExtraHosts ?? [])];
  form.dns = [...(host.Dns ?? [])];
}

interface Binding {
  port: number;
  protocol: PortProtocol;
  hostIp: string;
  hostPort: string;
}

function parseKey(key: string): { port: number; protocol: PortProtocol } {
  const [port, protocol = 'tcp'] = key.split('/');
  return { port: Number(port), protocol: protocol === 'udp' || protocol === 'sctp' ? protocol : 'tcp' };
}

/** `-p` rows from `HostConfig.PortBindings`, with consecutive ports folded back into ranges. */
function readPorts(inspect: FullContainerInspect, img: ImageDefaults, form: RunForm): void {
  const bindings: Binding[] = [];
  const requested = inspect.HostConfig.PortBindings ?? {};
  for (const [key, list] of Object.entries(requested)) {
    const { port, protocol } = parseKey(key);
    for (const b of (list ?? []) as EnginePortBinding[]) bindings.push({ port, protocol, hostIp: b.HostIp ?? '', hostPort: b.HostPort ?? '' });
  }
  bindings.sort((a, b) => a.protocol.localeCompare(b.protocol) || a.hostIp.localeCompare(b.hostIp) || a.port - b.port);
  const specs: PortSpec[] = [];
  // The row the next binding may extend: same protocol and IP, next container and host port.
  let open: { spec: PortSpec; last: Binding } | undefined;
  for (const b of bindings) {
    const hostNumber = /^\d+$/.test(b.hostPort) ? Number(b.hostPort) : null;
    const extendsOpen = (row: { spec: PortSpec; last: Binding }): boolean =>
      row.last.protocol === b.protocol &&
      row.last.hostIp === b.hostIp &&
      b.port === row.last.port + 1 &&
      hostNumber !== null &&
      /^\d+$/.test(row.last.hostPort) &&
      hostNumber === Number(row.last.hostPort) + 1;
    if (open !== undefined && extendsOpen(open) && open.spec.hostPort) {
      open.spec.containerPort.end = b.port;
      open.spec.hostPort.end = hostNumber!;
      open.last = b;
      continue;
    }
    const spec: PortSpec = { containerPort: { start: b.port, end: b.port }, protocol: b.protocol };
    if (b.hostIp) spec.hostIp = b.hostIp;
    const pool = /^(\d+)-(\d+)$/.exec(b.hostPort);
    if (hostNumber !== null) spec.hostPort = { start: hostNumber, end: hostNumber };
    else if (pool) spec.hostPort = { start: Number(pool[1]), end: Number(pool[2]) };
    specs.push(spec);
    open = hostNumber !== null ? { spec, last: b } : undefined;
  }
  specs.sort((a, b) => a.containerPort.start - b.containerPort.start || a.protocol.localeCompare(b.protocol));
  form.ports = specs.map(formatPortSpec);
  form.publishAll = inspect.HostConfig.PublishAllPorts ?? false;

  // `--expose` rows: exposed ports that neither the image nor a `-p` row accounts for.
  const imagePorts = new Set(Object.keys(img.ExposedPorts ?? {}));
  const exposed = Object.keys(inspect.Config.ExposedPorts ?? {})
    .filter((key) => !imagePorts.has(key) && !(key in requested))
    .map(parseKey)
    .sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port);
  const rows: Array<{ start: number; end: number; protocol: PortProtocol }> = [];
  for (const { port, protocol } of exposed) {
    const last = rows[rows.length - 1];
    if (last && last.protocol === protocol && last.end + 1 === port) last.end = port;
    else rows.push({ start: port, end: port, protocol });
  }
  rows.sort((a, b) => a.start - b.start);
  form.expose = rows.map((r) => `${r.start === r.end ? r.start : `${r.start}-${r.end}`}${r.protocol === 'tcp' ? '' : `/${r.protocol}`}`);
}

function readVolumes(inspect: FullContainerInspect, img: ImageDefaults, form: RunForm): void {
  const binds = inspect.HostConfig.Binds ?? [];
  const bound = new Set(binds.map((b) => b.split(':')[1]));
  const imageVolumes = new Set(Object.keys(img.Volumes ?? {}));
  const anonymous = Object.keys(inspect.Config.Volumes ?? {}).filter((path) => !imageVolumes.has(path) && !bound.has(path));
  form.volumes = [...binds, ...anonymous];
  form.volumesFrom = [...(inspect.HostConfig.VolumesFrom ?? [])];
}

/** Says which settings the form has no field for, so "copy as docker run" does not drop them silently. */
function readUnsupported(inspect: FullContainerInspect, notes: string[]): void {
  const h = inspect.HostConfig;
  const found: string[] = [];
  if (h.Privileged) found.push('--privileged');
  if (h.CapAdd?.length) found.push(`--cap-add ${h.CapAdd.join(',')}`);
  if (h.CapDrop?.length) found.push(`--cap-drop ${h.CapDrop.join(',')}`);
  if (h.Devices?.length) found.push('--device');
  if (h.Memory) found.push(`--memory ${h.Memory}`);
  if (h.NanoCpus) found.push(`--cpus ${h.NanoCpus / 1e9}`);
  if (h.CpuShares) found.push(`--cpu-shares ${h.CpuShares}`);
  if (h.Tmpfs && Object.keys(h.Tmpfs).length) found.push(`--tmpfs ${Object.keys(h.Tmpfs).join(', ')}`);
  if (h.Mounts?.length) found.push('--mount');
  if (h.SecurityOpt?.length) found.push(`--security-opt ${h.SecurityOpt.join(',')}`);
  if (h.ReadonlyRootfs) found.push('--read-only');
  if (h.Init) found.push('--init');
  if (h.PidMode) found.push(`--pid ${h.PidMode}`);
  if (h.IpcMode && h.IpcMode !== 'private' && h.IpcMode !== 'shareable') found.push(`--ipc ${h.IpcMode}`);
  if (h.LogConfig && h.LogConfig.Type !== 'json-file') found.push(`--log-driver ${h.LogConfig.Type}`);
  if (found.length) notes.push(`Not in the form, so not in the command: ${found.join('; ')}.`);
}
