import { create } from 'zustand';
import { createContainersSlice } from '../features/containers/containers-slice';
import { createEngineSlice } from '../features/engine/engine-slice';
import { createImagesSlice } from '../features/images/images-slice';
import { createTopologySlice } from '../features/topology/topology-slice';
import { createVolumesSlice } from '../features/volumes/volumes-slice';
import type { Store } from './types';
import { createUiSlice } from './ui-slice';

export const useStore = create<Store>()((...a) => ({
  ...createUiSlice(...a),
  ...createEngineSlice(...a),
  ...createContainersSlice(...a),
  ...createImagesSlice(...a),
  ...createTopologySlice(...a),
  ...createVolumesSlice(...a),
}));

export type { Store } from './types';
