/**
 * A run form as a docker-compose file: one service, plus the external networks it names.
 */
import { stringify } from 'yaml';
import { toComposeService } from '../../../../shared/run-command/compose-service';
import { isUserNetworkMode } from '../../../../shared/run-command/docker-names';
import type { RunForm } from '../../../../shared/run-command/run-form';

/** The service key: the container name, or one made from the image's last path part. */
export function serviceName(form: RunForm): string {
  if (form.name) return form.name.replace(/^\//, '');
  const last = form.image.split('/').pop() ?? 'app';
  return last.replace(/[:@].*$/, '').replace(/[^a-zA-Z0-9_.-]/g, '-') || 'app';
}

/**
 * The YAML text. A user network is declared at top level with `external: true` because it
 * already exists; compose would otherwise create a project-scoped one with another name.
 */
export function composeYaml(form: RunForm): string {
  const file: Record<string, unknown> = { services: { [serviceName(form)]: toComposeService(form) } };
  if (isUserNetworkMode(form.networkMode)) file.networks = { [form.networkMode]: { external: true } };
  return stringify(file, { lineWidth: 0 });
}
