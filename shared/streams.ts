/**
 * Every stream kind: merged from the feature contracts, like `shared/contract.ts` merges channels.
 * Both transports refuse any kind that is not listed here.
 */
import type { StreamInfoOf, StreamInputOf } from './stream-kit';
import { imagePullStreams } from './images/pull-contract';
import { terminalStreams } from './terminal/contract';

export const streamKinds = {
  ...terminalStreams,
  ...imagePullStreams,
};

export type StreamKinds = typeof streamKinds;
export type StreamKind = keyof StreamKinds;
export type StreamOpenInput<K extends StreamKind> = StreamInputOf<StreamKinds[K]>;
export type StreamInfo<K extends StreamKind> = StreamInfoOf<StreamKinds[K]>;

export const streamKindNames = Object.keys(streamKinds) as StreamKind[];

export function isStreamKind(name: unknown): name is StreamKind {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(streamKinds, name);
}
