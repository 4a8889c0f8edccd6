/** What the links feature sends to the renderer. */
import type { HostsLine } from './hosts-file';
import type { LinkVarKind } from './link-env';

export interface LinkNetworkMembership {
  network: string;
  /** Extra DNS names on that network (`--network-alias`), without the engine's own short id. */
  aliases: string[];
  ip: string | null;
}

export interface LinkGraphNode {
  id: string;
  name: string;
  image: string;
  state: string;
  running: boolean;
  /** The network mode (`bridge`, `default`, a user network, `host`, `none`, `container:…`). */
  networkMode: string;
  /** Its address on the default bridge, where legacy links work. */
  bridgeIp: string | null;
  /** User-defined networks it is on. */
  networks: LinkNetworkMembership[];
}

export interface LinkGraphEdge {
  /** `<clientId>/<alias>`: an alias is unique per client. */
  id: string;
  clientId: string;
  client: string;
  /** Null when the target no longer exists. */
  targetId: string | null;
  target: string;
  alias: string;
  /** As the engine stores it: `/db:/app/db-server`. */
  raw: string;
  /** `app → db as db-server`. */
  label: string;
}

export interface LinkNetworkGroup {
  network: string;
  members: { id: string; name: string; aliases: string[] }[];
}

export interface LinksGraph {
  nodes: LinkGraphNode[];
  links: LinkGraphEdge[];
  /** User networks with at least two containers: the modern way to let containers find each other. */
  networks: LinkNetworkGroup[];
}

export interface ExplainedVar {
  name: string;
  value: string;
  kind: LinkVarKind;
  meaning: string;
  /** Set when the value no longer matches the target (it restarted with another address, say). */
  stale: string | null;
}

export interface ExplainedLink {
  alias: string;
  target: string;
  targetId: string | null;
  targetRunning: boolean;
  targetIp: string | null;
  raw: string;
  env: ExplainedVar[];
  /** The `/etc/hosts` line the link wrote, when it was found. */
  hostsLine: string | null;
  /** "db-server resolves to 172.17.0.5 because of the link to db". */
  summary: string;
}

export interface LinkExplanation {
  id: string;
  name: string;
  running: boolean;
  /** `process`: read from the main process of a running container; `computed`: derived as the engine does. */
  envSource: 'process' | 'computed';
  envNote: string;
  links: ExplainedLink[];
  hosts: { lines: HostsLine[]; error: string | null };
  networks: (LinkNetworkMembership & { note: string })[];
}

export type RecreateStepId = 'stop' | 'rename' | 'create' | 'connect' | 'start' | 'remove-old';

export interface PlanStep {
  id: RecreateStepId;
  title: string;
  detail: string;
}

export interface LinkPlan {
  action: 'add' | 'remove';
  client: string;
  clientId: string;
  target: string;
  alias: string;
  /** Empty when the plan can run. */
  blockers: string[];
  warnings: string[];
  steps: PlanStep[];
  /** What carries over unchanged: volumes (by name), binds, networks. */
  keeps: string[];
  /** The client's links after the change, as `target:alias`. */
  linksAfter: string[];
  /** The modern alternative offered next to it. */
  alternative: { network: string; networkExists: boolean; alias: string; text: string };
}

export type StepState = 'running' | 'done' | 'failed' | 'skipped' | 'rolled-back';

export interface StepReport {
  id: RecreateStepId | 'rollback';
  title: string;
  state: StepState;
  message?: string;
}

export interface RecreateResult {
  id: string;
  name: string;
  /** The id of the container it replaced (now removed). */
  replacedId: string;
  steps: StepReport[];
  warnings: string[];
}

export interface NetworkConnectResult {
  network: string;
  created: boolean;
  /** Containers connected now (those already on it are left as they are). */
  connected: string[];
  alias: string;
  note: string;
}

export const IDENTITY_FILES = ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf'] as const;
export type IdentityFile = (typeof IDENTITY_FILES)[number];

export interface IdentityFileContent {
  container: string;
  path: IdentityFile;
  content: string;
  mode: number;
  uid: number;
  gid: number;
  mtime: string | null;
  /** The seed's warning: these files are rewritten when the container restarts. */
  warning: string;
  /** How a write got through: the archive API, or the host-side file the engine bind-mounts there. */
  writtenVia?: 'archive' | 'host-file';
}

export interface LinksProgress {
  client: string;
  step: StepReport;
}

export const IDENTITY_WARNING =
  'The engine writes this file when the container starts: your edit is lost when it restarts (and /etc/hosts is also rewritten when a linked container restarts).';
