import { Boxes, Layers } from 'lucide-react';
import type { ReactNode } from 'react';
import { ContainersPage } from '../features/containers/ContainersPage';
import { ImagesPage } from '../features/images/ImagesPage';

export interface PageEntry {
  id: string;
  label: string;
  icon: ReactNode;
  render(): ReactNode;
}

/** The left navigation, in order; a feature adds its page here (its number key follows the order). */
export const PAGES: PageEntry[] = [
  { id: 'containers', label: 'Containers', icon: <Boxes size={16} />, render: () => <ContainersPage /> },
  { id: 'images', label: 'Images', icon: <Layers size={16} />, render: () => <ImagesPage /> },
];
