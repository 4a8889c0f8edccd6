/**
 * Building blocks for streams: long-lived byte pipes between the renderer and the core (a shell,
 * an attach, a log follow; later a pull's progress or a file upload).
 *
 * A stream kind is a zod schema for the input that opens it plus a phantom type for the `info`
 * the core answers once it is open. Feature kinds (`shared/<feature>/contract.ts`) are merged in
 * `shared/streams.ts`; both transports carry every kind the same way:
 *
 *   client → core: open(kind, input) · input bytes · resize {cols, rows} · ack(bytes) · close
 *   core → client: opened(info) | open-failed(error) · output bytes (tagged) · exit
 *
 * Output bytes are never decoded on the way: they stay bytes until the terminal emulator, so a
 * UTF-8 character split across two chunks arrives whole.
 */
import type { z } from 'zod';

export interface StreamSpec<Input extends z.ZodType, Info> {
  input: Input;
  /** Never read at run time: it carries the info type. */
  readonly info?: Info;
}

export function streamKind<Info>() {
  return <Input extends z.ZodType>(input: Input): StreamSpec<Input, Info> => ({ input });
}

export type StreamMap = Record<string, StreamSpec<z.ZodType, unknown>>;
export type StreamInputOf<S> = S extends StreamSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedStreamInputOf<S> = S extends StreamSpec<infer I, unknown> ? z.output<I> : never;
export type StreamInfoOf<S> = S extends StreamSpec<z.ZodType, infer O> ? O : never;

/**
 * Which output a chunk belongs to: `out` for a TTY (one stream, nothing to tell apart),
 * `stdout` / `stderr` for a non-TTY container's demultiplexed logs.
 */
export type StreamTag = 'out' | 'stdout' | 'stderr';

/** Why a stream ended. */
export type StreamEndReason =
  /** The process ended by itself (`code` is its exit code). */
  | 'exited'
  /** The container stopped or died under the session. */
  | 'container-stopped'
  /** The container was removed. */
  | 'container-removed'
  /** The user detached from an attach (ctrl-p ctrl-q); the container keeps running. */
  | 'detached'
  /** A log stream without follow reached its end. */
  | 'ended'
  /** The engine stopped answering. */
  | 'engine-lost'
  /** The transport between the renderer and the core went away. */
  | 'transport-lost'
  /** The client closed it. */
  | 'closed'
  /** Something else went wrong; `message` says what. */
  | 'error';

export interface StreamExit {
  reason: StreamEndReason;
  /** The exit code, when the engine reported one. */
  code?: number | null;
  /** One sentence for the user. */
  message: string;
}

/**
 * Flow control: a core pauses a stream once this many bytes are sent and not yet acknowledged.
 *
 * Measured with bench/terminal.ts: a 4 MB window that resumed at 1 MB stalled a fast `cat`
 * often enough to cost 10-15% of its throughput; 16 MB / 8 MB keeps it at the CLI's pace while
 * still bounding what one stream can hold in memory.
 */
export const STREAM_WINDOW_BYTES = 16 * 1024 * 1024;
/** ...and resumes it when the unacknowledged bytes fall below this. */
export const STREAM_RESUME_BYTES = 8 * 1024 * 1024;
/** Clients acknowledge in batches of at least this many bytes (or after a short idle delay). */
export const STREAM_ACK_BATCH_BYTES = 128 * 1024;
