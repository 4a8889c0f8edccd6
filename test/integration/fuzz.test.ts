/**
 * Malformed input through every channel and stream kind of the contract, on both transports.
 *
 * The channels and stream kinds are read from the contract at run time, so a channel added later
 * is fuzzed without touching this file. Inputs come from fast-check with a fixed seed per channel
 * (derived from its name): a valid-shaped object built from the channel's zod schema with one
 * field corrupted, removed or added, or a junk value instead of the whole input; raw bodies for
 * the web bridge too. Every input is checked against the schema before it is sent: an input the
 * schema accepts is only sent to a read-only channel (it may then succeed), never to one that
 * changes something.
 *
 * The core drives a private dockerd (test/support/private-engine.ts) that only this file uses, so
 * "nothing changed" is an exact comparison of its containers, volumes, networks and images, plus
 * a sentinel directory on the host.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { z } from 'zod';
import { channelNames, channels } from '../../shared/contract';
import type { ErrorCode, Result } from '../../shared/errors';
import { streamKindNames, streamKinds } from '../../shared/streams';
import { createCore, type Core } from '../../electron/core/core';
import { startWebBridge, type WebBridge } from '../../electron/transport/web-bridge';
import { labelArgs, removeTestResources, TEST_IMAGE, useEngine, waitFor } from '../support/engine';
import { PrivateEngine } from '../support/private-engine';

/** Per channel and transport; the total is this times the number of channels, twice. */
const PER_CHANNEL = Number(process.env.PATCHBAY_FUZZ_PER_CHANNEL ?? 1000);
const PER_STREAM_KIND = Number(process.env.PATCHBAY_FUZZ_PER_STREAM_KIND ?? 300);
const SEED = 0x5eed_0008;
const SENTINEL = '/tmp/patchbay-fuzz-sentinel';
const TOKEN = 'fuzz-token-0123456789abcdef0123';
const ERROR_CODES: readonly ErrorCode[] = [
  'invalid-input',
  'unknown-channel',
  'not-found',
  'conflict',
  'in-use',
  'engine-unavailable',
  'forbidden',
  'engine-error',
  'internal',
];
/** Channels that only read: an input the schema accepts may be sent to them and may succeed. */
const READ_ONLY_ACTION =
  /^(list|get|status|info|inspect|details|removal-plan|prune-plan|lineage|networks|image-info|container-as-form|container-mounts|preflight|read|explain|[a-z-]*-explain|explain-[a-z-]*)$/;
const isReadOnly = (channel: string) => READ_ONLY_ACTION.test(channel.split(':')[1] ?? '');

const engine = new PrivateEngine();
let core: Core;
let bridge: WebBridge;
const logged: string[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
const TARGET = `pbfuzz-target-${engine.bridge.slice(-6)}`;
const VOLUME = `pbfuzz-vol-${engine.bridge.slice(-6)}`;

// ---------------------------------------------------------------------------------------------
// The inputs

const HOSTILE_STRINGS = [
  '../../etc/passwd',
  '../../../../../../../../etc/shadow',
  '/etc/passwd',
  '..',
  '.',
  '/',
  '//',
  '..\\..\\..\\windows\\win.ini',
  `${SENTINEL}/a.txt`,
  `../../../../..${SENTINEL}/sub`,
  `/proc/self/environ`,
  '; rm -rf / $(id) `id`',
  `$(touch ${SENTINEL}/pwned)`,
  `\`touch ${SENTINEL}/pwned\``,
  '| id',
  '&& reboot',
  '\nid\n',
  '-rf',
  '--privileged',
  '-v=/:/host',
  '\0',
  'a\0b',
  '%00',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '\u202Eevil\u202C',
  '\u200F\u200E\u200B',
  '\uD800',
  '\uDFFF',
  'a\uD83Db',
  '😀'.repeat(100),
  'Ａｂｃ',
  ' ',
  '',
  '\t',
  'null',
  'undefined',
  'NaN',
  '-1',
  '99999',
  '0x50',
  '1e309',
  'x'.repeat(70_000),
  'y'.repeat(300_000),
  'containers/json',
  '/var/run/docker.sock',
  'http://127.0.0.1:2375/containers/json',
];
const HOSTILE_NUMBERS = [-1, -0, 0.5, -65_536, 65_536, 65_535.5, 2 ** 31, 2 ** 32, 2 ** 53 + 2, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString'];

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** An own property even for `__proto__`, as JSON.parse makes it. */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

const pollution = () => JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}') as unknown;

/** Values a structured clone (Electron IPC) can carry but JSON cannot: only sent through the core. */
const cloneOnly = fc.constantFrom<unknown>(2n ** 70n, new Date(NaN), new Map([['id', 'x']]), new Set(['x']), new Uint8Array(8), /x/g, new Array<unknown>(3));

const hostile = (cloneValues: boolean): fc.Arbitrary<unknown> =>
  fc.oneof(
    { arbitrary: fc.constantFrom<unknown>(...HOSTILE_STRINGS), weight: 6 },
    { arbitrary: fc.constantFrom<unknown>(...HOSTILE_NUMBERS), weight: 3 },
    { arbitrary: fc.constantFrom<unknown>(true, false, null, [], {}, [[['x']]], ['../../etc/passwd'], { id: 5 }), weight: 2 },
    { arbitrary: fc.constant(null).map(() => pollution()), weight: 1 },
    { arbitrary: fc.constantFrom<unknown>(nested(2_000, 'array'), nested(2_000, 'object')), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 1 },
    { arbitrary: fc.oneof(fc.integer(), fc.double()), weight: 2 },
    { arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true }), weight: 2 },
    { arbitrary: cloneValues ? cloneOnly : fc.constant(-1), weight: cloneValues ? 1 : 0 },
  );

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A plausible value of the schema's shape; not necessarily valid (regexes are not honoured). */
function sample(schema: z.ZodType, depth = 0): unknown {
  if (depth > 8) return undefined;
  const def = defOf(schema);
  const inner = (key: string) => sample(def[key] as z.ZodType, depth + 1);
  switch (def.type) {
    case 'object':
      return Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([key, value]) => [key, sample(value, depth + 1)]));
    case 'string':
      return depth % 2 ? TARGET : VOLUME;
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'literal':
      return (def.values as unknown[])[0];
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'array':
      return [inner('element')];
    case 'union':
      return sample((def.options as z.ZodType[])[0], depth + 1);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner('innerType');
    case 'pipe':
      return inner('in');
    case 'record':
      return { key: 'value' };
    default:
      return undefined;
  }
}

type Path = Array<string | number>;

/** Paths to every value in `value` (objects and arrays, up to depth 4), the root excluded. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length >= 4 || value === null || typeof value !== 'object') return out;
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    out.push(path);
    pathsOf(child, path, out);
  }
  return out;
}

/** Copies the objects and arrays of a sampled shape; values below depth 10 (deep junk) are shared. */
function clone<T>(value: T, depth = 0): T {
  if (depth > 10 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => clone(item, depth + 1)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) withOwn(copy, key, clone(item, depth + 1));
  return copy as T;
}

/** The object holding the value at `path`, or null when an earlier corruption took it away. */
function parentOf(root: unknown, path: Path): Record<string | number, unknown> | null {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>) : null;
}

function replaced(base: unknown, path: Path, value: unknown): unknown {
  const copy = clone(base);
  const parent = parentOf(copy, path);
  if (parent) withOwn(parent as Record<string, unknown>, String(path[path.length - 1]), value);
  return copy;
}

function removed(base: unknown, path: Path): unknown {
  const copy = clone(base);
  const parent = parentOf(copy, path);
  if (!parent) return copy;
  if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
  else delete parent[path[path.length - 1]];
  return copy;
}

function added(base: unknown, objectPath: Path, key: string, value: unknown): unknown {
  const copy = clone(base);
  const node = objectPath.length ? getAt(copy, objectPath) : copy;
  if (isPlainObject(node)) withOwn(node as Record<string, unknown>, key, value);
  return copy;
}

/** Malformed inputs for one schema: fast-check, seeded from `seedName`, so each run sends the same. */
function inputsFor(schema: z.ZodType, cloneValues: boolean): fc.Arbitrary<unknown> {
  const base = sample(schema);
  const paths = pathsOf(base);
  const objectPaths: Path[] = [[], ...paths.filter((p) => isPlainObject(getAt(base, p)))];
  const options: Array<fc.WeightedArbitrary<unknown>> = [
    { arbitrary: hostile(cloneValues), weight: 3 },
    {
      arbitrary: fc
        .record({ path: fc.constantFrom(...objectPaths), key: fc.oneof(fc.constantFrom(...PROTO_KEYS, 'extra', '../../etc/passwd', '$(id)'), fc.string({ maxLength: 12 })), value: hostile(cloneValues) })
        .map(({ path, key, value }) => added(base, path, key, value)),
      weight: 3,
    },
  ];
  if (paths.length) {
    options.push({ arbitrary: fc.record({ path: fc.constantFrom(...paths), value: hostile(cloneValues) }).map(({ path, value }) => replaced(base, path, value)), weight: 10 });
    options.push({ arbitrary: fc.constantFrom(...paths).map((path) => removed(base, path)), weight: 2 });
    options.push({
      arbitrary: fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...paths), hostile(cloneValues), hostile(cloneValues)).map(([a, b, va, vb]) => replaced(replaced(base, a, va), b, vb)),
      weight: 2,
    });
  }
  return fc.oneof(...options);
}

function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  return node;
}

const isPlainObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);

function seedOf(name: string): number {
  return (SEED ^ createHash('sha256').update(name).digest().readUInt32BE(0)) | 0;
}

function accepts(schema: z.ZodType, input: unknown): boolean | 'threw' {
  try {
    return schema.safeParse(input ?? {}).success;
  } catch {
    return 'threw';
  }
}

/** What the web bridge hands to the core for this body. */
function overTheWire(input: unknown): { body: string; parsed: unknown } {
  const body = JSON.stringify(input) as string | undefined;
  return body === undefined ? { body: '', parsed: {} } : { body, parsed: JSON.parse(body) as unknown };
}

interface Planned {
  input: unknown;
  /** The schema accepts it (so it only goes to a read-only channel). */
  valid: boolean;
}

/** `count` inputs to send; valid ones only for read-only targets. */
function plan(schema: z.ZodType, name: string, count: number, transport: 'core' | 'http', readOnly: boolean, stats: { skippedValid: number }): Planned[] {
  const arbitrary = inputsFor(schema, transport === 'core');
  const out: Planned[] = [];
  for (let round = 0; out.length < count && round < 20; round += 1) {
    for (const input of fc.sample(arbitrary, { seed: seedOf(`${transport}:${name}:${round}`), numRuns: count })) {
      if (out.length >= count) break;
      const effective = transport === 'http' ? overTheWire(input).parsed : input;
      const verdict = accepts(schema, effective);
      if (verdict === true && !readOnly) {
        stats.skippedValid += 1;
        continue;
      }
      out.push({ input, valid: verdict === true });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checking answers

interface Tally {
  tried: number;
  misbehaved: number;
  examples: string[];
}
const newTally = (): Tally => ({ tried: 0, misbehaved: 0, examples: [] });

function describeInput(input: unknown): string {
  try {
    const text = JSON.stringify(input, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
    return (text ?? String(input)).slice(0, 160);
  } catch {
    return String(input).slice(0, 160);
  }
}

function problemWith(result: unknown, valid: boolean, readOnly: boolean): string | null {
  const text = (() => {
    try {
      return JSON.stringify(result) ?? '';
    } catch {
      return '';
    }
  })();
  if (/root:[^:\n]*:0:0:/.test(text)) return 'the answer contains /etc/passwd';
  const r = result as Result<unknown> | null;
  if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') return `not a Result: ${text.slice(0, 200)}`;
  if (r.ok) {
    if (!valid) return 'ok:true for an input the schema refuses';
    if (!readOnly) return 'ok:true on a channel that changes something';
    return null;
  }
  const { error } = r;
  if (!error || typeof error.code !== 'string' || !ERROR_CODES.includes(error.code)) return `untyped error: ${text.slice(0, 200)}`;
  if (typeof error.message !== 'string' || !error.message) return 'error without a message';
  if (error.message.length > 2_000) return `the message echoes the input (${error.message.length} chars)`;
  if (error.code === 'internal') return `internal error: ${error.message.slice(0, 200)}`;
  if (!valid && error.code !== 'invalid-input') return `code ${error.code} for invalid input: ${error.message.slice(0, 200)}`;
  return null;
}

function record(tally: Tally, label: string, input: unknown, problem: string | null): void {
  tally.tried += 1;
  if (!problem) return;
  tally.misbehaved += 1;
  if (tally.examples.length < 20) tally.examples.push(`${label} ${describeInput(input)} → ${problem}`);
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

function post(path: string, body: string | Buffer, timeoutMs = 30_000): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: bridge.port,
        method: 'POST',
        path,
        agent,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, 'Content-Length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`POST ${path} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/** What the web bridge makes of a raw body: empty is `{}`, else JSON (a parse failure is never valid). */
function bridgeParse(body: string | Buffer): unknown {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (Buffer.byteLength(text) === 0) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return Symbol('not JSON');
  }
}

// ---------------------------------------------------------------------------------------------
// What must not change

async function engineSnapshot(): Promise<Record<string, string>> {
  const [containers, volumes, networks, images] = await Promise.all([
    engine.docker(['ps', '-a', '--no-trunc', '--format', '{{.ID}}\t{{.Names}}\t{{.Image}}\t{{.Command}}\t{{.State}}\t{{.Mounts}}\t{{.Networks}}\t{{.Labels}}']),
    engine.docker(['volume', 'ls', '--format', '{{.Name}}\t{{.Driver}}\t{{.Labels}}']),
    engine.docker(['network', 'ls', '--no-trunc', '--format', '{{.ID}} {{.Name}} {{.Driver}}']),
    engine.docker(['images', '-q', '--no-trunc']),
  ]);
  // The CLI prints mounts, networks and labels in map order, which changes from call to call.
  const field = (value: string) => value.split(',').sort().join(',');
  const sorted = (text: string) =>
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t').map(field).join(' '))
      .sort()
      .join('\n');
  return { containers: sorted(containers), volumes: sorted(volumes), networks: sorted(networks), images: sorted(images) };
}

function treeSnapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      const stat = statSync(full);
      if (stat.isDirectory()) {
        out.push(`${full}/ ${stat.mode.toString(8)} ${stat.mtimeMs}`);
        walk(full);
      } else {
        out.push(`${full} ${stat.mode.toString(8)} ${stat.size} ${stat.mtimeMs} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
      }
    }
  };
  walk(dir);
  return out;
}

// ---------------------------------------------------------------------------------------------

let engineBefore: Record<string, string>;
let sentinelBefore: string[];
const summary: string[] = [];

useEngine(async () => {
  rmSync(SENTINEL, { recursive: true, force: true });
  mkdirSync(join(SENTINEL, 'sub'), { recursive: true });
  writeFileSync(join(SENTINEL, 'a.txt'), 'sentinel a\n');
  writeFileSync(join(SENTINEL, 'sub', 'b.txt'), 'sentinel b\n');
  await engine.start();
  await engine.loadTestImage();
  // Something real for the references to hit: a running container with a volume, on no network.
  await engine.docker(['volume', 'create', ...labelArgs(), VOLUME]);
  await engine.docker(['run', '-d', ...labelArgs(), '--network', 'none', '--name', TARGET, '-v', `${VOLUME}:/data`, TEST_IMAGE, 'sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"]);
  core = createCore({ dockerHost: engine.dockerHost, log: (message) => logged.push(message) });
  core.start();
  await waitFor(
    async () => {
      const status = await core.invoke('engine:status', {});
      return status.ok && (status.value as { state: string }).state === 'up';
    },
    { timeoutMs: 30_000, description: 'the core to reach the private engine' },
  );
  bridge = await startWebBridge({ core, port: 0, staticDir: join(SENTINEL, 'no-static-files'), token: TOKEN });
  engineBefore = await engineSnapshot();
  sentinelBefore = treeSnapshot(SENTINEL);
});

afterAll(async () => {
  try {
    agent.destroy();
    if (bridge) await Promise.race([bridge.close(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    core?.stop();
  } finally {
    await engine.destroy();
    rmSync(SENTINEL, { recursive: true, force: true });
    await removeTestResources({ thisRunOnly: true });
    if (summary.length) console.log(`fuzz summary\n  ${summary.join('\n  ')}`);
  }
});

describe('fuzz: malformed input on every channel and stream kind, both transports', () => {
  const coreTally = newTally();
  const httpTally = newTally();
  const stats = { skippedValid: 0, validReadOnlySent: 0 };

  it(`core.invoke: ${PER_CHANNEL} inputs per channel, each a typed error`, { timeout: 120_000 }, async () => {
    const started = Date.now();
    for (const name of channelNames) {
      const schema = channels[name].input as z.ZodType;
      const readOnly = isReadOnly(name);
      const inputs = plan(schema, name, PER_CHANNEL, 'core', readOnly, stats);
      expect(inputs.length, `${name}: could not make ${PER_CHANNEL} inputs`).toBe(PER_CHANNEL);
      await pool(inputs, 32, async ({ input, valid }) => {
        if (valid) stats.validReadOnlySent += 1;
        let result: unknown;
        try {
          result = await core.invoke(name, input);
        } catch (error) {
          record(coreTally, name, input, `invoke threw: ${String(error)}`);
          return;
        }
        record(coreTally, name, input, problemWith(result, valid, readOnly));
      });
    }
    // Unknown channel names, hostile ones among them.
    const unknown = fc.sample(fc.oneof(fc.constantFrom('../containers/json', 'containers:list/../../x', '__proto__', 'constructor', 'toString', 'raw', 'proxy', 'docker:raw'), fc.string({ unit: 'binary', maxLength: 30 })), { seed: SEED, numRuns: 200 });
    for (const name of unknown.filter((n) => !(channelNames as readonly string[]).includes(n))) {
      const result = await core.invoke(name, {});
      record(coreTally, `unknown ${JSON.stringify(name)}`, {}, (result as { ok: boolean; error?: { code: string } }).error?.code === 'unknown-channel' ? null : 'not unknown-channel');
    }
    summary.push(`core.invoke: ${coreTally.tried} tried (${channelNames.length} channels × ${PER_CHANNEL} + unknown names), ${coreTally.misbehaved} misbehaved, ${Date.now() - started} ms`);
    expect(coreTally.examples).toEqual([]);
    expect(coreTally.misbehaved).toBe(0);
  });

  it(`web bridge POST /api/<channel>: ${PER_CHANNEL} bodies per channel, each a typed error`, { timeout: 180_000 }, async () => {
    const started = Date.now();
    const rawBodies = (name: string): Array<string | Buffer> => [
      '{',
      '{"id":',
      '[1,2',
      "{'id':'x'}",
      '{"id":"x",}',
      'nul',
      'NaN',
      'undefined',
      '\u0000',
      '\uFEFF{}x',
      '{"id":"\\uD800"',
      '{"a":1}{"b":2}',
      '"unterminated',
      Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
      Buffer.from([0xc3, 0x28, 0x7b, 0x7d]),
      '['.repeat(100_000),
      '{"a":'.repeat(50_000),
      `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
      ...fc.sample(fc.uint8Array({ maxLength: 64 }), { seed: seedOf(`raw:${name}`), numRuns: 20 }).map((bytes) => Buffer.from(bytes)),
      ...fc.sample(fc.json({ maxDepth: 3 }), { seed: seedOf(`json:${name}`), numRuns: 20 }),
    ];
    const hugeBody = `{"id":"${'z'.repeat(3 * 1024 * 1024)}`;
    for (const name of channelNames) {
      const schema = channels[name].input as z.ZodType;
      const readOnly = isReadOnly(name);
      // A raw body that happens to be valid JSON the schema accepts is sent to read-only channels only.
      const raws = rawBodies(name).filter((body) => readOnly || accepts(schema, bridgeParse(body)) !== true);
      const inputs = plan(schema, name, PER_CHANNEL - raws.length - 1, 'http', readOnly, stats);
      const path = `/api/${encodeURIComponent(name)}`;
      await pool(inputs, 12, async ({ input, valid }) => {
        if (valid) stats.validReadOnlySent += 1;
        const { body } = overTheWire(input);
        try {
          const reply = await post(path, body);
          const problem = reply.status !== 200 ? `HTTP ${reply.status}` : problemWith(parseJson(reply.text), valid, readOnly);
          record(httpTally, name, input, problem);
        } catch (error) {
          record(httpTally, name, input, `request failed: ${String(error)}`);
        }
      });
      await pool([...raws, hugeBody], 4, async (body) => {
        const label = `${name} raw`;
        const shown = typeof body === 'string' ? body.slice(0, 80) : `bytes ${body.toString('hex').slice(0, 80)}`;
        try {
          const reply = await post(path, body);
          const json = parseJson(reply.text);
          let problem: string | null;
          if (reply.status === 400 || reply.status === 413) {
            problem = (json as { ok?: boolean; error?: { code?: string } }).error?.code === 'invalid-input' ? null : `HTTP ${reply.status} without a typed error`;
          } else if (reply.status === 200) {
            // Bytes that happened to be JSON: then the schema decides, as for any input.
            const valid = accepts(schema, bridgeParse(body)) === true;
            problem = problemWith(json, valid, readOnly);
          } else problem = `HTTP ${reply.status}`;
          record(httpTally, label, shown, problem);
        } catch (error) {
          record(httpTally, label, shown, `request failed: ${String(error)}`);
        }
      });
    }
    // Unknown and traversing channel names are 404 (or 400 for a malformed address), never forwarded.
    const names = ['..%2Fcontainers%2Fjson', '..%2F..%2Fcontainers%2Fjson', '%2e%2e%2fcontainers%2fjson', 'raw', 'proxy', '__proto__', 'constructor', 'containers:list%00', 'containers%3Alist%2F..%2F..%2Fversion', '%E0%A4%A'];
    for (const name of names) {
      const reply = await post(`/api/${name}`, '{}');
      const code = (parseJson(reply.text) as { error?: { code?: string } }).error?.code;
      const ok = (reply.status === 404 && code === 'unknown-channel') || (reply.status === 400 && code === 'invalid-input');
      record(httpTally, `unknown /api/${name}`, {}, ok ? null : `HTTP ${reply.status} ${reply.text.slice(0, 120)}`);
    }
    summary.push(`web bridge: ${httpTally.tried} tried (${channelNames.length} channels × ${PER_CHANNEL} + unknown names), ${httpTally.misbehaved} misbehaved, ${Date.now() - started} ms`);
    expect(httpTally.examples).toEqual([]);
    expect(httpTally.misbehaved).toBe(0);
  });

  it(`streams: ${PER_STREAM_KIND} malformed opens per kind through core.openStream and the WebSocket`, { timeout: 120_000 }, async () => {
    const started = Date.now();
    const tally = newTally();
    for (const kind of streamKindNames) {
      const schema = streamKinds[kind].input as z.ZodType;
      // A stream that opens runs something in a container: only invalid inputs are sent.
      const coreInputs = plan(schema, `stream:${kind}`, PER_STREAM_KIND, 'core', false, stats);
      await pool(coreInputs, 16, async ({ input }) => {
        try {
          const result = await core.openStream(kind, input);
          if (result.ok) result.value.close();
          record(tally, `core ${kind}`, input, problemWith(result, false, false));
        } catch (error) {
          record(tally, `core ${kind}`, input, `openStream threw: ${String(error)}`);
        }
      });
    }

    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/ws`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const answers = new Map<number, unknown>();
    let closed = false;
    ws.on('close', () => (closed = true));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const message = JSON.parse(String(data)) as { type: string; id?: number };
      if (message.type !== 'event' && message.id !== undefined) answers.set(message.id, message);
    });
    // Junk frames first: they are ignored, and the socket stays up.
    for (const junk of [...fc.sample(fc.string({ unit: 'binary', maxLength: 200 }), { seed: SEED, numRuns: 100 }), '{"type":"stream-open"}', '{"type":"stream-open","id":-1,"kind":"terminal:exec","input":{}}', '{"type":"stream-ack","id":1,"bytes":1e309}', '{"__proto__":{"polluted":"yes"},"type":"stream-close","id":1}']) ws.send(junk);
    for (const bytes of fc.sample(fc.uint8Array({ maxLength: 100 }), { seed: SEED, numRuns: 100 })) ws.send(Buffer.from(bytes), { binary: true });

    let id = 1;
    const sent: Array<{ id: number; kind: string; input: unknown }> = [];
    for (const kind of [...streamKindNames, 'terminal:nope', '../raw', '__proto__']) {
      const known = (streamKindNames as readonly string[]).includes(kind);
      const inputs = known ? plan(streamKinds[kind as keyof typeof streamKinds].input as z.ZodType, `ws:${kind}`, PER_STREAM_KIND, 'http', false, stats) : [{ input: {}, valid: false }];
      for (const { input } of inputs) {
        // At most 32 streams per socket are pending at once: send in waves.
        sent.push({ id, kind, input });
        ws.send(JSON.stringify({ type: 'stream-open', id, kind, input }));
        id += 1;
        if (sent.length % 24 === 0) await waitFor(() => sent.every((s) => answers.has(s.id)), { timeoutMs: 30_000, description: 'stream-open answers' });
      }
    }
    await waitFor(() => sent.every((s) => answers.has(s.id)), { timeoutMs: 30_000, description: 'every stream-open answered' });
    for (const { id: sid, kind, input } of sent) {
      const answer = answers.get(sid) as { type: string; error?: { code: string; message: string } };
      const known = (streamKindNames as readonly string[]).includes(kind);
      const expected = known ? 'invalid-input' : 'unknown-channel';
      const problem = answer.type !== 'stream-open-failed' ? `answered ${answer.type}` : answer.error?.code !== expected ? `code ${answer.error?.code}` : null;
      record(tally, `ws ${kind}`, input, problem);
    }
    expect(closed).toBe(false);
    ws.close();
    summary.push(`streams: ${tally.tried} tried (${streamKindNames.length} kinds × ${PER_STREAM_KIND} × 2 transports + unknown kinds; plus 200 junk frames), ${tally.misbehaved} misbehaved, ${Date.now() - started} ms`);
    expect(tally.examples).toEqual([]);
    expect(tally.misbehaved).toBe(0);
  });

  it('afterwards: nothing changed, nothing was polluted, nothing was logged, and both transports still answer', async () => {
    summary.push(`valid-by-schema inputs sent to read-only channels: ${stats.validReadOnlySent}; valid ones withheld from changing channels: ${stats.skippedValid}`);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await engineSnapshot()).toEqual(engineBefore);
    expect(treeSnapshot(SENTINEL)).toEqual(sentinelBefore);
    expect(logged).toEqual([]);
    const status = await core.invoke('engine:status', {});
    expect(status).toMatchObject({ ok: true, value: { state: 'up' } });
    const reply = await post('/api/containers:list', '{}');
    expect(reply.status).toBe(200);
    const list = parseJson(reply.text) as { ok: boolean; value: { containers: Array<{ name: string }> } };
    expect(list.ok).toBe(true);
    expect(list.value.containers.map((c) => c.name)).toContain(TARGET);
  });
});
