import { Boxes, HardDrive, Layers, Link2, Network, SquareTerminal } from 'lucide-react';
import type { ReactNode } from 'react';
import { ContainersPage } from '../features/containers/ContainersPage';
import { ImagesPage } from '../features/images/ImagesPage';
import { TopologyPage } from '../features/topology/TopologyPage';
import { VolumesPage } from '../features/volumes/VolumesPage';
import { TerminalPage } from '../features/terminal/TerminalPage';
import { LinksPage } from '../features/links/LinksPage';

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
  { id: 'topology', label: 'Topology', icon: <Network size={16} />, render: () => <TopologyPage /> },
  { id: 'volumes', label: 'Volumes', icon: <HardDrive size={16} />, render: () => <VolumesPage /> },
  { id: 'terminal', label: 'Terminal', icon: <SquareTerminal size={16} />, render: () => <TerminalPage /> },
  { id: 'links', label: 'Links', icon: <Link2 size={16} />, render: () => <LinksPage /> },
];
