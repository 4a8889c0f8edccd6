/** What the UI knows about the engine connection. */

export type EngineState = 'connecting' | 'up' | 'down';

export interface EngineStatus {
  state: EngineState;
  /** Where Patchbay looks for the engine, e.g. `unix:///var/run/docker.sock`. */
  endpoint: string;
  /** Why the last attempt failed, in plain words (only while down). */
  error?: string;
  /** When the next attempt happens (ms since epoch), while down. */
  nextAttemptAt?: number;
  /** How many attempts failed in a row. */
  failedAttempts: number;
}

export interface EngineInfo {
  endpoint: string;
  serverVersion: string;
  apiVersion: string;
  os: string;
  kernelVersion: string;
  architecture: string;
  storageDriver: string;
  cgroupDriver: string;
  name: string;
  cpus: number;
  memoryBytes: number;
  containers: { total: number; running: number; paused: number; stopped: number };
  images: number;
}
