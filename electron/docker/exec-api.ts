import type Dockerode from 'dockerode';
import type { Duplex, Readable } from 'node:stream';
import { StreamDemuxer } from './stream-demux';

/**
 * Exec, attach and logs: the engine's byte streams. dockerode stays behind this file.
 *
 * The engine quirks these functions encode:
 * - `Tty: true` must be given on exec create AND on exec start, or the output arrives with the
 *   8-byte multiplexing headers.
 * - A resize before the exec has started hangs on Engine 20.10: resize only after `startExec`.
 */

export interface ExecOptions {
  cmd: string[];
  user?: string;
  workdir?: string;
  env?: string[];
  tty: boolean;
  stdin: boolean;
}

export async function createExec(docker: Dockerode, container: string, options: ExecOptions): Promise<string> {
  const exec = await docker.getContainer(container).exec({
    Cmd: options.cmd,
    AttachStdin: options.stdin,
    AttachStdout: true,
    AttachStderr: true,
    Tty: options.tty,
    Env: options.env,
    User: options.user,
    WorkingDir: options.workdir,
  });
  return exec.id;
}

/** Starts the exec on a hijacked connection: the returned socket is the process's terminal. */
export async function startExecHijacked(docker: Dockerode, execId: string, tty: boolean): Promise<Duplex> {
  const stream = await docker.getExec(execId).start({ hijack: true, stdin: true, Detach: false, Tty: tty });
  return stream as unknown as Duplex;
}

export async function resizeExec(docker: Dockerode, execId: string, cols: number, rows: number): Promise<void> {
  await docker.getExec(execId).resize({ h: rows, w: cols });
}

export interface ExecState {
  running: boolean;
  exitCode: number | null;
}

export async function inspectExec(docker: Dockerode, execId: string): Promise<ExecState> {
  const info = (await docker.getExec(execId).inspect()) as { Running: boolean; ExitCode: number | null };
  return { running: info.Running, exitCode: info.ExitCode ?? null };
}

/**
 * Runs a short non-TTY command to completion and returns its stdout (capped) and exit code;
 * used to look around a container before opening a session (which shell it has).
 */
export async function runExecCapture(
  docker: Dockerode,
  container: string,
  cmd: string[],
  options: { timeoutMs?: number; maxBytes?: number; user?: string } = {},
): Promise<{ exitCode: number | null; stdout: string }> {
  const execId = await createExec(docker, container, { cmd, tty: false, stdin: false, user: options.user });
  const stream = (await docker.getExec(execId).start({ Detach: false, Tty: false })) as unknown as Readable;
  const maxBytes = options.maxBytes ?? 64 * 1024;
  const demuxer = new StreamDemuxer();
  const parts: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new Error(`${cmd.join(' ')} did not finish within ${options.timeoutMs ?? 5000} ms`));
    }, options.timeoutMs ?? 5000);
    stream.on('data', (chunk: Buffer) => {
      for (const piece of demuxer.push(chunk)) {
        if (piece.stream !== 'stdout' || size >= maxBytes) continue;
        parts.push(piece.payload);
        size += piece.payload.length;
      }
    });
    stream.on('end', () => (clearTimeout(timer), resolve()));
    stream.on('close', () => (clearTimeout(timer), resolve()));
    stream.on('error', (error) => (clearTimeout(timer), reject(error)));
  });
  let state = await inspectExec(docker, execId);
  for (let i = 0; state.running && i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    state = await inspectExec(docker, execId);
  }
  return { exitCode: state.exitCode, stdout: Buffer.concat(parts).toString('utf8') };
}

/** `docker attach`: the container's main process, on a hijacked connection. */
export async function attachContainer(docker: Dockerode, container: string): Promise<Duplex> {
  const stream = await docker.getContainer(container).attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true });
  return stream as unknown as Duplex;
}

export async function resizeContainerTty(docker: Dockerode, container: string, cols: number, rows: number): Promise<void> {
  await docker.getContainer(container).resize({ h: rows, w: cols });
}

export interface LogsOptions {
  follow: boolean;
  stdout: boolean;
  stderr: boolean;
  timestamps: boolean;
  /** Unix seconds. */
  since?: number;
  tail: number | 'all';
}

/**
 * `docker logs` as a stream, following or not: dockerode buffers a non-follow answer whole, so
 * this dials the endpoint itself with `isStream` and the caller reads it with backpressure.
 */
export function containerLogs(docker: Dockerode, container: string, options: LogsOptions): Promise<Readable> {
  const query: Record<string, string | number | boolean> = {
    follow: options.follow,
    stdout: options.stdout,
    stderr: options.stderr,
    timestamps: options.timestamps,
    tail: options.tail === 'all' ? 'all' : String(options.tail),
  };
  if (options.since !== undefined) query.since = options.since;
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/containers/${encodeURIComponent(container)}/logs?`,
        method: 'GET',
        isStream: true,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options: query,
      },
      (error: unknown, stream: unknown) => (error ? reject(error) : resolve(stream as Readable)),
    );
  });
}
