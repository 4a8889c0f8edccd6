import type { StateCreator } from 'zustand';
import type { ContainersSlice } from '../features/containers/containers-slice';
import type { EngineSlice } from '../features/engine/engine-slice';
import type { ImagesSlice } from '../features/images/images-slice';
import type { TopologySlice } from '../features/topology/topology-slice';
import type { VolumesSlice } from '../features/volumes/volumes-slice';
import type { UiSlice } from './ui-slice';

/** The whole store: one slice per feature, composed in store/index.ts. */
export type Store = UiSlice & EngineSlice & ContainersSlice & ImagesSlice & TopologySlice & VolumesSlice;

export type SliceCreator<Slice> = StateCreator<Store, [], [], Slice>;
