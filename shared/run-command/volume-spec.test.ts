import { describe, expect, it } from 'vitest';
import { formatVolumeSpec, parseVolumeSpec } from './volume-spec';

function error(text: string): string {
  const result = parseVolumeSpec(text);
  if (result.ok) throw new Error(`expected ${text} to fail`);
  return result.error;
}

describe('parseVolumeSpec', () => {
  it('reads anonymous, named and bind volumes', () => {
    expect(parseVolumeSpec('/data')).toEqual({ ok: true, spec: { kind: 'anonymous', target: '/data', options: [] } });
    expect(parseVolumeSpec('pgdata:/var/lib/postgresql/data')).toEqual({
      ok: true,
      spec: { kind: 'named', source: 'pgdata', target: '/var/lib/postgresql/data', options: [] },
    });
    expect(parseVolumeSpec('/srv:/mnt/code:ro')).toEqual({
      ok: true,
      spec: { kind: 'bind', source: '/srv', target: '/mnt/code', options: ['ro'] },
    });
  });

  it('accepts option combinations', () => {
    for (const text of ['/a:/b:ro,z', '/a:/b:rw,Z', '/a:/b:z', '/a:/b:ro,rslave', 'vol:/b:nocopy', 'vol:/b:ro,nocopy', '/a:/b:cached']) {
      expect(parseVolumeSpec(text).ok, text).toBe(true);
    }
  });

  it('refuses conflicting or unknown options', () => {
    expect(error('/a:/b:ro,rw')).toMatch(/ro.*rw.*not both/);
    expect(error('/a:/b:z,Z')).toMatch(/z.*Z.*not both/);
    expect(error('/a:/b:ro,ro')).toMatch(/twice/);
    expect(error('/a:/b:rslave,private')).toMatch(/at most one propagation/);
    expect(error('vol:/b:rshared')).toMatch(/only to host paths/);
    expect(error('/a:/b:nocopy')).toMatch(/only to named volumes/);
    expect(error('/a:/b:readonly')).toBe('Unknown volume option "readonly": use ro or rw, z or Z, a propagation like rslave, or nocopy.');
  });

  it('refuses relative container paths and mounting over /', () => {
    expect(error('data')).toBe('Container path "data" must be absolute, starting with /.');
    expect(error('/srv:mnt')).toBe('Container path "mnt" must be absolute, starting with /.');
    expect(error('/srv:/')).toMatch(/root folder/);
  });

  it('refuses host paths it cannot resolve and bad volume names', () => {
    expect(error('./src:/app')).toMatch(/relative: write an absolute path/);
    expect(error('src/x:/app')).toMatch(/relative/);
    expect(error('~/code:/app')).toMatch(/\/home\/you\/code/);
    expect(error('a:/app')).toMatch(/not a valid volume name/);
    expect(error(':/app')).toMatch(/source before the first colon is empty/);
  });

  it('refuses options on an anonymous volume and too many colons', () => {
    expect(error('/data:ro')).toMatch(/anonymous volume, which cannot take any/);
    expect(error('/a:/b:ro:z')).toMatch(/too many colons/);
    expect(error('  ')).toMatch(/empty/);
  });

  it('formats back', () => {
    for (const text of ['/data', 'vol:/data', '/srv:/mnt/code:ro,z']) {
      const parsed = parseVolumeSpec(text);
      expect(parsed.ok && formatVolumeSpec(parsed.spec)).toBe(text);
    }
  });
});
