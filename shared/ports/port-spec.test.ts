import { describe, expect, it } from 'vitest';
import { formatPortSpec, parsePortSpec, type PortSpec } from './port-spec';

function ok(text: string): PortSpec {
  const result = parsePortSpec(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.error}`);
  return result.spec;
}

function error(text: string): string {
  const result = parsePortSpec(text);
  if (result.ok) throw new Error(`expected ${text} to fail`);
  return result.error;
}

describe('parsePortSpec', () => {
  it('reads host:container', () => {
    expect(ok('8080:80')).toEqual({ hostPort: { start: 8080, end: 8080 }, containerPort: { start: 80, end: 80 }, protocol: 'tcp' });
  });

  it('reads a container port alone', () => {
    expect(ok('80')).toEqual({ containerPort: { start: 80, end: 80 }, protocol: 'tcp' });
  });

  it('reads ip:host:container', () => {
    expect(ok('127.0.0.1:8080:80/udp')).toEqual({
      hostIp: '127.0.0.1',
      hostPort: { start: 8080, end: 8080 },
      containerPort: { start: 80, end: 80 },
      protocol: 'udp',
    });
  });

  it('reads ip::container as a random host port on that IP', () => {
    expect(ok('192.168.1.10::22')).toEqual({ hostIp: '192.168.1.10', containerPort: { start: 22, end: 22 }, protocol: 'tcp' });
  });

  it('reads bracketed IPv6 host addresses and strips the brackets', () => {
    expect(ok('[::1]:8080:80')).toMatchObject({ hostIp: '::1', hostPort: { start: 8080, end: 8080 } });
    expect(ok('[2001:db8::1]::53/udp')).toEqual({ hostIp: '2001:db8::1', containerPort: { start: 53, end: 53 }, protocol: 'udp' });
  });

  it('reads ranges on both sides, alone, and a host pool for one container port', () => {
    expect(ok('8000-8010:80-90')).toMatchObject({ hostPort: { start: 8000, end: 8010 }, containerPort: { start: 80, end: 90 } });
    expect(ok('7000-7010')).toEqual({ containerPort: { start: 7000, end: 7010 }, protocol: 'tcp' });
    expect(ok('8000-8010:80')).toMatchObject({ hostPort: { start: 8000, end: 8010 }, containerPort: { start: 80, end: 80 } });
  });

  it('reads every protocol, case-insensitively, and an empty suffix as tcp', () => {
    expect(ok('80/tcp').protocol).toBe('tcp');
    expect(ok('80/UDP').protocol).toBe('udp');
    expect(ok('9:9/sctp').protocol).toBe('sctp');
    expect(ok('80/').protocol).toBe('tcp');
  });

  it('trims surrounding spaces', () => {
    expect(ok(' 80:80 ')).toMatchObject({ hostPort: { start: 80, end: 80 } });
  });

  it('explains out-of-range ports', () => {
    expect(error('99999:80')).toBe('Host port 99999 is out of range: ports go from 1 to 65535.');
    expect(error('80:70000')).toBe('Container port 70000 is out of range: ports go from 1 to 65535.');
    expect(error('0')).toBe('Container port 0 is out of range: ports go from 1 to 65535.');
  });

  it('explains words that are not ports', () => {
    expect(error('abc')).toBe('Container port "abc" is not a number or a range like 8000-8010.');
    expect(error('')).toMatch(/empty/);
    expect(error('80-70')).toMatch(/ends before it starts/);
  });

  it('explains a bad host IP', () => {
    expect(error('1.2.3:80:80')).toMatch(/^"1.2.3" is not a valid IP address/);
    expect(error('[::g]:80:80')).toMatch(/not a valid IPv6 address/);
    expect(error('[::1:80:80')).toMatch(/never closes/);
    expect(error('::1:8080:80')).toMatch(/brackets/);
  });

  it('explains an unknown protocol', () => {
    expect(error('80:80/sctpx')).toBe('Unknown protocol "sctpx": use tcp, udp or sctp.');
    expect(error('80/udp:80')).toMatch(/protocol goes after the container port/);
  });

  it('explains mismatched range sizes', () => {
    expect(error('8000-8010:80-85')).toBe(
      'Host range 8000-8010 has 11 ports but container range 80-85 has 6: they must be the same size.',
    );
  });

  it('refuses a missing container port', () => {
    expect(error('8080:')).toMatch(/no container port/);
    expect(error('8080:/udp')).toMatch(/no container port/);
  });
});

describe('formatPortSpec', () => {
  it.each([
    '80',
    '8080:80',
    '53:53/udp',
    '127.0.0.1:8080:80',
    '192.168.1.10::22',
    '[::1]:8080:80',
    '[::1]::80/sctp',
    '8000-8010:80-90',
    '7000-7010/udp',
    '8000-8010:80',
  ])('round-trips %s', (text) => {
    expect(formatPortSpec(ok(text))).toBe(text);
    expect(ok(formatPortSpec(ok(text)))).toEqual(ok(text));
  });

  it('drops the default /tcp', () => {
    expect(formatPortSpec(ok('80:80/tcp'))).toBe('80:80');
  });
});
