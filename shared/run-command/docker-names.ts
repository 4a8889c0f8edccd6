/**
 * Docker's rules for the names a run command refers to: containers, images, networks, hosts.
 */

/** Docker's container-name rule (a leading `/` is how the engine stores names). */
export const CONTAINER_NAME_PATTERN = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Network names and link/network aliases follow the container-name rule without the `/`. */
export const NETWORK_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Named volumes need two characters or more, unlike containers. */
export const VOLUME_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** An RFC 1123 host name: labels of letters, digits and inner hyphens, joined by dots. */
const HOSTNAME_PATTERN = /^(?=.{1,253}$)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

// The distribution/reference grammar: [registry[:port]/]path-components[:tag][@digest].
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const IMAGE_REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

/** Whether `text` is an image reference docker accepts (`nginx`, `ghcr.io/a/b:1.2`, `x@sha256:…`). */
export function isImageReference(text: string): boolean {
  return text.length <= 512 && IMAGE_REFERENCE.test(text);
}

/** Whether `text` is a valid host name for `--hostname` or `--add-host`. */
export function isHostname(text: string): boolean {
  return HOSTNAME_PATTERN.test(text);
}

/** The network modes that are not user networks; anything else (but `container:…`) is one. */
export const BUILT_IN_NETWORK_MODES: readonly string[] = ['bridge', 'host', 'none', 'default'];

/** Whether the network mode names a user-defined network, the only kind that takes aliases and fixed IPs. */
export function isUserNetworkMode(mode: string): boolean {
  return !BUILT_IN_NETWORK_MODES.includes(mode) && !mode.startsWith('container:');
}
