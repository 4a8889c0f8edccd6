/**
 * An engine endpoint for pull tests: it forwards every request to the real engine, except the
 * pulls it was told to fake, which it answers with a recorded progress stream, a line at a time.
 * This engine has no registry, so this is how a pull that runs (and its progress) is tested.
 *
 * A faked pull makes its image real before the last line by tagging the test image with its
 * name, as a finished pull would leave it; the test removes that tag.
 */
import { rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ENGINE_SOCKET, TEST_IMAGE, docker } from './docker-cli';

export interface FakePull {
  /** Raw engine progress objects, as the engine writes them. */
  lines: object[];
  /** Between two lines. */
  delayMs: number;
  /** Tag the test image as this reference before the last line (a pull that succeeds). */
  createImage?: boolean;
}

export interface PullProxy {
  dockerHost: string;
  /** Per faked reference: how many lines were written, and whether the client went away first. */
  seen: Map<string, { written: number; aborted: boolean; finished: boolean }>;
  close(): Promise<void>;
}

export async function startPullProxy(socket: string, pulls: Record<string, FakePull>): Promise<PullProxy> {
  rmSync(socket, { force: true });
  const seen: PullProxy['seen'] = new Map();
  const open = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://engine');
    if (req.method === 'POST' && /\/images\/create$/.test(url.pathname)) {
      const ref = `${url.searchParams.get('fromImage') ?? ''}:${url.searchParams.get('tag') ?? 'latest'}`;
      const fake = pulls[ref];
      if (fake) {
        void answerPull(ref, fake, req, res, seen);
        return;
      }
    }
    forward(req, res);
  });
  server.on('connection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, resolve);
  });
  return {
    dockerHost: `unix://${socket}`,
    seen,
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(socket, { force: true });
    },
  };
}

async function answerPull(ref: string, fake: FakePull, req: IncomingMessage, res: ServerResponse, seen: PullProxy['seen']): Promise<void> {
  const record = { written: 0, aborted: false, finished: false };
  seen.set(ref, record);
  res.on('close', () => {
    if (!record.finished) record.aborted = true;
  });
  req.resume();
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.flushHeaders();
  for (let i = 0; i < fake.lines.length; i++) {
    await new Promise((r) => setTimeout(r, fake.delayMs));
    if (record.aborted || res.destroyed) return;
    if (fake.createImage && i === fake.lines.length - 1) await docker(['tag', TEST_IMAGE, ref]);
    res.write(`${JSON.stringify(fake.lines[i])}\r\n`);
    record.written++;
  }
  record.finished = true;
  res.end();
}

function forward(req: IncomingMessage, res: ServerResponse): void {
  const upstream = request({ socketPath: ENGINE_SOCKET, path: req.url, method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    // Now, not with the first chunk: the event stream may say nothing for a long time.
    res.flushHeaders();
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}
