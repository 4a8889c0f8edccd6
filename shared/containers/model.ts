/** The container as the UI lists it: derived from one engine inspect by `summarizeContainer`. */

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface PublishedPort {
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
  /** Absent when the port is only exposed, not published. */
  hostIp?: string;
  hostPort?: number;
}

export interface ContainerNetworkSummary {
  name: string;
  ipAddress: string;
  macAddress: string;
}

export interface ContainerSummary {
  id: string;
  /** Without the engine's leading slash. */
  name: string;
  image: string;
  imageId: string;
  state: ContainerState;
  /** ISO time the main process last started; empty when it never did. */
  startedAt: string;
  finishedAt: string;
  exitCode: number;
  health?: string;
  created: string;
  command: string;
  ports: PublishedPort[];
  networkMode: string;
  networks: ContainerNetworkSummary[];
  labels: Record<string, string>;
  /** Anonymous volumes (named by the engine with a 64-hex id) that `rm -v` would delete. */
  anonymousVolumes: string[];
  /** Named volumes and bind mounts: kept by `rm -v`. */
  keptMounts: string[];
}

/** A change to the container list, pushed by the core after one engine event (or a burst of them). */
export interface ContainersChanged {
  /** Increases with every change; a client drops changes not newer than the list it holds. */
  revision: number;
  upserted: ContainerSummary[];
  removed: string[];
}

export interface ContainerList {
  revision: number;
  containers: ContainerSummary[];
}

/** Plain-words facts about one container, next to its full inspect. */
export interface ContainerDetails {
  summary: ContainerSummary;
  facts: Array<{ label: string; value: string }>;
  inspect: unknown;
}

export interface RemovalPlan {
  container: string;
  running: boolean;
  /** Deleted only with `rm -v`. */
  anonymousVolumes: string[];
  /** Of those, the ones another container still uses: the engine keeps them. */
  sharedAnonymousVolumes: string[];
  keptMounts: string[];
}
