import type Dockerode from 'dockerode';
import type { EngineNetworkInspect } from '../../shared/topology/engine-network';

/** Network calls the features make; dockerode stays behind this file. */

/** Ids of every network (the list endpoint omits endpoints, so callers inspect what they need). */
export async function listNetworkIds(docker: Dockerode): Promise<string[]> {
  const listed = (await docker.listNetworks()) as { Id: string }[];
  return listed.map((n) => n.Id);
}

export async function inspectNetwork(docker: Dockerode, id: string): Promise<EngineNetworkInspect> {
  return (await docker.getNetwork(id).inspect()) as EngineNetworkInspect;
}

/** Like `inspectNetwork`, but null when the network does not exist (any more). */
export async function inspectNetworkOrNull(docker: Dockerode, id: string): Promise<EngineNetworkInspect | null> {
  try {
    return await inspectNetwork(docker, id);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

export interface CreateNetworkSpec {
  name: string;
  driver: string;
  subnet?: string;
  gateway?: string;
  ipRange?: string;
  internal: boolean;
  attachable: boolean;
  options: Record<string, string>;
  labels: Record<string, string>;
}

export async function createNetwork(docker: Dockerode, spec: CreateNetworkSpec): Promise<{ id: string; warning: string | null }> {
  const config = spec.subnet ? [{ Subnet: spec.subnet, Gateway: spec.gateway, IPRange: spec.ipRange }] : [];
  const network = await docker.createNetwork({
    Name: spec.name,
    Driver: spec.driver,
    // Refuse a second network of the same name, as `docker network create` does.
    CheckDuplicate: true,
    Internal: spec.internal,
    Attachable: spec.attachable,
    IPAM: { Driver: 'default', Config: config },
    Options: spec.options,
    Labels: spec.labels,
  });
  const created = network as unknown as { id: string; Warning?: string };
  return { id: created.id, warning: created.Warning || null };
}

export async function removeNetwork(docker: Dockerode, id: string): Promise<void> {
  await docker.getNetwork(id).remove();
}

export async function connectContainer(
  docker: Dockerode,
  network: string,
  container: string,
  options: { aliases: string[]; ipv4?: string },
): Promise<void> {
  await docker.getNetwork(network).connect({
    Container: container,
    EndpointConfig: {
      Aliases: options.aliases.length ? options.aliases : undefined,
      IPAMConfig: options.ipv4 ? { IPv4Address: options.ipv4 } : undefined,
    },
  });
}

export async function disconnectContainer(docker: Dockerode, network: string, container: string, force: boolean): Promise<void> {
  await docker.getNetwork(network).disconnect({ Container: container, Force: force });
}
