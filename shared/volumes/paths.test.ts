import { describe, expect, it } from 'vitest';
import {
  baseName,
  checkEntryName,
  isWithin,
  joinUnder,
  normalizeAbsolute,
  normalizeInside,
  parentPath,
  PathEscapeError,
  relativeInside,
  resolveInside,
  resolveLinkInside,
  safeSegments,
} from './paths';

const ESCAPES = [
  '..',
  '../',
  '/..',
  '../../etc/passwd',
  '/../../etc/passwd',
  'a/../../etc',
  'a/b/../../..',
  './../x',
  '/./../x',
  '//..//..//etc',
  'a/./b/./../../../c',
  '../' .repeat(50) + 'etc/shadow',
  '.../../..', // '...' is a real name, then two levels up is one too many
];

describe('safeSegments never lets a path climb out', () => {
  it.each(ESCAPES)('refuses %j', (path) => {
    expect(() => safeSegments(path)).toThrow(PathEscapeError);
  });

  it('normalises what stays inside', () => {
    expect(normalizeInside('')).toBe('/');
    expect(normalizeInside('/')).toBe('/');
    expect(normalizeInside('.')).toBe('/');
    expect(normalizeInside('a/b/../c')).toBe('/a/c');
    expect(normalizeInside('//a///b/./')).toBe('/a/b');
    expect(normalizeInside('/a/..')).toBe('/');
    expect(normalizeInside('a/b/c/../../..')).toBe('/');
    expect(normalizeInside('...')).toBe('/...');
    expect(normalizeInside('..a/b..')).toBe('/..a/b..');
    expect(normalizeInside('a\\..\\..\\etc')).toBe('/a\\..\\..\\etc');
  });

  it('refuses NUL bytes and absurd lengths', () => {
    expect(() => safeSegments('a\0b')).toThrow(PathEscapeError);
    expect(() => safeSegments('a/'.repeat(3000))).toThrow(/too long/);
  });

  it('keeps every result under the root when joined', () => {
    const root = '/var/lib/docker/volumes/x/_data';
    for (const path of ['a/b', '/a/../b', 'a/./b/..', '']) {
      const joined = joinUnder(root, path);
      expect(isWithin(root, joined)).toBe(true);
    }
    expect(joinUnder('/', 'etc')).toBe('/etc');
    expect(joinUnder(root, '')).toBe(root);
    for (const path of ESCAPES) expect(() => joinUnder(root, path)).toThrow(PathEscapeError);
  });

  it('tells when a path is within another without prefix tricks', () => {
    expect(isWithin('/data', '/data')).toBe(true);
    expect(isWithin('/data', '/data/x')).toBe(true);
    expect(isWithin('/data', '/database')).toBe(false);
    expect(isWithin('/', '/anything')).toBe(true);
    expect(relativeInside('/pbv', '/pbv/a/b')).toBe('/a/b');
    expect(relativeInside('/pbv', '/pbv')).toBe('/');
    expect(relativeInside('/pbv', '/pbvx/a')).toBeNull();
    expect(relativeInside('/pbv', '/etc/passwd')).toBeNull();
    expect(relativeInside('/pbv', '/pbv/../etc')).toBeNull();
  });

  it('normalises engine paths, names and parents', () => {
    expect(normalizeAbsolute('/../a/./b//')).toBe('/a/b');
    expect(baseName('/a/b/')).toBe('b');
    expect(baseName('/')).toBe('');
    expect(parentPath('/a/b')).toBe('/a');
    expect(parentPath('/a')).toBe('/');
  });
});

describe('symlinks are resolved as text, inside the root only', () => {
  it('resolves relative targets that stay inside', () => {
    expect(resolveLinkInside(['a'], 'b/c')).toEqual(['a', 'b', 'c']);
    expect(resolveLinkInside(['a', 'b'], '../c')).toEqual(['a', 'c']);
    expect(resolveLinkInside(['a'], '../x')).toEqual(['x']);
    expect(resolveLinkInside([], './f')).toEqual(['f']);
  });

  it('refuses absolute targets and targets that climb out', () => {
    expect(resolveLinkInside([], '/etc/passwd')).toBeNull();
    expect(resolveLinkInside(['a'], '../../etc')).toBeNull();
    expect(resolveLinkInside([], '..')).toBeNull();
    expect(resolveLinkInside(['a'], '')).toBeNull();
    expect(resolveLinkInside(['a'], 'x\0y')).toBeNull();
  });

  // A fake tree: links by path.
  const tree: Record<string, string | { inside: string[] }> = {
    '/link-to-a': 'a',
    '/a/up': '..',
    '/out': '/etc',
    '/sneaky': 'a/../../etc',
    '/loop1': 'loop2',
    '/loop2': 'loop1',
    '/a/deep': '../b/c',
    '/engine': { inside: ['b'] },
  };
  const lookup = async (segments: string[]) => tree[`/${segments.join('/')}`] ?? null;

  it('walks through links that stay inside', async () => {
    expect(await resolveInside(['link-to-a', 'file'], lookup, { followLast: true })).toEqual(['a', 'file']);
    expect(await resolveInside(['a', 'up', 'x'], lookup, { followLast: true })).toEqual(['x']);
    expect(await resolveInside(['a', 'deep'], lookup, { followLast: true })).toEqual(['b', 'c']);
    expect(await resolveInside(['engine', 'f'], lookup, { followLast: true })).toEqual(['b', 'f']);
  });

  it('leaves the last link alone when asked (delete the link, not its target)', async () => {
    expect(await resolveInside(['out'], lookup, { followLast: false })).toEqual(['out']);
    expect(await resolveInside(['link-to-a', 'out'], lookup, { followLast: false })).toEqual(['a', 'out']);
  });

  it('refuses links that lead out, wherever they are on the path', async () => {
    await expect(resolveInside(['out'], lookup, { followLast: true })).rejects.toThrow(PathEscapeError);
    await expect(resolveInside(['out', 'passwd'], lookup, { followLast: false })).rejects.toThrow(/outside/);
    await expect(resolveInside(['sneaky', 'shadow'], lookup, { followLast: true })).rejects.toThrow(PathEscapeError);
  });

  it('stops link loops', async () => {
    await expect(resolveInside(['loop1'], lookup, { followLast: true })).rejects.toThrow(/Too many/);
  });
});

describe('entry names for uploads and new folders', () => {
  it('accepts ordinary names', () => {
    for (const name of ['a.txt', '...', '.hidden', 'with space', 'é', 'a\\b']) expect(checkEntryName(name)).toBeNull();
  });
  it('refuses separators, dots, NUL and long names', () => {
    for (const name of ['', '.', '..', 'a/b', '/', '../x', 'a\0', 'x'.repeat(256), 'é'.repeat(128)]) expect(checkEntryName(name)).not.toBeNull();
  });
});
