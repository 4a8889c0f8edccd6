import type { EngineInfo, EngineStatus } from '../../../../shared/engine/model';
import { client } from '../../api';
import type { SliceCreator } from '../../store/types';

export interface EngineSlice {
  engineStatus: EngineStatus | null;
  engineInfo: EngineInfo | null;
  setEngineStatus(status: EngineStatus): void;
  loadEngineStatus(): Promise<void>;
  loadEngineInfo(): Promise<void>;
  reconnectEngine(): Promise<void>;
}

export const createEngineSlice: SliceCreator<EngineSlice> = (set, get) => ({
  engineStatus: null,
  engineInfo: null,
  setEngineStatus: (engineStatus) => {
    const before = get().engineStatus?.state;
    set({ engineStatus });
    // The engine may have been upgraded or replaced while away: read its facts again.
    if (engineStatus.state === 'up' && (before !== 'up' || !get().engineInfo)) void get().loadEngineInfo();
  },
  loadEngineStatus: async () => {
    get().setEngineStatus(await client.request('engine:status', {}));
  },
  loadEngineInfo: async () => {
    try {
      set({ engineInfo: await client.request('engine:info', {}) });
    } catch {
      // The status screen already tells that the engine is away.
    }
  },
  reconnectEngine: async () => {
    get().setEngineStatus(await client.request('engine:reconnect', {}));
  },
});
