import { describe, expect, it } from 'vitest';
import { parseEnvFile } from './env-file';

describe('parseEnvFile', () => {
  it('reads KEY=value lines, skipping blanks and comments, keeping values verbatim', () => {
    const text = '# settings\n\nA=1\r\n  B = two words \nC="quoted"\nD=\nE=x=y\n';
    expect(parseEnvFile(text)).toEqual({
      entries: [
        { key: 'A', value: '1' },
        { key: 'C', value: '"quoted"' },
        { key: 'D', value: '' },
        { key: 'E', value: 'x=y' },
      ],
      errors: ['Env file line 4: the name "B " contains spaces.'],
    });
  });

  it('reports lines without = and without a name', () => {
    expect(parseEnvFile('HOME\n=x').errors).toEqual([
      `Env file line 1 ("HOME") has no "=": write NAME=value, since Patchbay cannot read your shell's variables.`,
      'Env file line 2 has no variable name before the "=".',
    ]);
  });

  it('gives nothing for empty text', () => {
    expect(parseEnvFile('')).toEqual({ entries: [], errors: [] });
  });
});
