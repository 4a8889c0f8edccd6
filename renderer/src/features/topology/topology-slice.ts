import type { TopologySnapshot } from '../../../../shared/topology/contract';
import { client, messageOf } from '../../api';
import type { SliceCreator } from '../../store/types';

export interface TopologySlice {
  topology: TopologySnapshot | null;
  topologyError: string | null;
  /** The graph node whose details panel is open. */
  topologySelected: string | null;
  /** Loads the topology; the core starts pushing `topology:changed` from the first load on. */
  loadTopology(): Promise<void>;
  applyTopology(snapshot: TopologySnapshot): void;
  selectTopologyNode(id: string | null): void;
}

/** Newer by revision, or from a core that restarted since (its revisions start again). */
function isNewer(next: TopologySnapshot, current: TopologySnapshot | null): boolean {
  return !current || next.revision > current.revision || next.builtAt > current.builtAt;
}

export const createTopologySlice: SliceCreator<TopologySlice> = (set, get) => ({
  topology: null,
  topologyError: null,
  topologySelected: null,
  loadTopology: async () => {
    try {
      const snapshot = await client.request('topology:get', {});
      if (isNewer(snapshot, get().topology)) set({ topology: snapshot });
      set({ topologyError: null });
    } catch (error) {
      set({ topologyError: messageOf(error) });
    }
  },
  applyTopology: (snapshot) => {
    if (isNewer(snapshot, get().topology)) set({ topology: snapshot, topologyError: null });
  },
  selectTopologyNode: (topologySelected) => set({ topologySelected }),
});
