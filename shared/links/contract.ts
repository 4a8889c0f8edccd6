/**
 * Channels of the links feature: the link graph, what a link injects, adding and removing links
 * (by recreating the client), the user-network alternative, and live edits of identity files.
 */
import { z } from 'zod';
import { channel } from '../contract-kit';
import { engineRef, noInput } from '../ids';
import { validateLinkAlias } from './link-names';
import {
  IDENTITY_FILES,
  type IdentityFileContent,
  type LinkExplanation,
  type LinkPlan,
  type LinksGraph,
  type LinksProgress,
  type NetworkConnectResult,
  type RecreateResult,
} from './model';

const alias = z
  .string()
  .max(256, 'That alias is too long.')
  .superRefine((text, ctx) => {
    const check = validateLinkAlias(text);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.error });
  });

/** Blank means "the target's name", as with `--link db`. */
const optionalAlias = z
  .string()
  .max(256, 'That alias is too long.')
  .optional()
  .superRefine((text, ctx) => {
    if (!text || !text.trim()) return;
    const check = validateLinkAlias(text);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.error });
  });

const networkName = z
  .string()
  .min(1, 'A network name is required.')
  .max(128, 'A network name can have at most 128 characters.')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'A network name must start with a letter or digit and contain only letters, digits, _ . and -.')
  .refine((n) => !['bridge', 'host', 'none', 'default'].includes(n), 'Pick a user-defined network: on bridge, host and none names do not resolve by DNS.');

export const identityFile = z.enum(IDENTITY_FILES);

/** Identity files are small; 256 KiB is far more than any real one. */
export const MAX_IDENTITY_FILE_BYTES = 256 * 1024;

export const linksChannels = {
  'links:graph': channel<LinksGraph>()(noInput),
  /** For a client: each link's injected variables and its /etc/hosts line, explained. */
  'links:explain': channel<LinkExplanation>()(z.strictObject({ container: engineRef })),
  /** What adding or removing a link will do, step by step, and why it cannot (blockers). */
  'links:plan': channel<LinkPlan>()(
    z.strictObject({ action: z.enum(['add', 'remove']), client: engineRef, target: engineRef, alias: z.string().max(256).optional() }),
  ),
  /** Recreates the client with the link added; rolls back to the original if a step fails. */
  'links:add': channel<RecreateResult>()(z.strictObject({ client: engineRef, target: engineRef, alias: optionalAlias })),
  /** Recreates the client without the link called `alias`. */
  'links:remove': channel<RecreateResult>()(z.strictObject({ client: engineRef, alias })),
  /** The modern alternative: both containers on a user network, the target with `alias`; no recreate. */
  'links:connect-network': channel<NetworkConnectResult>()(
    z.strictObject({ client: engineRef, target: engineRef, network: networkName, create: z.boolean().default(false), alias: optionalAlias }),
  ),
  'hosts-files:read': channel<IdentityFileContent>()(z.strictObject({ container: engineRef, path: identityFile })),
  /**
   * Replaces the file's content, keeping its mode and owner. With `expected`, refused (conflict)
   * when the file changed since it was read.
   */
  'hosts-files:write': channel<IdentityFileContent>()(
    z.strictObject({
      container: engineRef,
      path: identityFile,
      content: z.string().max(MAX_IDENTITY_FILE_BYTES, 'That file is too large for an identity file.').refine((c) => !c.includes('\0'), 'The file cannot contain a NUL character.'),
      expected: z.string().max(MAX_IDENTITY_FILE_BYTES).optional(),
    }),
  ),
};

export interface LinksEvents {
  /** One step of a recreate (add/remove link) started, finished, failed or was rolled back. */
  'links:progress': LinksProgress;
}
