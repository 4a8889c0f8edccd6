/**
 * `npm run web`: the core plus the web bridge, without Electron — Patchbay in a browser.
 */
import { join } from 'node:path';
import { createCore } from '../core/core';
import { startWebBridge } from './web-bridge';

async function main(): Promise<void> {
  const core = createCore({ log: (message) => console.error(message) });
  core.start();
  const port = Number(process.env.PATCHBAY_PORT ?? 7766);
  const bridge = await startWebBridge({
    core,
    port,
    token: process.env.PATCHBAY_TOKEN || undefined,
    staticDir: join(__dirname, '../renderer'),
  });
  console.log(`Patchbay is serving on ${bridge.url} (loopback only).`);
  console.log(`Open this address once; it carries the access token:\n\n  ${bridge.loginUrl}\n`);
  const shutdown = () => {
    core.stop();
    void bridge.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') {
    console.error(`Port ${process.env.PATCHBAY_PORT ?? 7766} is taken. Choose another: PATCHBAY_PORT=7767 npm run web`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
