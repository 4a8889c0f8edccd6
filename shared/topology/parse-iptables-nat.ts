/**
 * Parses `iptables-save -t nat` output into Docker's DNAT and MASQUERADE rules.
 *
 * DNAT rules are taken from the `DOCKER` chain only (that is where the engine puts published
 * ports); MASQUERADE rules from `POSTROUTING`. Everything else (jumps, RETURNs, other tables,
 * other chains' rules) is ignored, so rules added by other software do not appear as Docker's.
 */
import type { IptablesDnatRule, IptablesMasqueradeRule, NatProtocol, NatTable } from './nat-table';

const PROTOCOLS: readonly NatProtocol[] = ['tcp', 'udp', 'sctp'];

/** Parses the whole dump; only the `*nat` section is read. */
export function parseIptablesNat(text: string): NatTable {
  const table: NatTable = { hasDockerChain: false, dnat: [], masquerade: [] };
  let inNat = false;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line.startsWith('*')) {
      inNat = line === '*nat';
      continue;
    }
    if (!inNat) continue;
    if (line === 'COMMIT') {
      inNat = false;
      continue;
    }
    if (line.startsWith(':DOCKER ')) table.hasDockerChain = true;
    if (!line.startsWith('-A ')) continue;
    const rule = parseRule(line);
    if (rule.chain === 'DOCKER' && rule.target === 'DNAT') {
      const dnat = toDnat(rule, line);
      if (dnat) table.dnat.push(dnat);
    } else if (rule.chain === 'POSTROUTING' && rule.target === 'MASQUERADE') {
      table.masquerade.push(toMasquerade(rule, line));
    }
  }
  return table;
}

interface ParsedRule {
  chain: string;
  target: string;
  /** Option name (`-d`, `--dport`...) to its value and whether a `!` preceded it. */
  options: Map<string, { value: string; negated: boolean }>;
}

/** Splits a rule into options; quoted values (comments) are kept whole so they cannot shift tokens. */
function parseRule(line: string): ParsedRule {
  const tokens = line.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
  const options = new Map<string, { value: string; negated: boolean }>();
  let chain = '';
  let target = '';
  let negated = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '!') {
      negated = true;
      continue;
    }
    if (!token.startsWith('-')) continue;
    const next = tokens[i + 1];
    const value = next !== undefined && (!next.startsWith('-') || /^-\d/.test(next)) && next !== '!' ? next : '';
    if (value !== '') i++;
    if (token === '-A') chain = value;
    else if (token === '-j') target = value;
    // `-m tcp` repeats per match module; the first option of each name is the one that matters.
    else if (!options.has(token)) options.set(token, { value, negated });
    negated = false;
  }
  return { chain, target, options };
}

function toDnat(rule: ParsedRule, raw: string): IptablesDnatRule | null {
  const to = rule.options.get('--to-destination')?.value;
  const dport = rule.options.get('--dport')?.value;
  const protocol = asProtocol(rule.options.get('-p')?.value);
  if (!to || !dport || !protocol) return null;
  // `IP:PORT`, `IP:PORT-PORT` or a bare `IP`; Docker writes IPv4 here (IPv6 lives in ip6tables).
  const match = /^([^:]+)(?::(\d+)(?:-\d+)?)?$/.exec(to);
  const hostPort = Number(dport.split(':')[0]);
  if (!match || !Number.isInteger(hostPort)) return null;
  const input = rule.options.get('-i');
  return {
    chain: rule.chain,
    hostIp: stripHostMask(rule.options.get('-d')?.value ?? null),
    hostPort,
    protocol,
    inInterface: input?.value ?? null,
    inInterfaceNegated: input?.negated ?? false,
    toIp: match[1],
    toPort: match[2] ? Number(match[2]) : hostPort,
    raw,
  };
}

function toMasquerade(rule: ParsedRule, raw: string): IptablesMasqueradeRule {
  const output = rule.options.get('-o');
  const dport = rule.options.get('--dport')?.value;
  return {
    chain: rule.chain,
    source: rule.options.get('-s')?.value ?? null,
    destination: rule.options.get('-d')?.value ?? null,
    outInterface: output?.value ?? null,
    outInterfaceNegated: output?.negated ?? false,
    protocol: asProtocol(rule.options.get('-p')?.value) ?? null,
    dport: dport ? Number(dport) : null,
    raw,
  };
}

function asProtocol(value: string | undefined): NatProtocol | undefined {
  return PROTOCOLS.find((p) => p === value);
}

/** `127.0.0.1/32` → `127.0.0.1`; a wider prefix is kept, since it is not one host address. */
function stripHostMask(value: string | null): string | null {
  if (value === null) return null;
  return value.endsWith('/32') ? value.slice(0, -3) : value;
}
