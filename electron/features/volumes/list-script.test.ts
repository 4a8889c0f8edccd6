import { describe, expect, it } from 'vitest';
import { LINKS_MARKER, parseListOutput } from './list-script';

// The output of LIST_SCRIPT in busybox (find + stat -c '%f %s %Y %n', then readlink pairs).
const OUTPUT = [
  '81a4 0 1795810895 ./a b',
  'a1ff 4 1795810895 ./l',
  '41ed 4096 1795810895 ./d',
  '81a4 12 1795810000 ./multi',
  'line name',
  '41ff 4096 1795810895 ./tmp',
  LINKS_MARKER,
  './l',
  '../x',
  '',
].join('\n');

describe('parseListOutput', () => {
  it('turns find/stat output into entries, folders first', () => {
    const entries = parseListOutput(OUTPUT);
    expect(entries.map((e) => [e.name, e.type, e.size, e.mode])).toEqual([
      ['d', 'dir', 4096, 'drwxr-xr-x'],
      ['tmp', 'dir', 4096, 'drwxrwxrwx'],
      ['a b', 'file', 0, '-rw-r--r--'],
      ['l', 'symlink', 4, 'lrwxrwxrwx'],
      ['multi\nline name', 'file', 12, '-rw-r--r--'],
    ]);
    expect(entries.find((e) => e.name === 'l')!.linkTarget).toBe('../x');
    expect(entries[0].mtime).toBe(new Date(1795810895 * 1000).toISOString());
  });

  it('reads an empty folder', () => {
    expect(parseListOutput(`${LINKS_MARKER}\n`)).toEqual([]);
    expect(parseListOutput('')).toEqual([]);
  });
});
