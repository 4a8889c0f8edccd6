/**
 * The desktop main process against an Electron double: what it registers and how the window is
 * locked down. `main.ts` calls `app.whenReady().then(start)` when imported; the double resolves
 * it, so `start` runs and everything it registered can be inspected.
 */
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../shared/contract';
import { STREAM_IPC } from '../shared/stream-frames';
import { RENDERER_CSP } from './window-security';

type Handler = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  class FakeWebContents {
    readonly handlers = new Map<string, Handler[]>();
    windowOpenHandler: Handler | null = null;
    readonly send = vi.fn();
    on(event: string, handler: Handler) {
      this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
      return this;
    }
    setWindowOpenHandler(handler: Handler) {
      this.windowOpenHandler = handler;
    }
    /** Emits like Electron does: returns whether a listener prevented the default. */
    emitPreventable(event: string, ...args: unknown[]): boolean {
      let prevented = false;
      const e = { preventDefault: () => (prevented = true) };
      for (const handler of this.handlers.get(event) ?? []) handler(e, ...args);
      return prevented;
    }
  }

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow {
    static getAllWindows = vi.fn(() => windows.filter((w) => !w.destroyed));
    readonly webContents = new FakeWebContents();
    readonly loadFile = vi.fn(async (_path: string) => undefined);
    readonly show = vi.fn();
    destroyed = false;
    constructor(readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
      windows.push(this);
    }
    once = vi.fn();
    isDestroyed() {
      return this.destroyed;
    }
  }

  const appHandlers = new Map<string, Handler[]>();
  const ipcHandlers = new Map<string, Handler>();
  const ipcListeners = new Map<string, Handler>();
  const webRequest = { onHeadersReceived: vi.fn() };
  const setPermissionRequestHandler = vi.fn();
  return {
    FakeWebContents,
    FakeBrowserWindow,
    windows,
    appHandlers,
    ipcHandlers,
    ipcListeners,
    webRequest,
    setPermissionRequestHandler,
    module: {
      app: {
        enableSandbox: vi.fn(),
        whenReady: vi.fn(() => Promise.resolve()),
        on: vi.fn((event: string, handler: Handler) => {
          appHandlers.set(event, [...(appHandlers.get(event) ?? []), handler]);
        }),
        quit: vi.fn(),
      },
      BrowserWindow: FakeBrowserWindow,
      ipcMain: {
        handle: vi.fn((channel: string, handler: Handler) => ipcHandlers.set(channel, handler)),
        removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
        on: vi.fn((channel: string, handler: Handler) => ipcListeners.set(channel, handler)),
        removeListener: vi.fn((channel: string) => ipcListeners.delete(channel)),
      },
      session: { defaultSession: { webRequest, setPermissionRequestHandler } },
      shell: { openExternal: vi.fn(async () => undefined) },
    },
  };
});

const fakeCore = vi.hoisted(() => {
  const listeners: Array<(name: string, payload: unknown) => void> = [];
  return {
    listeners,
    core: {
      invoke: vi.fn(async (channel: string) => ({ ok: true as const, value: `answer to ${channel}` })),
      onEvent: vi.fn((listener: (name: string, payload: unknown) => void) => {
        listeners.push(listener);
        return () => undefined;
      }),
      openStream: vi.fn(async () => ({ ok: false as const, error: { code: 'internal', message: 'not in this test' } })),
      start: vi.fn(),
      stop: vi.fn(),
    },
  };
});

vi.mock('electron', () => ({ ...electron.module, default: electron.module }));
vi.mock('./core/core', () => ({ createCore: vi.fn(() => fakeCore.core) }));

const { app, shell, ipcMain } = electron.module;
let window: InstanceType<typeof electron.FakeBrowserWindow>;
let appUrl: string;

beforeAll(async () => {
  await import('./main');
  await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
  window = electron.windows[0];
  const indexPath = window.loadFile.mock.calls[0]?.[0];
  expect(indexPath).toMatch(/renderer[/\\]index\.html$/);
  appUrl = pathToFileURL(indexPath!).toString();
});

describe('startup', () => {
  it('enables the sandbox for every renderer and starts the core once', () => {
    expect(app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(fakeCore.core.start).toHaveBeenCalledTimes(1);
  });

  it('creates the window with isolation, sandbox and no Node', () => {
    const prefs = window.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.js$/);
    // Nothing that would undo the above.
    expect(prefs).not.toHaveProperty('enableRemoteModule');
    expect(prefs).not.toHaveProperty('experimentalFeatures');
  });

  it('loads the app from a local file, not a URL', () => {
    expect(window.loadFile).toHaveBeenCalledTimes(1);
    expect(appUrl.startsWith('file://')).toBe(true);
  });
});

describe('navigation', () => {
  it('prevents will-navigate to anything but the app page', () => {
    const contents = window.webContents;
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:7766/',
      'file:///etc/passwd',
      appUrl.replace('index.html', 'other.html'),
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(contents.emitPreventable('will-navigate', url), url).toBe(true);
      expect(contents.emitPreventable('will-redirect', url), url).toBe(true);
    }
    expect(contents.emitPreventable('will-navigate', appUrl)).toBe(false);
    expect(contents.emitPreventable('will-navigate', `${appUrl}#/images`)).toBe(false);
    expect(contents.emitPreventable('will-redirect', appUrl)).toBe(false);
  });

  it('refuses to attach a webview', () => {
    expect(window.webContents.emitPreventable('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies every new window; http(s) links go to the real browser, nothing else does', () => {
    const handler = window.webContents.windowOpenHandler!;
    expect(handler).toBeTypeOf('function');
    expect(handler({ url: 'https://docs.docker.com/engine/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenLastCalledWith('https://docs.docker.com/engine/');
    expect(handler({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenLastCalledWith('http://example.com/');

    shell.openExternal.mockClear();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', appUrl, 'smb://host/share', 'ms-settings:']) {
      expect(handler({ url }), url).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('locks down every other web contents too (web-contents-created)', () => {
    const created = electron.appHandlers.get('web-contents-created') ?? [];
    expect(created.length).toBeGreaterThan(0);
    const other = new electron.FakeWebContents();
    for (const handler of created) handler({}, other);
    expect(other.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('session', () => {
  it('adds the CSP header to every response and keeps the others', () => {
    expect(electron.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1);
    const listener = electron.webRequest.onHeadersReceived.mock.calls[0][0] as Handler;
    const callback = vi.fn();
    listener({ url: appUrl, responseHeaders: { 'X-Other': ['kept'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['kept'], 'Content-Security-Policy': [RENDERER_CSP] },
    });
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toContain('unsafe-eval');
  });

  it('denies every permission request but the clipboard, which only the app window gets', () => {
    const handler = electron.setPermissionRequestHandler.mock.calls[0][0] as Handler;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-write']) {
      const callback = vi.fn();
      handler(window.webContents, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    for (const permission of ['clipboard-read', 'clipboard-sanitized-write']) {
      const mine = vi.fn();
      handler(window.webContents, permission, mine);
      expect(mine, permission).toHaveBeenCalledWith(true);
      const other = vi.fn();
      handler(new electron.FakeWebContents(), permission, other);
      expect(other, permission).toHaveBeenCalledWith(false);
    }
  });
});

describe('IPC', () => {
  const trustedEvent = () => ({ sender: window.webContents, senderFrame: { url: appUrl } });

  it('registers exactly one handler per channel, plus the fixed stream channels', () => {
    expect(new Set(electron.ipcHandlers.keys())).toEqual(new Set([...channelNames, STREAM_IPC.open]));
    expect(ipcMain.handle).toHaveBeenCalledTimes(channelNames.length + 1);
    expect(new Set(electron.ipcListeners.keys())).toEqual(new Set([STREAM_IPC.write, STREAM_IPC.resize, STREAM_IPC.ack, STREAM_IPC.close]));
  });

  it('refuses a stream from another sender without calling the core, and validates the kind', async () => {
    const open = electron.ipcHandlers.get(STREAM_IPC.open)!;
    for (const event of [
      { sender: new electron.FakeWebContents(), senderFrame: { url: appUrl } },
      { sender: window.webContents, senderFrame: { url: 'https://evil.example/' } },
    ]) {
      await expect(open(event, 1, 'terminal:exec', { container: 'web' })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    await expect(open(trustedEvent(), 'x', 'terminal:exec', {})).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(fakeCore.core.openStream).not.toHaveBeenCalled();
    await expect(open(trustedEvent(), 1, 'terminal:exec', { container: 'web' })).resolves.toMatchObject({ ok: false });
    expect(fakeCore.core.openStream).toHaveBeenCalledWith('terminal:exec', { container: 'web' });
  });

  it('passes a request from the app window to the core', async () => {
    const handler = electron.ipcHandlers.get('containers:list')!;
    await expect(handler(trustedEvent(), {})).resolves.toEqual({ ok: true, value: 'answer to containers:list' });
    expect(fakeCore.core.invoke).toHaveBeenLastCalledWith('containers:list', {});
  });

  it('refuses another sender, or the window showing another page, without calling the core', async () => {
    const handler = electron.ipcHandlers.get('containers:kill')!;
    fakeCore.core.invoke.mockClear();
    for (const event of [
      { sender: new electron.FakeWebContents(), senderFrame: { url: appUrl } },
      { sender: window.webContents, senderFrame: { url: 'https://evil.example/' } },
      { sender: window.webContents, senderFrame: null },
    ]) {
      const result = (await handler(event, { id: 'x' })) as { ok: boolean; error: { code: string } };
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(fakeCore.core.invoke).not.toHaveBeenCalled();
  });

  it('forwards core events to the window', () => {
    expect(fakeCore.listeners).toHaveLength(1);
    fakeCore.listeners[0]('containers:changed', { revision: 3, upserted: [], removed: ['abc'] });
    expect(window.webContents.send).toHaveBeenLastCalledWith('containers:changed', { revision: 3, upserted: [], removed: ['abc'] });
  });
});

describe('shutdown', () => {
  it('stops the core when the last window closes', () => {
    const handlers = electron.appHandlers.get('window-all-closed') ?? [];
    expect(handlers).toHaveLength(1);
    expect(fakeCore.core.stop).not.toHaveBeenCalled();
    handlers[0]();
    expect(fakeCore.core.stop).toHaveBeenCalledTimes(1);
  });
});
