/**
 * What each of a client's links injected: its variables (from the main process when the engine
 * is local, else computed as the engine does) and its /etc/hosts line (read through the archive API).
 */
import { readFile } from 'node:fs/promises';
import type { EngineContainerInspect } from '../../../shared/containers/engine-inspect';
import { explainHostsFile, type HostsLine } from '../../../shared/links/hosts-file';
import { composeContainerEnv, computeLinkEnv, keyOf, matchLinkVar, valueOf } from '../../../shared/links/link-env';
import type { ExplainedLink, ExplainedVar, LinkExplanation } from '../../../shared/links/model';
import { bridgeIpOf, linksOf, nameOf, type FullInspect } from '../../../shared/links/recreate-plan';
import { isUserNetworkMode } from '../../../shared/run-command/docker-names';
import type { CoreContext } from '../../core/context';
import { inspectContainer } from '../../docker/containers-api';
import { engineMessage } from '../../docker/engine-errors';
import { readContainerFile } from '../../docker/links-api';

async function inspectOrNull(ctx: CoreContext, ref: string): Promise<EngineContainerInspect | null> {
  try {
    return await inspectContainer(ctx.docker, ref);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

/** The environment the main process started with, when this machine can read it. */
async function processEnv(ctx: CoreContext, client: EngineContainerInspect): Promise<string[] | null> {
  if (!ctx.isLocalEngine || !client.State.Running || !(client.State.Pid > 0)) return null;
  try {
    return (await readFile(`/proc/${client.State.Pid}/environ`)).toString('utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

export async function explainLinks(ctx: CoreContext, ref: string): Promise<LinkExplanation> {
  const client = (await ctx.engine(`container ${ref}`, () => inspectContainer(ctx.docker, ref))) as FullInspect;
  const name = nameOf(client);
  const links = linksOf(client);
  const targets = await Promise.all(links.map((l) => inspectOrNull(ctx, l.target)));

  const computed = links.map((link, i) => {
    const target = targets[i];
    const ip = target ? bridgeIpOf(target) : null;
    return ip && target
      ? computeLinkEnv({ alias: link.alias, client: name, targetIp: ip, exposedPorts: Object.keys(target.Config.ExposedPorts ?? {}), targetEnv: target.Config.Env ?? [] })
      : [];
  });
  const real = await processEnv(ctx, client);
  const env = real ?? composeContainerEnv({ hostname: client.Config.Hostname, tty: client.Config.Tty, linkEnv: computed.flat(), configEnv: client.Config.Env ?? [] });
  const expected = new Map(computed.flat().map((line) => [keyOf(line), valueOf(line)]));

  let hostLines: HostsLine[] = [];
  let hostsError: string | null = null;
  try {
    const file = await readContainerFile(ctx.docker, client.Id, '/etc/hosts');
    hostLines = explainHostsFile(file.content.toString('utf8'), {
      hostname: client.Config.Hostname,
      links: links.map((l) => ({ alias: l.alias, target: l.target })),
      extraHosts: (client.HostConfig.ExtraHosts as string[] | null | undefined) ?? [],
    });
  } catch (error) {
    hostsError = `Could not read /etc/hosts through the archive API: ${engineMessage(error)}`;
  }

  const explained: ExplainedLink[] = links.map((link, i) => {
    const target = targets[i];
    const targetIp = target ? bridgeIpOf(target) : null;
    const vars: ExplainedVar[] = [];
    for (const line of env) {
      const match = matchLinkVar(line, links);
      if (!match || match.alias !== link.alias) continue;
      const now = expected.get(match.name);
      const stale =
        real && target?.State.Running && now !== undefined && now !== match.value
          ? `${link.target} now gives ${now}: the variable was set when ${name} started and does not follow.`
          : null;
      vars.push({ name: match.name, value: match.value, kind: match.kind, meaning: match.meaning, stale });
    }
    const hostsLine = hostLines.find((h) => h.kind === 'link' && h.link?.alias === link.alias) ?? null;
    const summary = hostsLine
      ? hostsLine.explanation
      : !target
        ? `${link.target} no longer exists: ${link.alias} resolves to nothing, and ${name} cannot start again until the link is removed.`
        : !client.State.Running
          ? `${link.alias} will resolve to ${link.target}'s address once ${name} starts.`
          : `${link.alias} has no line in /etc/hosts (it was edited, or ${link.target} was not reachable).`;
    return {
      alias: link.alias,
      target: link.target,
      targetId: target?.Id ?? null,
      targetRunning: target?.State.Running ?? false,
      targetIp,
      raw: link.raw,
      env: vars,
      hostsLine: hostsLine?.line ?? null,
      summary,
    };
  });

  const networks = Object.entries(client.NetworkSettings.Networks ?? {})
    .filter(([network]) => isUserNetworkMode(network))
    .map(([network, endpoint]) => ({
      network,
      aliases: (endpoint.Aliases ?? []).filter((a) => a !== client.Id.slice(0, 12)),
      ip: endpoint.IPAddress || null,
      note: `On ${network}, names resolve by the engine's DNS (127.0.0.11): ${name} reaches the other containers there by name or alias, with no link and no recreate.`,
    }));

  return {
    id: client.Id,
    name,
    running: client.State.Running,
    envSource: real ? 'process' : 'computed',
    envNote: real
      ? `Read from the environment of ${name}'s main process (pid ${client.State.Pid}), the same as docker exec env shows.`
      : `Computed as the engine does from the links and ${name}'s own settings${client.State.Running ? '' : ` (it is not running, so these are what it gets when it starts)`}.`,
    links: explained,
    hosts: { lines: hostLines, error: hostsError },
    networks,
  };
}
