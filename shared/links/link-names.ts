/**
 * Legacy links as the engine stores them and as users write them, and Docker's rules for aliases.
 *
 * The engine keeps `HostConfig.Links` as `/<target>:/<client>/<alias>` (e.g. `/db:/app/db-server`);
 * `docker run --link` and the create API take `<target>:<alias>`.
 */
import { parseLink } from '../run-command/link-spec';

export interface StoredLink {
  /** The target container's name, without the leading `/`. */
  target: string;
  /** The client's name when the link was stored, without `/`. */
  client: string;
  alias: string;
  /** The entry as the engine stores it. */
  raw: string;
}

/** Parses one `HostConfig.Links` entry; also accepts the create form `target:alias` and a bare `target`. */
export function parseStoredLink(raw: string): StoredLink | null {
  const text = raw.trim();
  const colon = text.indexOf(':');
  const targetPart = colon === -1 ? text : text.slice(0, colon);
  const aliasPart = colon === -1 ? '' : text.slice(colon + 1);
  const target = targetPart.replace(/^\//, '');
  if (!target || target.includes('/')) return null;
  if (colon === -1) return { target, client: '', alias: target, raw: text };
  if (aliasPart.startsWith('/')) {
    // `/client/alias`: the alias is the last path segment, the client is what comes before it.
    const segments = aliasPart.slice(1).split('/');
    const alias = segments.pop() ?? '';
    if (!alias) return null;
    return { target, client: segments.join('/'), alias, raw: text };
  }
  if (!aliasPart || aliasPart.includes('/')) return null;
  return { target, client: '', alias: aliasPart, raw: text };
}

/** The form the create API and `--link` take. */
export function linkArgument(target: string, alias: string): string {
  return `${target.replace(/^\//, '')}:${alias}`;
}

/** The form the engine stores, as `docker inspect` shows it. */
export function storedLinkText(target: string, client: string, alias: string): string {
  return `/${target.replace(/^\//, '')}:/${client.replace(/^\//, '')}/${alias}`;
}

/** `app → db as db-server` (the alias is left out when it is the target's own name). */
export function describeLink(link: { client: string; target: string; alias: string }): string {
  return link.alias === link.target ? `${link.client} → ${link.target}` : `${link.client} → ${link.target} as ${link.alias}`;
}

/** The prefix of a link's environment variables: the alias upper-cased, `-` turned into `_` (as the engine does). */
export function envPrefix(alias: string): string {
  return alias.toUpperCase().replace(/-/g, '_');
}

export const MAX_ALIAS_LENGTH = 128;

export type AliasCheck = { ok: true; alias: string; warning: string | null } | { ok: false; error: string };

/**
 * Docker's rules for a link alias: it becomes the container name `/<client>/<alias>` and a host
 * name in the client's `/etc/hosts`, so it follows the container-name rule without `/` or `:`.
 */
export function validateLinkAlias(input: string): AliasCheck {
  const alias = input.trim();
  if (alias === '') return { ok: false, error: 'The alias is empty: give the name the client should use for the target, such as db.' };
  if (alias.length > MAX_ALIAS_LENGTH) return { ok: false, error: `The alias is ${alias.length} characters long; Docker allows at most ${MAX_ALIAS_LENGTH}.` };
  if (alias.includes('/') || alias.includes(':')) {
    return { ok: false, error: `The alias "${alias}" contains "${alias.includes('/') ? '/' : ':'}": an alias is a single name (the engine stores it as /client/alias).` };
  }
  if (/\s/.test(alias)) return { ok: false, error: `The alias "${alias}" contains a space: it becomes a host name, so it cannot.` };
  if (!/^[a-zA-Z0-9]/.test(alias)) return { ok: false, error: `The alias "${alias}" must start with a letter or a digit.` };
  const bad = [...alias].find((ch) => !/[a-zA-Z0-9_.-]/.test(ch));
  if (bad !== undefined) return { ok: false, error: `The alias "${alias}" contains "${bad}": use only letters, digits, _ . and -.` };
  const parsed = parseLink(`x:${alias}`);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const warning = alias.includes('.')
    ? `The alias contains ".", so its variables (${envPrefix(alias)}_PORT…) are not valid shell names; most programs can still read them.`
    : null;
  return { ok: true, alias, warning };
}
