/** Volumes as the view lists them: the engine's volume list joined with who mounts each. */
import type { EngineContainerInspect } from '../containers/engine-inspect';
import { ANONYMOUS_LABEL, isAnonymousName } from './mounts';
import type { EngineVolume } from './engine-volume';
import type { PrunePlan, VolumeSummary, VolumeUse } from './model';


const isUp = (c: EngineContainerInspect) => c.State.Running || c.State.Paused || c.State.Restarting;

/** Who mounts each volume, from the containers' inspects (running or not). */
export function volumeUses(containers: readonly EngineContainerInspect[]): Map<string, VolumeUse[]> {
  const uses = new Map<string, VolumeUse[]>();
  for (const c of containers) {
    for (const m of c.Mounts) {
      if (m.Type !== 'volume' || !m.Name) continue;
      const list = uses.get(m.Name) ?? [];
      list.push({ containerId: c.Id, containerName: c.Name.replace(/^\//, ''), destination: m.Destination, readWrite: m.RW, running: isUp(c) });
      uses.set(m.Name, list);
    }
  }
  for (const list of uses.values()) list.sort((a, b) => a.containerName.localeCompare(b.containerName));
  return uses;
}

export function summarizeVolumes(
  volumes: readonly EngineVolume[],
  containers: readonly EngineContainerInspect[],
  sizes: ReadonlyMap<string, number> | null,
): VolumeSummary[] {
  const uses = volumeUses(containers);
  const byId = new Map(containers.map((c) => [c.Id, c]));
  return volumes
    .map((v): VolumeSummary => {
      const anonymous = isAnonymousName(v.Name);
      const labels = v.Labels ?? {};
      const usedBy = uses.get(v.Name) ?? [];
      const summary: VolumeSummary = {
        name: v.Name,
        anonymous,
        driver: v.Driver,
        mountpoint: v.Mountpoint,
        created: v.CreatedAt ?? '',
        labels,
        options: v.Options ?? {},
        scope: v.Scope,
        usedBy,
      };
      const size = sizes?.get(v.Name);
      if (size !== undefined && size >= 0) summary.sizeBytes = size;
      if (anonymous) {
        const creator = creatorOf(v.Name, labels, containers, byId);
        if (creator) summary.createdBy = creator;
      }
      return summary;
    })
    .sort((a, b) => Number(a.anonymous) - Number(b.anonymous) || a.name.localeCompare(b.name));
}

/**
 * The container that made an anonymous volume: the one the engine's label names, else the
 * oldest container that mounts it without `--volumes-from` (inheritors share, they do not make).
 */
function creatorOf(
  name: string,
  labels: Record<string, string>,
  containers: readonly EngineContainerInspect[],
  byId: Map<string, EngineContainerInspect>,
): VolumeSummary['createdBy'] {
  const labelled = labels[ANONYMOUS_LABEL];
  if (labelled) {
    const c = byId.get(labelled) ?? containers.find((x) => x.Id.startsWith(labelled));
    return { containerId: labelled, containerName: c ? c.Name.replace(/^\//, '') : labelled.slice(0, 12), how: 'label' };
  }
  const mounting = containers
    .filter((c) => c.Mounts.some((m) => m.Type === 'volume' && m.Name === name))
    .sort((a, b) => a.Created.localeCompare(b.Created));
  const maker = mounting.find((c) => (c.HostConfig.VolumesFrom ?? []).length === 0) ?? mounting[0];
  return maker ? { containerId: maker.Id, containerName: maker.Name.replace(/^\//, ''), how: 'mount' } : undefined;
}

/** What pruning deletes: every volume no container (running or stopped) mounts. */
export function prunePlan(summaries: readonly VolumeSummary[]): PrunePlan {
  const volumes = summaries
    .filter((v) => v.usedBy.length === 0)
    .map((v) => ({ name: v.name, anonymous: v.anonymous, driver: v.driver, ...(v.sizeBytes !== undefined ? { sizeBytes: v.sizeBytes } : {}) }));
  const known = volumes.every((v) => v.sizeBytes !== undefined);
  return { volumes, ...(known ? { totalBytes: volumes.reduce((sum, v) => sum + (v.sizeBytes ?? 0), 0) } : {}) };
}
