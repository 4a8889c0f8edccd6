import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core';
import { startWebBridge, type WebBridge } from '../../electron/transport/web-bridge';

/** npm scripts, tests and benches all run from the repository root. */
export const RENDERER_DIR = join(process.cwd(), 'out/renderer');

export interface WebHarness {
  core: Core;
  bridge: WebBridge;
  stop(): Promise<void>;
}

/** The core and the web bridge on a free loopback port, serving the built renderer. */
export async function startWebHarness(options: CoreOptions = {}): Promise<WebHarness> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('The renderer is not built: run npm run build first (npm test does).');
  }
  const core = createCore(options);
  core.start();
  const bridge = await startWebBridge({ core, port: 0, staticDir: RENDERER_DIR });
  return {
    core,
    bridge,
    stop: async () => {
      core.stop();
      await bridge.close();
    },
  };
}
