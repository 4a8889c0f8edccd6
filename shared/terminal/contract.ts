/**
 * The terminal's streams: a shell in a container (exec), the container's own console (attach)
 * and its logs.
 */
import { z } from 'zod';
import { engineRef } from '../ids';
import { terminalSize } from '../stream-frames';
import { streamKind } from '../stream-kit';
import type { TerminalInfo } from './model';

const initialSize = { cols: terminalSize.cols.optional(), rows: terminalSize.rows.optional() };

/** `user`, `user:group`, `uid` or `uid:gid`, as `docker exec -u` takes it. */
export const execUser = z
  .string()
  .max(256)
  .regex(/^[a-zA-Z0-9_.][a-zA-Z0-9_.-]*(:[a-zA-Z0-9_.][a-zA-Z0-9_.-]*)?$/, 'The user must be a name or uid, optionally with :group.');

export const execWorkdir = z
  .string()
  .max(4096)
  .regex(/^\/[^\0]*$/, 'The working directory must be an absolute path (starting with /).');

export const execEnvEntry = z
  .string()
  .max(32 * 1024)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*=[^\0]*$/, 'Environment entries are NAME=value.');

/** `auto` picks bash when the container has it, else sh. */
export const execCommand = z.union([z.literal('auto'), z.array(z.string().min(1).max(4096).regex(/^[^\0]*$/)).min(1).max(64)]);

export const execInput = z
  .object({
    container: engineRef,
    cmd: execCommand.default('auto'),
    user: execUser.optional(),
    workdir: execWorkdir.optional(),
    /** Added to the container's environment; TERM=xterm-256color is always set unless given here. */
    env: z.array(execEnvEntry).max(64).optional(),
    ...initialSize,
  })
  .strict();

export const attachInput = z.object({ container: engineRef, ...initialSize }).strict();

/** `--since`: RFC 3339, a unix timestamp, or a duration back from now such as `10m`, `2h`, `1d`. */
export const logsSince = z
  .string()
  .max(64)
  .regex(/^(\d+(\.\d+)?|\d+(ms|s|m|h|d)|\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?)$/, 'Since is a duration (10m, 2h, 1d), a unix time or a date (2024-05-01T12:00:00Z).');

export const logsInput = z
  .object({
    container: engineRef,
    follow: z.boolean().default(true),
    stdout: z.boolean().default(true),
    stderr: z.boolean().default(true),
    timestamps: z.boolean().default(false),
    since: logsSince.optional(),
    /** Lines from the end; `all` for everything. */
    tail: z.union([z.number().int().min(0).max(10_000_000), z.literal('all')]).default(1000),
  })
  .strict();

export const terminalStreams = {
  'terminal:exec': streamKind<TerminalInfo>()(execInput),
  'terminal:attach': streamKind<TerminalInfo>()(attachInput),
  'terminal:logs': streamKind<TerminalInfo>()(logsInput),
};
