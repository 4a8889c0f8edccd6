import { create } from 'zustand';
import { createContainersSlice } from '../features/containers/containers-slice';
import { createEngineSlice } from '../features/engine/engine-slice';
import { createImagesSlice } from '../features/images/images-slice';
import type { Store } from './types';
import { createUiSlice } from './ui-slice';

export const useStore = create<Store>()((...a) => ({
  ...createUiSlice(...a),
  ...createEngineSlice(...a),
  ...createContainersSlice(...a),
  ...createImagesSlice(...a),
}));

export type { Store } from './types';
