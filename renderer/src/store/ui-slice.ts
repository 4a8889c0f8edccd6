import type { SliceCreator } from './types';

export interface UiSlice {
  page: string;
  setPage(page: string): void;
  shortcutsOpen: boolean;
  setShortcutsOpen(open: boolean): void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  page: 'containers',
  setPage: (page) => set({ page }),
  shortcutsOpen: false,
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
});
