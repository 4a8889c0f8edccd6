import type { PatchbayClient } from './client';
import { createIpcClient } from './ipc-transport';
import { createWebClient } from './web-transport';

/** The desktop app's preload when it is there, the web bridge otherwise. */
export const client: PatchbayClient = window.patchbay ? createIpcClient(window.patchbay) : createWebClient();

export { messageOf, RequestError } from './client';
export type { PatchbayClient } from './client';
export type { StreamHandle } from './streams';
