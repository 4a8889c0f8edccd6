/**
 * Issue 8: the volume browser never writes outside the chosen mount, whatever path it is given.
 *
 * Through a real core, for a named volume and for a running container with a bind mount of a
 * temp folder, every write channel of the files feature (files:mkdir, files:upload-start/-chunk/
 * -finish, files:delete) is tried with hostile folders and names: `..` in every spelling,
 * URL-encoded dots, NUL, over-long and unicode names, absolute paths of the host, and symlinks
 * planted in the target that point out of it (`escape -> /etc`, `up -> ../../..`, one straight at
 * a sentinel folder next to the data). Both file-listing strategies run: the default (the host's
 * mountpoint read directly, as root) and `PATCHBAY_FILES_STRATEGY=helper` (helper containers).
 *
 * Witnesses: snapshots (recursive, with sizes and mtimes) of sentinel folders next to the volume's
 * `_data` and next to the bind folder, of the volume's folder itself, of /etc's top level; and a
 * search for this run's marker names in /, /etc, /tmp, /var/lib/docker and its volumes folder.
 * Every refused request must carry a typed error; every accepted one (a harmless in-target
 * normalisation, or — for a container — its own filesystem) must have landed inside the target.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors';
import type { FilesTarget } from '../../shared/volumes/model';
import { startCore, type CoreHarness } from '../support/core-harness';
import { docker, labelArgs, removeTestResources, runTestContainer, TEST_IMAGE, uniqueName, useEngine } from '../support/engine';

const MARK = `pbx${randomBytes(4).toString('hex')}`;
const PAYLOAD = Buffer.from('contained\n');
const volumeName = uniqueName('pb-contain');
const containerName = uniqueName('pb-contain');
/** The bind mount's parent: `bind/` is mounted at /data, `pb-sentinel/` sits next to it. */
const base = mkdtempSync(join(tmpdir(), 'pb-contain-'));
const bindDir = join(base, 'bind');
const SENTINEL = 'pb-sentinel';
let mountpoint = '';
let volumeDir = '';
let containerId = '';

/** Links planted in the target (`$1` is its root as the shell sees it, `$2` the sentinel's name); rebuilt for each run. */
const FIXTURE_SCRIPT = [
  'cd "$1" || exit 1',
  'rm -rf escape up sent dotdot rootlink loop sub clobber dellink dellink2 swapdir "%2e%2e"',
  'mkdir -p sub swapdir "%2e%2e" && echo in-target > sub/f',
  'ln -s /etc escape; ln -s ../../.. up; ln -s "../$2" sent; ln -s .. dotdot; ln -s / rootlink; ln -s loop loop',
  'ln -s ../.. sub/uplink; ln -s /etc clobber; ln -s /etc dellink; ln -s "../$2" dellink2',
].join('\n');

function makeSentinel(dir: string): void {
  mkdirSync(join(dir, 'deeper'), { recursive: true });
  writeFileSync(join(dir, 's1.txt'), 'sentinel one\n');
  writeFileSync(join(dir, 'deeper', 's2.txt'), 'sentinel two\n');
}

useEngine(async () => {
  mkdirSync(bindDir);
  makeSentinel(join(base, SENTINEL));
  await docker(['volume', 'create', ...labelArgs(), volumeName]);
  mountpoint = await docker(['volume', 'inspect', '-f', '{{.Mountpoint}}', volumeName]);
  volumeDir = dirname(mountpoint);
  makeSentinel(join(volumeDir, SENTINEL));
  containerId = await runTestContainer(containerName, ['--network', 'none', '-v', `${bindDir}:/data`]);
});

afterAll(async () => {
  delete process.env.PATCHBAY_FILES_STRATEGY;
  if (volumeDir) rmSync(join(volumeDir, SENTINEL), { recursive: true, force: true });
  await removeTestResources({ thisRunOnly: true });
  rmSync(base, { recursive: true, force: true });
});

// ---- witnesses ----

type Snapshot = Record<string, string>;

/** Every entry below `root` (links not followed) with type, size and mtime; `skip` names at the top are left out. */
function snapshotTree(root: string, skip: string[] = [], maxEntries = 20_000): Snapshot {
  const out: Snapshot = {};
  const walk = (dir: string, rel: string, depth: number) => {
    for (const name of readdirSync(dir).sort()) {
      if (depth === 0 && skip.includes(name)) continue;
      if (Object.keys(out).length >= maxEntries) throw new Error(`more than ${maxEntries} entries below ${root}`);
      const full = join(dir, name);
      const st = lstatSync(full);
      const type = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : 'file';
      out[`${rel}${name}`] = `${type} ${type === 'dir' ? '-' : st.size} ${st.mtimeMs}`;
      if (type === 'dir' && depth < 8) walk(full, `${rel}${name}/`, depth + 1);
    }
  };
  walk(root, '', 0);
  return out;
}

function topLevel(dir: string): Snapshot {
  const out: Snapshot = {};
  for (const name of readdirSync(dir)) {
    try {
      const st = lstatSync(join(dir, name));
      out[name] = `${st.isDirectory() ? 'dir' : st.size} ${st.mtimeMs}`;
    } catch {
      // gone meanwhile (another process's temp file)
    }
  }
  return out;
}

interface Witness {
  volumeDir: Snapshot;
  baseDir: Snapshot;
  etc: Snapshot;
}

function witness(): Witness {
  return {
    // The volume's own folder (its _data aside): pb-sentinel and anything a `..` could reach.
    volumeDir: snapshotTree(volumeDir, ['_data']),
    // The bind folder's parent (the bind folder aside): pb-sentinel next to it.
    baseDir: snapshotTree(base, ['bind']),
    etc: topLevel('/etc'),
  };
}

/** This run's marker names found where no write may land (other processes use /tmp: only markers count there). */
function markersOutside(): string[] {
  const found: string[] = [];
  const places = ['/', '/etc', '/tmp', '/var/lib/docker', dirname(volumeDir), volumeDir, base, join(volumeDir, SENTINEL), join(base, SENTINEL)];
  for (const place of places) {
    for (const name of readdirSync(place)) if (name.includes(MARK)) found.push(join(place, name));
  }
  return found;
}

// ---- the attempts ----

type Channel = 'mkdir' | 'upload' | 'delete';
/**
 * `refuse`: must fail with a typed error. `inside`: may succeed, and then must have landed inside
 * the target. `accept`: a harmless request that must succeed, inside the target.
 */
type Expectation = 'refuse' | 'inside' | 'accept';

interface Case {
  channel: Channel;
  path: string;
  name?: string;
  expect: Expectation;
  /** For an accepted delete: what must be gone, relative to the target's root, checked afterwards. */
  gone?: string;
}

interface Attempt {
  c: Case;
  result: Result<unknown>;
}

interface TargetSpec {
  label: 'volume' | 'container';
  target: () => FilesTarget;
  /** The mount's root as paths in the target spell it: '' for a volume, '/data' for the container. */
  root: string;
  /** Runs a shell script where the target's files are, with its root (as the shell sees it) as `$1`. */
  shell(script: string, ...args: string[]): Promise<string>;
  /** Where an accepted write with reported path `path` really is; throws when it is not inside the target. */
  landed(path: string): Promise<string>;
}

const volumeSpec: TargetSpec = {
  label: 'volume',
  target: () => ({ kind: 'volume', name: volumeName }),
  root: '',
  shell: (script, ...args) => docker(['run', '--rm', ...labelArgs(), '--network', 'none', '-v', `${volumeName}:/v`, TEST_IMAGE, 'sh', '-c', script, 'sh', '/v', ...args]),
  landed: async (path) => {
    const host = mountpoint + path;
    lstatSync(host); // throws when it is not there
    const parent = realpathSync(dirname(host));
    const root = realpathSync(mountpoint);
    if (parent !== root && !parent.startsWith(`${root}/`)) throw new Error(`${path} landed in ${parent}, outside ${root}`);
    return `volume ${parent.slice(root.length) || '/'}`;
  },
};

const containerSpec: TargetSpec = {
  label: 'container',
  target: () => ({ kind: 'container', id: containerId }),
  root: '/data',
  shell: (script, ...args) => docker(['exec', containerId, 'sh', '-c', script, 'sh', '/data', ...args]),
  landed: async (path) => {
    // The container's own view: its filesystem is the target (a bind folder's host side is checked too).
    const real = await docker(['exec', containerId, 'sh', '-c', 'd=$(cd -P -- "$(dirname -- "$1")" && pwd -P) && { [ -e "$1" ] || [ -L "$1" ]; } && echo "$d"', 'sh', path]);
    if (real === '/data' || real.startsWith('/data/')) {
      const hostParent = realpathSync(join(bindDir, real.slice('/data'.length)));
      if (hostParent !== bindDir && !hostParent.startsWith(`${bindDir}/`)) throw new Error(`${path} landed in ${hostParent} on the host`);
      return `bind ${real}`;
    }
    return `container fs ${real}`;
  },
};

function casesFor(spec: TargetSpec, strategy: string): Case[] {
  const R = spec.root;
  const top = R || '/';
  let n = 0;
  const m = () => `${MARK}-${spec.label}-${strategy}-${n++}`;
  const inContainer = spec.label === 'container';
  /** Through a symlink planted in the target: for a volume always refused; in a container the engine keeps it inside the container. */
  const viaLink: Expectation = inContainer ? 'inside' : 'refuse';
  const cases: Case[] = [];

  // Folders that climb out of the root, in every spelling.
  const climbing = [
    '..', '../', '../..', '../../etc', '/..', '/../..', '/../../tmp', 'a/../..', 'sub/../..', './..', '//..//..', 'sub/./../../etc',
    `${R}/../..`, `${R}/../../etc`, `${R}/sub/../../..`, '../'.repeat(50), '/./../',
  ];
  // Spellings that are not `..` at all: literal names inside the target (absent, or the planted literal `%2e%2e` folder).
  const literal = ['%2e%2e', '..%2f..', '%2e%2e%2fetc', '\\..\\..', '....', `${R}/%2e%2e`, `${R}/sub/../%2e%2e`];
  // Harmless normalisations that stay inside.
  const inside = [`${top}`, `${R}/sub/..`, `${R}/./sub`, `${R}//sub/`, `${R}/sub/../sub/.`];
  // Absolute paths of the host: inside a volume they are just absent folders; a container has its own /etc and /tmp.
  const absolute = ['/etc', '/tmp', '/var/lib/docker/volumes', volumeDir, join(volumeDir, SENTINEL), base, join(base, SENTINEL)];
  // Through links planted in the target.
  const links = ['escape', 'escape/', 'up', 'up/tmp', 'up/etc', 'sent', 'sent/deeper', 'dotdot', `dotdot/${SENTINEL}`, 'rootlink', 'rootlink/tmp', 'loop', 'sub/uplink', 'sub/uplink/tmp'].map((l) => `${R}/${l}`);
  const broken = ['sub\0/..', `${R}/\0`, `${'a/'.repeat(2100)}x`];

  for (const path of climbing) for (const channel of ['mkdir', 'upload'] as const) cases.push({ channel, path, name: m(), expect: 'refuse' });
  for (const path of literal) for (const channel of ['mkdir', 'upload'] as const) cases.push({ channel, path, name: m(), expect: 'inside' });
  for (const path of inside) for (const channel of ['mkdir', 'upload'] as const) cases.push({ channel, path, name: m(), expect: 'accept' });
  for (const path of absolute) for (const channel of ['mkdir', 'upload'] as const) cases.push({ channel, path, name: m(), expect: inContainer ? 'inside' : 'refuse' });
  for (const path of links) for (const channel of ['mkdir', 'upload'] as const) cases.push({ channel, path, name: m(), expect: viaLink });
  for (const path of broken) for (const channel of ['mkdir', 'upload'] as const) cases.push({ channel, path, name: m(), expect: 'refuse' });

  // Hostile names into the root (each channel gets its own marker, so an upload never meets the folder mkdir made).
  const badNames = [
    () => '..', () => '.', () => '', (x: string) => `../${x}`, (x: string) => `../../etc/${x}`, (x: string) => `sub/${x}`, (x: string) => `/${x}`,
    (x: string) => `${x}\0`, () => '\0', (x: string) => `${x}/`, (x: string) => `${x}${'x'.repeat(256)}`, (x: string) => `${x}${'😀'.repeat(64)}`, (x: string) => `${x}${'é'.repeat(128)}`,
  ];
  const oddNames = [
    (x: string) => `${x}${'x'.repeat(200)}`, (x: string) => `${x}-ünïcödé-😀-名前`, (x: string) => `..%2f${x}`, (x: string) => `%2e%2e%2f${x}`,
    (x: string) => `${x}\\..\\..`, (x: string) => `...${x}`, (x: string) => `${x}\nsecond line`, (x: string) => `-rf ${x}`,
  ];
  for (const channel of ['mkdir', 'upload'] as const) {
    for (const name of badNames) cases.push({ channel, path: top, name: name(m()), expect: 'refuse' });
    for (const name of oddNames) cases.push({ channel, path: top, name: name(m()), expect: 'accept' });
  }
  // An existing link as the new entry's name: a folder cannot replace it; a file replaces the link itself (not /etc).
  cases.push({ channel: 'mkdir', path: top, name: 'escape', expect: 'refuse' });
  cases.push({ channel: 'upload', path: top, name: 'clobber', expect: 'accept' });

  // Deletes: climbing, through links (at sentinel files, never at real host files), and harmless ones.
  for (const path of climbing) cases.push({ channel: 'delete', path: `${path}/${m()}`, expect: 'refuse' }, { channel: 'delete', path, expect: 'refuse' });
  // The root itself (never `/data` of the container: deleting a folder of a container is its right).
  for (const path of ['/', '', '.', '//', '/./', 'sub/..']) cases.push({ channel: 'delete', path, expect: 'refuse' });
  cases.push(
    { channel: 'delete', path: `${R}/sent/s1.txt`, expect: viaLink },
    { channel: 'delete', path: `${R}/sent/deeper`, expect: viaLink },
    { channel: 'delete', path: `${R}/dotdot/${SENTINEL}/s1.txt`, expect: viaLink },
    { channel: 'delete', path: `${R}/up/tmp/${basename(base)}/${SENTINEL}/s1.txt`, expect: viaLink },
    { channel: 'delete', path: `${R}/up${volumeDir}/${SENTINEL}/s1.txt`, expect: viaLink },
    { channel: 'delete', path: `${R}/rootlink${join(base, SENTINEL)}/deeper/s2.txt`, expect: viaLink },
    { channel: 'delete', path: `${R}/escape/${m()}`, expect: viaLink },
    { channel: 'delete', path: `${R}/sub/uplink/${m()}`, expect: viaLink },
    { channel: 'delete', path: `${R}/loop/${m()}`, expect: 'refuse' },
    { channel: 'delete', path: `${R}/sub\0`, expect: 'refuse' },
    // A link itself goes, never what it points at.
    { channel: 'delete', path: `${R}/dellink`, expect: 'accept', gone: 'dellink' },
    { channel: 'delete', path: `${R}/dellink2`, expect: 'accept', gone: 'dellink2' },
    { channel: 'delete', path: `${R}/sub/../sub/f`, expect: 'accept', gone: 'sub/f' },
  );
  for (const path of absolute) cases.push({ channel: 'delete', path: `${path}/${m()}`, expect: inContainer ? 'inside' : 'refuse' });
  return cases;
}

async function attempt(h: CoreHarness, target: FilesTarget, c: Case): Promise<Result<unknown>> {
  if (c.channel === 'mkdir') return h.invoke('files:mkdir', { target, path: c.path, name: c.name });
  if (c.channel === 'delete') return h.invoke('files:delete', { target, path: c.path });
  const started = await h.invoke('files:upload-start', { target, path: c.path, name: c.name, size: PAYLOAD.length });
  if (!started.ok) return started;
  const { uploadId } = started.value as { uploadId: string };
  const chunk = await h.invoke('files:upload-chunk', { uploadId, dataBase64: PAYLOAD.toString('base64') });
  if (!chunk.ok) return chunk;
  return h.invoke('files:upload-finish', { uploadId });
}

const describeCase = (c: Case) => `${c.channel} ${JSON.stringify(c.path.length > 80 ? `${c.path.slice(0, 40)}…(${c.path.length})` : c.path)}${c.name === undefined ? '' : ` name ${JSON.stringify(c.name.length > 60 ? `${c.name.slice(0, 30)}…(${c.name.length})` : c.name)}`}`;

const totals = { tried: 0, refused: 0, accepted: 0 };

describe.each(['direct', 'helper'] as const)('the %s strategy', (strategy) => {
  let h: CoreHarness;
  beforeAll(async () => {
    if (strategy === 'helper') process.env.PATCHBAY_FILES_STRATEGY = 'helper';
    else delete process.env.PATCHBAY_FILES_STRATEGY;
    h = await startCore();
  });
  afterAll(() => {
    h?.stop();
    delete process.env.PATCHBAY_FILES_STRATEGY;
  });

  it.each([volumeSpec, containerSpec])('never writes outside the $label, whatever the path or name', async (spec) => {
    await spec.shell(FIXTURE_SCRIPT, SENTINEL);
    const target = spec.target();
    // The strategy really is the one under test: a listing says how it was made.
    const listing = await h.call<{ via: string }>('files:list', { target, path: `${spec.root}/sub` });
    expect(listing.via).toBe(strategy === 'helper' ? (spec.label === 'volume' ? 'helper' : 'exec') : 'mountpoint');

    const before = witness();
    const cases = casesFor(spec, strategy);
    const attempts: Attempt[] = [];
    for (const c of cases) attempts.push({ c, result: await attempt(h, target, c) });

    // Hostile upload sessions: ids that are paths, unknown ids, more data than announced.
    const session: Attempt[] = [];
    const sessionCase = (what: string): Case => ({ channel: 'upload', path: what, expect: 'refuse' });
    session.push({ c: sessionCase('chunk id ../x'), result: await h.invoke('files:upload-chunk', { uploadId: '../x', dataBase64: 'eA==' }) });
    session.push({ c: sessionCase('finish id ../../etc'), result: await h.invoke('files:upload-finish', { uploadId: '../../etc' }) });
    session.push({ c: sessionCase('chunk unknown id'), result: await h.invoke('files:upload-chunk', { uploadId: '0'.repeat(24), dataBase64: 'eA==' }) });
    const over = await h.call<{ uploadId: string }>('files:upload-start', { target, path: `${spec.root}/sub`, name: `${MARK}-over-${strategy}`, size: 1 });
    session.push({ c: sessionCase('chunk beyond the size'), result: await h.invoke('files:upload-chunk', { uploadId: over.uploadId, dataBase64: PAYLOAD.toString('base64') }) });
    session.push({ c: sessionCase('finish after the cancel'), result: await h.invoke('files:upload-finish', { uploadId: over.uploadId }) });
    // The folder turns into a link out of the target between the start and the finish.
    const swapName = `${MARK}-swap-${spec.label}-${strategy}`;
    const swap = await h.call<{ uploadId: string }>('files:upload-start', { target, path: `${spec.root}/swapdir`, name: swapName, size: PAYLOAD.length });
    await spec.shell('cd "$1" && rm -rf swapdir && ln -s "../$2" swapdir', SENTINEL);
    await h.call('files:upload-chunk', { uploadId: swap.uploadId, dataBase64: PAYLOAD.toString('base64') });
    session.push({ c: { ...sessionCase(`${spec.root}/swapdir swapped for a link to ../${SENTINEL}`), expect: 'refuse' }, result: await h.invoke('files:upload-finish', { uploadId: swap.uploadId }) });

    const after = witness();
    expect(after.volumeDir, 'the volume folder (sentinel next to _data)').toEqual(before.volumeDir);
    expect(after.baseDir, 'the bind folder’s parent (sentinel next to it)').toEqual(before.baseDir);
    expect(after.etc, '/etc').toEqual(before.etc);
    expect(markersOutside(), 'marker names outside the target').toEqual([]);

    const problems: string[] = [];
    const landings: string[] = [];
    const codes = new Map<string, number>();
    for (const { c, result } of [...attempts, ...session]) {
      if (!result.ok) {
        codes.set(result.error.code, (codes.get(result.error.code) ?? 0) + 1);
        if (result.error.code === 'internal' || !result.error.message) problems.push(`${describeCase(c)}: untyped error ${JSON.stringify(result.error)}`);
        if (c.expect === 'accept') problems.push(`${describeCase(c)}: harmless, yet refused: ${result.error.code} ${result.error.message}`);
        continue;
      }
      if (c.expect === 'refuse') {
        problems.push(`${describeCase(c)}: accepted (${JSON.stringify(result.value)}) but must be refused`);
        continue;
      }
      try {
        if (c.channel === 'delete') {
          if (c.gone) {
            const left = await spec.shell('if [ -e "$1/$2" ] || [ -L "$1/$2" ]; then echo still there; fi', c.gone);
            if (left) problems.push(`${describeCase(c)}: reported done but ${c.gone} is still there`);
          }
          landings.push(`${describeCase(c)} → deleted inside`);
        } else {
          const where = await spec.landed((result.value as { path: string }).path);
          landings.push(`${describeCase(c)} → ${where}`);
        }
      } catch (error) {
        problems.push(`${describeCase(c)}: accepted, and ${(error as Error).message}`);
      }
    }
    const engineErrors = [...attempts, ...session].filter(({ result }) => !result.ok && result.error.code === 'engine-error').map(({ c }) => describeCase(c));
    const witnessed = Object.keys(before.volumeDir).length + Object.keys(before.baseDir).length + Object.keys(before.etc).length;
    const tried = attempts.length + session.length;
    const refused = [...codes.values()].reduce((a, b) => a + b, 0);
    totals.tried += tried;
    totals.refused += refused;
    totals.accepted += tried - refused;
    console.log(
      `[${strategy} / ${spec.label}] tried ${tried} hostile writes (${witnessed} entries watched outside): ${refused} refused (${[...codes].map(([code, count]) => `${code} ${count}`).join(', ')}), ${tried - refused} accepted, all inside.\n` +
        `  refused by the engine itself: ${engineErrors.join('; ')}\n  accepted:\n  ${landings.join('\n  ')}`,
    );
    expect(problems).toEqual([]);
  }, 300_000);
});

describe('deleting is exact', () => {
  afterAll(() => {
    delete process.env.PATCHBAY_FILES_STRATEGY;
    console.log(`containment: ${totals.tried} hostile writes tried, ${totals.refused} refused with a typed error, ${totals.accepted} accepted inside the target`);
  });

  it.each(['direct', 'helper'] as const)('removes the entry named, even when its name or folder ends in a newline (%s)', async (strategy) => {
    if (strategy === 'helper') process.env.PATCHBAY_FILES_STRATEGY = 'helper';
    else delete process.env.PATCHBAY_FILES_STRATEGY;
    const h = await startCore();
    try {
      const names = 'kn=$(printf "keep\\n."); kn=${kn%.}; dn=$(printf "d\\n."); dn=${dn%.}';
      for (const spec of [volumeSpec, containerSpec]) {
        await spec.shell(`cd "$1" && ${names} && rm -rf keep "$kn" d "$dn" && echo a > keep && echo b > "$kn" && mkdir d "$dn" && echo c > d/x && echo d > "$dn/x"`);
        await h.call('files:delete', { target: spec.target(), path: `${spec.root}/keep\n` });
        await h.call('files:delete', { target: spec.target(), path: `${spec.root}/d\n/x` });
        const state = await spec.shell(`cd "$1" && ${names} && { [ -e "$kn" ] && echo "keep\\n left"; [ -e "$dn/x" ] && echo "d\\n/x left"; cat keep d/x; }`);
        expect(state, `${spec.label} (${strategy}): the named entries go, their newline-less twins stay`).toBe('a\nc');
      }
    } finally {
      h.stop();
    }
  }, 120_000);
});
