/**
 * The shell script a helper container (or a `docker exec`) runs to list one folder without
 * reading any file's content, and the parser of its output.
 *
 * `$1` is the folder, `$2` the root it must stay inside: `cd -P` resolves every symlink on the
 * way and the script refuses when the real folder is not under the root. `stat -c` prints the
 * raw mode (hex), size and mtime of each entry; links get their target from `readlink` after.
 */
import { decodePosixMode } from '../../../shared/volumes/file-mode';
import type { FileEntry } from '../../../shared/volumes/model';

export const LINKS_MARKER = '//pb-links';
export const ESCAPE_EXIT = 4;
export const NO_DIR_EXIT = 3;

export const LIST_SCRIPT = [
  'cd -P -- "$1" 2>/dev/null || exit 3',
  'real=$(pwd -P)',
  'case "$2" in /) ;; *) case "$real" in "$2"|"$2"/*) ;; *) echo "$real" >&2; exit 4;; esac;; esac',
  "find . -mindepth 1 -maxdepth 1 -exec stat -c '%f %s %Y %n' {} +",
  `echo '${LINKS_MARKER}'`,
  'find . -mindepth 1 -maxdepth 1 -type l -exec sh -c \'for l; do printf "%s\\n%s\\n" "$l" "$(readlink "$l")"; done\' sh {} +',
].join('\n');

/**
 * Deletes `$1` (not following a final link) when its parent folder really is under `$2`.
 * `$(...)` drops trailing newlines, which names may end with: each result gets a `.` appended
 * and cut off again, so `keep<newline>` is never taken for `keep`.
 */
export const DELETE_SCRIPT = [
  'parent=$(dirname -- "$1"; echo .); parent=${parent%??}; base=$(basename -- "$1"; echo .); base=${base%??}',
  'cd -P -- "$parent" 2>/dev/null || exit 3',
  'real=$(pwd -P; echo .); real=${real%??}',
  'case "$2" in /) ;; *) case "$real" in "$2"|"$2"/*) ;; *) echo "$real" >&2; exit 4;; esac;; esac',
  '[ -e "$base" ] || [ -L "$base" ] || exit 3',
  'rm -rf -- "./$base"',
].join('\n');

const LINE = /^([0-9a-f]+) (\d+) (\d+) \.\/(.*)$/;

/** Parses the script's stdout into entries, sorted folders first then by name. */
export function parseListOutput(stdout: string): FileEntry[] {
  const markerAt = stdout.indexOf(`\n${LINKS_MARKER}\n`);
  const statPart = markerAt >= 0 ? stdout.slice(0, markerAt) : stdout.startsWith(`${LINKS_MARKER}\n`) ? '' : stdout;
  const linkPart = markerAt >= 0 ? stdout.slice(markerAt + LINKS_MARKER.length + 2) : stdout.startsWith(`${LINKS_MARKER}\n`) ? stdout.slice(LINKS_MARKER.length + 1) : '';
  const entries: FileEntry[] = [];
  for (const line of statPart.split('\n')) {
    if (line === '') continue;
    const match = LINE.exec(line);
    if (!match) {
      // A name with a newline in it: the rest of it is on this line.
      if (entries.length) entries[entries.length - 1].name += `\n${line}`;
      continue;
    }
    const decoded = decodePosixMode(parseInt(match[1], 16));
    entries.push({
      name: match[4],
      type: decoded.type,
      size: Number(match[2]),
      mode: decoded.mode,
      octal: decoded.octal,
      mtime: new Date(Number(match[3]) * 1000).toISOString(),
    });
  }
  const links = linkPart.split('\n');
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (let i = 0; i + 1 < links.length; i += 2) {
    const name = links[i].replace(/^\.\//, '');
    const entry = byName.get(name);
    if (entry) entry.linkTarget = links[i + 1];
  }
  return sortEntries(entries);
}

export function sortEntries(entries: FileEntry[]): FileEntry[] {
  return entries.sort((a, b) => Number(b.type === 'dir') - Number(a.type === 'dir') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
