/**
 * POSIX paths inside a chosen root (a volume, a mount, a container's filesystem) that can
 * never leave it.
 *
 * A path the user (or a crafted request) gives is split into segments; `.` and empty segments
 * go, `..` removes the previous segment, and a `..` with nothing left to remove is refused —
 * never clamped, so `../../etc/passwd` is an error rather than a quiet `/etc/passwd` inside.
 * Symlinks are resolved as text only (`resolveLinkInside`), never by the operating system.
 */

export class PathEscapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathEscapeError';
  }
}

export const MAX_PATH_LENGTH = 4096;
export const MAX_NAME_BYTES = 255;

/** Splits `path` (absolute or relative to the root) into safe segments; throws PathEscapeError. */
export function safeSegments(path: string): string[] {
  if (typeof path !== 'string') throw new PathEscapeError('A path must be text.');
  if (path.length > MAX_PATH_LENGTH) throw new PathEscapeError('That path is too long.');
  if (path.includes('\0')) throw new PathEscapeError('A path cannot contain a NUL character.');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) throw new PathEscapeError(`"${path}" leads outside the place being browsed.`);
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out;
}

/** The normalised absolute form of `path` inside the root: `/`, `/a/b`. */
export function normalizeInside(path: string): string {
  return toPath(safeSegments(path));
}

export function toPath(segments: readonly string[]): string {
  return `/${segments.join('/')}`;
}

/** `root` (a host or container path) joined with a path inside it; the result is always under root. */
export function joinUnder(root: string, inside: string): string {
  const base = root === '/' ? '' : root.replace(/\/+$/, '');
  const rest = safeSegments(inside);
  return rest.length ? `${base}/${rest.join('/')}` : base || '/';
}

/** True when `candidate` is `root` or below it (both already normalised absolute paths). */
export function isWithin(root: string, candidate: string): boolean {
  if (root === '/') return candidate.startsWith('/');
  return candidate === root || candidate.startsWith(`${root}/`);
}

/** The part of `absolute` below `root`, as an absolute path inside root; null when not under it. */
export function relativeInside(root: string, absolute: string): string | null {
  const r = normalizeAbsolute(root);
  const a = normalizeAbsolute(absolute);
  if (!isWithin(r, a)) return null;
  return r === '/' ? a : a.slice(r.length) || '/';
}

/** Normalises an absolute path the engine reported (no escape check needed: `..` at `/` stays at `/`). */
export function normalizeAbsolute(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return toPath(out);
}

/**
 * Where a symlink found in directory `dirSegments` points, resolved as text inside the root.
 * Returns null when it leaves the root: an absolute target (it means something only inside a
 * container that mounts the root somewhere unknown) or too many `..`.
 */
export function resolveLinkInside(dirSegments: readonly string[], linkTarget: string): string[] | null {
  if (!linkTarget || linkTarget.startsWith('/') || linkTarget.includes('\0')) return null;
  const out = [...dirSegments];
  for (const part of linkTarget.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out;
}

/**
 * Walks `segments` from the root, resolving every symlink met on the way as text with
 * `lookup` (which returns a component's link target as the link says it, or — when something
 * already resolved it, like the engine's path stat — `{ inside }` segments from the root; null
 * when the component is not a link).
 * `followLast` says whether the final component is resolved too (listing a folder: yes;
 * deleting or stat-ing an entry: no). Throws PathEscapeError when a link leads outside.
 */
export async function resolveInside(
  segments: readonly string[],
  lookup: (segments: string[]) => Promise<string | { inside: string[] } | null>,
  options: { followLast: boolean; maxLinks?: number },
): Promise<string[]> {
  let pending = [...segments];
  const done: string[] = [];
  let links = 0;
  while (pending.length) {
    const part = pending.shift()!;
    const candidate = [...done, part];
    const isLast = pending.length === 0;
    if (isLast && !options.followLast) return candidate;
    const target = await lookup(candidate);
    if (target === null) {
      done.push(part);
      continue;
    }
    if (++links > (options.maxLinks ?? 40)) throw new PathEscapeError('Too many symbolic links on that path.');
    const resolved = typeof target === 'string' ? resolveLinkInside(done, target) : target.inside;
    if (!resolved) throw new PathEscapeError(`${toPath(candidate)} is a link to ${String(target)}, outside the place being browsed: Patchbay does not follow it.`);
    pending = [...resolved, ...pending];
    done.length = 0;
  }
  return done;
}

/** A single file or folder name for uploads and new folders: no `/`, not `.`/`..`, no NUL. */
export function checkEntryName(name: string): string | null {
  if (!name) return 'A name is required.';
  if (name === '.' || name === '..') return `"${name}" cannot be used as a name.`;
  if (name.includes('/')) return 'A name cannot contain "/".';
  if (name.includes('\0')) return 'A name cannot contain a NUL character.';
  if (new TextEncoder().encode(name).length > MAX_NAME_BYTES) return 'That name is longer than 255 bytes.';
  return null;
}

export function baseName(path: string): string {
  const segments = normalizeAbsolute(path).split('/').filter(Boolean);
  return segments[segments.length - 1] ?? '';
}

export function parentPath(path: string): string {
  const segments = normalizeAbsolute(path).split('/').filter(Boolean);
  segments.pop();
  return toPath(segments);
}
