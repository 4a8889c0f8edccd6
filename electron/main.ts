/**
 * The desktop app: one secure window over the core. Everything Docker lives in the core.
 */
import { app, BrowserWindow, ipcMain, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isEventName } from '../shared/contract';
import { createCore } from './core/core';
import { registerIpcHandlers, type IpcInvokeEventLike } from './transport/ipc';
import { registerIpcStreams } from './transport/ipc-streams';
import { RENDERER_CSP, isAppUrl, secureWebPreferences } from './window-security';

const rendererIndex = join(__dirname, '../renderer/index.html');
const appUrl = pathToFileURL(rendererIndex).toString();

export function createMainWindow(): BrowserWindow {
  // Electronegativity cannot see through secureWebPreferences(): it sets contextIsolation: true and
  // sandbox: true (asserted in main.test.ts). Auxclick (middle-click) can only open windows, and
  // setWindowOpenHandler below denies every one of them.
  const window = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 560,
    title: 'Patchbay',
    show: false,
    backgroundColor: '#0b0f17',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  });
  lockDown(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndex);
  return window;
}

/** No navigation away from the app and no new windows; http(s) links open in the real browser. */
export function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Only http(s) links reach the system browser: never file:, smb: or custom protocol handlers.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: 'deny' };
  });
}

const CLIPBOARD_PERMISSIONS = new Set(['clipboard-read', 'clipboard-sanitized-write']);

function start(): void {
  const core = createCore({ log: (message) => console.error(message) });
  let window: BrowserWindow | null = null;

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  // Only the terminal's copy and paste, and only for our own window: everything else is denied.
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) =>
    callback(window !== null && contents === window.webContents && CLIPBOARD_PERMISSIONS.has(permission)),
  );

  // Only our own window, showing our own page, may call the core.
  const isTrusted = (event: IpcInvokeEventLike) =>
    window !== null && event.sender === window.webContents && isAppUrl(event.senderFrame?.url ?? '', appUrl);
  registerIpcHandlers(ipcMain, core, isTrusted);
  registerIpcStreams(ipcMain, core, isTrusted);
  core.onEvent((name, payload) => {
    if (isEventName(name) && window && !window.isDestroyed()) window.webContents.send(name, payload);
  });
  core.start();

  window = createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createMainWindow();
  });
  app.on('window-all-closed', () => {
    core.stop();
    if (process.platform !== 'darwin') app.quit();
  });
}

app.enableSandbox();
app.on('web-contents-created', (_event, contents) => lockDown(contents));
void app.whenReady().then(start);
