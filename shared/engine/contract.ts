import { channel } from '../contract-kit';
import { noInput } from '../ids';
import type { EngineInfo, EngineStatus } from './model';

export const engineChannels = {
  'engine:status': channel<EngineStatus>()(noInput),
  'engine:info': channel<EngineInfo>()(noInput),
  /** Try to reach the engine now instead of waiting for the next backoff step. */
  'engine:reconnect': channel<EngineStatus>()(noInput),
};

export interface EngineEvents {
  'engine:status': EngineStatus;
}
