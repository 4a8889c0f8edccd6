/**
 * The checks before `docker run` that need the engine or the host, each as a plain sentence
 * tied to a form field: ports taken by containers or host processes, a name in use, missing
 * bind sources, `container:`/link/volumes-from targets, the network and the image.
 *
 * Pure apart from `PreflightDeps`, so the rules read in one place and tests can fake the host.
 */
import type { EngineContainerInspect } from '../../../shared/containers/engine-inspect';
import { isIPv4, isUnspecifiedIp } from '../../../shared/ports/ip-address';
import { formatPortSpec, parsePortSpec, type PortSpec } from '../../../shared/ports/port-spec';
import { isUserNetworkMode } from '../../../shared/run-command/docker-names';
import { parseLink, parseVolumesFrom } from '../../../shared/run-command/link-spec';
import type { RunForm } from '../../../shared/run-command/run-form';
import { validateRunForm } from '../../../shared/run-command/validate-run-form';
import { parseVolumeSpec } from '../../../shared/run-command/volume-spec';
import type { PreflightProblem } from '../../../shared/run/model';
import type { ProbeProtocol, ProbeResult } from './port-probe';

export interface PreflightDeps {
  /** Every container the engine has now. */
  containers: readonly EngineContainerInspect[];
  /** True when the engine runs on this machine, so host ports and folders can be checked here. */
  isLocalEngine: boolean;
  /** Where the engine is, for the "not checked" note. */
  endpoint: string;
  imagePresent(image: string): Promise<boolean>;
  /** Names of the networks the engine has. */
  networkNames(): Promise<string[]>;
  probe(ip: string, port: number, protocol: ProbeProtocol): Promise<ProbeResult>;
  pathExists(path: string): Promise<boolean>;
}

/** Host ports probed per row at most; a longer range is probed at its first ports only. */
const MAX_PROBES_PER_ROW = 256;

const nameOf = (c: EngineContainerInspect): string => c.Name.replace(/^\//, '');

/** Finds a container as the engine would: exact name, full id, or unique id prefix. */
export function findContainer(containers: readonly EngineContainerInspect[], ref: string): EngineContainerInspect | undefined {
  const bare = ref.replace(/^\//, '');
  const byName = containers.find((c) => nameOf(c) === bare);
  if (byName) return byName;
  const byId = containers.filter((c) => c.Id.startsWith(bare));
  return byId.length === 1 ? byId[0] : undefined;
}

/** Lists every problem; `severity: 'error'` ones make `run:create` refuse. */
export async function preflight(form: RunForm, deps: PreflightDeps): Promise<PreflightProblem[]> {
  const problems: PreflightProblem[] = validateRunForm(form).map((issue) => ({ ...issue, severity: 'error' as const }));
  const add = (problem: PreflightProblem): void => {
    problems.push(problem);
  };
  await Promise.all([
    checkNameAndImage(form, deps, add),
    checkTargets(form, deps, add),
    checkPorts(form, deps, add),
    checkBindSources(form, deps, add),
  ]);
  return problems;
}

type Add = (problem: PreflightProblem) => void;

async function checkNameAndImage(form: RunForm, deps: PreflightDeps, add: Add): Promise<void> {
  const name = form.name.replace(/^\//, '');
  if (name) {
    const holder = deps.containers.find((c) => nameOf(c) === name);
    if (holder) {
      add({
        field: 'name',
        severity: 'error',
        message: `The name "${name}" is already used by another container (${holder.State.Status}, image ${holder.Config.Image}). Choose another name, or remove that container first.`,
      });
    }
  }
  const image = form.image.trim();
  if (image && !problemsFor(form).image) {
    if (!(await deps.imagePresent(image))) {
      add({
        field: 'image',
        severity: 'warning',
        message: `The image "${image}" is not present locally: Patchbay will try to pull it when you create the container, and that fails if this engine cannot reach a registry.`,
      });
    }
  }
}

/** Which fields already have a syntax problem, so the engine checks do not repeat them. */
function problemsFor(form: RunForm): Partial<Record<keyof RunForm, true>> {
  return Object.fromEntries(validateRunForm(form).map((issue) => [issue.field, true]));
}

async function checkTargets(form: RunForm, deps: PreflightDeps, add: Add): Promise<void> {
  const mode = form.networkMode;
  if (mode.startsWith('container:')) {
    const ref = mode.slice('container:'.length);
    const target = ref ? findContainer(deps.containers, ref) : undefined;
    if (ref && !target) {
      add({
        field: 'networkMode',
        severity: 'error',
        message: `There is no container "${ref}" whose network to share. Pick an existing, running container.`,
      });
    } else if (target && target.State.Status !== 'running') {
      add({
        field: 'networkMode',
        severity: 'error',
        message: `Container "${nameOf(target)}" is ${target.State.Status}, not running: container: mode shares its live network stack, so start it first.`,
      });
    }
  } else if (isUserNetworkMode(mode)) {
    const names = await deps.networkNames();
    if (!names.includes(mode)) {
      add({ field: 'networkMode', severity: 'error', message: `There is no network called "${mode}". Create it first (docker network create ${mode}) or pick another.` });
    }
  }
  form.links.forEach((text, index) => {
    const link = parseLink(text);
    if (!link.ok) return;
    const target = findContainer(deps.containers, link.name);
    if (!target) {
      add({ field: 'links', index, severity: 'error', message: `There is no container "${link.name}" to link to.` });
    } else if (target.State.Status !== 'running') {
      add({
        field: 'links',
        index,
        severity: 'error',
        message: `Container "${link.name}" is ${target.State.Status}: a link needs its target running when this container starts.`,
      });
    }
  });
  form.volumesFrom.forEach((text, index) => {
    const from = parseVolumesFrom(text);
    if (from.ok && !findContainer(deps.containers, from.container)) {
      add({ field: 'volumesFrom', index, severity: 'error', message: `There is no container "${from.container}" to take volumes from.` });
    }
  });
}

/** Whether two host IPs ('' = every address) can hold the same port at once. */
function ipsOverlap(a: string, b: string): boolean {
  if (!a || !b || a.toLowerCase() === b.toLowerCase()) return true;
  const covers = (wide: string, other: string) => isUnspecifiedIp(wide) && (wide.includes(':') || isIPv4(other));
  return covers(a, b) || covers(b, a);
}

const where = (ip: string): string => (ip === '' || ip === '0.0.0.0' ? 'every IPv4 address (0.0.0.0)' : ip === '::' ? 'every IPv6 address (::)' : ip);

/** Ports a row binds on the host for sure; pools and random ports are left to the engine. */
function fixedHostPorts(spec: PortSpec): number[] {
  const h = spec.hostPort;
  if (!h) return [];
  const pool = spec.containerPort.start === spec.containerPort.end && h.start !== h.end;
  if (pool) return [];
  const ports: number[] = [];
  for (let p = h.start; p <= h.end && ports.length < MAX_PROBES_PER_ROW; p++) ports.push(p);
  return ports;
}

async function checkPorts(form: RunForm, deps: PreflightDeps, add: Add): Promise<void> {
  const mode = form.networkMode;
  if (mode.startsWith('container:')) return; // validateRunForm already refuses ports here.
  if (mode === 'host' && (form.ports.length || form.publishAll)) {
    add({
      field: form.ports.length ? 'ports' : 'publishAll',
      severity: 'warning',
      message: "With host networking published ports are ignored: the container's programs listen on the host's own ports directly.",
    });
    return;
  }
  const self = form.name.replace(/^\//, '');
  const specs = form.ports.map((text) => {
    const parsed = parsePortSpec(text);
    return parsed.ok ? parsed.spec : null;
  });
  const probes: Array<Promise<void>> = [];
  specs.forEach((spec, index) => {
    if (!spec) return;
    const ports = fixedHostPorts(spec);
    if (ports.length === 0) return;
    const ip = spec.hostIp ?? '';
    const takenByContainer = new Set<number>();
    for (const other of deps.containers) {
      if (nameOf(other) === self) continue;
      const running = other.State.Status === 'running' || other.State.Status === 'paused' || other.State.Status === 'restarting';
      const source = running ? other.NetworkSettings.Ports : other.HostConfig.PortBindings;
      for (const [key, bindings] of Object.entries(source ?? {})) {
        const [portText, protocol = 'tcp'] = key.split('/');
        if (protocol !== spec.protocol) continue;
        for (const binding of bindings ?? []) {
          const hostPort = Number(binding.HostPort);
          if (!/^\d+$/.test(binding.HostPort) || !ports.includes(hostPort) || !ipsOverlap(ip, binding.HostIp)) continue;
          if (takenByContainer.has(hostPort)) continue;
          takenByContainer.add(hostPort);
          const mapping = `${binding.HostIp || '0.0.0.0'}:${hostPort} → ${portText}/${protocol}`;
          add(
            running
              ? {
                  field: 'ports',
                  index,
                  severity: 'error',
                  message: `Host port ${hostPort}/${spec.protocol} is already published by container "${nameOf(other)}" (${mapping}). Choose another host port, or stop ${nameOf(other)}.`,
                }
              : {
                  field: 'ports',
                  index,
                  severity: 'warning',
                  message: `Stopped container "${nameOf(other)}" also publishes host port ${hostPort}/${spec.protocol} (${mapping}): the two cannot run at the same time.`,
                },
          );
        }
      }
    }
    if (!deps.isLocalEngine || spec.protocol === 'sctp') return;
    probes.push(probeRow(spec, index, ports.filter((p) => !takenByContainer.has(p)), deps, add));
  });
  if (!deps.isLocalEngine && specs.some((s) => s && fixedHostPorts(s).length > 0)) {
    add({
      field: 'ports',
      severity: 'info',
      message: `Host ports were not checked for other programs: the engine runs on another machine (${deps.endpoint}), which Patchbay cannot probe. Containers' ports were checked.`,
    });
  }
  await Promise.all(probes);
}

/**
 * Tries to bind each host port the row needs: on the row's IP, or on 0.0.0.0 and :: when it
 * has none (the engine binds both then). The first failure of each kind is reported.
 */
async function probeRow(spec: PortSpec, index: number, ports: number[], deps: PreflightDeps, add: Add): Promise<void> {
  const protocol = spec.protocol as ProbeProtocol;
  const ips = spec.hostIp ? [spec.hostIp] : ['0.0.0.0', '::'];
  const busy: string[] = [];
  let missingAddress = false;
  let denied: string | null = null;
  for (const port of ports) {
    for (const ip of ips) {
      const result = await deps.probe(ip, port, protocol);
      if (result === 'in-use') {
        busy.push(`${port}/${protocol} on ${where(ip)}`);
        break;
      }
      // An IPv6 wildcard the host lacks is not the user's problem: the engine skips it too.
      if (result === 'no-such-address' && spec.hostIp) missingAddress = true;
      if (result === 'denied' && denied === null) denied = `${port}/${protocol}`;
    }
    if (missingAddress) break;
  }
  if (missingAddress) {
    add({
      field: 'ports',
      index,
      severity: 'error',
      message: `${spec.hostIp} is not an address of the engine's host, so nothing can be published on it. Use one of the host's addresses, or leave the IP empty for all of them.`,
    });
    return;
  }
  if (busy.length) {
    const list = busy.length > 3 ? `${busy.slice(0, 3).join(', ')} and ${busy.length - 3} more` : busy.join(', ');
    add({
      field: 'ports',
      index,
      severity: 'error',
      message: `Host port ${list} is already in use by a program on the host (not a container), so ${formatPortSpec(spec)} cannot be published. Stop that program or choose another host port.`,
    });
  }
  if (denied) {
    add({
      field: 'ports',
      index,
      severity: 'warning',
      message: `Patchbay may not bind host port ${denied} itself, so it could not check it; the engine usually can.`,
    });
  }
}

async function checkBindSources(form: RunForm, deps: PreflightDeps, add: Add): Promise<void> {
  const sources = form.volumes.map((text) => {
    const parsed = parseVolumeSpec(text);
    return parsed.ok && parsed.spec.kind === 'bind' ? (parsed.spec.source ?? null) : null;
  });
  if (!sources.some(Boolean)) return;
  if (!deps.isLocalEngine) {
    add({
      field: 'volumes',
      severity: 'info',
      message: `Host folders were not checked: they live on the engine's machine (${deps.endpoint}), not this one.`,
    });
    return;
  }
  await Promise.all(
    sources.map(async (source, index) => {
      if (!source || (await deps.pathExists(source))) return;
      add({
        field: 'volumes',
        index,
        severity: 'error',
        message: `The host folder ${source} does not exist. Docker would silently create it as an empty folder owned by root; create it now to go on.`,
        fix: { kind: 'create-bind-source', path: source },
      });
    }),
  );
}
