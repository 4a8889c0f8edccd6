/** Schemas for the identifiers that reach the engine, shared by every feature contract. */
import { z } from 'zod';

/** A container, image, network or volume reference: an id, an id prefix or a name. */
export const engineRef = z
  .string()
  .min(1, 'A name or id is required.')
  .max(256, 'That name or id is too long.')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/@-]*$/, 'That is not a valid name or id: use letters, digits and _ . - : / @.');

/** Docker's own rule for container names (`--name`). */
export const containerName = z
  .string()
  .max(128, 'A container name can have at most 128 characters.')
  .regex(
    /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
    'A container name must start with a letter or digit and contain only letters, digits, _ . and -.',
  );

export const noInput = z.object({}).strict();
