/**
 * One `-v`/`--volume` value: anonymous `/data`, named `name:/data`, bind `/host:/data`, each
 * with optional `:ro,z`-style options.
 */
import { VOLUME_NAME_PATTERN } from './docker-names';

export type VolumeKind = 'anonymous' | 'named' | 'bind';

/** A parsed `-v` value. */
export interface VolumeSpec {
  kind: VolumeKind;
  /** Volume name or absolute host path; absent for an anonymous volume. */
  source?: string;
  /** Absolute path inside the container. */
  target: string;
  /** Options in the order written (`ro`, `z`, `rslave`, `nocopy`, …). */
  options: string[];
}

export type VolumeSpecResult = { ok: true; spec: VolumeSpec } | { ok: false; error: string };

const ACCESS = ['ro', 'rw'];
const SELINUX = ['z', 'Z'];
const PROPAGATION = ['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate'];
// Accepted by the CLI for compatibility with Docker Desktop for Mac, and ignored on Linux.
const CONSISTENCY = ['consistent', 'cached', 'delegated'];
const KNOWN = [...ACCESS, ...SELINUX, ...PROPAGATION, ...CONSISTENCY, 'nocopy'];

/**
 * Parses a `-v` value with the engine's Linux rules (at most three `:` parts).
 *
 * Host paths must be absolute: the CLI would resolve `./dir` against the shell's folder,
 * which Patchbay cannot know, and `~` is expanded by the shell, not docker.
 */
export function parseVolumeSpec(text: string): VolumeSpecResult {
  const raw = text.trim();
  if (raw === '') return fail('The volume is empty: write a container path like /data, or source:/data.');
  const parts = raw.split(':');
  if (parts.length > 3) return fail(`"${raw}" has too many colons: write source:/container/path:options.`);
  if (parts.length === 1) return withTarget({ kind: 'anonymous', target: parts[0], options: [] });
  if (parts.length === 2 && parts[0].startsWith('/') && !parts[1].startsWith('/') && isOptionList(parts[1])) {
    return fail(
      `"${raw}" gives options to an anonymous volume, which cannot take any: name it (name:${parts[0]}:${parts[1]}) or bind a host path.`,
    );
  }
  const source = parts[0];
  const options = parts.length === 3 ? parts[2].split(',') : [];
  const sourceCheck = checkSource(source);
  if (sourceCheck !== null) return fail(sourceCheck);
  const kind: VolumeKind = source.startsWith('/') ? 'bind' : 'named';
  const optionCheck = checkOptions(options, kind);
  if (optionCheck !== null) return fail(optionCheck);
  return withTarget({ kind, source, target: parts[1], options });
}

/** Writes a spec back as a `-v` value. */
export function formatVolumeSpec(spec: VolumeSpec): string {
  const head = spec.source === undefined ? spec.target : `${spec.source}:${spec.target}`;
  return spec.options.length ? `${head}:${spec.options.join(',')}` : head;
}

function withTarget(spec: VolumeSpec): VolumeSpecResult {
  const { target } = spec;
  if (target === '') return fail('The container path is empty.');
  if (!target.startsWith('/')) {
    return fail(`Container path "${target}" must be absolute, starting with /.`);
  }
  if (target.replace(/\/+$/, '') === '') return fail('A volume cannot be mounted over the container\'s root folder "/".');
  return { ok: true, spec };
}

function checkSource(source: string): string | null {
  if (source === '') return 'The volume source before the first colon is empty.';
  if (source.startsWith('/')) return null;
  if (source.startsWith('~')) {
    return `"${source}" uses ~, which your shell expands; write the full host path, like /home/you${source.slice(1)}.`;
  }
  if (source.startsWith('.') || source.includes('/')) {
    return `Host path "${source}" is relative: write an absolute path, since Patchbay does not know which folder your shell was in.`;
  }
  if (!VOLUME_NAME_PATTERN.test(source)) {
    return `"${source}" is not a valid volume name: use two or more letters, digits, _ . or -, starting with a letter or digit.`;
  }
  return null;
}

function isOptionList(text: string): boolean {
  return text.split(',').every((option) => KNOWN.includes(option));
}

function checkOptions(options: string[], kind: VolumeKind): string | null {
  for (const option of options) {
    if (!KNOWN.includes(option)) {
      return `Unknown volume option "${option}": use ro or rw, z or Z, a propagation like rslave, or nocopy.`;
    }
    if (options.indexOf(option) !== options.lastIndexOf(option)) return `The volume option "${option}" is given twice.`;
  }
  const count = (group: string[]): number => options.filter((o) => group.includes(o)).length;
  if (count(ACCESS) > 1) return 'A volume is either read-only (ro) or read-write (rw), not both.';
  if (count(SELINUX) > 1) return 'Choose z (shared SELinux label) or Z (private label), not both.';
  if (count(PROPAGATION) > 1) return 'Give at most one propagation option (shared, slave, private or an r- variant).';
  if (count(PROPAGATION) > 0 && kind !== 'bind') return 'Propagation options apply only to host paths (bind mounts).';
  if (options.includes('nocopy') && kind !== 'named') return 'nocopy applies only to named volumes.';
  return null;
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
