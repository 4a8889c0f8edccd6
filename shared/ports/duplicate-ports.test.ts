import { describe, expect, it } from 'vitest';
import { duplicatePortRows } from './duplicate-ports';
import { parsePortSpec, type PortSpec } from './port-spec';

function spec(text: string): PortSpec {
  const r = parsePortSpec(text);
  if (!r.ok) throw new Error(r.error);
  return r.spec;
}

function pairs(...texts: string[]): Array<[number, number]> {
  return duplicatePortRows(texts.map(spec)).map((c) => [c.first, c.second]);
}

describe('duplicatePortRows', () => {
  it('flags the same host port twice with a readable message', () => {
    const conflicts = duplicatePortRows([spec('8080:80'), spec('8080:81')]);
    expect(conflicts).toEqual([
      {
        first: 0,
        second: 1,
        message: 'Rows 1 (8080:80) and 2 (8080:81) both bind host port 8080/tcp; the engine can bind each host port only once.',
      },
    ]);
  });

  it('lets tcp and udp share a port', () => {
    expect(pairs('53:53', '53:53/udp')).toEqual([]);
  });

  it('lets different specific IPs share a port', () => {
    expect(pairs('127.0.0.1:80:80', '192.168.1.2:80:81')).toEqual([]);
  });

  it('treats no IP and 0.0.0.0 as overlapping any IPv4 address', () => {
    expect(pairs('80:80', '127.0.0.1:80:81')).toEqual([[0, 1]]);
    expect(pairs('0.0.0.0:80:80', '127.0.0.1:80:81')).toEqual([[0, 1]]);
    expect(pairs('127.0.0.1:80:80', '127.0.0.1:80:81')).toEqual([[0, 1]]);
  });

  it('keeps 0.0.0.0 apart from IPv6 addresses but not :: from IPv4', () => {
    expect(pairs('0.0.0.0:80:80', '[::1]:80:81')).toEqual([]);
    expect(pairs('[::]:80:80', '127.0.0.1:80:81')).toEqual([[0, 1]]);
  });

  it('finds overlapping ranges and names the shared part', () => {
    const conflicts = duplicatePortRows([spec('8000-8005:80-85'), spec('8004-8006:90-92')]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].message).toMatch(/host ports 8004-8005\/tcp/);
  });

  it('ignores random host ports and pools', () => {
    expect(pairs('80', '80', '192.168.1.10::22', '192.168.1.10::22', '8000-8010:80', '8000-8010:81')).toEqual([]);
  });

  it('skips rows that did not parse but keeps row numbers', () => {
    expect(duplicatePortRows([spec('80:80'), null, spec('80:81')]).map((c) => [c.first, c.second])).toEqual([[0, 2]]);
  });
});
