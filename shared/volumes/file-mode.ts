/**
 * File modes from the two places Patchbay reads them:
 *
 * - Go's `os.FileMode`, in the engine's `X-Docker-Container-Path-Stat` header (base64 JSON):
 *   permission bits in the low 9, type and special bits at the top (dir = 1<<31, symlink = 1<<27…).
 * - POSIX `st_mode` (node's `lstat`, busybox `stat -c %f`): type in `S_IFMT`, set-id/sticky at 0o7000.
 *
 * Both become the same thing: a file type, an `ls -l` string and an octal string.
 */
import type { FileType } from './model';

/** Go's type and special bits, highest first (os/types.go). */
export const GO_MODE = {
  dir: 2 ** 31,
  append: 2 ** 30,
  exclusive: 2 ** 29,
  temporary: 2 ** 28,
  symlink: 2 ** 27,
  device: 2 ** 26,
  namedPipe: 2 ** 25,
  socket: 2 ** 24,
  setuid: 2 ** 23,
  setgid: 2 ** 22,
  charDevice: 2 ** 21,
  sticky: 2 ** 20,
  irregular: 2 ** 19,
} as const;

export interface DecodedMode {
  type: FileType;
  /** `drwxr-xr-x` */
  mode: string;
  /** `0755`, `1777`, `4755` */
  octal: string;
  /** The 12 permission bits (set-id, sticky, rwx×3) as a number. */
  permissions: number;
}

/** Whether `bit` (a power of two up to 2^31) is set in `value`, without 32-bit sign trouble. */
function has(value: number, bit: number): boolean {
  return Math.floor(value / bit) % 2 === 1;
}

/** Decodes a Go `os.FileMode` as the engine's path-stat header carries it. */
export function decodeGoFileMode(goMode: number): DecodedMode {
  if (!Number.isFinite(goMode) || goMode < 0) throw new Error(`Not a file mode: ${goMode}`);
  const perm = goMode % 512;
  const special = (has(goMode, GO_MODE.setuid) ? 0o4000 : 0) | (has(goMode, GO_MODE.setgid) ? 0o2000 : 0) | (has(goMode, GO_MODE.sticky) ? 0o1000 : 0);
  let letter = '-';
  let type: FileType = 'file';
  if (has(goMode, GO_MODE.dir)) [letter, type] = ['d', 'dir'];
  else if (has(goMode, GO_MODE.symlink)) [letter, type] = ['l', 'symlink'];
  else if (has(goMode, GO_MODE.namedPipe)) [letter, type] = ['p', 'other'];
  else if (has(goMode, GO_MODE.socket)) [letter, type] = ['s', 'other'];
  else if (has(goMode, GO_MODE.device)) [letter, type] = [has(goMode, GO_MODE.charDevice) ? 'c' : 'b', 'other'];
  else if (has(goMode, GO_MODE.irregular)) [letter, type] = ['?', 'other'];
  return finish(letter, type, perm | special);
}

const S_IFMT = 0o170000;
const POSIX_TYPES: Record<number, [string, FileType]> = {
  0o040000: ['d', 'dir'],
  0o100000: ['-', 'file'],
  0o120000: ['l', 'symlink'],
  0o010000: ['p', 'other'],
  0o140000: ['s', 'other'],
  0o020000: ['c', 'other'],
  0o060000: ['b', 'other'],
};

/** Decodes a POSIX `st_mode` (e.g. `0o40755`, or `0x41ed` from `stat -c %f`). */
export function decodePosixMode(stMode: number): DecodedMode {
  const [letter, type] = POSIX_TYPES[stMode & S_IFMT] ?? ['?', 'other' as FileType];
  return finish(letter, type, stMode & 0o7777);
}

function finish(letter: string, type: FileType, permissions: number): DecodedMode {
  return { type, mode: letter + rwx(permissions), octal: permissions.toString(8).padStart(4, '0'), permissions };
}

/** `rwxr-xr-x` with `s`/`S` and `t`/`T` for set-id and sticky, as `ls` prints them. */
export function rwx(permissions: number): string {
  const triple = (shift: number, specialBit: number, specialChar: string) => {
    const bits = (permissions >> shift) & 7;
    const special = (permissions & specialBit) !== 0;
    const x = bits & 1 ? (special ? specialChar : 'x') : special ? specialChar.toUpperCase() : '-';
    return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${x}`;
  };
  return triple(6, 0o4000, 's') + triple(3, 0o2000, 's') + triple(0, 0o1000, 't');
}

/** The engine's path stat: `{name, size, mode, mtime, linkTarget}`. */
export interface EnginePathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

/** Parses the `X-Docker-Container-Path-Stat` header value (base64 of JSON). */
export function parsePathStatHeader(header: string): EnginePathStat {
  const text = decodeBase64(header.trim());
  const value = JSON.parse(text) as Partial<EnginePathStat>;
  if (typeof value.name !== 'string' || typeof value.mode !== 'number' || typeof value.size !== 'number') {
    throw new Error('The engine sent a path stat without name, size and mode.');
  }
  return { name: value.name, size: value.size, mode: value.mode, mtime: String(value.mtime ?? ''), linkTarget: String(value.linkTarget ?? '') };
}

function decodeBase64(text: string): string {
  // Both node (Buffer) and browsers (atob) have atob; the result is UTF-8 bytes as Latin-1 chars.
  const binary = atob(text);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
