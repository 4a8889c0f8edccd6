import { describe, expect, it } from 'vitest';
import { formatExposeSpec, parseExposeSpec } from './expose-spec';

describe('parseExposeSpec', () => {
  it('reads a port, a protocol and a range', () => {
    expect(parseExposeSpec('80')).toEqual({ ok: true, spec: { ports: { start: 80, end: 80 }, protocol: 'tcp' } });
    expect(parseExposeSpec('80/udp')).toEqual({ ok: true, spec: { ports: { start: 80, end: 80 }, protocol: 'udp' } });
    expect(parseExposeSpec('8000-8010')).toEqual({ ok: true, spec: { ports: { start: 8000, end: 8010 }, protocol: 'tcp' } });
  });

  it('refuses host parts, bad ports and protocols', () => {
    expect(parseExposeSpec('8080:80')).toMatchObject({ ok: false, error: expect.stringMatching(/only container ports/) });
    expect(parseExposeSpec('0')).toEqual({ ok: false, error: 'Exposed port 0 is out of range: ports go from 1 to 65535.' });
    expect(parseExposeSpec('80/icmp')).toEqual({ ok: false, error: 'Unknown protocol "icmp": use tcp, udp or sctp.' });
    expect(parseExposeSpec('')).toMatchObject({ ok: false });
  });

  it('formats back', () => {
    for (const text of ['80', '53/udp', '8000-8010', '9/sctp']) {
      const parsed = parseExposeSpec(text);
      expect(parsed.ok && formatExposeSpec(parsed.spec)).toBe(text);
    }
  });
});
