/**
 * A container's mounts, classified (anonymous, named, bind, tmpfs, image VOLUME) and said in
 * plain words; and which volumes each container of a `--volumes-from` chain ends up with.
 */
import type { EngineContainerInspect, EngineMount } from '../containers/engine-inspect';
import type { ContainerMounts, Lineage, LineageEdge, LineageNode, MountView } from './model';

export const ANONYMOUS_VOLUME = /^[0-9a-f]{64}$/;
/** Newer engines (23+) label the volumes `-v /path` creates; 20.10 does not. */
export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

export function isAnonymousName(name: string): boolean {
  return ANONYMOUS_VOLUME.test(name);
}

/** A container inspect with the extra HostConfig fields mounts need. */
export type InspectWithMounts = EngineContainerInspect & {
  HostConfig: EngineContainerInspect['HostConfig'] & { Tmpfs?: Record<string, string> | null; Mounts?: unknown[] | null };
};

export interface BindSpec {
  source: string;
  destination: string;
  readWrite: boolean;
  selinux?: 'z' | 'Z';
  propagation?: string;
  nocopy: boolean;
}

const PROPAGATIONS = new Set(['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave']);

/** Parses one `HostConfig.Binds` entry: `src:dst[:opts]` with opts `ro|rw`, `z|Z`, propagation, `nocopy`. */
export function parseBind(bind: string): BindSpec | null {
  const parts = bind.split(':');
  if (parts.length < 2) return null;
  let options: string[] = [];
  // `src:dst:opts` — the options field is recognised by its words (paths could contain ':' rarely).
  if (parts.length >= 3 && parts[parts.length - 1].split(',').every((o) => /^(ro|rw|z|Z|nocopy|r?private|r?shared|r?slave|consistent|cached|delegated)$/.test(o))) {
    options = parts.pop()!.split(',');
  }
  const destination = parts.pop()!;
  const source = parts.join(':');
  const spec: BindSpec = { source, destination, readWrite: !options.includes('ro'), nocopy: options.includes('nocopy') };
  if (options.includes('Z')) spec.selinux = 'Z';
  else if (options.includes('z')) spec.selinux = 'z';
  const propagation = options.find((o) => PROPAGATIONS.has(o));
  if (propagation) spec.propagation = propagation;
  return spec;
}

/** Splits a `--volumes-from` entry `container[:ro|rw]`. */
export function parseVolumesFrom(entry: string): { ref: string; mode: 'ro' | 'rw' } {
  const match = /^(.*?)(?::(ro|rw))?$/.exec(entry)!;
  return { ref: match[1], mode: match[2] === 'ro' ? 'ro' : 'rw' };
}

/** Finds a container of `all` by name (with or without `/`), full id or unique id prefix. */
export function findContainer<T extends { Id: string; Name: string }>(all: readonly T[], ref: string): T | undefined {
  const name = ref.replace(/^\//, '');
  return (
    all.find((c) => c.Id === ref || c.Name.replace(/^\//, '') === name) ??
    (ref.length >= 4 ? (all.filter((c) => c.Id.startsWith(ref)).length === 1 ? all.find((c) => c.Id.startsWith(ref)) : undefined) : undefined)
  );
}

const short = (name: string) => (isAnonymousName(name) ? `${name.slice(0, 12)}…` : name);
const rwWords = (rw: boolean) => (rw ? 'read-write' : 'read-only');

/**
 * Classifies every mount of `inspect`.
 *
 * `imageVolumes` is the image's `Config.Volumes` (its VOLUME lines); `all` lets an inherited
 * mount say which `--volumes-from` container it came from.
 */
export function classifyMounts(
  inspect: InspectWithMounts,
  imageVolumes: Record<string, unknown> | null | undefined,
  all: readonly EngineContainerInspect[] = [],
): ContainerMounts {
  const binds = (inspect.HostConfig.Binds ?? []).map(parseBind).filter((b): b is BindSpec => b !== null);
  const sources = (inspect.HostConfig.VolumesFrom ?? []).map((entry) => {
    const { ref, mode } = parseVolumesFrom(entry);
    const container = findContainer(all, ref);
    return { ref, mode, container };
  });
  const mounts: MountView[] = inspect.Mounts.map((mount) => classifyOne(mount, binds, sources, imageVolumes ?? {}));
  const tmpfs = inspect.HostConfig.Tmpfs ?? {};
  for (const [destination, options] of Object.entries(tmpfs)) {
    if (mounts.some((m) => m.destination === destination)) continue;
    mounts.push(tmpfsView(destination, options));
  }
  mounts.sort((a, b) => a.destination.localeCompare(b.destination));
  return {
    containerId: inspect.Id,
    containerName: inspect.Name.replace(/^\//, ''),
    running: inspect.State.Running || inspect.State.Paused || inspect.State.Restarting,
    mounts,
  };
}

function classifyOne(
  mount: EngineMount,
  binds: BindSpec[],
  sources: Array<{ ref: string; mode: 'ro' | 'rw'; container?: EngineContainerInspect }>,
  imageVolumes: Record<string, unknown>,
): MountView {
  const base = {
    destination: mount.Destination,
    readWrite: mount.RW,
    mode: mount.Mode ?? '',
    propagation: mount.Propagation ?? '',
  };
  if (mount.Type === 'tmpfs') return { ...tmpfsView(mount.Destination, mount.Mode ?? ''), ...base };
  if (mount.Type === 'bind') {
    const bind = binds.find((b) => b.destination === mount.Destination);
    const selinux = bind?.selinux ?? (/(^|,)Z(,|$)/.test(mount.Mode) ? 'Z' : /(^|,)z(,|$)/.test(mount.Mode) ? 'z' : undefined);
    const inherited = inheritedFrom(mount, sources);
    const parts = [`Host folder ${mount.Source} appears at ${mount.Destination}, ${rwWords(mount.RW)}`];
    if (selinux === 'z') parts.push('relabelled for SELinux so several containers can share it (:z)');
    if (selinux === 'Z') parts.push('relabelled for SELinux for this container alone (:Z)');
    if (mount.Propagation) parts.push(`mount propagation ${mount.Propagation}`);
    if (inherited) parts.push(`taken from ${inherited} by --volumes-from`);
    return {
      kind: 'bind',
      source: mount.Source,
      ...base,
      ...(selinux ? { selinux } : {}),
      ...(inherited ? { inheritedFrom: inherited } : {}),
      sentence: `${parts.join('; ')}.`,
    };
  }
  if (mount.Type === 'volume') {
    const name = mount.Name ?? '';
    const inherited = inheritedFrom(mount, sources);
    const anonymous = isAnonymousName(name);
    const fromImage = anonymous && !inherited && Object.prototype.hasOwnProperty.call(imageVolumes, mount.Destination);
    const kind = fromImage ? 'image' : anonymous ? 'anonymous' : 'named';
    const driver = mount.Driver && mount.Driver !== 'local' ? ` (driver ${mount.Driver})` : '';
    const what =
      kind === 'image'
        ? `Anonymous volume ${short(name)}, made because the image declares VOLUME ${mount.Destination}`
        : kind === 'anonymous'
          ? `Anonymous volume ${short(name)}${inherited ? '' : ' (from -v ' + mount.Destination + ')'}`
          : `Named volume ${name}`;
    const tail = inherited
      ? `; taken from ${inherited} by --volumes-from`
      : kind === 'named'
        ? '; kept when the container is removed'
        : '; deleted by rm -v unless another container uses it';
    return {
      kind,
      source: name,
      volumeName: name,
      ...base,
      ...(mount.Driver ? { driver: mount.Driver } : {}),
      ...(inherited ? { inheritedFrom: inherited } : {}),
      sentence: `${what}${driver} appears at ${mount.Destination}, ${rwWords(mount.RW)}${tail}.`,
    };
  }
  return { kind: 'bind', source: mount.Source, ...base, sentence: `${mount.Type} mount of ${mount.Source} at ${mount.Destination}, ${rwWords(mount.RW)}.` };
}

function tmpfsView(destination: string, options: string): MountView {
  const readWrite = !/(^|,)ro(,|$)/.test(options);
  return {
    kind: 'tmpfs',
    source: 'tmpfs',
    destination,
    readWrite,
    mode: options,
    propagation: '',
    sentence: `In-memory tmpfs at ${destination}${options ? ` (${options})` : ''}, ${rwWords(readWrite)}; its content is lost when the container stops.`,
  };
}

/** The `--volumes-from` source whose own mount is the same volume (or host path) at the same place. */
function inheritedFrom(mount: EngineMount, sources: Array<{ ref: string; container?: EngineContainerInspect }>): string | undefined {
  for (const source of sources) {
    const match = source.container?.Mounts.some(
      (m) => m.Destination === mount.Destination && m.Type === mount.Type && (mount.Type === 'volume' ? m.Name === mount.Name : m.Source === mount.Source),
    );
    if (match) return source.container!.Name.replace(/^\//, '');
  }
  return undefined;
}

/**
 * The graph of `--volumes-from`: every container that gives or takes volumes, the edges with
 * their mode, and the volumes each ends up with.
 */
export function buildLineage(all: readonly EngineContainerInspect[]): Lineage {
  const edges: LineageEdge[] = [];
  const dangling: Lineage['dangling'] = [];
  for (const container of all) {
    for (const entry of container.HostConfig.VolumesFrom ?? []) {
      const { ref, mode } = parseVolumesFrom(entry);
      const source = findContainer(all, ref);
      if (!source) dangling.push({ container: container.Name.replace(/^\//, ''), ref });
      else edges.push({ from: source.Id, to: container.Id, mode });
    }
  }
  const involved = new Set(edges.flatMap((e) => [e.from, e.to]));
  const givers = new Set(edges.map((e) => e.from));
  const nodes: LineageNode[] = all
    .filter((c) => involved.has(c.Id) || (c.HostConfig.VolumesFrom ?? []).length > 0)
    .map((c) => {
      const view = classifyMounts(c as InspectWithMounts, {}, all);
      const neverStarted = !c.State.StartedAt || c.State.StartedAt.startsWith('0001-01-01');
      return {
        id: c.Id,
        name: c.Name.replace(/^\//, ''),
        state: c.State.Status,
        dataContainer: givers.has(c.Id) && neverStarted && (c.HostConfig.VolumesFrom ?? []).length === 0,
        volumes: view.mounts
          .filter((m) => m.kind !== 'tmpfs')
          .map((m) => ({
            name: m.volumeName ?? m.source,
            anonymous: m.kind === 'anonymous' || m.kind === 'image',
            destination: m.destination,
            readWrite: m.readWrite,
            ...(m.inheritedFrom ? { inheritedFrom: m.inheritedFrom } : {}),
          })),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return { nodes, edges, dangling };
}
