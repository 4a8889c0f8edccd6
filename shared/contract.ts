/**
 * The whole API between the renderer and the core: every request channel and every event.
 *
 * Each feature declares its channels in `shared/<feature>/contract.ts`; this file only merges
 * them. Both transports (Electron IPC and the web bridge) and the renderer's client are derived
 * from `channels`, so a channel added here exists everywhere with the same types.
 */
import type { InputOf, OutputOf } from './contract-kit';
import { containersChannels, type ContainersEvents } from './containers/contract';
import { engineChannels, type EngineEvents } from './engine/contract';
import { imagesChannels, type ImagesEvents } from './images/contract';
import { topologyChannels, type TopologyEvents } from './topology/contract';
import { runChannels } from './run/contract';
import { volumesChannels, type VolumesEvents } from './volumes/contract';
import { linksChannels, type LinksEvents } from './links/contract';

export const channels = {
  ...engineChannels,
  ...containersChannels,
  ...imagesChannels,
  ...topologyChannels,
  ...runChannels,
  ...volumesChannels,
  ...linksChannels,
};

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = InputOf<Channels[C]>;
export type ResponseOf<C extends ChannelName> = OutputOf<Channels[C]>;

export const channelNames = Object.keys(channels) as ChannelName[];

export type EventMap = EngineEvents & ContainersEvents & ImagesEvents & TopologyEvents & VolumesEvents & LinksEvents;
export type EventName = keyof EventMap;

/** Listed at run time so the preload and the web bridge can refuse any other name. */
export const eventNames: readonly EventName[] = ['engine:status', 'containers:changed', 'images:changed', 'topology:changed', 'volumes:changed', 'links:progress'];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

export function isEventName(name: string): name is EventName {
  return (eventNames as readonly string[]).includes(name);
}
