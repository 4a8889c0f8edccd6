/**
 * Recreating a container with other links: the checks, the steps a person is shown, and the
 * create body built from the old container's inspect (not from the run form, which would lose
 * settings it has no field for).
 */
import type { EngineContainerInspect, EngineEndpoint, EngineMount } from '../containers/engine-inspect';
import { isUserNetworkMode } from '../run-command/docker-names';
import { parseBind } from '../volumes/mounts';
import { describeLink, linkArgument, parseStoredLink, validateLinkAlias, type StoredLink } from './link-names';
import type { LinkPlan, PlanStep } from './model';

/** The inspect as the engine sends it: everything Patchbay does not name is passed through too. */
export type FullInspect = EngineContainerInspect & {
  Config: EngineContainerInspect['Config'] & Record<string, unknown>;
  HostConfig: EngineContainerInspect['HostConfig'] & Record<string, unknown> & { Mounts?: { Target?: string }[] | null };
  NetworkSettings: EngineContainerInspect['NetworkSettings'] & {
    Networks: Record<string, EngineEndpoint & { IPAMConfig?: Record<string, unknown> | null; DriverOpts?: Record<string, string> | null }> | null;
  };
};

export const nameOf = (inspect: { Name: string }): string => inspect.Name.replace(/^\//, '');

/** The client's legacy links, parsed. */
export function linksOf(inspect: EngineContainerInspect): StoredLink[] {
  return (inspect.HostConfig.Links ?? []).map(parseStoredLink).filter((l): l is StoredLink => l !== null);
}

export function bridgeIpOf(inspect: EngineContainerInspect): string | null {
  return inspect.NetworkSettings.Networks?.bridge?.IPAddress || null;
}

/** Name for the old container while the new one is made. */
export function asideName(name: string, now: number): string {
  return `${name}-patchbay-old-${now.toString(36)}`;
}

/** Network mode of the client, resolved like the engine: `default` is the bridge. */
function primaryNetwork(inspect: EngineContainerInspect): string {
  const mode = inspect.HostConfig.NetworkMode || 'default';
  return mode === 'default' ? 'bridge' : mode;
}

export interface CarriedVolume {
  name: string;
  destination: string;
  readWrite: boolean;
}

/**
 * Volume mounts that no bind, `--mount` or `--volumes-from` would bring back: the anonymous ones
 * (and image VOLUMEs). They are bound again by name so their data stays.
 */
export function volumesToCarry(inspect: FullInspect, volumesFromMounts: readonly EngineMount[]): CarriedVolume[] {
  const covered = new Set<string>();
  for (const bind of inspect.HostConfig.Binds ?? []) {
    const parsed = parseBind(bind);
    if (parsed) covered.add(parsed.destination);
  }
  for (const mount of inspect.HostConfig.Mounts ?? []) if (mount.Target) covered.add(mount.Target);
  const inherited = new Set(volumesFromMounts.filter((m) => m.Type === 'volume').map((m) => `${m.Name}\0${m.Destination}`));
  return inspect.Mounts.filter((m) => m.Type === 'volume' && m.Name && !covered.has(m.Destination) && !inherited.has(`${m.Name}\0${m.Destination}`)).map((m) => ({
    name: m.Name!,
    destination: m.Destination,
    readWrite: m.RW,
  }));
}

export interface RecreateBody {
  body: Record<string, unknown>;
  /** Networks joined after create, before start (the 1.41 API takes one at create). */
  extraNetworks: { network: string; endpoint: Record<string, unknown> }[];
  carried: CarriedVolume[];
  notes: string[];
}

function endpointConfig(inspect: FullInspect, network: string): Record<string, unknown> {
  const endpoint = inspect.NetworkSettings.Networks?.[network];
  if (!endpoint) return {};
  const shortId = inspect.Id.slice(0, 12);
  const config: Record<string, unknown> = {};
  if (endpoint.IPAMConfig && Object.values(endpoint.IPAMConfig).some(Boolean)) config.IPAMConfig = endpoint.IPAMConfig;
  // The engine adds the short id as an alias on user networks; the new container gets its own.
  const aliases = (endpoint.Aliases ?? []).filter((a) => a !== shortId);
  if (isUserNetworkMode(network) && aliases.length) config.Aliases = aliases;
  if (endpoint.Links?.length) config.Links = endpoint.Links;
  if (endpoint.DriverOpts && Object.keys(endpoint.DriverOpts).length) config.DriverOpts = endpoint.DriverOpts;
  return config;
}

/** The create body for the same container with `links` (create form, `target:alias`) instead of its own. */
export function buildRecreateBody(inspect: FullInspect, links: readonly string[], options: { image: string; volumesFromMounts: readonly EngineMount[] }): RecreateBody {
  const notes: string[] = [];
  const config: Record<string, unknown> = { ...inspect.Config, Image: options.image };
  if (inspect.Config.Hostname === inspect.Id.slice(0, 12)) {
    // The default host name is the container's short id: the new container gets its own, as with docker run.
    delete config.Hostname;
    notes.push(`Its host name was its short id (${inspect.Config.Hostname}); the new container gets its own short id.`);
  }
  const carried = volumesToCarry(inspect, options.volumesFromMounts);
  const binds = [...(inspect.HostConfig.Binds ?? []), ...carried.map((v) => `${v.name}:${v.destination}${v.readWrite ? '' : ':ro'}`)];
  const hostConfig: Record<string, unknown> = { ...inspect.HostConfig, Links: links.length ? [...links] : null, Binds: binds.length ? binds : null };
  const primary = primaryNetwork(inspect);
  const networks = Object.keys(inspect.NetworkSettings.Networks ?? {});
  const body: Record<string, unknown> = { ...config, HostConfig: hostConfig };
  const primaryIsNetwork = !primary.startsWith('container:') && primary !== 'host' && primary !== 'none';
  if (primaryIsNetwork && networks.includes(primary)) {
    body.NetworkingConfig = { EndpointsConfig: { [primary]: endpointConfig(inspect, primary) } };
  }
  const extraNetworks = primaryIsNetwork
    ? networks.filter((n) => n !== primary).map((network) => ({ network, endpoint: endpointConfig(inspect, network) }))
    : [];
  return { body, extraNetworks, carried, notes };
}

export interface PlanInput {
  action: 'add' | 'remove';
  client: FullInspect;
  /** The target's inspect; null when it does not exist. */
  target: EngineContainerInspect | null;
  targetRef: string;
  alias: string;
  /** Every container, to check the client's other link targets. */
  containers: readonly EngineContainerInspect[];
  volumesFromMounts: readonly EngineMount[];
  /** User networks that exist, for the alternative. */
  userNetworks: readonly string[];
  now: number;
}

/** The checks and steps of adding or removing one link; `blockers` says why it cannot run. */
export function buildLinkPlan(input: PlanInput): LinkPlan {
  const { client, target, action } = input;
  const clientName = nameOf(client);
  const targetName = target ? nameOf(target) : input.targetRef.replace(/^\//, '');
  const blockers: string[] = [];
  const warnings: string[] = [];
  const current = linksOf(client);
  let alias = input.alias.trim() || targetName;

  if (action === 'add') {
    const check = validateLinkAlias(alias);
    if (!check.ok) blockers.push(check.error);
    else if (check.warning) warnings.push(check.warning);
    if (!target) blockers.push(`There is no container called ${targetName}: a link needs its target to exist (and run).`);
    else {
      if (target.Id === client.Id) blockers.push('A container cannot link to itself.');
      if (!target.State.Running) blockers.push(`${targetName} is ${target.State.Status}: a link needs its target running (the engine refuses to start a client linked to a stopped container). Start ${targetName} first.`);
      else if (!bridgeIpOf(target)) blockers.push(`${targetName} is not on the default bridge network: legacy links work only there. Use the user-network alternative instead.`);
    }
    const sameAlias = current.find((l) => l.alias === alias);
    if (sameAlias) {
      blockers.push(
        sameAlias.target === targetName
          ? `${clientName} is already linked to ${targetName} as ${alias}.`
          : `${clientName} already has a link called ${alias} (to ${sameAlias.target}): each alias names one target. Choose another alias.`,
      );
    }
  } else {
    const existing = current.find((l) => l.alias === alias) ?? current.find((l) => l.target === targetName);
    if (!existing) blockers.push(`${clientName} has no link ${alias === targetName ? `to ${targetName}` : `called ${alias}`}.`);
    else alias = existing.alias;
  }

  const mode = client.HostConfig.NetworkMode || 'default';
  if (mode === 'host' || mode === 'none' || mode.startsWith('container:')) {
    blockers.push(`${clientName} uses --network ${mode}: links need the client on the default bridge.`);
  } else if (isUserNetworkMode(mode)) {
    blockers.push(`${clientName} is on the user network ${mode}, where legacy links do not apply: use the user-network alternative (names resolve by the engine's DNS there).`);
  }
  if (client.HostConfig.AutoRemove) {
    blockers.push(`${clientName} was started with --rm: stopping it would delete it and its anonymous volumes, so Patchbay will not recreate it.`);
  }
  if (client.State.Paused) blockers.push(`${clientName} is paused: unpause it first.`);
  if (client.State.Restarting) blockers.push(`${clientName} is restarting: wait until it runs or stops.`);
  if (client.State.Status === 'removing' || client.State.Status === 'dead') blockers.push(`${clientName} is ${client.State.Status}: it cannot be recreated.`);

  const remaining = current.filter((l) => !(action === 'remove' && l.alias === alias));
  const wasRunning = client.State.Running;
  if (wasRunning) {
    for (const link of remaining) {
      const t = input.containers.find((c) => nameOf(c) === link.target);
      if (!t || !t.State.Running) blockers.push(`${clientName}'s other link ${link.alias} points to ${link.target}, which is ${t ? t.State.Status : 'gone'}: the new container could not start. Start ${link.target} (or remove that link) first.`);
    }
  }

  const linksAfter = remaining.map((l) => linkArgument(l.target, l.alias));
  if (action === 'add') linksAfter.push(linkArgument(targetName, alias));

  const aside = asideName(clientName, input.now);
  const carried = volumesToCarry(client, input.volumesFromMounts);
  const extraNetworks = Object.keys(client.NetworkSettings.Networks ?? {}).filter((n) => n !== (mode === 'default' ? 'bridge' : mode));
  const linkText = describeLink({ client: clientName, target: targetName, alias });
  const steps: PlanStep[] = [];
  if (wasRunning) steps.push({ id: 'stop', title: `Stop ${clientName}`, detail: 'Links are set only when a container is created, so it has to be recreated.' });
  steps.push({ id: 'rename', title: `Rename it to ${aside}`, detail: 'The original is kept, stopped, until the new one runs: it is the way back if a step fails.' });
  steps.push({
    id: 'create',
    title: `Create a new ${clientName} with the same settings ${action === 'add' ? `and the link ${linkText}` : `without the link ${linkText}`}`,
    detail: `Same image, command, environment, ports, restart policy, labels, networks and mounts${carried.length ? `; ${carried.length === 1 ? 'its anonymous volume is' : `its ${carried.length} anonymous volumes are`} mounted again by name, with their data` : ''}. Links after: ${linksAfter.length ? linksAfter.join(', ') : 'none'}.`,
  });
  if (extraNetworks.length) steps.push({ id: 'connect', title: `Connect it to ${extraNetworks.join(', ')}`, detail: 'With the same aliases and addresses as before.' });
  if (wasRunning) steps.push({ id: 'start', title: `Start the new ${clientName}`, detail: action === 'add' ? `The engine writes ${alias} into its /etc/hosts and the link's variables into its environment.` : 'It starts without the link\'s host name and variables.' });
  steps.push({ id: 'remove-old', title: `Remove ${aside}`, detail: 'Without -v: no volume is deleted.' });

  const keeps = [
    ...carried.map((v) => `volume ${v.name.length === 64 ? `${v.name.slice(0, 12)}… (anonymous)` : v.name} at ${v.destination}`),
    ...(client.HostConfig.Binds ?? []).map((b) => `mount ${b}`),
    ...(client.HostConfig.VolumesFrom ?? []).map((v) => `volumes from ${v}`),
    ...Object.keys(client.NetworkSettings.Networks ?? {}).map((n) => `network ${n}`),
  ];
  if (carried.length) {
    warnings.push(
      `The new ${clientName} mounts ${carried.length === 1 ? 'that anonymous volume' : 'those anonymous volumes'} by name, so a later docker rm -v of it keeps ${carried.length === 1 ? 'it' : 'them'}: remove ${carried.length === 1 ? 'it' : 'them'} with docker volume rm when no longer needed.`,
    );
  }
  if (!wasRunning) warnings.push(`${clientName} is ${client.State.Status}: the new container is created but not started, as the old one was not running.`);
  warnings.push('If any step fails, Patchbay removes the half-made container, renames the original back and starts it again.');

  const userNetsOf = (c: EngineContainerInspect | null) => Object.keys(c?.NetworkSettings.Networks ?? {}).filter(isUserNetworkMode);
  const targetNets = userNetsOf(target);
  const network = targetNets.find((n) => userNetsOf(client).includes(n)) ?? targetNets[0] ?? `${clientName}-${targetName}`;
  const existingUser = input.userNetworks.includes(network);
  return {
    action,
    client: clientName,
    clientId: client.Id,
    target: targetName,
    alias,
    blockers,
    warnings,
    steps,
    keeps,
    linksAfter,
    alternative: {
      network,
      networkExists: Boolean(existingUser),
      alias,
      text: `Connect ${clientName} and ${targetName} to the user network ${network}${existingUser ? '' : ' (created)'}, ${targetName} with the alias ${alias}: no recreate, ${clientName} reaches it as ${alias} through the engine's DNS.`,
    },
  };
}
