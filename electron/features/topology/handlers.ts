import { PatchbayFailure } from '../../../shared/errors';
import { BRIDGE_OPTION, type EngineNetworkInspect } from '../../../shared/topology/engine-network';
import type { NetworkSummary, topologyChannels } from '../../../shared/topology/contract';
import type { CoreContext, HandlersFor } from '../../core/context';
import { connectContainer, createNetwork, disconnectContainer, inspectNetwork, removeNetwork } from '../../docker/networks-api';
import type { TopologyService } from './topology-service';

export function topologyHandlers(ctx: CoreContext, service: TopologyService): HandlersFor<typeof topologyChannels> {
  const networkSubject = (ref: string) => `network ${ref}`;
  /** The container's name for messages; refuses early when Patchbay knows it does not exist. */
  const containerNamed = (ref: string): string => {
    const found = ctx.containers.find(ref);
    if (!found) throw new PatchbayFailure('not-found', `There is no container called ${ref}: it may have been removed.`);
    return found.Name.replace(/^\//, '');
  };

  return {
    'topology:get': () => service.get(),
    'networks:list': async () => {
      const inspects = await ctx.engine('networks', () => service.networkList());
      return inspects.map(summarizeNetwork).sort((a, b) => a.name.localeCompare(b.name));
    },
    'networks:inspect': ({ id }) => ctx.engine(networkSubject(id), () => inspectNetwork(ctx.docker, id)),
    'networks:create': async (input) => {
      const options: Record<string, string> = {};
      if (input.bridgeName) options[BRIDGE_OPTION.name] = input.bridgeName;
      const created = await ctx.engine(networkSubject(input.name), () =>
        createNetwork(ctx.docker, {
          name: input.name,
          driver: input.driver,
          subnet: input.subnet,
          gateway: input.gateway,
          ipRange: input.ipRange,
          internal: input.internal,
          attachable: input.attachable,
          options,
          labels: input.labels,
        }),
      );
      service.refreshNetwork(created.id);
      return { id: created.id, name: input.name, warning: created.warning };
    },
    'networks:remove': async ({ id }) => {
      const network = await ctx.engine(networkSubject(id), () => inspectNetwork(ctx.docker, id));
      const users = Object.values(network.Containers ?? {}).map((c) => c.Name).sort();
      if (users.length) throw inUse(network.Name, users);
      try {
        await ctx.engine(networkSubject(network.Name), () => removeNetwork(ctx.docker, network.Id));
      } catch (error) {
        // A container joined between the check and the removal.
        if (error instanceof PatchbayFailure && /active endpoints/i.test(error.detail ?? '')) {
          const again = await inspectNetwork(ctx.docker, network.Id).catch(() => null);
          throw inUse(network.Name, Object.values(again?.Containers ?? {}).map((c) => c.Name));
        }
        throw error;
      }
      service.refreshNetwork(network.Id);
    },
    'networks:connect': async ({ network, container, aliases, ipv4 }) => {
      const name = containerNamed(container);
      await ctx.engine(`network ${network} (connecting ${name})`, () => connectContainer(ctx.docker, network, container, { aliases, ipv4 }));
      service.refreshNetwork(network);
      ctx.containers.refresh(ctx.containers.find(container)!.Id);
    },
    'networks:disconnect': async ({ network, container, force }) => {
      const name = containerNamed(container);
      await ctx.engine(`network ${network} (disconnecting ${name})`, () => disconnectContainer(ctx.docker, network, container, force));
      service.refreshNetwork(network);
      ctx.containers.refresh(ctx.containers.find(container)!.Id);
    },
  };
}

function inUse(network: string, containers: string[]): PatchbayFailure {
  const names = containers.length ? containers.join(', ') : 'a container';
  return new PatchbayFailure(
    'in-use',
    `Network ${network} is in use by ${names}: disconnect ${containers.length > 1 ? 'them' : 'it'} (or remove ${containers.length > 1 ? 'them' : 'it'}) first.`,
    containers.length ? `Active endpoints: ${containers.join(', ')}` : undefined,
  );
}

export function summarizeNetwork(network: EngineNetworkInspect): NetworkSummary {
  return {
    id: network.Id,
    name: network.Name,
    driver: network.Driver,
    scope: network.Scope,
    internal: network.Internal,
    attachable: network.Attachable,
    subnets: (network.IPAM.Config ?? []).filter((c) => c.Subnet).map((c) => ({ subnet: c.Subnet!, gateway: c.Gateway || null, ipRange: c.IPRange || null })),
    labels: network.Labels ?? {},
    containers: Object.values(network.Containers ?? {}).map((c) => c.Name).sort(),
    created: network.Created ?? null,
  };
}
