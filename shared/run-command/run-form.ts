/**
 * The "create/run container" form: its state type, an empty form, and the zod schema that
 * guards the `containers:create` request.
 *
 * List fields that have a docker syntax (ports, volumes, links, …) stay as the strings a
 * person types, so the form can show them as written; `validateRunForm` explains bad rows.
 */
import { z } from 'zod';
import { CONTAINER_NAME_PATTERN, NETWORK_NAME_PATTERN, isImageReference } from './docker-names';

/** A `KEY=value` pair for `-e` and `-l`. */
export interface KeyValue {
  key: string;
  value: string;
}

export type RestartName = 'no' | 'always' | 'unless-stopped' | 'on-failure';

/** `--restart`; `maxRetries` counts only for `on-failure` (0 = no limit). */
export interface RestartPolicy {
  name: RestartName;
  maxRetries: number;
}

/** Everything the form can express of a `docker run` command. */
export interface RunForm {
  image: string;
  /** `--name`; empty lets the engine pick one. */
  name: string;
  /** Arguments after the image. */
  command: string[];
  /** `--entrypoint`: `null` keeps the image's; `''` clears it (as `--entrypoint ''` does). */
  entrypoint: string | null;
  /** `-w`; empty keeps the image's. */
  workdir: string;
  /** `-u`; empty keeps the image's. */
  user: string;
  /** `-e KEY=value`, in order. */
  env: KeyValue[];
  /** Pasted contents of an env file (`KEY=value` lines, `#` comments); applied before `env`. */
  envFile: string;
  /** `-l key=value`. */
  labels: KeyValue[];
  restart: RestartPolicy;
  /** `-i`: keep stdin open. */
  interactive: boolean;
  /** `-t`: allocate a terminal. */
  tty: boolean;
  /** `--rm`: the engine removes the container when it stops. */
  autoRemove: boolean;
  /** `-d`: start without attaching. */
  detach: boolean;
  /** `--network`: `bridge`, `host`, `none`, `container:<name>` or a user network's name. */
  networkMode: string;
  /** `--network-alias`, user networks only. */
  networkAliases: string[];
  /** `--ip`, user networks only; empty lets the engine pick. */
  ipv4Address: string;
  /** `-h`; empty uses the container id. */
  hostname: string;
  /** `--add-host host:ip` lines. */
  addHosts: string[];
  /** `--dns` server addresses. */
  dns: string[];
  /** `--expose` values (`80`, `53/udp`, `8000-8010`). */
  expose: string[];
  /** `-P`: publish every exposed port on a random host port. */
  publishAll: boolean;
  /** `-p` values, as typed. */
  ports: string[];
  /** `-v` values: `/data`, `name:/path`, `/host:/path:ro,z`. */
  volumes: string[];
  /** `--volumes-from` values: `name` or `name:ro`. */
  volumesFrom: string[];
  /** `--link` values: `name:alias` or `name`. */
  links: string[];
}

/** A form with docker's defaults: no image yet, default bridge network, restart `no`. */
export function emptyRunForm(): RunForm {
  return {
    image: '',
    name: '',
    command: [],
    entrypoint: null,
    workdir: '',
    user: '',
    env: [],
    envFile: '',
    labels: [],
    restart: { name: 'no', maxRetries: 0 },
    interactive: false,
    tty: false,
    autoRemove: false,
    detach: false,
    networkMode: 'bridge',
    networkAliases: [],
    ipv4Address: '',
    hostname: '',
    addHosts: [],
    dns: [],
    expose: [],
    publishAll: false,
    ports: [],
    volumes: [],
    volumesFrom: [],
    links: [],
  };
}

// Limits are generous for people and small enough that one request cannot flood the core.
const MAX_ROWS = 256;
const MAX_ENV_ROWS = 1024;
const MAX_VALUE = 32_768;
const noNul = (s: string): boolean => !s.includes('\0');

const text = (max: number) => z.string().max(max).refine(noNul, 'Text cannot contain a NUL character.');
const rows = (max: number, maxRows = MAX_ROWS) => z.array(text(max)).max(maxRows);

const keyValue = z.strictObject({
  key: text(1024).min(1, 'A key cannot be empty.'),
  value: text(MAX_VALUE),
});

const networkMode = z
  .string()
  .min(1, 'Choose a network.')
  .max(256)
  .refine(
    (mode) => NETWORK_NAME_PATTERN.test(mode.startsWith('container:') ? mode.slice('container:'.length) : mode),
    'A network is bridge, host, none, container:<name>, or a network name made of letters, digits, _ . and -.',
  );

/**
 * The strict shape of a `RunForm`, used as the input of `containers:create`.
 *
 * It checks structure, sizes and the names that must be right to be safe to pass on; the
 * docker-syntax rows are checked by `validateRunForm` (or use `checkedRunFormSchema`).
 */
export const runFormSchema = z.strictObject({
  image: z
    .string()
    .min(1, { error: 'Choose an image.', abort: true })
    .max(512)
    .refine(isImageReference, 'The image must be a reference like nginx, nginx:1.27 or ghcr.io/owner/app:tag.'),
  name: z
    .string()
    .max(128)
    .refine(
      (name) => name === '' || CONTAINER_NAME_PATTERN.test(name),
      'A container name starts with a letter or digit and has only letters, digits, _ . and -.',
    ),
  command: rows(MAX_VALUE, 1024),
  entrypoint: text(MAX_VALUE).nullable(),
  workdir: text(4096),
  user: text(256),
  env: z.array(keyValue).max(MAX_ENV_ROWS),
  envFile: text(256 * 1024),
  labels: z.array(keyValue).max(MAX_ENV_ROWS),
  restart: z.strictObject({
    name: z.enum(['no', 'always', 'unless-stopped', 'on-failure']),
    maxRetries: z.number().int().min(0).max(1_000_000),
  }),
  interactive: z.boolean(),
  tty: z.boolean(),
  autoRemove: z.boolean(),
  detach: z.boolean(),
  networkMode,
  networkAliases: rows(256, 64),
  ipv4Address: text(64),
  hostname: text(253),
  addHosts: rows(512),
  dns: rows(64, 16),
  expose: rows(64),
  publishAll: z.boolean(),
  ports: rows(128),
  volumes: rows(8192),
  volumesFrom: rows(256, 64),
  links: rows(512, 64),
}) satisfies z.ZodType<RunForm>;
