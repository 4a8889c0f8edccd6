/**
 * The parts of the engine's volume JSON (`GET /volumes`, `GET /volumes/{name}`, `GET /system/df`)
 * that Patchbay reads; a subset of what the engine sends.
 */
export interface EngineVolume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  CreatedAt?: string;
  Labels: Record<string, string> | null;
  Options: Record<string, string> | null;
  Scope: string;
  /** Only in `GET /system/df`. */
  UsageData?: { Size: number; RefCount: number } | null;
}
