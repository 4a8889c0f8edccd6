import { channelNames } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { Core } from '../core/core';

/** The parts of Electron's `ipcMain` this transport uses, so it can be tested without Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, input: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

export interface IpcInvokeEventLike {
  sender: unknown;
  senderFrame: { url: string } | null;
}

/**
 * Registers one `ipcMain.handle` per contract channel; each checks the sender before anything else.
 *
 * Results travel as `{ ok, value | error }` rather than thrown errors, because Electron replaces a
 * thrown error's message with "Error invoking remote method" and the user would lose the reason.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, core: Core, isTrusted: (event: IpcInvokeEventLike) => boolean): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, input) => {
      if (!isTrusted(event)) {
        return { ok: false, error: { code: 'forbidden', message: 'This window is not allowed to use Patchbay.' } };
      }
      return core.invoke(channel, input);
    });
  }
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}
