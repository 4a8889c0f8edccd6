/**
 * The only bridge between the sandboxed renderer and the main process.
 *
 * It exposes one function per contract channel, bound to that channel name, an `on` that
 * accepts only the contract's event names, and a fixed `streams` API whose `open` accepts only
 * the contract's stream kinds: the page can never send to an arbitrary channel.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames, isEventName } from '../shared/contract';
import { STREAM_IPC } from '../shared/stream-frames';
import type { StreamExit, StreamTag } from '../shared/stream-kit';
import { isStreamKind } from '../shared/streams';

const requests = Object.fromEntries(
  channelNames.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input)]),
);

function on(name: string, listener: (payload: unknown) => void): () => void {
  if (!isEventName(name)) throw new Error(`Unknown event ${name}`);
  const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(name, wrapped);
  return () => {
    ipcRenderer.removeListener(name, wrapped);
  };
}

function checkId(id: unknown): number {
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > 0xffff_ffff) throw new Error('A stream id is a positive integer.');
  return id;
}

const streams = Object.freeze({
  open(id: number, kind: string, input: unknown): Promise<unknown> {
    if (!isStreamKind(kind)) return Promise.reject(new Error(`Unknown stream kind ${String(kind)}`));
    return ipcRenderer.invoke(STREAM_IPC.open, checkId(id), kind, input);
  },
  write(id: number, bytes: Uint8Array): void {
    if (!(bytes instanceof Uint8Array)) throw new Error('Stream input is bytes (Uint8Array).');
    ipcRenderer.send(STREAM_IPC.write, checkId(id), bytes);
  },
  resize(id: number, cols: number, rows: number): void {
    ipcRenderer.send(STREAM_IPC.resize, checkId(id), Number(cols), Number(rows));
  },
  ack(id: number, bytes: number): void {
    ipcRenderer.send(STREAM_IPC.ack, checkId(id), Number(bytes));
  },
  close(id: number): void {
    ipcRenderer.send(STREAM_IPC.close, checkId(id));
  },
  onData(listener: (id: number, tag: StreamTag, bytes: Uint8Array) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, id: number, tag: StreamTag, bytes: Uint8Array) => listener(id, tag, bytes);
    ipcRenderer.on(STREAM_IPC.data, wrapped);
    return () => {
      ipcRenderer.removeListener(STREAM_IPC.data, wrapped);
    };
  },
  onExit(listener: (id: number, exit: StreamExit) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, id: number, exit: StreamExit) => listener(id, exit);
    ipcRenderer.on(STREAM_IPC.exit, wrapped);
    return () => {
      ipcRenderer.removeListener(STREAM_IPC.exit, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('patchbay', Object.freeze({ requests: Object.freeze(requests), on, streams }));
