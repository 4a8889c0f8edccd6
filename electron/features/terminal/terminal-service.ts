import { randomUUID } from 'node:crypto';
import type { Duplex, Readable } from 'node:stream';
import type { EngineContainerInspect } from '../../../shared/containers/engine-inspect';
import { PatchbayFailure } from '../../../shared/errors';
import type { EventMap, EventName } from '../../../shared/contract';
import type { StreamExit } from '../../../shared/stream-kit';
import type { terminalStreams } from '../../../shared/terminal/contract';
import { DETACH_KEYS, type TerminalInfo } from '../../../shared/terminal/model';
import { sinceToUnixSeconds } from '../../../shared/terminal/since';
import { inspectContainer } from '../../docker/containers-api';
import { isEngineUnreachable } from '../../docker/engine-errors';
import {
  attachContainer,
  containerLogs,
  createExec,
  inspectExec,
  resizeContainerTty,
  resizeExec,
  runExecCapture,
  startExecHijacked,
} from '../../docker/exec-api';
import { StreamDemuxer } from '../../docker/stream-demux';
import type { CoreContext } from '../../core/context';
import { StreamSession } from '../../core/stream-session';
import type { StreamOpenersFor } from '../../core/streams';

type CoreEventListener = <E extends EventName>(name: E, payload: EventMap[E]) => void;

interface Live {
  session: StreamSession<TerminalInfo>;
  containerId: string;
  kind: 'exec' | 'attach' | 'logs';
  /** Set when the mirror saw the container stop or go, so the socket's end is explained. */
  containerGone: 'container-stopped' | 'container-removed' | null;
}

/** How long a session waits for its socket to close after the container stopped. */
const STOP_GRACE_MS = 2_000;
const SHELL_PROBE = ['sh', '-c', 'command -v bash || command -v sh'];
const SESSION_ENV = 'PATCHBAY_SESSION';

/**
 * Terminal sessions: exec shells, attaches and log follows, each a StreamSession over an engine
 * socket. It watches the container mirror and the engine status so a session whose container
 * stopped, vanished or whose engine went away ends with that reason rather than just "closed".
 */
export class TerminalService {
  private readonly live = new Set<Live>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly ctx: CoreContext,
    onCoreEvent: (listener: CoreEventListener) => () => void,
  ) {
    this.unsubscribe.push(
      ctx.containers.onChange((change) => {
        for (const live of this.live) {
          if (change.removed.includes(live.containerId)) this.containerGone(live, 'container-removed', null);
          const inspect = change.upserted.find((i) => i.Id === live.containerId);
          if (inspect && !inspect.State.Running) this.containerGone(live, 'container-stopped', inspect.State.ExitCode);
        }
      }),
      onCoreEvent((name, payload) => {
        if (name !== 'engine:status' || (payload as EventMap['engine:status']).state !== 'down') return;
        for (const live of [...this.live]) {
          live.session.finish({ reason: 'engine-lost', message: 'The Docker engine stopped answering; the session ended.' });
        }
      }),
    );
  }

  /** Ends every session (the core is stopping); the service keeps watching for the next start. */
  stop(): void {
    for (const live of [...this.live]) live.session.close();
  }

  openers(): StreamOpenersFor<typeof terminalStreams> {
    return {
      'terminal:exec': (input) => this.openExec(input),
      'terminal:attach': (input) => this.openAttach(input),
      'terminal:logs': (input) => this.openLogs(input),
    };
  }

  private async inspectRunning(ref: string, verb: string): Promise<EngineContainerInspect> {
    const inspect = await this.ctx.engine(`container ${ref}`, () => inspectContainer(this.ctx.docker, ref));
    const name = nameOf(inspect);
    if (inspect.State.Paused) throw new PatchbayFailure('conflict', `${name} is paused: resume it to ${verb}.`);
    if (!inspect.State.Running) throw new PatchbayFailure('conflict', `${name} is not running: start it to ${verb}.`);
    return inspect;
  }

  private async openExec(input: {
    container: string;
    cmd: 'auto' | string[];
    user?: string;
    workdir?: string;
    env?: string[];
    cols?: number;
    rows?: number;
  }): Promise<StreamSession<TerminalInfo>> {
    const inspect = await this.inspectRunning(input.container, 'open a shell in it');
    const name = nameOf(inspect);
    const subject = `container ${name}`;
    const cmd = input.cmd === 'auto' ? await this.pickShell(inspect.Id) : input.cmd;
    const env = [...(input.env ?? [])];
    if (!env.some((e) => e.startsWith('TERM='))) env.unshift('TERM=xterm-256color');
    // Marks the shell and its children, so closing the session can hang them up (see hangUp).
    const mark = randomUUID();
    env.push(`${SESSION_ENV}=${mark}`);
    const execId = await this.ctx.engine(subject, () =>
      createExec(this.ctx.docker, inspect.Id, { cmd, user: input.user, workdir: input.workdir, env, tty: true, stdin: true }),
    );
    const socket = await this.ctx.engine(subject, () => startExecHijacked(this.ctx.docker, execId, true));
    const session = new StreamSession<TerminalInfo>('terminal:exec', {
      containerId: inspect.Id,
      containerName: name,
      tty: true,
      cmd,
      user: input.user,
      workdir: input.workdir,
    });
    const live = this.track(session, inspect.Id, 'exec');
    let started = false;
    this.pipeSocket(live, socket, {
      resize: (cols, rows) => {
        // Resizing an exec that has not started hangs this engine; it has, once we have the socket.
        if (started) resizeExec(this.ctx.docker, execId, cols, rows).catch(() => undefined);
      },
      ended: () => this.execEnd(live, execId),
      abandoned: () => void this.hangUp(inspect.Id, input.user, mark),
    });
    started = true;
    if (input.cols && input.rows) await resizeExec(this.ctx.docker, execId, input.cols, input.rows).catch(() => undefined);
    return session;
  }

  /** bash when the container has it, else sh: asked with one short exec. */
  private async pickShell(containerId: string): Promise<string[]> {
    try {
      const probe = await runExecCapture(this.ctx.docker, containerId, SHELL_PROBE, { timeoutMs: 5_000 });
      const path = probe.stdout.split('\n')[0]?.trim();
      if (probe.exitCode === 0 && path?.startsWith('/')) return [path];
    } catch (error) {
      if (isEngineUnreachable(error)) throw error;
    }
    return ['/bin/sh'];
  }

  private async openAttach(input: { container: string; cols?: number; rows?: number }): Promise<StreamSession<TerminalInfo>> {
    const inspect = await this.inspectRunning(input.container, 'attach to it');
    const name = nameOf(inspect);
    if (!inspect.Config.Tty || !inspect.Config.OpenStdin) {
      throw new PatchbayFailure(
        'conflict',
        `${name} was not started with -i -t (interactive, with a TTY), so there is no console to attach to. Open a shell in it or view its logs instead.`,
      );
    }
    const socket = await this.ctx.engine(`container ${name}`, () => attachContainer(this.ctx.docker, inspect.Id));
    const session = new StreamSession<TerminalInfo>('terminal:attach', {
      containerId: inspect.Id,
      containerName: name,
      tty: true,
      cmd: [inspect.Path, ...(inspect.Args ?? [])].filter(Boolean),
      note: `Attached to ${name}'s main process. Detach with ctrl-p ctrl-q (${DETACH_KEYS}); exiting the process stops the container.`,
    });
    const live = this.track(session, inspect.Id, 'attach');
    this.pipeSocket(live, socket, {
      resize: (cols, rows) => void resizeContainerTty(this.ctx.docker, inspect.Id, cols, rows).catch(() => undefined),
      ended: () => this.attachEnd(live),
    });
    if (input.cols && input.rows) await resizeContainerTty(this.ctx.docker, inspect.Id, input.cols, input.rows).catch(() => undefined);
    return session;
  }

  private async openLogs(input: {
    container: string;
    follow: boolean;
    stdout: boolean;
    stderr: boolean;
    timestamps: boolean;
    since?: string;
    tail: number | 'all';
  }): Promise<StreamSession<TerminalInfo>> {
    const inspect = await this.ctx.engine(`container ${input.container}`, () => inspectContainer(this.ctx.docker, input.container));
    const name = nameOf(inspect);
    const since = input.since === undefined ? undefined : sinceToUnixSeconds(input.since);
    if (since === null) throw new PatchbayFailure('invalid-input', `"${input.since}" is not a time Patchbay can read.`);
    const stream = await this.ctx.engine(`container ${name}`, () =>
      containerLogs(this.ctx.docker, inspect.Id, { ...input, since }),
    );
    const tty = inspect.Config.Tty;
    const session = new StreamSession<TerminalInfo>('terminal:logs', { containerId: inspect.Id, containerName: name, tty });
    const live = this.track(session, inspect.Id, 'logs');
    const demuxer = tty ? null : new StreamDemuxer();
    stream.on('data', (chunk: Buffer) => {
      if (!demuxer) return session.push(chunk, 'out');
      try {
        for (const piece of demuxer.push(chunk)) if (piece.stream !== 'stdin') session.push(piece.payload, piece.stream);
      } catch (error) {
        session.finish({ reason: 'error', message: `The log stream was garbled: ${(error as Error).message}` });
      }
    });
    let done = false;
    const ended = () => {
      if (done || session.exited) return;
      done = true;
      void this.logsEnd(live, input.follow);
    };
    stream.on('end', ended);
    stream.on('close', ended);
    stream.on('error', ended);
    session.attach(sourceOf(stream as Readable & Partial<Duplex>, () => undefined));
    return session;
  }

  private track(session: StreamSession<TerminalInfo>, containerId: string, kind: Live['kind']): Live {
    const live: Live = { session, containerId, kind, containerGone: null };
    this.live.add(live);
    session.onExit(() => this.live.delete(live));
    return live;
  }

  /**
   * The engine keeps an exec's process running when its connection closes (a TTY's master stays
   * open), so a closed tab would leave a shell behind. A second exec sends SIGHUP, as a real
   * terminal does on hang-up, to every process carrying this session's mark. Best effort: it
   * needs sh, tr and grep in the container.
   */
  private async hangUp(containerId: string, user: string | undefined, mark: string): Promise<void> {
    const script = `for p in /proc/[0-9]*; do tr '\\0' '\\n' < "$p/environ" 2>/dev/null | grep -qx '${SESSION_ENV}=${mark}' && kill -HUP "\${p#/proc/}" 2>/dev/null; done; true`;
    await runExecCapture(this.ctx.docker, containerId, ['sh', '-c', script], { timeoutMs: 5_000, user }).catch(() => undefined);
  }

  private pipeSocket(
    live: Live,
    socket: Duplex,
    hooks: { resize(cols: number, rows: number): void; ended(): Promise<StreamExit>; abandoned?(): void },
  ): void {
    const { session } = live;
    socket.on('data', (chunk: Buffer) => session.push(chunk, 'out'));
    let done = false;
    session.onExit((exit) => {
      if (!done && exit.reason === 'closed') hooks.abandoned?.();
    });
    const ended = () => {
      if (done || session.exited) return;
      done = true;
      void hooks.ended().then((exit) => session.finish(exit));
    };
    socket.on('end', ended);
    socket.on('close', ended);
    socket.on('error', ended);
    session.attach(sourceOf(socket, hooks.resize));
  }

  private containerGone(live: Live, reason: 'container-stopped' | 'container-removed', code: number | null): void {
    if (live.containerGone) return;
    live.containerGone = reason;
    if (live.kind === 'logs') return; // the engine ends a followed log itself, after its last lines
    // The socket closes by itself when the container stops; if it lingers, end it anyway.
    setTimeout(() => live.session.finish(goneExit(live, reason, code)), STOP_GRACE_MS).unref?.();
  }

  private async execEnd(live: Live, execId: string): Promise<StreamExit> {
    if (live.containerGone) return goneExit(live, live.containerGone, null);
    try {
      let state = await inspectExec(this.ctx.docker, execId);
      for (let i = 0; state.running && i < 40; i++) {
        await delay(25);
        state = await inspectExec(this.ctx.docker, execId);
      }
      // A container that is stopping kills the shell before its own state says so: look twice.
      const code = state.exitCode;
      const suspicious = code === null || code === 137 || code === 143 || code === 129 || code < 0;
      if (suspicious) await delay(300);
      if (live.containerGone) return goneExit(live, live.containerGone, code);
      const container = await inspectContainer(this.ctx.docker, live.containerId);
      if (!container.State.Running) return goneExit(live, 'container-stopped', container.State.ExitCode);
      return { reason: 'exited', code, message: `The shell exited with code ${code ?? 'unknown'}.` };
    } catch (error) {
      return this.failedEnd(live, error);
    }
  }

  private async attachEnd(live: Live): Promise<StreamExit> {
    if (live.containerGone) return goneExit(live, live.containerGone, null);
    try {
      await delay(150);
      if (live.containerGone) return goneExit(live, live.containerGone, null);
      const container = await inspectContainer(this.ctx.docker, live.containerId);
      if (!container.State.Running) return goneExit(live, 'container-stopped', container.State.ExitCode);
      return { reason: 'detached', message: `Detached from ${live.session.info.containerName}; it keeps running.` };
    } catch (error) {
      return this.failedEnd(live, error);
    }
  }

  private async logsEnd(live: Live, follow: boolean): Promise<void> {
    const name = live.session.info.containerName;
    if (!follow) {
      live.session.finish({ reason: 'ended', message: `End of ${name}'s logs.` });
      return;
    }
    try {
      const container = await inspectContainer(this.ctx.docker, live.containerId);
      live.session.finish(
        container.State.Running
          ? { reason: 'ended', message: `The engine ended ${name}'s log stream.` }
          : goneExit(live, 'container-stopped', container.State.ExitCode),
      );
    } catch (error) {
      live.session.finish(await this.failedEnd(live, error));
    }
  }

  private async failedEnd(live: Live, error: unknown): Promise<StreamExit> {
    if ((error as { statusCode?: number }).statusCode === 404) return goneExit(live, 'container-removed', null);
    if (isEngineUnreachable(error)) {
      this.ctx.connection.suspectDown();
      return { reason: 'engine-lost', message: 'The Docker engine stopped answering; the session ended.' };
    }
    return { reason: 'error', message: `The session ended: ${(error as Error)?.message ?? String(error)}` };
  }
}

function goneExit(live: Live, reason: 'container-stopped' | 'container-removed', code: number | null): StreamExit {
  const name = live.session.info.containerName;
  return reason === 'container-removed'
    ? { reason, code, message: `${name} was removed.` }
    : { reason, code, message: `${name} stopped${code !== null && code !== undefined ? ` (exit code ${code})` : ''}.` };
}

function sourceOf(stream: Readable & Partial<Duplex>, resize: (cols: number, rows: number) => void) {
  return {
    write: (bytes: Buffer) => {
      stream.write?.(bytes);
    },
    resize,
    destroy: () => {
      stream.removeAllListeners('data');
      stream.on('error', () => undefined);
      stream.destroy();
    },
    pause: () => stream.pause(),
    resume: () => stream.resume(),
  };
}

function nameOf(inspect: EngineContainerInspect): string {
  return inspect.Name.replace(/^\//, '');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
