/**
 * The IPC transport: every channel registered, the sender checked first, results passed through.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { createCore, type Core } from '../core/core';
import { registerIpcHandlers, type IpcInvokeEventLike, type IpcMainLike } from './ipc';

type Listener = Parameters<IpcMainLike['handle']>[1];

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: vi.fn((channel: string, listener: Listener) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
  };
  return { ipcMain, handlers };
}

function fakeCore(): Core & { invoke: ReturnType<typeof vi.fn> } {
  return {
    invoke: vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: 'from core' })),
    onEvent: vi.fn(() => () => undefined),
    openStream: vi.fn(async (): Promise<Result<never>> => ({ ok: false, error: { code: 'internal', message: 'no streams here' } })),
    start: vi.fn(),
    stop: vi.fn(),
  };
}

const trustedSender = { id: 1 };
const isTrusted = (event: IpcInvokeEventLike) => event.sender === trustedSender;
const trusted: IpcInvokeEventLike = { sender: trustedSender, senderFrame: { url: 'file:///app/index.html' } };
const untrusted: IpcInvokeEventLike = { sender: { id: 2 }, senderFrame: { url: 'https://evil.example/' } };

// A socket that does not exist: validation must answer before any engine call is made.
const NO_ENGINE = 'unix:///nonexistent/patchbay-test/docker.sock';
const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.stop();
});

describe('registerIpcHandlers', () => {
  it('registers one handler per channel, and the disposer removes them all', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const dispose = registerIpcHandlers(ipcMain, fakeCore(), isTrusted);
    expect(new Set(handlers.keys())).toEqual(new Set(channelNames));
    expect(ipcMain.handle).toHaveBeenCalledTimes(channelNames.length);
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('rejects an untrusted sender with forbidden, on every channel, without calling the core', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const core = fakeCore();
    const isTrustedSpy = vi.fn(isTrusted);
    registerIpcHandlers(ipcMain, core, isTrustedSpy);
    for (const channel of channelNames) {
      const result = await handlers.get(channel)!(untrusted, {});
      expect(result, channel).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    }
    expect(isTrustedSpy).toHaveBeenCalledTimes(channelNames.length);
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('passes a trusted request to the core with its own channel name and the input as given', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const core = fakeCore();
    registerIpcHandlers(ipcMain, core, isTrusted);
    const input = { id: 'web' };
    await expect(handlers.get('containers:stop')!(trusted, input)).resolves.toEqual({ ok: true, value: 'from core' });
    expect(core.invoke).toHaveBeenCalledWith('containers:stop', input);
  });

  it('returns invalid-input from a real core for an invalid payload', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const core = createCore({ dockerHost: NO_ENGINE });
    cores.push(core);
    registerIpcHandlers(ipcMain, core, isTrusted);

    const cases: Array<[string, unknown]> = [
      ['containers:stop', { id: 42 }],
      ['containers:stop', { id: 'web', extra: true }],
      ['containers:remove', { id: 'web' }],
      ['containers:rename', { id: 'web', name: 'bad name' }],
      ['containers:kill', { id: '../../etc' }],
      ['images:import', { tag: 'UPPER', tarBase64: 'eA==' }],
      ['engine:status', { please: 1 }],
      ['containers:list', 'not an object'],
    ];
    for (const [channel, input] of cases) {
      const result = await handlers.get(channel)!(trusted, input);
      expect(result.ok, `${channel} ${JSON.stringify(input)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code, `${channel} ${JSON.stringify(input)}`).toBe('invalid-input');
        expect(result.error.message.length).toBeGreaterThan(5);
      }
    }
  });

  it('a valid payload passes validation and reaches the (missing) engine', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const core = createCore({ dockerHost: NO_ENGINE });
    cores.push(core);
    registerIpcHandlers(ipcMain, core, isTrusted);
    const result = await handlers.get('containers:details')!(trusted, { id: 'web' });
    expect(result).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
    if (!result.ok) expect(result.error.message).toContain('/nonexistent/patchbay-test/docker.sock');
  });

  it('the sender check runs before validation: an untrusted sender learns nothing about the input', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const core = createCore({ dockerHost: NO_ENGINE });
    cores.push(core);
    const invoke = vi.spyOn(core, 'invoke');
    registerIpcHandlers(ipcMain, core, isTrusted);
    const result = await handlers.get('containers:stop')!(untrusted, { id: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(invoke).not.toHaveBeenCalled();
  });
});
