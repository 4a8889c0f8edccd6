/**
 * Pre-flight checks of a `RunForm` that need no engine: every row's docker syntax, and the
 * option combinations the engine would refuse.
 */
import { duplicatePortRows } from '../ports/duplicate-ports';
import { parseExposeSpec } from '../ports/expose-spec';
import { isIPv4, isIpAddress } from '../ports/ip-address';
import { parsePortSpec } from '../ports/port-spec';
import { CONTAINER_NAME_PATTERN, NETWORK_NAME_PATTERN, isHostname, isImageReference, isUserNetworkMode } from './docker-names';
import { parseEnvFile } from './env-file';
import { parseExtraHost, parseLink, parseVolumesFrom } from './link-spec';
import { runFormSchema, type RunForm } from './run-form';
import { parseVolumeSpec } from './volume-spec';

/** One problem, tied to a form field and, for list fields, a 0-based row. */
export interface RunFormIssue {
  field: keyof RunForm;
  index?: number;
  message: string;
}

/** Lists every problem in the form; an empty list means the engine should accept it. */
export function validateRunForm(form: RunForm): RunFormIssue[] {
  const issues: RunFormIssue[] = [];
  const add = (field: keyof RunForm, message: string, index?: number): void => {
    issues.push(index === undefined ? { field, message } : { field, index, message });
  };
  checkIdentity(form, add);
  checkNetwork(form, add);
  checkPorts(form, add);
  checkVolumes(form, add);
  return issues;
}

type Add = (field: keyof RunForm, message: string, index?: number) => void;

function checkIdentity(form: RunForm, add: Add): void {
  if (form.image.trim() === '') add('image', 'Choose an image.');
  else if (!isImageReference(form.image)) {
    add('image', `"${form.image}" is not an image reference: write it like nginx, nginx:1.27 or ghcr.io/owner/app:tag.`);
  }
  if (form.name !== '' && !CONTAINER_NAME_PATTERN.test(form.name)) {
    add('name', 'A container name starts with a letter or digit and has only letters, digits, _ . and -.');
  }
  if (form.workdir !== '' && !form.workdir.startsWith('/')) {
    add('workdir', `The working directory "${form.workdir}" must be an absolute path, like /app.`);
  }
  form.env.forEach(({ key }, i) => {
    if (key === '') add('env', 'An environment variable needs a name.', i);
    else if (key.includes('=')) add('env', `The variable name "${key}" cannot contain "=".`, i);
  });
  for (const error of parseEnvFile(form.envFile).errors) add('envFile', error);
  form.labels.forEach(({ key }, i) => {
    if (key === '') add('labels', 'A label needs a key.', i);
    else if (key.includes('=')) add('labels', `The label key "${key}" cannot contain "=".`, i);
  });
  const { restart } = form;
  if (restart.maxRetries > 0 && restart.name !== 'on-failure') {
    add('restart', 'Only the on-failure policy takes a maximum retry count.');
  }
  if (form.autoRemove && restart.name !== 'no') {
    add('autoRemove', 'Auto-remove (--rm) cannot be combined with a restart policy: the engine would remove the container the first time it stops.');
  }
}

function checkNetwork(form: RunForm, add: Add): void {
  const mode = form.networkMode;
  const shared = mode.startsWith('container:');
  if (shared) {
    if (!CONTAINER_NAME_PATTERN.test(mode.slice('container:'.length))) {
      add('networkMode', 'Write container:<name> with the name of the container whose network to share.');
    }
    // The engine's own refusals for a container that joins another container's network stack.
    const why = "because the container uses the other container's network stack";
    if (form.ports.length || form.publishAll) {
      add(
        form.ports.length ? 'ports' : 'publishAll',
        `The engine refuses published ports in container: mode, ${why} — publish them on that container instead.`,
      );
    }
    if (form.expose.length) add('expose', `The engine refuses exposed ports in container: mode, ${why} — expose them on that container instead.`);
    if (form.hostname) add('hostname', `A host name cannot be set in container: mode, ${why}, including its host name.`);
    if (form.dns.length) add('dns', `DNS servers cannot be set in container: mode, ${why}; set them on that container.`);
    if (form.addHosts.length) add('addHosts', `Extra hosts cannot be set in container: mode, ${why}; add them on that container.`);
    if (form.links.length) add('links', `Links cannot be used in container: mode, ${why}.`);
  } else if (!NETWORK_NAME_PATTERN.test(mode)) {
    add('networkMode', 'A network name has only letters, digits, _ . and -, starting with a letter or digit.');
  }
  if (mode === 'host' && form.links.length) add('links', 'Links cannot be used with host networking: there is no container network to link on.');
  const userNetwork = isUserNetworkMode(mode);
  if (form.networkAliases.length && !userNetwork) {
    add('networkAliases', `Network aliases work only on a user-defined network, not in ${mode} mode.`);
  }
  form.networkAliases.forEach((alias, i) => {
    if (!NETWORK_NAME_PATTERN.test(alias)) add('networkAliases', `"${alias}" is not a valid alias: use letters, digits, _ . and -.`, i);
  });
  if (form.ipv4Address) {
    if (!userNetwork) add('ipv4Address', `A fixed IP address works only on a user-defined network, not in ${mode} mode.`);
    else if (!isIPv4(form.ipv4Address)) add('ipv4Address', `"${form.ipv4Address}" is not an IPv4 address, like 172.20.0.5.`);
  }
  if (form.hostname && !isHostname(form.hostname)) {
    add('hostname', `"${form.hostname}" is not a valid host name: use letters, digits and hyphens, with dots between parts.`);
  }
  form.addHosts.forEach((entry, i) => {
    const parsed = parseExtraHost(entry);
    if (!parsed.ok) add('addHosts', parsed.error, i);
  });
  form.dns.forEach((server, i) => {
    if (!isIpAddress(server.trim())) add('dns', `"${server}" is not an IP address; --dns takes server addresses, not names.`, i);
  });
  form.links.forEach((link, i) => {
    const parsed = parseLink(link);
    if (!parsed.ok) add('links', parsed.error, i);
  });
}

function checkPorts(form: RunForm, add: Add): void {
  form.expose.forEach((text, i) => {
    const parsed = parseExposeSpec(text);
    if (!parsed.ok) add('expose', parsed.error, i);
  });
  const specs = form.ports.map((text, i) => {
    const parsed = parsePortSpec(text);
    if (parsed.ok) return parsed.spec;
    add('ports', parsed.error, i);
    return null;
  });
  for (const conflict of duplicatePortRows(specs)) add('ports', conflict.message, conflict.second);
}

function checkVolumes(form: RunForm, add: Add): void {
  const targets = new Map<string, number>();
  form.volumes.forEach((text, i) => {
    const parsed = parseVolumeSpec(text);
    if (!parsed.ok) {
      add('volumes', parsed.error, i);
      return;
    }
    const target = parsed.spec.target.replace(/\/+$/, '');
    const first = targets.get(target);
    if (first !== undefined) {
      add('volumes', `Rows ${first + 1} and ${i + 1} both mount onto ${target}; a container path can hold one mount.`, i);
    } else {
      targets.set(target, i);
    }
  });
  form.volumesFrom.forEach((text, i) => {
    const parsed = parseVolumesFrom(text);
    if (!parsed.ok) add('volumesFrom', parsed.error, i);
  });
}

/**
 * `runFormSchema` plus every check above, for a request handler that must refuse a form the
 * engine would refuse; issues carry paths like `['ports', 2]`.
 */
export const checkedRunFormSchema = runFormSchema.superRefine((form, ctx) => {
  for (const issue of validateRunForm(form)) {
    ctx.addIssue({
      code: 'custom',
      message: issue.message,
      path: issue.index === undefined ? [issue.field] : [issue.field, issue.index],
    });
  }
});
