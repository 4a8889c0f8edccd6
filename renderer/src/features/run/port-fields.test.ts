import { describe, expect, it } from 'vitest';
import { joinPortFields, splitPortText } from './port-fields';

describe('port fields', () => {
  const cases: Array<[string, { hostIp: string; hostPort: string; containerPort: string; protocol: string }]> = [
    ['80', { hostIp: '', hostPort: '', containerPort: '80', protocol: 'tcp' }],
    ['8080:80', { hostIp: '', hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
    ['127.0.0.1:8081:80', { hostIp: '127.0.0.1', hostPort: '8081', containerPort: '80', protocol: 'tcp' }],
    ['127.0.0.1::80', { hostIp: '127.0.0.1', hostPort: '', containerPort: '80', protocol: 'tcp' }],
    ['127.0.0.1:18000-18002:8000-8002', { hostIp: '127.0.0.1', hostPort: '18000-18002', containerPort: '8000-8002', protocol: 'tcp' }],
    ['9053:53/udp', { hostIp: '', hostPort: '9053', containerPort: '53', protocol: 'udp' }],
    ['[::1]:8443:443', { hostIp: '::1', hostPort: '8443', containerPort: '443', protocol: 'tcp' }],
    ['[::]::443/sctp', { hostIp: '::', hostPort: '', containerPort: '443', protocol: 'sctp' }],
  ];
  it.each(cases)('splits %s and joins it back', (text, fields) => {
    expect(splitPortText(text)).toEqual(fields);
    expect(joinPortFields(fields)).toBe(text);
  });

  it('keeps half-typed text in the fields meant', () => {
    expect(splitPortText('8080:')).toEqual({ hostIp: '', hostPort: '8080', containerPort: '', protocol: 'tcp' });
    expect(splitPortText('abc')).toMatchObject({ containerPort: 'abc' });
    expect(joinPortFields({ hostIp: '10.0.0.1', hostPort: '', containerPort: '', protocol: 'tcp' })).toBe('10.0.0.1::');
  });
});
