/**
 * Writes a `RunForm` as a one-line `docker run` command a person can copy into a shell.
 */
import { parseEnvFile } from './env-file';
import { formatRestartPolicy } from './restart-policy';
import type { RunForm } from './run-form';
import { quoteShellWord } from './shell-quote';

/**
 * Formats the form as `docker run …` with options in the order people usually write them:
 * modes, identity, runtime, network, environment, ports, volumes, then image and command.
 *
 * Values are quoted only when the shell needs it. Rows are written as typed (not
 * normalised), so what the form shows is what the command says. The env-file text has no
 * file to point at, so its lines become `-e` options before the form's own `-e` rows, the
 * order docker applies them in.
 */
export function formatRunCommand(form: RunForm): string {
  const words: string[] = ['docker', 'run'];
  const flag = (name: string, value: string): void => {
    words.push(name, quoteShellWord(value));
  };
  const each = (name: string, values: readonly string[]): void => values.forEach((value) => flag(name, value));

  if (form.detach) words.push('-d');
  if (form.interactive) words.push('-i');
  if (form.tty) words.push('-t');
  if (form.autoRemove) words.push('--rm');
  if (form.name) flag('--name', form.name);
  if (form.hostname) flag('-h', form.hostname);
  if (form.user) flag('-u', form.user);
  if (form.workdir) flag('-w', form.workdir);
  if (form.entrypoint !== null) flag('--entrypoint', form.entrypoint);
  if (form.restart.name !== 'no') flag('--restart', formatRestartPolicy(form.restart));
  if (form.networkMode !== 'bridge') flag('--network', form.networkMode);
  each('--network-alias', form.networkAliases);
  if (form.ipv4Address) flag('--ip', form.ipv4Address);
  each('--link', form.links);
  each('--add-host', form.addHosts);
  each('--dns', form.dns);
  for (const { key, value } of parseEnvFile(form.envFile).entries) flag('-e', `${key}=${value}`);
  for (const { key, value } of form.env) flag('-e', `${key}=${value}`);
  for (const { key, value } of form.labels) flag('-l', `${key}=${value}`);
  each('--expose', form.expose);
  if (form.publishAll) words.push('-P');
  each('-p', form.ports);
  each('-v', form.volumes);
  each('--volumes-from', form.volumesFrom);
  // `--` keeps an image name that looks like an option from being read as one.
  if (form.image.startsWith('-')) words.push('--');
  words.push(quoteShellWord(form.image));
  for (const arg of form.command) words.push(quoteShellWord(arg));
  return words.join(' ');
}
