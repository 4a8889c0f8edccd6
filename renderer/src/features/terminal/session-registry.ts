/**
 * Every terminal session lives here, outside React: its xterm, the div that hosts it and its
 * stream. Pages and tabs come and go; a session and its scrollback stay until its tab is
 * closed. React reads the sessions' metadata through `useSessions` (useSyncExternalStore);
 * terminal bytes never pass through React or the zustand store.
 */
import type { Terminal } from '@xterm/xterm';
import { useSyncExternalStore } from 'react';
import type { StreamExit, StreamTag } from '../../../../shared/stream-kit';
import type { TerminalInfo } from '../../../../shared/terminal/model';
import { client, messageOf, type StreamHandle } from '../../api';
import { useStore } from '../../store';
import { createXterm, DEFAULT_FONT_SIZE, MAX_FONT_SIZE, MIN_FONT_SIZE, type XtermBundle } from './xterm-setup';

export type SessionKind = 'exec' | 'attach' | 'logs';

export interface LogsOptions {
  follow: boolean;
  timestamps: boolean;
  stdout: boolean;
  stderr: boolean;
  /** Empty for no limit. */
  since: string;
  /** A number of lines, or 'all'. */
  tail: number | 'all';
}

export interface SessionOptions {
  kind: SessionKind;
  containerId: string;
  containerName: string;
  cmd: 'auto' | string[];
  user?: string;
  workdir?: string;
  logs?: LogsOptions;
}

export type SessionStatus = 'opening' | 'open' | 'ended' | 'failed';

export interface SessionMeta {
  id: string;
  options: SessionOptions;
  status: SessionStatus;
  info: TerminalInfo | null;
  exit: StreamExit | null;
  error: string | null;
  autoReattach: boolean;
  fontSize: number;
  /** The container runs again after it had stopped under the session. */
  containerBack: boolean;
}

export const DEFAULT_LOGS: LogsOptions = { follow: true, timestamps: false, stdout: true, stderr: true, since: '', tail: 1000 };

/** Raw log bytes kept for "download"; past this the oldest go. */
const LOG_KEEP_BYTES = 64 * 1024 * 1024;
const SGR_STDERR = new Uint8Array([0x1b, 0x5b, 0x33, 0x31, 0x6d]); // ESC[31m
const SGR_RESET = new Uint8Array([0x1b, 0x5b, 0x30, 0x6d]); // ESC[0m

let counter = 0;

export class TerminalSession {
  readonly id = `s${++counter}`;
  readonly host: HTMLDivElement;
  readonly xterm: XtermBundle;
  meta: SessionMeta;
  private handle: StreamHandle<TerminalInfo> | null = null;
  private opened = false;
  private lastTag: StreamTag = 'out';
  private lastSize = '';
  private logChunks: Uint8Array[] = [];
  private logBytes = 0;
  private readonly disposers: Array<() => void> = [];

  constructor(
    options: SessionOptions,
    private readonly changed: () => void,
  ) {
    this.meta = {
      id: this.id,
      options,
      status: 'opening',
      info: null,
      exit: null,
      error: null,
      autoReattach: false,
      fontSize: DEFAULT_FONT_SIZE,
      containerBack: false,
    };
    this.host = document.createElement('div');
    this.host.className = 'pb-xterm-host';
    this.host.style.width = '100%';
    this.host.style.height = '100%';
    this.host.dataset.sessionId = this.id;
    this.xterm = createXterm({ logs: options.kind === 'logs', fontSize: DEFAULT_FONT_SIZE, openLink: (url) => window.open(url, '_blank', 'noopener') });
    const { term } = this.xterm;
    this.disposers.push(
      term.onData((data) => this.handle?.write(data)).dispose,
      // Mouse reports in X10 mode: one byte per char code.
      term.onBinary((data) => this.handle?.write(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff))).dispose,
      term.onResize(({ cols, rows }) => this.sendSize(cols, rows)).dispose,
    );
  }

  get title(): string {
    const { kind, containerName } = this.meta.options;
    if (kind === 'logs') return `${containerName} · logs`;
    if (kind === 'attach') return `${containerName} · attach`;
    const shell = this.meta.info?.cmd?.[0]?.split('/').pop() ?? 'shell';
    return `${containerName} · ${shell}`;
  }

  get terminal(): Terminal {
    return this.xterm.term;
  }

  /** Puts the session's host into `parent` (a tab becoming visible), opening xterm the first time. */
  mount(parent: HTMLElement): void {
    if (this.host.parentElement !== parent) parent.appendChild(this.host);
    if (!this.opened) {
      this.opened = true;
      this.xterm.term.open(this.host);
      this.fit();
      this.connect();
    } else {
      this.fit();
      this.xterm.term.refresh(0, this.xterm.term.rows - 1);
    }
  }

  unmount(): void {
    this.host.remove();
  }

  /** Rows and columns follow the host's size (called from a ResizeObserver). */
  fit(): void {
    if (!this.host.isConnected || this.host.clientWidth === 0 || this.host.clientHeight === 0) return;
    try {
      this.xterm.fit.fit();
    } catch {
      // Not laid out yet.
    }
  }

  focus(): void {
    this.xterm.term.focus();
  }

  setFontSize(size: number): void {
    const fontSize = Math.min(MAX_FONT_SIZE, Math.max(MIN_FONT_SIZE, Math.round(size)));
    this.xterm.term.options.fontSize = fontSize;
    this.update({ fontSize });
    this.fit();
  }

  setAutoReattach(autoReattach: boolean): void {
    this.update({ autoReattach });
    if (autoReattach && this.meta.containerBack) this.reattach();
  }

  /** Opens a new stream in the same terminal: after an exit, a stop, or for new log options. */
  reattach(options: Partial<SessionOptions> = {}): void {
    if (this.meta.status === 'opening' || this.meta.status === 'open') this.handle?.close();
    this.update({ options: { ...this.meta.options, ...options }, containerBack: false });
    if (this.meta.options.kind === 'logs') {
      this.xterm.term.reset();
      this.logChunks = [];
      this.logBytes = 0;
      this.lastTag = 'out';
    } else {
      this.xterm.term.write('\r\n\x1b[2m── reattached ──\x1b[0m\r\n');
    }
    this.connect();
  }

  close(): void {
    this.handle?.close();
    this.handle = null;
    for (const dispose of this.disposers.splice(0)) dispose();
    this.xterm.term.dispose();
    this.host.remove();
  }

  /** The log bytes received (stdout and stderr as they came), as a file. */
  logsBlob(): Blob {
    return new Blob(this.logChunks as BlobPart[], { type: 'text/plain' });
  }

  /** Called when the container list changes. */
  containerState(running: boolean | null): void {
    const { exit, status } = this.meta;
    if (status !== 'ended' || !exit || (exit.reason !== 'container-stopped' && exit.reason !== 'engine-lost')) {
      if (this.meta.containerBack) this.update({ containerBack: false });
      return;
    }
    if (running && !this.meta.containerBack) {
      this.update({ containerBack: true });
      if (this.meta.autoReattach) this.reattach();
    } else if (!running && this.meta.containerBack) this.update({ containerBack: false });
  }

  private connect(): void {
    const { term } = this.xterm;
    const { options } = this.meta;
    this.update({ status: 'opening', exit: null, error: null });
    const size = { cols: term.cols, rows: term.rows };
    const handle: StreamHandle<TerminalInfo> =
      options.kind === 'exec'
        ? client.openStream('terminal:exec', {
            container: options.containerId,
            cmd: options.cmd,
            user: options.user || undefined,
            workdir: options.workdir || undefined,
            ...size,
          })
        : options.kind === 'attach'
          ? client.openStream('terminal:attach', { container: options.containerId, ...size })
          : client.openStream('terminal:logs', {
              container: options.containerId,
              follow: options.logs?.follow ?? true,
              timestamps: options.logs?.timestamps ?? false,
              stdout: options.logs?.stdout ?? true,
              stderr: options.logs?.stderr ?? true,
              since: options.logs?.since ? options.logs.since : undefined,
              tail: options.logs?.tail ?? 1000,
            });
    this.handle = handle;
    this.lastSize = `${size.cols}x${size.rows}`;
    handle.onData((bytes, tag) => this.output(bytes, tag));
    handle.onExit((exit) => {
      if (this.handle !== handle) return;
      this.ended(exit);
    });
    handle.opened.then(
      (info) => {
        if (this.handle !== handle) return;
        this.update({ status: 'open', info });
        if (info.note) term.write(`\x1b[2m${info.note}\x1b[0m\r\n`);
        // The size may have changed while it opened.
        this.sendSize(term.cols, term.rows);
      },
      (error: unknown) => {
        if (this.handle !== handle) return;
        this.update({ status: 'failed', error: messageOf(error) });
        term.write(`\r\n\x1b[31m${messageOf(error)}\x1b[0m\r\n`);
      },
    );
  }

  private output(bytes: Uint8Array, tag: StreamTag): Promise<void> {
    const { term } = this.xterm;
    if (this.meta.options.kind === 'logs') {
      this.keepLog(bytes);
      if (tag !== this.lastTag) {
        if (tag === 'stderr') term.write(SGR_STDERR);
        else if (this.lastTag === 'stderr') term.write(SGR_RESET);
        this.lastTag = tag;
      }
    }
    // Bytes go to xterm as bytes: its decoder keeps a character split across chunks whole.
    return new Promise((resolve) => term.write(bytes, resolve));
  }

  private keepLog(bytes: Uint8Array): void {
    this.logChunks.push(bytes);
    this.logBytes += bytes.byteLength;
    while (this.logBytes > LOG_KEEP_BYTES && this.logChunks.length > 1) this.logBytes -= this.logChunks.shift()!.byteLength;
  }

  private ended(exit: StreamExit): void {
    const { term } = this.xterm;
    if (this.meta.options.kind === 'logs' && this.lastTag === 'stderr') term.write(SGR_RESET);
    if (exit.reason !== 'closed') {
      const colour = exit.reason === 'exited' && exit.code === 0 ? '2' : exit.reason === 'exited' || exit.reason === 'ended' || exit.reason === 'detached' ? '33' : '31';
      term.write(`\r\n\x1b[${colour}m● ${exit.message}\x1b[0m\r\n`);
    }
    this.update({ status: this.meta.status === 'failed' ? 'failed' : 'ended', exit });
    const container = useStore.getState().containers[this.meta.options.containerId];
    this.containerState(container ? container.state === 'running' : null);
  }

  private sendSize(cols: number, rows: number): void {
    const size = `${cols}x${rows}`;
    if (size === this.lastSize || this.meta.status !== 'open') return;
    this.lastSize = size;
    this.handle?.resize(cols, rows);
  }

  private update(patch: Partial<SessionMeta>): void {
    this.meta = { ...this.meta, ...patch };
    this.changed();
  }
}

// ---- the registry ----

interface Snapshot {
  sessions: TerminalSession[];
  metas: SessionMeta[];
  activeId: string | null;
  /** A container to open the picker for, set by "Open terminal" elsewhere in the app. */
  pickerFor: { containerId: string; kind: SessionKind } | null;
}

let snapshot: Snapshot = { sessions: [], metas: [], activeId: null, pickerFor: null };
const subscribers = new Set<() => void>();

function publish(patch: Partial<Snapshot> = {}): void {
  const sessions = patch.sessions ?? snapshot.sessions;
  snapshot = { ...snapshot, ...patch, sessions, metas: sessions.map((s) => s.meta) };
  for (const notify of subscribers) notify();
}

export function useSessions(): Snapshot {
  return useSyncExternalStore(
    (notify) => {
      subscribers.add(notify);
      return () => subscribers.delete(notify);
    },
    () => snapshot,
  );
}

export function getSession(id: string | null): TerminalSession | undefined {
  return snapshot.sessions.find((s) => s.id === id);
}

export function openSession(options: SessionOptions): TerminalSession {
  const session = new TerminalSession(options, () => publish());
  publish({ sessions: [...snapshot.sessions, session], activeId: session.id });
  return session;
}

export function closeSession(id: string): void {
  const index = snapshot.sessions.findIndex((s) => s.id === id);
  if (index < 0) return;
  snapshot.sessions[index].close();
  const sessions = snapshot.sessions.filter((s) => s.id !== id);
  const activeId = snapshot.activeId === id ? (sessions[Math.min(index, sessions.length - 1)]?.id ?? null) : snapshot.activeId;
  publish({ sessions, activeId });
}

export function activateSession(id: string): void {
  publish({ activeId: id });
}

/** "Open terminal" from the containers view: go to the terminal page with the picker open. */
export function requestPicker(containerId: string, kind: SessionKind = 'exec'): void {
  publish({ pickerFor: { containerId, kind } });
  useStore.getState().setPage('terminal');
}

export function clearPicker(): void {
  if (snapshot.pickerFor) publish({ pickerFor: null });
}

// Sessions learn when their container runs again (for Reattach), from the live container list.
let lastContainers = useStore.getState().containers;
useStore.subscribe((state) => {
  if (state.containers === lastContainers) return;
  lastContainers = state.containers;
  for (const session of snapshot.sessions) {
    const container = state.containers[session.meta.options.containerId];
    session.containerState(container ? container.state === 'running' : null);
  }
});
