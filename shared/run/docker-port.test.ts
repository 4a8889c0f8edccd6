import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerPortLines, joinHostPort } from './docker-port';

const fixtures = join(__dirname, '../../test/fixtures/run');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');

describe('dockerPortLines', () => {
  it('prints exactly what `docker port` printed for a real container (IPv4 and IPv6 lines)', () => {
    const inspect = JSON.parse(read('pbfix-pub.inspect.json'));
    const lines = dockerPortLines(inspect.NetworkSettings.Ports);
    expect(lines.map((l) => l.text).join('\n')).toBe(read('pbfix-pub.docker-port.txt').trim());
  });

  it('gives tcp lines a URL, wildcard addresses as localhost, IPv6 in brackets', () => {
    const lines = dockerPortLines({
      '80/tcp': [
        { HostIp: '0.0.0.0', HostPort: '8080' },
        { HostIp: '::', HostPort: '8080' },
      ],
      '443/tcp': [{ HostIp: '::1', HostPort: '8443' }],
      '53/udp': [{ HostIp: '127.0.0.1', HostPort: '5353' }],
      '7000/tcp': null,
    });
    expect(lines.map((l) => [l.text, l.url])).toEqual([
      ['53/udp -> 127.0.0.1:5353', undefined],
      ['80/tcp -> 0.0.0.0:8080', 'http://localhost:8080/'],
      ['80/tcp -> [::]:8080', 'http://localhost:8080/'],
      ['443/tcp -> [::1]:8443', 'http://[::1]:8443/'],
    ]);
  });

  it('has no lines for a stopped container or none at all', () => {
    expect(dockerPortLines(null)).toEqual([]);
    expect(dockerPortLines({})).toEqual([]);
  });

  it('joins hosts like net.JoinHostPort', () => {
    expect(joinHostPort('::', '1')).toBe('[::]:1');
    expect(joinHostPort('10.0.0.1', '2')).toBe('10.0.0.1:2');
  });
});
