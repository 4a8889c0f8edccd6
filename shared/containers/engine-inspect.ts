/**
 * The parts of the engine's container inspect (`GET /containers/{id}/json`) that Patchbay reads.
 *
 * Declared here, not taken from dockerode, because `shared/` must not depend on it; the core
 * passes the engine's JSON through unchanged and these fields are a subset of it.
 */
export interface EnginePortBinding {
  HostIp: string;
  HostPort: string;
}

export interface EngineEndpoint {
  NetworkID: string;
  EndpointID: string;
  Gateway: string;
  IPAddress: string;
  IPPrefixLen: number;
  IPv6Gateway: string;
  GlobalIPv6Address: string;
  GlobalIPv6PrefixLen: number;
  MacAddress: string;
  Aliases: string[] | null;
  Links: string[] | null;
}

export interface EngineMount {
  Type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | string;
  Name?: string;
  Source: string;
  Destination: string;
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
}

export interface EngineContainerInspect {
  Id: string;
  Name: string;
  Created: string;
  Path: string;
  Args: string[];
  Image: string;
  RestartCount: number;
  State: {
    Status: 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead' | string;
    Running: boolean;
    Paused: boolean;
    Restarting: boolean;
    OOMKilled: boolean;
    Dead: boolean;
    Pid: number;
    ExitCode: number;
    Error: string;
    StartedAt: string;
    FinishedAt: string;
    Health?: { Status: string };
  };
  HostConfig: {
    NetworkMode: string;
    PortBindings: Record<string, EnginePortBinding[] | null> | null;
    PublishAllPorts?: boolean;
    Binds: string[] | null;
    Links: string[] | null;
    VolumesFrom: string[] | null;
    RestartPolicy?: { Name: string; MaximumRetryCount: number };
    AutoRemove?: boolean;
  };
  Config: {
    Hostname: string;
    Domainname?: string;
    User: string;
    Env: string[] | null;
    Cmd: string[] | null;
    Entrypoint: string[] | null;
    Image: string;
    WorkingDir: string;
    Labels: Record<string, string> | null;
    ExposedPorts?: Record<string, object> | null;
    Tty: boolean;
    OpenStdin: boolean;
    Volumes?: Record<string, object> | null;
  };
  NetworkSettings: {
    Ports: Record<string, EnginePortBinding[] | null> | null;
    Networks: Record<string, EngineEndpoint> | null;
    SandboxKey?: string;
  };
  Mounts: EngineMount[];
}
