/**
 * A container's `/etc/hosts` read line by line and explained, and a line diff for the identity-files editor.
 */
export type HostsLineKind = 'localhost' | 'ipv6' | 'link' | 'self' | 'extra-host' | 'comment' | 'blank' | 'other';

export interface HostsLine {
  line: string;
  ip: string | null;
  names: string[];
  kind: HostsLineKind;
  /** Why the line is there, in words. */
  explanation: string;
  /** For `link` lines: the alias and target that made it. */
  link?: { alias: string; target: string };
}

export interface HostsContext {
  /** The container's own host name (`Config.Hostname`). */
  hostname: string;
  links: readonly { alias: string; target: string }[];
  /** `HostConfig.ExtraHosts`: `name:ip`. */
  extraHosts: readonly string[];
}

const IPV6_STANDARD = new Set(['ip6-localnet', 'ip6-mcastprefix', 'ip6-allnodes', 'ip6-allrouters', 'ip6-localhost', 'ip6-loopback']);

export function explainHostsFile(content: string, context: HostsContext): HostsLine[] {
  const extra = new Map<string, string>();
  for (const entry of context.extraHosts) {
    const at = entry.search(/[:=]/);
    if (at > 0) extra.set(entry.slice(0, at), entry.slice(at + 1).replace(/^\[|\]$/g, ''));
  }
  const lines = content.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line): HostsLine => {
    const text = line.trim();
    if (text === '') return { line, ip: null, names: [], kind: 'blank', explanation: '' };
    if (text.startsWith('#')) return { line, ip: null, names: [], kind: 'comment', explanation: 'A comment.' };
    const [ip, ...names] = text.replace(/#.*$/, '').trim().split(/\s+/);
    const link = context.links.find((l) => names[0] === l.alias || (names.includes(l.alias) && names.includes(l.target)));
    if (link) {
      const also = names.filter((n) => n !== link.alias);
      return {
        line,
        ip,
        names,
        kind: 'link',
        link: { alias: link.alias, target: link.target },
        explanation: `${link.alias} resolves to ${ip} because of the link to ${link.target}${also.length ? ` (so do its host name and name: ${also.join(', ')})` : ''}.`,
      };
    }
    if (names.includes('localhost') && (ip === '127.0.0.1' || ip === '::1')) {
      return { line, ip, names, kind: 'localhost', explanation: `The loopback address${ip === '::1' ? ' (IPv6)' : ''}: the container itself.` };
    }
    if (names.every((n) => IPV6_STANDARD.has(n))) return { line, ip, names, kind: 'ipv6', explanation: 'A standard IPv6 name the engine writes into every /etc/hosts.' };
    if (context.hostname && names.includes(context.hostname)) {
      return { line, ip, names, kind: 'self', explanation: `The container's own address: its host name ${context.hostname} resolves to ${ip}.` };
    }
    const added = names.find((n) => extra.has(n));
    if (added) {
      const set = extra.get(added)!;
      return { line, ip, names, kind: 'extra-host', explanation: `Added by --add-host ${added}:${set}${set === 'host-gateway' ? ' (the host\'s gateway address)' : ''}.` };
    }
    return { line, ip, names, kind: 'other', explanation: 'Not written by the engine for a link or setting Patchbay knows: probably edited by hand or by a program.' };
  });
}

export type DiffOp = { kind: 'same' | 'added' | 'removed'; text: string };

/** A line diff (longest common subsequence); small files only, which identity files are. */
export function diffLines(before: string, after: string): DiffOp[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: 'same', text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      ops.push({ kind: 'removed', text: a[i++] });
    } else {
      ops.push({ kind: 'added', text: b[j++] });
    }
  }
  while (i < n) ops.push({ kind: 'removed', text: a[i++] });
  while (j < m) ops.push({ kind: 'added', text: b[j++] });
  return ops;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Whether a diff changes anything. */
export function hasChanges(ops: readonly DiffOp[]): boolean {
  return ops.some((op) => op.kind !== 'same');
}
