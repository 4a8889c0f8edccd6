import type { PatchbayClient } from '../api/client';
import { useStore } from './index';

/**
 * Subscribes the store to the core's events, then loads the first state.
 *
 * Subscribing first means nothing that happens during the first load is missed; the container
 * slice drops changes that its loaded list already contains (by revision).
 */
export function connectStore(client: PatchbayClient): () => void {
  const store = useStore.getState();
  const unsubscribers = [
    client.on('engine:status', (status) => useStore.getState().setEngineStatus(status)),
    client.on('containers:changed', (change) => useStore.getState().applyContainersChange(change)),
    client.on('images:changed', () => void useStore.getState().loadImages()),
    client.on('topology:changed', (snapshot) => useStore.getState().applyTopology(snapshot)),
    client.on('volumes:changed', () => {
      if (useStore.getState().volumesLoaded) void useStore.getState().loadVolumes();
    }),
    client.onReconnect(() => {
      void useStore.getState().loadEngineStatus();
      void useStore.getState().loadContainers();
      if (useStore.getState().topology) void useStore.getState().loadTopology();
    }),
  ];
  void store.loadEngineStatus();
  void store.loadContainers();
  void store.loadImages();
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
