import { z } from 'zod';
import { STREAM_IPC, streamId, terminalSize } from '../../shared/stream-frames';
import type { Result } from '../../shared/errors';
import type { Core } from '../core/core';
import type { CoreStream } from '../core/stream-session';
import type { IpcInvokeEventLike } from './ipc';
import { FlowWindow } from './stream-flow';
import { MAX_STREAMS_PER_SOCKET } from './web-streams';

/** The window a stream's bytes go back to; Electron's WebContents in the app. */
export interface StreamSenderLike {
  send(channel: string, ...args: unknown[]): void;
  once?(event: 'destroyed', listener: () => void): void;
  isDestroyed?(): boolean;
}

/** The parts of `ipcMain` the streams use. */
export interface IpcStreamMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => void): void;
}

interface Entry {
  stream: CoreStream | null;
  flow: FlowWindow | null;
  cancelled: boolean;
}

const bytes = z.instanceof(Uint8Array).refine((b) => b.byteLength <= 1024 * 1024, 'At most 1 MB per write.');
const ackBytes = z.number().int().min(0).max(1024 * 1024 * 1024);

/**
 * The streams over Electron IPC: `open` is an invoke (it answers a Result), the rest are
 * one-way sends. Every message checks its sender like the request channels do, and is
 * validated again here: the preload's own checks are not trusted. Bytes travel as Uint8Array
 * (structured clone), never as strings.
 */
export function registerIpcStreams(ipcMain: IpcStreamMainLike, core: Core, isTrusted: (event: IpcInvokeEventLike) => boolean): () => void {
  const bySender = new Map<StreamSenderLike, Map<number, Entry>>();

  const entriesOf = (sender: StreamSenderLike) => {
    let entries = bySender.get(sender);
    if (!entries) {
      entries = new Map();
      bySender.set(sender, entries);
      sender.once?.('destroyed', () => {
        for (const entry of entries!.values()) {
          entry.cancelled = true;
          entry.stream?.close();
        }
        bySender.delete(sender);
      });
    }
    return entries;
  };

  const forbidden: Result<never> = { ok: false, error: { code: 'forbidden', message: 'This window is not allowed to use Patchbay.' } };

  const openHandler = async (event: IpcInvokeEventLike, ...args: unknown[]): Promise<Result<unknown>> => {
    if (!isTrusted(event)) return forbidden;
    const [rawId, kind, input] = args;
    const id = streamId.safeParse(rawId);
    if (!id.success || typeof kind !== 'string') {
      return { ok: false, error: { code: 'invalid-input', message: 'A stream needs a numeric id and a kind.' } };
    }
    const sender = event.sender as StreamSenderLike;
    const entries = entriesOf(sender);
    if (entries.has(id.data)) return { ok: false, error: { code: 'invalid-input', message: `Stream ${id.data} is already open.` } };
    if (entries.size >= MAX_STREAMS_PER_SOCKET) {
      return { ok: false, error: { code: 'conflict', message: `At most ${MAX_STREAMS_PER_SOCKET} sessions can be open at once.` } };
    }
    const entry: Entry = { stream: null, flow: null, cancelled: false };
    entries.set(id.data, entry);
    const result = await core.openStream(kind, input);
    if (!result.ok) {
      entries.delete(id.data);
      return result;
    }
    const stream = result.value;
    if (entry.cancelled || sender.isDestroyed?.()) {
      entries.delete(id.data);
      stream.close();
      return { ok: false, error: { code: 'conflict', message: 'The session was closed while it opened.' } };
    }
    entry.stream = stream;
    entry.flow = new FlowWindow(stream);
    stream.onData((chunk, tag) => {
      if (sender.isDestroyed?.()) return;
      entry.flow!.sent(chunk.length);
      sender.send(STREAM_IPC.data, id.data, tag, new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
    stream.onExit((exit) => {
      entries.delete(id.data);
      if (!sender.isDestroyed?.()) sender.send(STREAM_IPC.exit, id.data, exit);
    });
    return { ok: true, value: stream.info };
  };

  const entryFor = (event: IpcInvokeEventLike, rawId: unknown): Entry | undefined => {
    if (!isTrusted(event)) return undefined;
    const id = streamId.safeParse(rawId);
    return id.success ? bySender.get(event.sender as StreamSenderLike)?.get(id.data) : undefined;
  };

  const listeners: Record<string, (event: IpcInvokeEventLike, ...args: unknown[]) => void> = {
    [STREAM_IPC.write]: (event, id, data) => {
      const parsed = bytes.safeParse(data);
      if (parsed.success) entryFor(event, id)?.stream?.write(parsed.data);
    },
    [STREAM_IPC.resize]: (event, id, cols, rows) => {
      const size = z.object(terminalSize).safeParse({ cols, rows });
      if (size.success) entryFor(event, id)?.stream?.resize(size.data.cols, size.data.rows);
    },
    [STREAM_IPC.ack]: (event, id, count) => {
      const parsed = ackBytes.safeParse(count);
      if (parsed.success) entryFor(event, id)?.flow?.acked(parsed.data);
    },
    [STREAM_IPC.close]: (event, id) => {
      const entry = entryFor(event, id);
      if (entry && !entry.stream) entry.cancelled = true;
      entry?.stream?.close();
    },
  };

  ipcMain.handle(STREAM_IPC.open, openHandler);
  for (const [channel, listener] of Object.entries(listeners)) ipcMain.on(channel, listener);
  return () => {
    ipcMain.removeHandler(STREAM_IPC.open);
    for (const [channel, listener] of Object.entries(listeners)) ipcMain.removeListener(channel, listener);
    for (const entries of bySender.values()) for (const entry of entries.values()) entry.stream?.close();
    bySender.clear();
  };
}
