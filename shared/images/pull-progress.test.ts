import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageReference, withDefaultTag } from './pull-contract';
import {
  emptyPullState,
  encodePullEvent,
  foldPullEvent,
  foldPullEvents,
  normalisePullEvent,
  plainPullFailure,
  PullLineReader,
  type PullEvent,
  type PullState,
} from './pull-progress';

/**
 * Hand-written from the Docker Engine API's progress messages (POST /images/create), as the
 * engine writes them: one object per line ending in \r\n, with the `progress` bar text.
 */
const FIXTURES = join(__dirname, '../../test/fixtures/images');
const nginxBytes = readFileSync(join(FIXTURES, 'pull-nginx.jsonl'));
const failingBytes = readFileSync(join(FIXTURES, 'pull-alpine-fails.jsonl'));
const rawLines = (bytes: Buffer) =>
  bytes
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);

/** What the core sends: each raw object normalised, as one line. */
const streamOf = (bytes: Buffer) =>
  Buffer.from(
    rawLines(bytes)
      .map(normalisePullEvent)
      .filter((e): e is PullEvent => e !== null)
      .map(encodePullEvent)
      .join(''),
  );

function eventsOf(bytes: Buffer): PullEvent[] {
  const reader = new PullLineReader();
  return [...reader.push(bytes), ...reader.end()];
}

describe('normalisePullEvent', () => {
  it('keeps status, id and byte counts and drops the bar text', () => {
    expect(
      normalisePullEvent({ status: 'Downloading', progressDetail: { current: 360448, total: 3623807 }, progress: '[===>   ] 360.4kB/3.624MB', id: 'c6a83fedfae6' }),
    ).toEqual({ status: 'Downloading', id: 'c6a83fedfae6', current: 360448, total: 3623807 });
    expect(normalisePullEvent({ status: 'Pulling fs layer', progressDetail: {}, id: 'c6a83fedfae6' })).toEqual({ status: 'Pulling fs layer', id: 'c6a83fedfae6' });
    expect(normalisePullEvent({ status: 'Status: Image is up to date for alpine:3.20' })).toEqual({ status: 'Status: Image is up to date for alpine:3.20' });
  });

  it('reads the error from error or errorDetail, and drops what carries nothing', () => {
    expect(normalisePullEvent({ errorDetail: { message: 'unauthorized: authentication required' }, error: 'unauthorized: authentication required' })).toEqual({
      status: '',
      error: 'unauthorized: authentication required',
    });
    expect(normalisePullEvent({ errorDetail: { message: 'boom' } })).toEqual({ status: '', error: 'boom' });
    expect(normalisePullEvent({ status: 'Downloading', progressDetail: { current: 5, total: 0 }, id: 'a' })).toEqual({ status: 'Downloading', id: 'a', current: 5 });
    expect(normalisePullEvent({ status: 'x', progressDetail: { current: -1, total: 'lots' } })).toEqual({ status: 'x' });
    for (const nothing of [null, 1, 'text', [], {}, { progressDetail: {} }, { status: '  ' }]) expect(normalisePullEvent(nothing)).toBeNull();
  });
});

describe('PullLineReader', () => {
  it('reads the same events however the bytes are cut', () => {
    const stream = streamOf(nginxBytes);
    const whole = eventsOf(stream);
    expect(whole).toHaveLength(36);
    for (const size of [1, 7, 64, 1000]) {
      const reader = new PullLineReader();
      const events: PullEvent[] = [];
      for (let i = 0; i < stream.length; i += size) events.push(...reader.push(stream.subarray(i, i + size)));
      events.push(...reader.end());
      expect(events, `chunks of ${size}`).toEqual(whole);
    }
  });

  it('keeps a UTF-8 character split across chunks whole, reads CRLF lines and skips noise', () => {
    const bytes = Buffer.from('{"status":"Récupération","id":"ab"}\r\nnot json\n\n{"status":"fin"}');
    const reader = new PullLineReader();
    const split = bytes.indexOf(0xa9); // the second byte of "é"
    const events = [...reader.push(bytes.subarray(0, split)), ...reader.push(bytes.subarray(split)), ...reader.end()];
    expect(events).toEqual([{ status: 'Récupération', id: 'ab' }, { status: 'fin' }]);
  });
});

describe('foldPullEvents over a recorded pull', () => {
  const events = eventsOf(streamOf(nginxBytes));
  const states: PullState[] = [];
  events.reduce((state, event) => {
    const next = foldPullEvent(state, event);
    states.push(next);
    return next;
  }, emptyPullState());
  const final = states[states.length - 1];
  const at = (predicate: (e: PullEvent) => boolean) => states[events.findIndex(predicate)];

  it('has one row per layer, in the order the engine named them, and not the header', () => {
    expect(final.from).toBe('library/nginx');
    expect(final.layers.map((l) => l.id)).toEqual(['4abcf2066143', 'c6a83fedfae6', '1f3e46996e29', '4f4fb700ef54']);
    expect(final.layers.every((l) => l.done)).toBe(true);
    expect(final.layers[0]).toMatchObject({ phase: 'exists', status: 'Already exists', fraction: 1 });
  });

  it('ends complete at 100 % with the digest and the outcome', () => {
    expect(final).toMatchObject({
      complete: true,
      percent: 100,
      error: null,
      digest: 'sha256:65645c7bb6a0661892a8b03b89d0743208a18dd2f3f17a54ef4b76fb8e2f2a10',
      outcome: 'Downloaded newer image for nginx:1.27-alpine',
    });
    expect(final.layers[2]).toMatchObject({ status: 'Pull complete', current: 29126478, total: 29126478, size: 29126478 });
  });

  it('shows a layer downloading with its bytes, then verifying, then extracting', () => {
    const downloading = at((e) => e.id === 'c6a83fedfae6' && e.current === 1114112);
    expect(downloading.layers[1]).toMatchObject({ phase: 'downloading', current: 1114112, total: 3623807, done: false });
    expect(downloading.layers[1].fraction).toBeCloseTo(1114112 / 3623807 / 2);
    expect(downloading.layers[2]).toMatchObject({ phase: 'waiting', status: 'Waiting', current: 0, total: null });

    const verifying = at((e) => e.id === 'c6a83fedfae6' && e.status === 'Verifying Checksum');
    expect(verifying.layers[1]).toMatchObject({ phase: 'verifying', current: 3623807, total: 3623807, fraction: 0.5 });

    const extracting = at((e) => e.id === 'c6a83fedfae6' && e.status === 'Extracting' && e.current === 1835008);
    expect(extracting.layers[1].phase).toBe('extracting');
    expect(extracting.layers[1].fraction).toBeCloseTo(0.5 + 1835008 / 3623807 / 2);
  });

  it('weighs layers by size, leaves out layers that existed, and never goes back', () => {
    const percents = states.map((s) => s.percent);
    for (let i = 1; i < percents.length; i++) expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1]);
    expect(states[0].percent).toBe(0);
    // The small layer pulled, the big one downloaded (half its work), the tiny one downloaded:
    // the big one dominates, so this is far from the 83 % a count of layers would say.
    const downloaded = at((e) => e.id === '1f3e46996e29' && e.current === 29126478 && e.status === 'Downloading');
    const sizes = { small: 3623807, big: 29126478, tiny: 32 };
    const expected = (sizes.small * 1 + sizes.big * 0.5 + sizes.tiny * 0.5) / (sizes.small + sizes.big + sizes.tiny);
    expect(downloaded.percent).toBeCloseTo(expected * 100, 5);
    expect(downloaded.percent).toBeLessThan(60);
    // Before the big layer said its size it weighed the average of the others.
    const early = at((e) => e.id === 'c6a83fedfae6' && e.status === 'Extracting' && e.current === 65536);
    const guess = (sizes.small * (0.5 + 65536 / sizes.small / 2) + sizes.tiny * 0.5) / (sizes.small + sizes.tiny + (sizes.small + sizes.tiny) / 2);
    expect(early.percent).toBeCloseTo(guess * 100, 5);
  });

  it('is pure: folding again from the start gives the same state', () => {
    expect(foldPullEvents(events)).toEqual(final);
  });
});

describe('a pull that fails', () => {
  it('keeps the progress so far and the engine error', () => {
    const state = foldPullEvents(eventsOf(streamOf(failingBytes)));
    expect(state.complete).toBe(false);
    expect(state.error).toMatch(/no such host$/);
    expect(state.layers).toHaveLength(1);
    expect(state.layers[0]).toMatchObject({ id: 'c6a83fedfae6', phase: 'downloading', current: 360448 });
    expect(state.percent).toBeGreaterThan(0);
    expect(state.percent).toBeLessThan(100);
  });

  it('says in plain words why, keeping the engine words', () => {
    // What this engine answers (HTTP 500) when there is no registry to reach.
    const offline = 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host';
    expect(plainPullFailure('alpine:3.20', offline)).toBe(`The engine could not pull alpine:3.20: it has no registry to reach here (${offline}).`);
    expect(plainPullFailure('x/y:1', 'pull access denied for x/y, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied')).toMatch(
      /^The engine could not pull x\/y:1: the registry has no such image, or it needs a login \(pull access denied/,
    );
    expect(plainPullFailure('a:1', 'manifest for a:1 not found: manifest unknown: manifest unknown')).toContain('no such image');
    expect(plainPullFailure('a:1', 'toomanyrequests: You have reached your pull rate limit.')).toContain('rate limit was reached');
    expect(plainPullFailure('a:1', 'no matching manifest for linux/arm64/v8 in the manifest list entries')).toContain('no variant');
    expect(plainPullFailure('a:1', 'something odd.')).toBe('The engine could not pull a:1: the pull failed (something odd).');
  });
});

describe('the images:pull input', () => {
  it('takes the references docker pull takes', () => {
    for (const ok of [
      'alpine',
      'alpine:3.20',
      'library/alpine:latest',
      'patchbay-nonexistent/none:latest',
      'ghcr.io/owner/app:v1.2.3',
      'localhost:5000/team/app',
      'Registry.Example.com:443/a/b_c__d-e:TAG_1',
      `alpine@sha256:${'a'.repeat(64)}`,
      `alpine:3.20@sha256:${'b'.repeat(64)}`,
      '  alpine:3.20  ',
    ]) {
      expect(imageReference.safeParse(ok).success, ok).toBe(true);
    }
    for (const bad of ['', 'Alpine', 'UPPER/case', 'Host/app', 'alpine:', 'alpine:-x', '-alpine', 'a//b', 'alpine@sha256:xyz', 'alpine latest', '../etc', 'a:b:c', `a:${'t'.repeat(129)}`]) {
      expect(imageReference.safeParse(bad).success, bad).toBe(false);
    }
    expect(imageReference.parse('  alpine  ')).toBe('alpine');
  });

  it('pulls :latest when no tag or digest is given, like docker pull', () => {
    expect(withDefaultTag('alpine')).toBe('alpine:latest');
    expect(withDefaultTag('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(withDefaultTag('alpine:3.20')).toBe('alpine:3.20');
    expect(withDefaultTag(`alpine@sha256:${'a'.repeat(64)}`)).toBe(`alpine@sha256:${'a'.repeat(64)}`);
  });
});
