import { describe, expect, it } from 'vitest';
import { loadTopologyFixtures } from '../../test/fixtures/topology/load-fixtures';
import { parseIptablesNat } from './parse-iptables-nat';

describe('parseIptablesNat', () => {
  it('reads the DNAT and MASQUERADE rules of a real dump and ignores the rest', () => {
    const table = parseIptablesNat(loadTopologyFixtures().iptablesNat);
    expect(table.hasDockerChain).toBe(true);
    expect(table.dnat).toEqual([
      {
        chain: 'DOCKER',
        hostIp: '127.0.0.1',
        hostPort: 5080,
        protocol: 'tcp',
        inInterface: 'docker0',
        inInterfaceNegated: true,
        toIp: '172.17.0.2',
        toPort: 80,
        raw: '-A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 5080 -j DNAT --to-destination 172.17.0.2:80',
      },
    ]);
    expect(table.masquerade.map((r) => [r.source, r.destination, r.outInterface, r.outInterfaceNegated, r.protocol, r.dport])).toEqual([
      ['172.19.0.0/16', null, 'pbt-back0', true, null, null],
      ['172.30.0.0/24', null, 'br-071c43464f3e', true, null, null],
      ['172.17.0.0/16', null, 'docker0', true, null, null],
      ['172.17.0.2/32', '172.17.0.2/32', null, false, 'tcp', 80],
    ]);
  });

  it('handles any-address publishes, udp, bare destinations, comments and other tables', () => {
    const text = [
      '*filter',
      ':DOCKER - [0:0]',
      '-A DOCKER -d 172.17.0.9/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
      'COMMIT',
      '*nat',
      ':DOCKER - [0:0]',
      '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.3:80',
      '-A DOCKER -d 10.0.0.5/32 ! -i br-abc -p udp -m udp --dport 53 -m comment --comment "dns -j DNAT x" -j DNAT --to-destination 172.20.0.2',
      '-A PREROUTING -p tcp --dport 9999 -j DNAT --to-destination 10.1.1.1:1',
      '-A POSTROUTING -o eth0 -j MASQUERADE',
      'COMMIT',
    ].join('\n');
    const table = parseIptablesNat(text);
    expect(table.dnat.map((r) => [r.hostIp, r.hostPort, r.protocol, r.inInterface, r.toIp, r.toPort])).toEqual([
      [null, 8080, 'tcp', 'docker0', '172.17.0.3', 80],
      ['10.0.0.5', 53, 'udp', 'br-abc', '172.20.0.2', 53],
    ]);
    // Kept, so the builder can show it, but it has no source and is not a subnet rule.
    expect(table.masquerade).toHaveLength(1);
    expect(table.masquerade[0]).toMatchObject({ source: null, outInterface: 'eth0', outInterfaceNegated: false });
  });

  it('says when the nat table has no DOCKER chain', () => {
    const table = parseIptablesNat('*nat\n:PREROUTING ACCEPT [0:0]\n-A POSTROUTING -s 10.0.0.0/8 -j MASQUERADE\nCOMMIT\n');
    expect(table.hasDockerChain).toBe(false);
    expect(table.dnat).toEqual([]);
    expect(table.masquerade).toHaveLength(1);
  });
});
