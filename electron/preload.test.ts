/**
 * The preload against an Electron double: exactly the contract's channels, each bound to its
 * own name, and events limited to the contract's names.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames, eventNames } from '../shared/contract';
import { STREAM_IPC } from '../shared/stream-frames';
import { streamKindNames } from '../shared/streams';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    on: vi.fn(),
    removeListener: vi.fn(),
    send: vi.fn(),
    sendSync: vi.fn(),
  },
}));

vi.mock('electron', () => ({ ...electron, default: electron }));

interface ExposedApi {
  requests: Record<string, (input: unknown) => Promise<unknown>>;
  on(name: string, listener: (payload: unknown) => void): () => void;
  streams: {
    open(id: unknown, kind: string, input: unknown): Promise<unknown>;
    write(id: unknown, bytes: unknown): void;
    resize(id: unknown, cols: number, rows: number): void;
    ack(id: unknown, bytes: number): void;
    close(id: unknown): void;
    onData(listener: (...args: unknown[]) => void): () => void;
    onExit(listener: (...args: unknown[]) => void): () => void;
  };
}

let api: ExposedApi;

beforeAll(async () => {
  await import('./preload');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, value] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, ExposedApi];
  expect(key).toBe('patchbay');
  api = value;
});

describe('preload', () => {
  it('exposes only requests, on and streams, frozen', () => {
    expect(Object.keys(api).sort()).toEqual(['on', 'requests', 'streams']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.requests)).toBe(true);
    expect(Object.isFrozen(api.streams)).toBe(true);
    expect(Object.keys(api.streams).sort()).toEqual(['ack', 'close', 'onData', 'onExit', 'open', 'resize', 'write']);
  });

  it('streams.open accepts only the contract stream kinds and always uses the fixed channel', async () => {
    electron.ipcRenderer.invoke.mockClear();
    for (const kind of ['evil', 'containers:list', '__proto__', '']) {
      await expect(api.streams.open(1, kind, {}), kind).rejects.toThrow(/Unknown stream kind/);
    }
    expect(() => api.streams.open('1', 'terminal:exec', {})).toThrow(/stream id/);
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    for (const kind of streamKindNames) {
      electron.ipcRenderer.invoke.mockClear();
      await api.streams.open(7, kind, { container: 'web' });
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(STREAM_IPC.open, 7, kind, { container: 'web' });
    }
  });

  it('streams carry bytes as Uint8Array on fixed channels, and hand the page no event object', () => {
    electron.ipcRenderer.send.mockClear();
    const bytes = new Uint8Array([0xe2, 0x82, 0xac]);
    api.streams.write(3, bytes);
    expect(electron.ipcRenderer.send).toHaveBeenLastCalledWith(STREAM_IPC.write, 3, bytes);
    expect(() => api.streams.write(3, 'text')).toThrow(/Uint8Array/);
    api.streams.resize(3, 132, 40);
    expect(electron.ipcRenderer.send).toHaveBeenLastCalledWith(STREAM_IPC.resize, 3, 132, 40);
    api.streams.ack(3, 4096);
    expect(electron.ipcRenderer.send).toHaveBeenLastCalledWith(STREAM_IPC.ack, 3, 4096);
    api.streams.close(3);
    expect(electron.ipcRenderer.send).toHaveBeenLastCalledWith(STREAM_IPC.close, 3);
    expect(electron.ipcRenderer.send).toHaveBeenCalledTimes(4);
    electron.ipcRenderer.send.mockClear();

    electron.ipcRenderer.on.mockClear();
    const listener = vi.fn();
    const off = api.streams.onData(listener);
    const [channel, wrapped] = electron.ipcRenderer.on.mock.calls[0] as [string, (...args: unknown[]) => void];
    expect(channel).toBe(STREAM_IPC.data);
    wrapped({ sender: {} }, 3, 'out', bytes);
    expect(listener).toHaveBeenCalledWith(3, 'out', bytes);
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(STREAM_IPC.data, wrapped);
  });

  it('has exactly one function per contract channel', () => {
    expect(new Set(Object.keys(api.requests))).toEqual(new Set(channelNames));
    expect(Object.keys(api.requests)).toHaveLength(channelNames.length);
    for (const channel of channelNames) expect(api.requests[channel], channel).toBeTypeOf('function');
  });

  it('each function invokes its own channel with the input, and nothing else', async () => {
    for (const channel of channelNames) {
      electron.ipcRenderer.invoke.mockClear();
      const input = { probe: channel };
      await expect(api.requests[channel](input)).resolves.toEqual({ ok: true, value: { channel, input } });
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(channel, input);
    }
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });

  it('cannot be made to call another channel', () => {
    expect(api.requests['anything:else']).toBeUndefined();
    expect(() => {
      (api.requests as Record<string, unknown>)['evil:channel'] = () => undefined;
    }).toThrow(TypeError);
  });

  it('on refuses names outside the contract and subscribes to contract events', () => {
    electron.ipcRenderer.on.mockClear();
    for (const name of ['evil', 'containers:list', '__proto__', '', 'ELECTRON_BROWSER_REQUIRE']) {
      expect(() => api.on(name, () => undefined), name).toThrow(/Unknown event/);
    }
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
    for (const name of eventNames) {
      electron.ipcRenderer.on.mockClear();
      electron.ipcRenderer.removeListener.mockClear();
      const listener = vi.fn();
      const unsubscribe = api.on(name, listener);
      expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
      const [subscribed, wrapped] = electron.ipcRenderer.on.mock.calls[0] as [string, (event: unknown, payload: unknown) => void];
      expect(subscribed).toBe(name);

      // The page gets the payload, never Electron's event object (it carries `sender`).
      const ipcEvent = { sender: { send: () => undefined } };
      wrapped(ipcEvent, { n: 1 });
      expect(listener).toHaveBeenCalledWith({ n: 1 });
      expect(listener.mock.calls[0]).toHaveLength(1);

      unsubscribe();
      expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(name, wrapped);
    }
  });
});
