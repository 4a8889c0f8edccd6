/** Small formatters the volumes views share. */

export function shortVolumeName(name: string, anonymous: boolean): string {
  return anonymous ? `${name.slice(0, 12)}…` : name;
}

export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}
