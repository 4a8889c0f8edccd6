import { describe, expect, it } from 'vitest';
import { quoteShellWord } from './shell-quote';
import { tokenize } from './tokenize';

describe('quoteShellWord', () => {
  it('leaves plain words alone', () => {
    for (const word of ['nginx', '8080:80', '/srv:/mnt/code:ro', 'A=b', 'a,b', 'user@host', '--name', '1.2.3.4']) {
      expect(quoteShellWord(word)).toBe(word);
    }
  });

  it('single-quotes words the shell would change', () => {
    expect(quoteShellWord('A=b c')).toBe(`'A=b c'`);
    expect(quoteShellWord('')).toBe(`''`);
    expect(quoteShellWord('$HOME')).toBe(`'$HOME'`);
    expect(quoteShellWord('[::1]:80:80')).toBe(`'[::1]:80:80'`);
    expect(quoteShellWord('~/x')).toBe(`'~/x'`);
    expect(quoteShellWord('#1')).toBe(`'#1'`);
  });

  it("writes a single quote as '\\''", () => {
    expect(quoteShellWord("it's")).toBe(`'it'\\''s'`);
  });

  it.each(['a b', "it's", 'x"y', '$(rm -rf /)', 'tab\there', 'line\nbreak', '\\', '*', '', "''"])(
    'survives tokenizing: %j',
    (word) => {
      expect(tokenize(quoteShellWord(word))).toEqual({ ok: true, words: [word] });
    },
  );
});
