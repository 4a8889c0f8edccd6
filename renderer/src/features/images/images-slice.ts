import type { ImageSummary } from '../../../../shared/images/model';
import { client, messageOf } from '../../api';
import type { SliceCreator } from '../../store/types';

export interface ImagesSlice {
  images: ImageSummary[];
  imagesLoaded: boolean;
  imagesError: string | null;
  loadImages(): Promise<void>;
}

export const createImagesSlice: SliceCreator<ImagesSlice> = (set) => ({
  images: [],
  imagesLoaded: false,
  imagesError: null,
  loadImages: async () => {
    try {
      set({ images: await client.request('images:list', {}), imagesLoaded: true, imagesError: null });
    } catch (error) {
      set({ imagesError: messageOf(error), imagesLoaded: true });
    }
  },
});
