/**
 * The JSON body of the engine's `POST /containers/create`, as far as the run form fills it.
 *
 * Declared here rather than taken from dockerode because `shared/` must not depend on it.
 */
import type { EnginePortBinding } from '../containers/engine-inspect';

/** One network's endpoint settings in `NetworkingConfig.EndpointsConfig`. */
export interface EngineEndpointSettings {
  Aliases?: string[];
  IPAMConfig?: { IPv4Address: string };
}

/** `HostConfig` of a create body; optional fields are left out when empty. */
export interface EngineCreateHostConfig {
  Binds?: string[];
  PortBindings?: Record<string, EnginePortBinding[]>;
  PublishAllPorts: boolean;
  NetworkMode: string;
  Links?: string[];
  VolumesFrom?: string[];
  RestartPolicy: { Name: string; MaximumRetryCount: number };
  AutoRemove: boolean;
  ExtraHosts?: string[];
  Dns?: string[];
}

/**
 * A create body. The container name is not part of it: it goes in the `?name=` query.
 */
export interface EngineCreateBody {
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  Env?: string[];
  Labels?: Record<string, string>;
  WorkingDir?: string;
  User?: string;
  Hostname?: string;
  Tty: boolean;
  OpenStdin: boolean;
  StdinOnce: boolean;
  AttachStdin: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  ExposedPorts?: Record<string, Record<string, never>>;
  Volumes?: Record<string, Record<string, never>>;
  HostConfig: EngineCreateHostConfig;
  NetworkingConfig?: { EndpointsConfig: Record<string, EngineEndpointSettings> };
}
