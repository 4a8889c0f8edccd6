/**
 * `--restart` values: `no`, `always`, `unless-stopped`, `on-failure[:N]`.
 */
import type { RestartPolicy } from './run-form';

export type RestartPolicyResult = { ok: true; policy: RestartPolicy } | { ok: false; error: string };

/** Parses a `--restart` value. */
export function parseRestartPolicy(text: string): RestartPolicyResult {
  const [name, count, ...extra] = text.trim().split(':');
  if (name === 'on-failure') {
    if (count === undefined) return { ok: true, policy: { name, maxRetries: 0 } };
    if (extra.length === 0 && /^\d{1,7}$/.test(count)) return { ok: true, policy: { name, maxRetries: Number(count) } };
    return { ok: false, error: `The restart retry count in "${text}" must be a whole number, like on-failure:3.` };
  }
  if (name === 'no' || name === 'always' || name === 'unless-stopped') {
    if (count !== undefined) {
      return { ok: false, error: `Only on-failure takes a retry count; "${text}" gives one to ${name}.` };
    }
    return { ok: true, policy: { name, maxRetries: 0 } };
  }
  return { ok: false, error: `Unknown restart policy "${text}": use no, always, unless-stopped or on-failure[:N].` };
}

/** Writes a policy as docker syntax (`on-failure:3`, `always`). */
export function formatRestartPolicy(policy: RestartPolicy): string {
  return policy.name === 'on-failure' && policy.maxRetries > 0 ? `on-failure:${policy.maxRetries}` : policy.name;
}
