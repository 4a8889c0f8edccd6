import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeGoFileMode, decodePosixMode, GO_MODE, parsePathStatHeader, rwx } from './file-mode';

// `X-Docker-Container-Path-Stat` headers captured from the real engine (test/fixtures/volumes/capture.sh).
const headers = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/volumes/path-stats.json'), 'utf8')) as Record<string, string>;

describe('the engine path-stat header', () => {
  it('decodes a folder (dir = 1<<31)', () => {
    const stat = parsePathStatHeader(headers['dir /etc']);
    expect(stat).toMatchObject({ name: 'etc', size: 4096, mode: 2147484141, linkTarget: '' });
    expect(decodeGoFileMode(stat.mode)).toEqual({ type: 'dir', mode: 'drwxr-xr-x', octal: '0755', permissions: 0o755 });
  });

  it('decodes a plain file', () => {
    const stat = parsePathStatHeader(headers['file /etc/passwd']);
    expect(stat).toMatchObject({ name: 'passwd', size: 30, mode: 420 });
    expect(decodeGoFileMode(stat.mode)).toMatchObject({ type: 'file', mode: '-rw-r--r--', octal: '0644' });
    expect(decodeGoFileMode(parsePathStatHeader(headers['file /bin/busybox']).mode)).toMatchObject({ type: 'file', mode: '-rwxr-xr-x', octal: '0755' });
  });

  it('decodes a symlink (1<<27) with the engine-resolved target', () => {
    const stat = parsePathStatHeader(headers['symlink /bin/sh']);
    expect(stat.mode).toBe(GO_MODE.symlink + 0o777);
    expect(stat.linkTarget).toBe('/bin/busybox');
    expect(decodeGoFileMode(stat.mode)).toMatchObject({ type: 'symlink', mode: 'lrwxrwxrwx', octal: '0777' });
  });

  it('decodes the sticky bit (1<<20) of /tmp', () => {
    const stat = parsePathStatHeader(headers['sticky /tmp']);
    expect(stat.mode).toBe(GO_MODE.dir + GO_MODE.sticky + 0o777);
    expect(decodeGoFileMode(stat.mode)).toMatchObject({ type: 'dir', mode: 'drwxrwxrwt', octal: '1777' });
  });

  it('decodes set-id bits, devices, pipes and sockets', () => {
    expect(decodeGoFileMode(GO_MODE.setuid + 0o755)).toMatchObject({ type: 'file', mode: '-rwsr-xr-x', octal: '4755' });
    expect(decodeGoFileMode(GO_MODE.setgid + 0o750)).toMatchObject({ mode: '-rwxr-s---', octal: '2750' });
    expect(decodeGoFileMode(GO_MODE.setuid + 0o644)).toMatchObject({ mode: '-rwSr--r--' });
    expect(decodeGoFileMode(GO_MODE.device + GO_MODE.charDevice + 0o666)).toMatchObject({ type: 'other', mode: 'crw-rw-rw-' });
    expect(decodeGoFileMode(GO_MODE.device + 0o660)).toMatchObject({ type: 'other', mode: 'brw-rw----' });
    expect(decodeGoFileMode(GO_MODE.namedPipe + 0o600)).toMatchObject({ type: 'other', mode: 'prw-------' });
    expect(decodeGoFileMode(GO_MODE.socket + 0o777)).toMatchObject({ type: 'other', mode: 'srwxrwxrwx' });
    expect(decodeGoFileMode(GO_MODE.dir + GO_MODE.sticky + 0o700)).toMatchObject({ mode: 'drwx-----T' });
  });

  it('refuses nonsense', () => {
    expect(() => decodeGoFileMode(-1)).toThrow();
    expect(() => parsePathStatHeader(btoa('{"size":1}'))).toThrow(/name, size and mode/);
    expect(() => parsePathStatHeader('%%%')).toThrow();
  });

  it('keeps UTF-8 names', () => {
    const json = JSON.stringify({ name: 'données-é', size: 1, mode: 420, mtime: '', linkTarget: '' });
    const header = btoa(String.fromCharCode(...new TextEncoder().encode(json)));
    expect(parsePathStatHeader(header).name).toBe('données-é');
  });
});

describe('POSIX st_mode (lstat, stat -c %f)', () => {
  it('decodes what busybox stat prints in hex', () => {
    expect(decodePosixMode(0x41ed)).toMatchObject({ type: 'dir', mode: 'drwxr-xr-x', octal: '0755' });
    expect(decodePosixMode(0x81a4)).toMatchObject({ type: 'file', mode: '-rw-r--r--', octal: '0644' });
    expect(decodePosixMode(0xa1ff)).toMatchObject({ type: 'symlink', mode: 'lrwxrwxrwx' });
    expect(decodePosixMode(0o41777)).toMatchObject({ mode: 'drwxrwxrwt', octal: '1777' });
    expect(decodePosixMode(0o104755)).toMatchObject({ mode: '-rwsr-xr-x', octal: '4755' });
    expect(decodePosixMode(0o10644)).toMatchObject({ type: 'other', mode: 'prw-r--r--' });
    expect(decodePosixMode(0o20620)).toMatchObject({ type: 'other', mode: 'crw--w----' });
  });

  it('writes rwx like ls', () => {
    expect(rwx(0)).toBe('---------');
    expect(rwx(0o7777)).toBe('rwsrwsrwt');
    expect(rwx(0o7000)).toBe('--S--S--T');
  });
});
