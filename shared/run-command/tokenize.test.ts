import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize';

function words(text: string): string[] {
  const result = tokenize(text);
  if (!result.ok) throw new Error(result.error);
  return result.words;
}

function error(text: string): string {
  const result = tokenize(text);
  if (result.ok) throw new Error(`expected an error for ${text}`);
  return result.error;
}

describe('tokenize', () => {
  it('splits on any run of spaces, tabs and newlines', () => {
    expect(words('  docker \t run\n\n-d   nginx  ')).toEqual(['docker', 'run', '-d', 'nginx']);
    expect(words('')).toEqual([]);
  });

  it('keeps single-quoted text literally, backslashes included', () => {
    expect(words(`sh -c 'echo "hi" \\n $HOME'`)).toEqual(['sh', '-c', 'echo "hi" \\n $HOME']);
  });

  it('reads double quotes, escaping only $ ` " \\ and newline', () => {
    expect(words('-e "A=b c"')).toEqual(['-e', 'A=b c']);
    expect(words('"a\\"b" "c\\\\d" "e\\nf" "g\\$h"')).toEqual(['a"b', 'c\\d', 'e\\nf', 'g$h']);
  });

  it('joins adjacent quoted and bare parts into one word', () => {
    expect(words(`--name=my'app'"1"`)).toEqual(['--name=myapp1']);
    expect(words(`'it'\\''s'`)).toEqual(["it's"]);
  });

  it('keeps empty quoted words', () => {
    expect(words(`--entrypoint '' x ""`)).toEqual(['--entrypoint', '', 'x', '']);
  });

  it('takes a backslash outside quotes as escaping the next character', () => {
    expect(words('a\\ b c\\"d')).toEqual(['a b', 'c"d']);
  });

  it('joins lines ending in a backslash, also with CRLF and inside double quotes', () => {
    expect(words('docker run \\\n  -d \\\r\n  nginx')).toEqual(['docker', 'run', '-d', 'nginx']);
    expect(words('ab\\\ncd')).toEqual(['abcd']);
    expect(words('"ab\\\ncd"')).toEqual(['abcd']);
  });

  it('skips comments that start a word', () => {
    expect(words('docker run nginx # the web server\n')).toEqual(['docker', 'run', 'nginx']);
    expect(words('a#b')).toEqual(['a#b']);
  });

  it('keeps a lone $ literally', () => {
    expect(words('cost $ 5$')).toEqual(['cost', '$', '5$']);
  });

  it('refuses unterminated quotes with the position', () => {
    expect(error(`docker run 'abc`)).toBe("Unterminated single quote: the ' at character 12 is never closed.");
    expect(error('-e "A=b')).toBe('Unterminated double quote: the " at character 4 is never closed.');
  });

  it('refuses variables and command substitution instead of passing them literally', () => {
    expect(error('-v $(pwd):/app')).toMatch(/"\$\(pwd\):\/app" at character 4 asks the shell to substitute a value/);
    expect(error('-e HOME=$HOME')).toMatch(/substitute/);
    expect(error('-e "X=${Y}"')).toMatch(/substitute/);
    expect(error('-e X=`date`')).toMatch(/substitute/);
    expect(words(`-e 'X=$Y'`)).toEqual(['-e', 'X=$Y']);
  });

  it('refuses shell operators but allows them quoted', () => {
    expect(error('docker run nginx | cat')).toMatch(/"\|" at character 18 is a shell operator/);
    expect(error('docker run a && echo')).toMatch(/shell operator/);
    expect(words(`sh -c 'a && b | c'`)).toEqual(['sh', '-c', 'a && b | c']);
  });
});
