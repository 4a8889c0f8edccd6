/**
 * Reads a pasted `docker run …` command into a `RunForm`.
 *
 * Follows the CLI's option parsing (pflag): `--flag=value` and `--flag value`, clusters like
 * `-itd`, attached short values like `-p80:80`, `--` to end options; the first word that is
 * not an option is the image and everything after it is the command.
 */
import { longRunFlag, shortRunFlag, type RunFlag } from './run-flags';
import { parseRestartPolicy } from './restart-policy';
import { emptyRunForm, type RunForm } from './run-form';
import { quoteShellWord } from './shell-quote';
import { tokenize } from './tokenize';

/** What a pasted command turned into. */
export interface ParsedRunCommand {
  form: RunForm;
  /** Options the form cannot hold, as written (`--cpus 2`), so the person knows what was dropped. */
  unsupported: string[];
  /** Sentences about what could not be read at all. */
  errors: string[];
}

/** Parses a `docker run` / `docker container run` command line, or just its arguments. */
export function parseRunCommand(text: string): ParsedRunCommand {
  const result: ParsedRunCommand = { form: emptyRunForm(), unsupported: [], errors: [] };
  const tokens = tokenize(text);
  if (!tokens.ok) {
    result.errors.push(tokens.error);
    return result;
  }
  const args = stripCommandPrefix(tokens.words, result.errors);
  if (args === null) return result;
  if (args.length === 0) {
    result.errors.push('Paste a docker run command, like docker run -d -p 8080:80 nginx.');
    return result;
  }
  const state: ParseState = { result, networkSeen: false };
  let i = 0;
  while (i < args.length) {
    const arg = args[i];
    if (arg === '--') {
      i++;
      break;
    }
    if (arg.startsWith('--')) {
      i += readLongOption(arg, args[i + 1], state);
    } else if (arg.startsWith('-') && arg.length > 1) {
      i += readShortCluster(arg, args[i + 1], state);
    } else {
      break;
    }
  }
  if (i >= args.length) {
    result.errors.push('The command has no image: put the image name after the options.');
    return result;
  }
  result.form.image = args[i];
  result.form.command = args.slice(i + 1);
  return result;
}

interface ParseState {
  result: ParsedRunCommand;
  networkSeen: boolean;
}

/** Drops `sudo`, `docker run` or `docker container run`; `null` when it is another docker command. */
function stripCommandPrefix(words: string[], errors: string[]): string[] | null {
  let k = 0;
  if (words[k] === 'sudo') k++;
  const program = words[k];
  if (program === undefined || (program !== 'docker' && !program.endsWith('/docker'))) return words.slice(k);
  k++;
  if (words[k] === 'run') return words.slice(k + 1);
  if (words[k] === 'container' && words[k + 1] === 'run') return words.slice(k + 2);
  const sub = words[k] === 'container' ? `container ${words[k + 1] ?? ''}` : (words[k] ?? '');
  errors.push(`Only docker run commands can be read, and this one is "docker ${sub.trim()}".`);
  return null;
}

/** Reads `--name`, `--name=value` or `--name value`; returns how many words it used. */
function readLongOption(arg: string, next: string | undefined, state: ParseState): number {
  const eq = arg.indexOf('=');
  const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
  const inline = eq === -1 ? undefined : arg.slice(eq + 1);
  const flag = longRunFlag(name);
  if (!flag) {
    state.result.errors.push(`Unknown option --${name}: it is not a docker run option, so it was skipped.`);
    return 1;
  }
  if (!flag.takesValue) {
    applyBoolean(flag, inline, inline === undefined ? arg : `--${name}=${inline}`, state);
    return 1;
  }
  if (inline !== undefined) {
    applyValue(flag, inline, `--${name}=${quoteShellWord(inline)}`, state);
    return 1;
  }
  if (next === undefined) {
    state.result.errors.push(`--${name} needs a value.`);
    return 1;
  }
  applyValue(flag, next, `--${name} ${quoteShellWord(next)}`, state);
  return 2;
}

/** Reads `-itd`, `-p80:80`, `-p 80:80`, `-e=A=b`; returns how many words it used. */
function readShortCluster(arg: string, next: string | undefined, state: ParseState): number {
  for (let j = 1; j < arg.length; j++) {
    const letter = arg[j];
    const flag = shortRunFlag(letter);
    if (!flag) {
      state.result.errors.push(`Unknown option -${letter} in ${arg}: it is not a docker run option, so it was skipped.`);
      continue;
    }
    const rest = arg.slice(j + 1);
    if (!flag.takesValue) {
      if (rest.startsWith('=')) {
        applyBoolean(flag, rest.slice(1), `-${letter}${rest}`, state);
        return 1;
      }
      applyBoolean(flag, undefined, `-${letter}`, state);
      continue;
    }
    if (rest !== '') {
      const value = rest.startsWith('=') ? rest.slice(1) : rest;
      applyValue(flag, value, `-${letter} ${quoteShellWord(value)}`, state);
      return 1;
    }
    if (next === undefined) {
      state.result.errors.push(`-${letter} needs a value.`);
      return 1;
    }
    applyValue(flag, next, `-${letter} ${quoteShellWord(next)}`, state);
    return 2;
  }
  return 1;
}

const BOOLEAN_FIELDS: Record<string, 'detach' | 'interactive' | 'tty' | 'autoRemove' | 'publishAll'> = {
  detach: 'detach',
  interactive: 'interactive',
  tty: 'tty',
  rm: 'autoRemove',
  'publish-all': 'publishAll',
};

function applyBoolean(flag: RunFlag, inline: string | undefined, written: string, state: ParseState): void {
  const field = BOOLEAN_FIELDS[flag.name];
  if (field === undefined) {
    state.result.unsupported.push(written);
    return;
  }
  if (inline === undefined || inline === 'true') state.result.form[field] = true;
  else if (inline === 'false') state.result.form[field] = false;
  else state.result.errors.push(`${written} is not understood: --${flag.name} takes true or false.`);
}

/** The list fields that `-x value` appends to, by long option name. */
const LIST_FIELDS: Record<
  string,
  'networkAliases' | 'addHosts' | 'dns' | 'expose' | 'ports' | 'volumes' | 'volumesFrom' | 'links'
> = {
  'network-alias': 'networkAliases',
  'net-alias': 'networkAliases',
  'add-host': 'addHosts',
  dns: 'dns',
  expose: 'expose',
  publish: 'ports',
  volume: 'volumes',
  'volumes-from': 'volumesFrom',
  link: 'links',
};

/** Text fields that take the last value given, as the CLI does for repeated string options. */
const TEXT_FIELDS: Record<string, 'name' | 'hostname' | 'workdir' | 'user' | 'ipv4Address'> = {
  name: 'name',
  hostname: 'hostname',
  workdir: 'workdir',
  user: 'user',
  ip: 'ipv4Address',
};

function applyValue(flag: RunFlag, value: string, written: string, state: ParseState): void {
  const { form, unsupported, errors } = state.result;
  const list = LIST_FIELDS[flag.name];
  if (list !== undefined) {
    form[list].push(value);
    return;
  }
  const textField = TEXT_FIELDS[flag.name];
  if (textField !== undefined) {
    form[textField] = value;
    return;
  }
  switch (flag.name) {
    case 'entrypoint':
      form.entrypoint = value;
      return;
    case 'env':
    case 'label': {
      const eq = value.indexOf('=');
      // `-e NAME` copies NAME from the CLI's own environment, which Patchbay does not have.
      if (eq === -1 && flag.name === 'env') {
        unsupported.push(written);
        return;
      }
      const key = eq === -1 ? value : value.slice(0, eq);
      if (key === '') {
        errors.push(`${written} has no name before the "=".`);
        return;
      }
      const target = flag.name === 'env' ? form.env : form.labels;
      target.push({ key, value: eq === -1 ? '' : value.slice(eq + 1) });
      return;
    }
    case 'restart': {
      const policy = parseRestartPolicy(value);
      if (policy.ok) form.restart = policy.policy;
      else errors.push(policy.error);
      return;
    }
    case 'network':
    case 'net':
      // The form holds one network; extra ones and the `name=…,alias=…` syntax are dropped, not guessed.
      if (state.networkSeen || /[=,]/.test(value)) {
        unsupported.push(written);
        return;
      }
      state.networkSeen = true;
      form.networkMode = value;
      return;
    default:
      unsupported.push(written);
  }
}
