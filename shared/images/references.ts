/**
 * An image reference as the engine lists it in RepoTags: `busybox` is `busybox:latest`, a
 * registry's port is not a tag (`localhost:5000/app` is `localhost:5000/app:latest`), and a
 * digest or an id is left as it is.
 */
export function asRepoTag(ref: string): string {
  if (ref.includes('@') || /^(sha256:)?[0-9a-f]{12,64}$/.test(ref)) return ref;
  const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
  return lastPart.includes(':') ? ref : `${ref}:latest`;
}
