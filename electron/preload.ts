/**
 * The only bridge between the sandboxed renderer and the main process.
 *
 * It exposes one function per contract channel, bound to that channel name, and an `on` that
 * accepts only the contract's event names: the page can never send to an arbitrary channel.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames, isEventName } from '../shared/contract';

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

contextBridge.exposeInMainWorld('patchbay', Object.freeze({ requests: Object.freeze(requests), on }));
