/** What the volumes view, the mounts tab, the lineage graph and the file browser show. */

/** One container's use of a volume. */
export interface VolumeUse {
  containerId: string;
  containerName: string;
  /** Where the volume appears inside that container. */
  destination: string;
  readWrite: boolean;
  /** The container is running (or paused/restarting) right now. */
  running: boolean;
}

export interface VolumeSummary {
  name: string;
  /** The engine named it with 64 hex digits: made by `-v /path` or an image's VOLUME. */
  anonymous: boolean;
  /** For an anonymous volume: the container that made it, when still known. */
  createdBy?: { containerId: string; containerName: string; how: 'label' | 'mount' };
  driver: string;
  mountpoint: string;
  /** ISO time; empty when the engine did not say. */
  created: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  scope: string;
  /** Bytes, from the engine's disk-usage data (`docker system df -v`); absent when it reports none. */
  sizeBytes?: number;
  usedBy: VolumeUse[];
}

export interface VolumeList {
  volumes: VolumeSummary[];
  /** False when the engine's disk-usage call failed or timed out: sizes are then missing. */
  sizesKnown: boolean;
}

export interface PrunePlan {
  /** Exactly the volumes `volumes:prune` with these names would delete. */
  volumes: Array<{ name: string; anonymous: boolean; sizeBytes?: number; driver: string }>;
  totalBytes?: number;
}

export interface PruneResult {
  removed: string[];
  /** Names not removed, with the reason (in use by now, gone, engine refused). */
  skipped: Array<{ name: string; reason: string }>;
  reclaimedBytes?: number;
}

export type MountKind = 'anonymous' | 'named' | 'bind' | 'tmpfs' | 'image';

/** One mount of a container, classified and said in plain words. */
export interface MountView {
  kind: MountKind;
  /** Volume name, host path, or "tmpfs". */
  source: string;
  /** Volume name for volume mounts (anonymous, named, image). */
  volumeName?: string;
  destination: string;
  readWrite: boolean;
  /** The mode string the engine reports (`ro`, `z`, `rw,Z`, tmpfs options…). */
  mode: string;
  /** `rprivate`, `rshared`… empty when it does not apply. */
  propagation: string;
  /** SELinux relabelling of a bind: `z` shared between containers, `Z` private to this one. */
  selinux?: 'z' | 'Z';
  /** The mount came through `--volumes-from` of this container. */
  inheritedFrom?: string;
  driver?: string;
  /** One sentence a person can read. */
  sentence: string;
}

export interface ContainerMounts {
  containerId: string;
  containerName: string;
  running: boolean;
  mounts: MountView[];
}

export interface LineageNode {
  id: string;
  name: string;
  state: string;
  /** Never started, takes no one's volumes, and others take its: a data-volume container. */
  dataContainer: boolean;
  /** What the container ends up with, inherited or its own. */
  volumes: Array<{ name: string; anonymous: boolean; destination: string; readWrite: boolean; inheritedFrom?: string }>;
}

export interface LineageEdge {
  /** The container whose volumes are taken. */
  from: string;
  /** The container that has `--volumes-from from[:mode]`. */
  to: string;
  mode: 'ro' | 'rw';
}

export interface Lineage {
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** `--volumes-from` entries that name a container that is gone. */
  dangling: Array<{ container: string; ref: string }>;
}

export type FileType = 'file' | 'dir' | 'symlink' | 'other';

export interface FileEntry {
  name: string;
  type: FileType;
  size: number;
  /** `drwxr-xr-x`, the way `ls -l` writes it. */
  mode: string;
  /** `0755` (with set-id and sticky bits when set: `4755`). */
  octal: string;
  /** ISO time. */
  mtime: string;
  linkTarget?: string;
}

/** Where the file browser looks. */
export type FilesTarget = { kind: 'volume'; name: string } | { kind: 'container'; id: string };

export interface FileListing {
  /** Normalised absolute path inside the target, e.g. `/images/abc`. */
  path: string;
  entries: FileEntry[];
  /** How it was listed, for the curious: `mountpoint` (read directly), `helper`, `exec`, `archive`. */
  via: 'mountpoint' | 'helper' | 'exec' | 'archive';
  /** Whether uploads, new folders and deletes can work here (false under a `:ro` mount). */
  writable: boolean;
  /** Said when writes are refused, e.g. "mounted read-only (:ro) in web". */
  readOnlyReason?: string;
}

export type FilePreview =
  | { kind: 'text'; path: string; size: number; text: string; truncated: boolean }
  | { kind: 'binary' | 'too-large' | 'not-a-file'; path: string; size: number; message: string };

export interface DownloadStart {
  downloadId: string;
  /** Suggested file name: the file's own, or `<folder>.tar`. */
  fileName: string;
  kind: 'file' | 'tar';
  /** Known for files; null for folder tars. */
  totalBytes: number | null;
}

export interface DownloadChunk {
  dataBase64: string;
  done: boolean;
  receivedBytes: number;
}

export interface VolumesChanged {
  action: string;
  name: string;
}
