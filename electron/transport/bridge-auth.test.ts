import { describe, expect, it } from 'vitest';
import { randomToken, tokensMatch } from './bridge-auth';

describe('tokensMatch', () => {
  const token = randomToken();

  it('accepts exactly the token', () => {
    expect(tokensMatch(token, token)).toBe(true);
    expect(tokensMatch(`${token}`, token.slice(0))).toBe(true);
  });

  it('refuses other tokens of every length without throwing (timingSafeEqual throws on unequal lengths)', () => {
    for (const given of ['', 'x', token.slice(0, -1), `${token}x`, token.toUpperCase(), 'x'.repeat(token.length), 'x'.repeat(100_000), '\uD800', `${token}\0`]) {
      expect(() => tokensMatch(given, token), JSON.stringify(given.slice(0, 20))).not.toThrow();
      expect(tokensMatch(given, token), JSON.stringify(given.slice(0, 20))).toBe(false);
    }
  });

  it('compares fixed-size digests in constant time, whatever the lengths', () => {
    // The comparison is on SHA-256 digests with crypto.timingSafeEqual: a prefix of the token is
    // no closer to matching than any other string. Timing itself is too noisy to assert here.
    const source = tokensMatch.toString();
    expect(source).toMatch(/timingSafeEqual/);
    expect(source).toMatch(/sha256/);
    expect(source).not.toMatch(/===|!==/);
  });
});
