/**
 * `pullImageWithProgress` against a fake engine: whatever the engine does (answers at once,
 * streams progress, reports an error line, goes silent), the pull settles and never hangs.
 */
import type Dockerode from 'dockerode';
import Modem from 'docker-modem';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pullImageWithProgress } from './images-api';

interface Fake {
  docker: Dockerode;
  signal(): AbortSignal | undefined;
  refs: string[];
}

function fakeEngine(answer: () => Promise<NodeJS.ReadableStream>): Fake {
  let signal: AbortSignal | undefined;
  const refs: string[] = [];
  const docker = {
    modem: new Modem({ socketPath: '/nonexistent.sock' }),
    pull: (ref: string, opts: { abortSignal?: AbortSignal }) => {
      refs.push(ref);
      signal = opts.abortSignal;
      return answer();
    },
  } as unknown as Dockerode;
  return { docker, signal: () => signal, refs };
}

const line = (o: object) => `${JSON.stringify(o)}\r\n`;

describe('pullImageWithProgress', () => {
  it('hands over every progress object and resolves when the stream ends', async () => {
    const body = new PassThrough();
    const fake = fakeEngine(async () => body);
    const seen: unknown[] = [];
    const pull = pullImageWithProgress(fake.docker, 'alpine:3.20', { idleTimeoutMs: 5_000, onProgress: (e) => seen.push(e) });
    await new Promise((r) => setTimeout(r, 5));
    body.write(line({ status: 'Pulling from library/alpine', id: '3.20' }));
    body.write('{"status":"Downloading","progressDetail":{"current":1,"total":2},"id":"ab"}\r');
    body.write('\n');
    body.end(line({ status: 'Status: Downloaded newer image for alpine:3.20' }));
    await expect(pull.done).resolves.toBeUndefined();
    expect(fake.refs).toEqual(['alpine:3.20']);
    expect(seen).toEqual([
      { status: 'Pulling from library/alpine', id: '3.20' },
      { status: 'Downloading', progressDetail: { current: 1, total: 2 }, id: 'ab' },
      { status: 'Status: Downloaded newer image for alpine:3.20' },
    ]);
  });

  it('rejects with the engine words when it answers 500 at once', async () => {
    const refusal = Object.assign(new Error('(HTTP code 500) server error - Get "https://registry-1.docker.io/v2/": no such host'), {
      statusCode: 500,
      json: { message: 'Get "https://registry-1.docker.io/v2/": no such host' },
    });
    const fake = fakeEngine(() => Promise.reject(refusal));
    const pull = pullImageWithProgress(fake.docker, 'alpine:3.20', { idleTimeoutMs: 5_000, onProgress: () => undefined });
    await expect(pull.done).rejects.toBe(refusal);
  });

  it('rejects at the error line, with its message as the engine error', async () => {
    const body = new PassThrough();
    const fake = fakeEngine(async () => body);
    const pull = pullImageWithProgress(fake.docker, 'alpine:3.20', { idleTimeoutMs: 5_000, onProgress: () => undefined });
    await new Promise((r) => setTimeout(r, 5));
    body.write(line({ status: 'Pulling fs layer', progressDetail: {}, id: 'ab' }));
    body.write(line({ errorDetail: { message: 'unauthorized: authentication required' }, error: 'unauthorized: authentication required' }));
    await expect(pull.done).rejects.toMatchObject({ statusCode: 500, json: { message: 'unauthorized: authentication required' } });
    body.end();
  });

  it('gives up and aborts after the idle time without progress, though the stream stays open', async () => {
    const body = new PassThrough();
    const fake = fakeEngine(async () => body);
    const started = Date.now();
    const pull = pullImageWithProgress(fake.docker, 'slow/app:1', { idleTimeoutMs: 150, onProgress: () => undefined });
    // Progress keeps it alive...
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      body.write(line({ status: 'Downloading', progressDetail: { current: i, total: 9 }, id: 'ab' }));
    }
    // ...silence ends it.
    await expect(pull.done).rejects.toMatchObject({ timedOut: true, message: 'the engine reported no progress for 0 s' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(fake.signal()?.aborted).toBe(true);
    expect(body.destroyed).toBe(true);
  });

  it('gives up when the engine never answers the request at all', async () => {
    const fake = fakeEngine(() => new Promise(() => undefined));
    const pull = pullImageWithProgress(fake.docker, 'slow/app:1', { idleTimeoutMs: 100, onProgress: () => undefined });
    await expect(pull.done).rejects.toMatchObject({ timedOut: true, statusCode: 504 });
    expect(fake.signal()?.aborted).toBe(true);
  });

  it('cancel aborts the request and destroys the stream', async () => {
    const body = new PassThrough();
    const fake = fakeEngine(async () => body);
    const pull = pullImageWithProgress(fake.docker, 'alpine:3.20', { idleTimeoutMs: 5_000, onProgress: () => undefined });
    await new Promise((r) => setTimeout(r, 5));
    pull.cancel();
    await expect(pull.done).rejects.toMatchObject({ cancelled: true });
    expect(fake.signal()?.aborted).toBe(true);
    expect(body.destroyed).toBe(true);
  });

  it('a listener that throws does not end the pull', async () => {
    const body = new PassThrough();
    const fake = fakeEngine(async () => body);
    const pull = pullImageWithProgress(fake.docker, 'alpine:3.20', {
      idleTimeoutMs: 5_000,
      onProgress: () => {
        throw new Error('listener bug');
      },
    });
    await new Promise((r) => setTimeout(r, 5));
    body.write(line({ status: 'Pulling fs layer', id: 'ab' }));
    body.end(line({ status: 'Status: Image is up to date for alpine:3.20' }));
    await expect(pull.done).resolves.toBeUndefined();
  });
});
