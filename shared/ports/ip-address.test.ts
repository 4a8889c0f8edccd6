import { describe, expect, it } from 'vitest';
import { isIPv4, isIPv6, isIpAddress, isUnspecifiedIp } from './ip-address';

describe('isIPv4', () => {
  it.each(['0.0.0.0', '127.0.0.1', '192.168.1.10', '255.255.255.255'])('accepts %s', (ip) => {
    expect(isIPv4(ip)).toBe(true);
  });
  it.each(['1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.a', '', '1..2.3'])('rejects %s', (ip) => {
    expect(isIPv4(ip)).toBe(false);
  });
});

describe('isIPv6', () => {
  it.each(['::', '::1', 'fe80::1', '2001:db8::33', '1:2:3:4:5:6:7:8', '::ffff:192.168.1.1', '1::'])('accepts %s', (ip) => {
    expect(isIPv6(ip)).toBe(true);
  });
  it.each(['1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1:::2', '1::2::3', 'g::1', '12345::1', '::1.2.3', '127.0.0.1', ':1'])(
    'rejects %s',
    (ip) => {
      expect(isIPv6(ip)).toBe(false);
    },
  );
});

describe('isIpAddress / isUnspecifiedIp', () => {
  it('takes either family', () => {
    expect(isIpAddress('10.0.0.1')).toBe(true);
    expect(isIpAddress('::1')).toBe(true);
    expect(isIpAddress('localhost')).toBe(false);
  });
  it('knows the wildcards', () => {
    expect(isUnspecifiedIp('0.0.0.0')).toBe(true);
    expect(isUnspecifiedIp('::')).toBe(true);
    expect(isUnspecifiedIp('0:0::0')).toBe(true);
    expect(isUnspecifiedIp('127.0.0.1')).toBe(false);
    expect(isUnspecifiedIp('::1')).toBe(false);
  });
});
