/**
 * What the run feature's requests answer: pre-flight problems, image defaults, a created
 * container, and a container read back as a form.
 */
import type { RunForm } from '../run-command/run-form';

/** A fix the core can apply when asked, offered next to a problem. */
export type PreflightFix = { kind: 'create-bind-source'; path: string };

/**
 * One pre-flight finding tied to a form field (and row, for list fields).
 *
 * `error` blocks create; `warning` is worth reading but the engine will accept the form;
 * `info` says what could not be checked.
 */
export interface PreflightProblem {
  field: keyof RunForm;
  index?: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fix?: PreflightFix;
}

/** `run:image-info`: what an image brings along, for showing defaults and what `-P` publishes. */
export interface RunImageInfo {
  id: string;
  tags: string[];
  /** `80/tcp`-style keys from the image's EXPOSE. */
  exposedPorts: string[];
  /** Container paths from the image's VOLUME. */
  volumes: string[];
  cmd: string[] | null;
  entrypoint: string[] | null;
  workingDir: string;
  env: string[];
  user: string;
}

/** `run:create`'s answer. */
export interface RunCreated {
  id: string;
  /** Without the engine's leading slash. */
  name: string;
  /** Whether it was started (false for create-only). */
  started: boolean;
  /** The engine's warnings and anything else worth saying. */
  warnings: string[];
}

/** `run:container-as-form`'s answer. */
export interface ContainerAsForm {
  form: RunForm;
  /** Settings of the container the form cannot hold, in plain words, so none is dropped silently. */
  notes: string[];
}

/** One network a container can join, for the form's network picker. */
export interface RunNetworkChoice {
  name: string;
  driver: string;
  /** IPv4 subnets from the network's IPAM config, for the fixed-IP hint. */
  subnets: string[];
  /** Whether it is a user-defined network (aliases and fixed IPs work only there). */
  userDefined: boolean;
}
