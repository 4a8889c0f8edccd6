import type { FilesTarget, VolumeSummary } from '../../../../shared/volumes/model';
import { client, messageOf } from '../../api';
import type { SliceCreator } from '../../store/types';

/** What the file browser shows: a volume or a container, from a starting folder. */
export interface BrowseRequest {
  target: FilesTarget;
  path: string;
  /** Shown above the breadcrumb: "volume registry-data", "container web". */
  title: string;
}

export interface VolumesSlice {
  volumes: VolumeSummary[];
  volumesLoaded: boolean;
  volumesError: string | null;
  volumeSizesKnown: boolean;
  loadVolumes(): Promise<void>;
  browsing: BrowseRequest | null;
  /** Opens the file browser on the Volumes page (null closes it). */
  browse(request: BrowseRequest | null): void;
}

export const createVolumesSlice: SliceCreator<VolumesSlice> = (set) => ({
  volumes: [],
  volumesLoaded: false,
  volumesError: null,
  volumeSizesKnown: true,
  loadVolumes: async () => {
    try {
      const list = await client.request('volumes:list', {});
      set({ volumes: list.volumes, volumeSizesKnown: list.sizesKnown, volumesLoaded: true, volumesError: null });
    } catch (error) {
      set({ volumesError: messageOf(error), volumesLoaded: true });
    }
  },
  browsing: null,
  browse: (browsing) => set(browsing ? { browsing, page: 'volumes' } : { browsing: null }),
});
