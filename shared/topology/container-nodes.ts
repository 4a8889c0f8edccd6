/**
 * Container nodes and the namespace-level edges: host mode, none mode, `container:X` sharing.
 */
import type { EngineContainerInspect } from '../containers/engine-inspect';
import type { ContainerNode, NetworkMode, TopologyEdge } from './model';
import { networkNodeId } from './network-nodes';
import type { TopologyIndex } from './topology-index';

export function containerNodeId(containerId: string): string {
  return `container:${containerId}`;
}

/** Interprets `HostConfig.NetworkMode`; `container:X` is resolved by full id, then by name. */
export function parseNetworkMode(mode: string, index: TopologyIndex): NetworkMode {
  if (mode === 'host') return { kind: 'host' };
  if (mode === 'none') return { kind: 'none' };
  if (mode.startsWith('container:')) {
    const target = mode.slice('container:'.length);
    const resolved = index.containersById.get(target) ?? index.containersByName.get(target.replace(/^\//, ''));
    return { kind: 'container', target, targetContainerId: resolved?.Id ?? null };
  }
  // `default` is the daemon's default network, which on Linux is the `bridge` network.
  return { kind: 'network', network: mode === 'default' || mode === '' ? 'bridge' : mode };
}

export function buildContainerNode(container: EngineContainerInspect, mode: NetworkMode): ContainerNode {
  const running = container.State.Running && container.State.Pid > 0;
  return {
    kind: 'container',
    id: containerNodeId(container.Id),
    containerId: container.Id,
    name: container.Name.replace(/^\//, ''),
    state: container.State.Status,
    running,
    pid: running ? container.State.Pid : null,
    networkMode: mode,
  };
}

/** The edge a host, none or container network mode implies; null for ordinary network modes. */
export function namespaceEdge(node: ContainerNode, index: TopologyIndex): TopologyEdge | null {
  const mode = node.networkMode;
  if (mode.kind === 'host') {
    const hostNetwork = findByDriver(index, 'host');
    return { kind: 'host-mode', id: `host-mode:${node.containerId}`, from: node.id, to: 'host', hostNetworkNodeId: hostNetwork };
  }
  if (mode.kind === 'none') {
    return { kind: 'none-mode', id: `none-mode:${node.containerId}`, from: node.id, to: findByDriver(index, 'null') };
  }
  if (mode.kind === 'container') {
    return {
      kind: 'shares-netns',
      id: `shares-netns:${node.containerId}`,
      from: node.id,
      to: mode.targetContainerId ? containerNodeId(mode.targetContainerId) : null,
      target: mode.target,
    };
  }
  return null;
}

/** The built-in `host`/`none` networks: found by their fixed names, checked by driver. */
function findByDriver(index: TopologyIndex, driver: 'host' | 'null'): string | null {
  const byName = index.networksByName.get(driver === 'host' ? 'host' : 'none');
  return byName && byName.Driver === driver ? networkNodeId(byName.Id) : null;
}
