/**
 * Terminal throughput: `cat` of a 20 MB file through exec → core → web bridge WebSocket, as the
 * page's client sees it (binary frames, acknowledgements and all), against
 * `docker exec -t CONTAINER cat FILE > /dev/null` with the CLI. Then, in Chromium, how long
 * xterm takes to take in 1 MB of output, and 100,000 log lines.
 *
 *   npx tsx bench/terminal.ts
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../electron/core/core';
import { startWebBridge } from '../electron/transport/web-bridge';
import { launchChromium } from '../test/support/browser';
import { connectStreams } from '../test/support/stream-client';
import { docker, labelArgs } from '../test/support/docker-cli';
import { median } from './bench-kit';

// test/support/engine.ts imports vitest, which tsx cannot load here: the few CLI helpers this needs.
const RUN = randomBytes(4).toString('hex');
const LABELS = labelArgs();
const IMAGE = 'patchbay-test/busybox:latest';
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

const FILE_BYTES = 20 * 1024 * 1024;
const FILE = '/tmp/patchbay-bench-20m.txt';
const RUNS = 9;

async function cliRun(container: string): Promise<number> {
  const devNull = openSync('/dev/null', 'w');
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('docker', ['exec', '-t', container, 'cat', FILE], { stdio: ['ignore', devNull, 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker exec exited with ${code}`))));
  });
  closeSync(devNull);
  return performance.now() - start;
}

async function main(): Promise<void> {
  await docker(['image', 'inspect', '--format', '{{.Id}}', IMAGE]);
  const container = `bench-term-${RUN}`;
  const staticDir = await mkdtemp(join(tmpdir(), 'patchbay-bench-static-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html>');
  const core = createCore();
  core.start();
  const bridge = await startWebBridge({ core, port: 0, staticDir });
  try {
    await docker(['run', '-d', ...LABELS, '--name', container, '--net', 'none', IMAGE, 'sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"]);
    await docker(['exec', container, 'sh', '-c', `yes 'patchbay terminal throughput 0123456789 abcdefghijklmnopqrstuvwxyz' | head -c ${FILE_BYTES} > ${FILE}`]);
    const client = await connectStreams(bridge);

    const patchbayRun = async (): Promise<{ ms: number; bytes: number }> => {
      const start = performance.now();
      const stream = await client.open('terminal:exec', { container, cmd: ['cat', FILE] });
      const exit = await stream.exit;
      if (exit.reason !== 'exited' || exit.code !== 0) throw new Error(`cat ended with ${JSON.stringify(exit)}`);
      const bytes = stream.received();
      stream.chunks.length = 0;
      return { ms: performance.now() - start, bytes };
    };

    // Warm up both paths once.
    await cliRun(container);
    await patchbayRun();
    const cli: number[] = [];
    const patchbay: number[] = [];
    let received = 0;
    for (let i = 0; i < RUNS; i++) {
      cli.push(await cliRun(container));
      const run = await patchbayRun();
      patchbay.push(run.ms);
      received = run.bytes;
    }
    client.close();
    const cliMs = median(cli);
    const pbMs = median(patchbay);
    const mbps = (ms: number) => ((received / 1024 / 1024) / (ms / 1000)).toFixed(0);
    console.log(`\n20 MB cat through a TTY exec (${(received / 1024 / 1024).toFixed(1)} MB arrive: the TTY turns \\n into \\r\\n), median of ${RUNS}:`);
    console.log(`  docker exec -t (CLI) > /dev/null      ${fmt(cliMs)}  (${mbps(cliMs)} MB/s)   runs: ${cli.map(fmt).join(', ')}`);
    console.log(`  Patchbay exec → core → WebSocket      ${fmt(pbMs)}  (${mbps(pbMs)} MB/s)   runs: ${patchbay.map(fmt).join(', ')}`);
    console.log(`  throughput ratio Patchbay / CLI       ${(cliMs / pbMs).toFixed(2)}×  (goal ≥ 0.90×)`);
  } finally {
    core.stop();
    await bridge.close();
    await rm(staticDir, { recursive: true, force: true });
    await docker(['rm', '-f', container]).catch(() => undefined);
  }

  await xtermInChromium();
}

/** xterm (the same package and options the app uses) in headless Chromium. */
async function xtermInChromium(): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.setContent('<!doctype html><body style="margin:0;background:#0a0e16"><div id="t" style="width:1100px;height:760px"></div></body>');
    await page.addStyleTag({ content: readFileSync('node_modules/@xterm/xterm/css/xterm.css', 'utf8') });
    await page.addScriptTag({ content: readFileSync('node_modules/@xterm/xterm/lib/xterm.js', 'utf8') });
    // A string, not a function: tsx would compile a function with helpers the page does not have.
    const result = (await page.evaluate(`(async () => {
      const exported = window.Terminal;
      const Terminal = exported.Terminal || exported;
      const term = new Terminal({ scrollback: 150000, convertEol: true, fontSize: 13 });
      term.open(document.getElementById('t'));
      const encoder = new TextEncoder();
      async function timeWrite(bytes, chunk) {
        const start = performance.now();
        for (let offset = 0; offset < bytes.length; offset += chunk) {
          await new Promise((resolve) => term.write(bytes.subarray(offset, offset + chunk), resolve));
        }
        return performance.now() - start;
      }
      // 1 MB of shell output: coloured lines with UTF-8, in 16 KB chunks (what a socket delivers).
      let text = '';
      for (let i = 0; text.length < 1024 * 1024; i++) text += '\\x1b[32m' + String(i).padStart(6) + '\\x1b[0m drwxr-xr-x  root  4096  € ✓ → /usr/lib/patchbay/item-' + i + '\\r\\n';
      const oneMb = encoder.encode(text).subarray(0, 1024 * 1024);
      const shellMs = await timeWrite(oneMb, 16 * 1024);
      term.reset();
      // 100,000 log lines, stderr every 10th in red.
      let logs = '';
      for (let i = 0; i < 100000; i++) logs += i % 10 === 0 ? '\\x1b[31m2024-05-01T12:00:00.' + i + 'Z warn: slow upstream ' + i + '\\x1b[0m\\n' : '2024-05-01T12:00:00.' + i + 'Z GET /api/items/' + i + ' 200 12ms\\n';
      const logBytes = encoder.encode(logs);
      const logsMs = await timeWrite(logBytes, 64 * 1024);
      const scrollStart = performance.now();
      for (let i = 0; i < 200; i++) term.scrollLines(-500);
      await new Promise((r) => requestAnimationFrame(() => r()));
      const scrollMs = performance.now() - scrollStart;
      return { shellMs, logsMs, logMb: logBytes.length / 1024 / 1024, lines: term.buffer.active.length, scrollMs };
    })()`)) as { shellMs: number; logsMs: number; logMb: number; lines: number; scrollMs: number };
    console.log(`\nxterm in Chromium (headless):`);
    console.log(`  1 MB of coloured UTF-8 output, 16 KB chunks    ${fmt(result.shellMs)}  (${(1000 / result.shellMs).toFixed(1)} MB/s)`);
    console.log(`  100,000 log lines (${result.logMb.toFixed(1)} MB), 64 KB chunks   ${fmt(result.logsMs)}  (${result.lines} lines in the buffer)`);
    console.log(`  scrolling them: 200 jumps of 500 lines         ${fmt(result.scrollMs)}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
