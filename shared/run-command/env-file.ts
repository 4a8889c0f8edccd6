/**
 * Reads pasted env-file text the way `docker run --env-file` reads the file.
 */
import type { KeyValue } from './run-form';

export interface EnvFileResult {
  entries: KeyValue[];
  /** One sentence per line that could not be used, naming the line number. */
  errors: string[];
}

/**
 * Parses `KEY=value` lines; blank lines and lines starting with `#` are skipped.
 *
 * As in docker: leading spaces are dropped, the value is kept verbatim (no quote removal),
 * and a name may not contain spaces. A bare `NAME` line would copy the variable from the
 * CLI's environment, which Patchbay does not have, so it is reported instead.
 */
export function parseEnvFile(text: string): EnvFileResult {
  const entries: KeyValue[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq === -1 ? line : line.slice(0, eq);
    const where = `Env file line ${index + 1}`;
    if (key === '') errors.push(`${where} has no variable name before the "=".`);
    else if (/\s/.test(key)) errors.push(`${where}: the name "${key}" contains spaces.`);
    else if (eq === -1) errors.push(`${where} ("${key}") has no "=": write NAME=value, since Patchbay cannot read your shell's variables.`);
    else entries.push({ key, value: line.slice(eq + 1) });
  });
  return { entries, errors };
}
