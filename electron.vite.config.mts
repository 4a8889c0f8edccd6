import { resolve } from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          // The desktop app, and the same core behind the loopback web bridge (`npm run web`).
          index: resolve(__dirname, 'electron/main.ts'),
          web: resolve(__dirname, 'electron/transport/web-main.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload can require only `electron`: everything else is bundled into it.
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), tailwindcss()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
