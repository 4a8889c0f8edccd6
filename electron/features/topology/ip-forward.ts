/**
 * Reads whether the host forwards IPv4 packets (needed for containers to reach outside).
 *
 * Null when the file cannot be read (remote engine, restricted sandbox) so the UI says "unknown".
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function readIpForward(procRoot = '/proc'): Promise<boolean | null> {
  try {
    const text = (await readFile(join(procRoot, 'sys/net/ipv4/ip_forward'), 'utf8')).trim();
    return text === '1' ? true : text === '0' ? false : null;
  } catch {
    return null;
  }
}
