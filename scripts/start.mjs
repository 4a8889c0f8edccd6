#!/usr/bin/env node
// `npm start`: launches the desktop app on the freshly built output. Where the Electron binary
// is missing (an offline install with ELECTRON_SKIP_BINARY_DOWNLOAD=1), it says so and serves
// the same app in the browser instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

const binary = electronBinary();
if (binary) {
  run(binary, ['.']);
} else {
  console.log(
    'The Electron binary is not installed (offline install, or ELECTRON_SKIP_BINARY_DOWNLOAD=1).\n' +
      'Serving Patchbay in your browser instead. To get the desktop app: npm rebuild electron (needs internet).\n',
  );
  run(process.execPath, ['out/main/web.js']);
}
