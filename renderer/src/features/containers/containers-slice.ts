import type { ContainerSummary, ContainersChanged } from '../../../../shared/containers/model';
import { client, messageOf } from '../../api';
import type { SliceCreator } from '../../store/types';
import { applyContainersChange } from './apply-change';

export interface ContainersSlice {
  containers: Record<string, ContainerSummary>;
  containersRevision: number;
  containersLoaded: boolean;
  containersError: string | null;
  /** Ids ticked for bulk actions. */
  selectedIds: ReadonlySet<string>;
  /** The container whose details panel is open. */
  detailsId: string | null;
  loadContainers(): Promise<void>;
  applyContainersChange(change: ContainersChanged): void;
  setSelected(ids: Iterable<string>): void;
  toggleSelected(id: string): void;
  openDetails(id: string | null): void;
}

/** Changes that arrived before the first list: applied on top of it if they are newer. */
let early: ContainersChanged[] = [];

export const createContainersSlice: SliceCreator<ContainersSlice> = (set, get) => ({
  containers: {},
  containersRevision: -1,
  containersLoaded: false,
  containersError: null,
  selectedIds: new Set(),
  detailsId: null,
  loadContainers: async () => {
    try {
      const list = await client.request('containers:list', {});
      const containers: Record<string, ContainerSummary> = {};
      for (const c of list.containers) containers[c.id] = c;
      set({ containers, containersRevision: list.revision, containersLoaded: true, containersError: null });
      const pending = early;
      early = [];
      for (const change of pending) get().applyContainersChange(change);
      pruneSelection(set, get);
    } catch (error) {
      set({ containersError: messageOf(error), containersLoaded: true });
    }
  },
  applyContainersChange: (change) => {
    const state = get();
    if (!state.containersLoaded) {
      early.push(change);
      return;
    }
    const next = applyContainersChange({ containers: state.containers, revision: state.containersRevision }, change);
    if (next.revision === state.containersRevision) return;
    set({ containers: next.containers, containersRevision: next.revision });
    if (change.removed.length > 0) pruneSelection(set, get);
  },
  setSelected: (ids) => set({ selectedIds: new Set(ids) }),
  toggleSelected: (id) => {
    const selectedIds = new Set(get().selectedIds);
    if (!selectedIds.delete(id)) selectedIds.add(id);
    set({ selectedIds });
  },
  openDetails: (detailsId) => set({ detailsId }),
});

/** Drops ticks on containers that are gone, so a bulk action never names a vanished one. */
function pruneSelection(set: Parameters<SliceCreator<ContainersSlice>>[0], get: () => ContainersSlice): void {
  const { selectedIds, containers } = get();
  const kept = [...selectedIds].filter((id) => containers[id]);
  if (kept.length !== selectedIds.size) set({ selectedIds: new Set(kept) });
}
