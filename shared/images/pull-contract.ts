/**
 * `docker pull` as a stream: the core sends the engine's progress, one JSON event per line
 * (`PullEvent`, see pull-progress.ts), and ends with `exited` code 0 when the image is there,
 * or with `error` and a plain sentence when the engine could not pull it.
 */
import { z } from 'zod';
import { streamKind } from '../stream-kit';

/**
 * The engine's reference grammar: a first component is a registry only when it has a dot or a
 * port or is `localhost` (`ghcr.io/`, `localhost:5000/`); otherwise it is part of the lowercase path.
 */
const HOST = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const DOMAIN = `(?:(?:localhost|${HOST}(?:\\.${HOST})+)(?::[0-9]{1,5})?/|${HOST}:[0-9]{1,5}/)`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = ':[\\w][\\w.-]{0,127}';
const DIGEST = '@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^${DOMAIN}?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?:${TAG})?(?:${DIGEST})?$`);

/** `repo[:tag]`, `registry[:port]/repo[:tag]` or `repo@sha256:…`, as `docker pull` takes it. */
export const imageReference = z
  .string()
  .trim()
  .min(1, 'Give the image to pull, e.g. alpine:3.20.')
  .max(512, 'That image reference is too long.')
  .regex(REFERENCE, 'An image reference is repository[:tag] or repository@digest: lowercase letters, digits and . _ - /, e.g. alpine:3.20.');

export const pullInput = z.object({ image: imageReference }).strict();

export interface PullInfo {
  /** The reference as pulled: with `:latest` added when it had no tag and no digest. */
  image: string;
}

export const imagePullStreams = {
  'images:pull': streamKind<PullInfo>()(pullInput),
};

/** The reference `docker pull` really fetches: without a tag or digest, `:latest`. */
export function withDefaultTag(image: string): string {
  if (image.includes('@')) return image;
  const slash = image.lastIndexOf('/');
  return image.lastIndexOf(':') > slash ? image : `${image}:latest`;
}
