import type { EngineContainerInspect, EngineMount } from '../../../shared/containers/engine-inspect';
import { PatchbayFailure } from '../../../shared/errors';
import { describeLink } from '../../../shared/links/link-names';
import type { linksChannels } from '../../../shared/links/contract';
import type { LinkGraphEdge, LinkGraphNode, LinkNetworkGroup, LinkPlan } from '../../../shared/links/model';
import { bridgeIpOf, buildLinkPlan, linksOf, nameOf, type FullInspect } from '../../../shared/links/recreate-plan';
import { isUserNetworkMode } from '../../../shared/run-command/docker-names';
import type { CoreContext, HandlersFor } from '../../core/context';
import { inspectContainer } from '../../docker/containers-api';
import { connectContainer, createNetwork } from '../../docker/networks-api';
import { listNetworks } from '../../docker/run-api';
import { explainLinks } from './explain';
import { readIdentityFile, writeIdentityFile } from './identity-files';
import { recreateWithLinks } from './recreate';

export function linksHandlers(ctx: CoreContext): HandlersFor<typeof linksChannels> {
  /** Clients being recreated: a second change to the same one waits for none, it is refused. */
  const busy = new Set<string>();

  const inspectOrNull = async (ref: string): Promise<EngineContainerInspect | null> => {
    try {
      return await inspectContainer(ctx.docker, ref);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return null;
      throw await ctx.engine(`container ${ref}`, () => Promise.reject(error)).catch((e: unknown) => e);
    }
  };
  const mustInspect = async (ref: string): Promise<FullInspect> => {
    const found = await inspectOrNull(ref);
    if (!found) throw new PatchbayFailure('not-found', `There is no container called ${ref}: it may have been removed.`);
    return found as FullInspect;
  };
  const volumesFromMounts = async (client: EngineContainerInspect): Promise<EngineMount[]> => {
    const out: EngineMount[] = [];
    for (const entry of client.HostConfig.VolumesFrom ?? []) out.push(...((await inspectOrNull(entry.split(':')[0]))?.Mounts ?? []));
    return out;
  };
  const userNetworks = async () =>
    (await ctx.engine('network list', () => listNetworks(ctx.docker))).map((n) => n.Name).filter(isUserNetworkMode);

  const plan = async (action: 'add' | 'remove', clientRef: string, targetRef: string, alias: string | undefined): Promise<LinkPlan> => {
    const client = await mustInspect(clientRef);
    const target = await inspectOrNull(targetRef);
    return buildLinkPlan({
      action,
      client,
      target,
      targetRef,
      alias: alias ?? '',
      containers: ctx.containers.snapshot().inspects,
      volumesFromMounts: await volumesFromMounts(client),
      userNetworks: await userNetworks(),
      now: Date.now(),
    });
  };

  const recreate = async (checked: LinkPlan) => {
    if (checked.blockers.length) {
      const code = /no container called|no longer exists|has no link/.test(checked.blockers[0]) ? 'not-found' : /already/.test(checked.blockers[0]) ? 'conflict' : 'invalid-input';
      throw new PatchbayFailure(code, `Nothing was changed: ${checked.blockers[0]}`, JSON.stringify(checked.blockers));
    }
    if (busy.has(checked.clientId)) throw new PatchbayFailure('conflict', `${checked.client} is already being recreated: wait until that finishes.`);
    busy.add(checked.clientId);
    try {
      // Inspect again right before the first step: the plan may be minutes old.
      const client = await mustInspect(checked.clientId);
      const result = await recreateWithLinks(ctx, { client, links: checked.linksAfter });
      if (checked.warnings.length) result.warnings.unshift(...checked.warnings.filter((w) => !w.startsWith('If any step fails')));
      return result;
    } finally {
      busy.delete(checked.clientId);
    }
  };

  return {
    'links:graph': async () => {
      const inspects = ctx.containers.snapshot().inspects;
      const byName = new Map(inspects.map((c) => [nameOf(c), c]));
      const nodes: LinkGraphNode[] = [];
      const links: LinkGraphEdge[] = [];
      const groups = new Map<string, LinkNetworkGroup>();
      for (const c of inspects) {
        const name = nameOf(c);
        const networks = Object.entries(c.NetworkSettings.Networks ?? {})
          .filter(([n]) => isUserNetworkMode(n))
          .map(([network, e]) => ({ network, aliases: (e.Aliases ?? []).filter((a) => a !== c.Id.slice(0, 12) && a !== name), ip: e.IPAddress || null }));
        nodes.push({ id: c.Id, name, image: c.Config.Image, state: c.State.Status, running: c.State.Running, networkMode: c.HostConfig.NetworkMode, bridgeIp: bridgeIpOf(c), networks });
        for (const n of networks) {
          const group = groups.get(n.network) ?? { network: n.network, members: [] };
          group.members.push({ id: c.Id, name, aliases: n.aliases });
          groups.set(n.network, group);
        }
        for (const link of linksOf(c)) {
          const target = byName.get(link.target);
          links.push({ id: `${c.Id}/${link.alias}`, clientId: c.Id, client: name, targetId: target?.Id ?? null, target: link.target, alias: link.alias, raw: link.raw, label: describeLink({ client: name, target: link.target, alias: link.alias }) });
        }
      }
      nodes.sort((a, b) => a.name.localeCompare(b.name));
      const networks = [...groups.values()].filter((g) => g.members.length > 1).sort((a, b) => a.network.localeCompare(b.network));
      for (const g of networks) g.members.sort((a, b) => a.name.localeCompare(b.name));
      return { nodes, links, networks };
    },

    'links:explain': ({ container }) => explainLinks(ctx, container),

    'links:plan': ({ action, client, target, alias }) => plan(action, client, target, alias),

    'links:add': async ({ client, target, alias }) => recreate(await plan('add', client, target, alias)),

    'links:remove': async ({ client, alias }) => {
      const inspect = await mustInspect(client);
      const link = linksOf(inspect).find((l) => l.alias === alias);
      if (!link) throw new PatchbayFailure('not-found', `${nameOf(inspect)} has no link called ${alias}.`);
      return recreate(await plan('remove', inspect.Id, link.target, alias));
    },

    'links:connect-network': async ({ client, target, network, create, alias }) => {
      const c = await mustInspect(client);
      const t = await mustInspect(target);
      const clientName = nameOf(c);
      const targetName = nameOf(t);
      const wanted = alias?.trim() || targetName;
      for (const x of [c, t]) {
        const mode = x.HostConfig.NetworkMode;
        if (mode === 'host' || mode === 'none' || mode.startsWith('container:')) {
          throw new PatchbayFailure('invalid-input', `${nameOf(x)} uses --network ${mode}, so it cannot join another network.`);
        }
      }
      const onTarget = t.NetworkSettings.Networks?.[network];
      if (onTarget && wanted !== targetName && !(onTarget.Aliases ?? []).includes(wanted)) {
        throw new PatchbayFailure(
          'conflict',
          `${targetName} is already on ${network} without the alias ${wanted}, and the engine cannot add an alias to a connected container: disconnect it from ${network} first, or use its name ${targetName}.`,
        );
      }
      const names = (await ctx.engine('network list', () => listNetworks(ctx.docker))).map((n) => n.Name);
      let created = false;
      if (!names.includes(network)) {
        if (!create) throw new PatchbayFailure('not-found', `There is no network called ${network}: let Patchbay create it, or pick an existing user network.`);
        await ctx.engine(`network ${network}`, () =>
          createNetwork(ctx.docker, { name: network, driver: 'bridge', internal: false, attachable: false, options: {}, labels: {} }),
        );
        created = true;
      }
      const connected: string[] = [];
      if (!onTarget) {
        await ctx.engine(`network ${network} (connecting ${targetName})`, () =>
          connectContainer(ctx.docker, network, t.Id, { aliases: wanted === targetName ? [] : [wanted] }),
        );
        connected.push(targetName);
      }
      if (!c.NetworkSettings.Networks?.[network]) {
        await ctx.engine(`network ${network} (connecting ${clientName})`, () => connectContainer(ctx.docker, network, c.Id, { aliases: [] }));
        connected.push(clientName);
      }
      ctx.containers.refresh(c.Id);
      ctx.containers.refresh(t.Id);
      return {
        network,
        created,
        connected,
        alias: wanted,
        note: `${clientName} reaches ${targetName} as ${wanted} on ${network} through the engine's DNS; nothing was recreated${c.State.Running ? '' : ` (${clientName} is not running: it resolves once started)`}.`,
      };
    },

    'hosts-files:read': ({ container, path }) => readIdentityFile(ctx, container, path),
    'hosts-files:write': (input) => writeIdentityFile(ctx, input),
  };
}

