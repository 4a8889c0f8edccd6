/**
 * Reads the host's nat table with `iptables-save -t nat`.
 *
 * Null when the tool is missing, not permitted (non-root exits 4 "Permission denied") or too
 * slow; the builder then derives the rules from the published ports and says so.
 */
import { execFile } from 'node:child_process';
import type { NatTable } from '../../../shared/topology/nat-table';
import { parseIptablesNat } from '../../../shared/topology/parse-iptables-nat';

export async function readNatTable(command = 'iptables-save'): Promise<NatTable | null> {
  const text = await new Promise<string | null>((resolve) => {
    execFile(command, ['-t', 'nat'], { timeout: 5_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      resolve(error ? null : stdout),
    );
  });
  return text === null ? null : parseIptablesNat(text);
}
