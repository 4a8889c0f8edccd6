/**
 * Splits a pasted shell command line into words, the way a POSIX shell would before running it.
 *
 * Handles single quotes, double quotes, backslash escapes, `\`+newline continuations and `#`
 * comments. It refuses what it cannot do faithfully (variables, command substitution, pipes
 * and other operators) instead of passing the text on literally and running something else.
 */

export type TokenizeResult = { ok: true; words: string[] } | { ok: false; error: string };

const BLANK = new Set([' ', '\t', '\n', '\r']);
const OPERATORS = new Set(['|', ';', '&', '<', '>', '(', ')']);
// After `$`, these start an expansion; a lone `$` or `$` before a space stays literal, as in sh.
const EXPANSION_START = /[A-Za-z0-9_{(@*#?!$-]/;
// Inside double quotes a backslash escapes only these; before anything else it stays.
const DOUBLE_QUOTE_ESCAPABLE = new Set(['$', '`', '"', '\\', '\n']);

/** Splits `text` into shell words; errors are sentences naming the character position (1-based). */
export function tokenize(text: string): TokenizeResult {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (BLANK.has(c)) {
      endWord();
      i++;
    } else if (c === '\\') {
      const skip = continuationLength(text, i + 1);
      if (skip > 0) {
        i += 1 + skip;
      } else if (next === undefined) {
        i++; // A trailing backslash continues onto nothing.
      } else {
        word += next;
        inWord = true;
        i += 2;
      }
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) return unterminated("'", i, 'single');
      word += text.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === '"') {
      const read = readDoubleQuoted(text, i);
      if (!read.ok) return read;
      word += read.value;
      inWord = true;
      i = read.end;
    } else if (c === '#' && !inWord) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '$' && next !== undefined && EXPANSION_START.test(next)) {
      return expansionError(text, i);
    } else if (c === '`') {
      return expansionError(text, i);
    } else if (OPERATORS.has(c)) {
      return {
        ok: false,
        error: `The "${c}" at character ${i + 1} is a shell operator; paste a single docker run command, or quote the "${c}" if it is part of a value.`,
      };
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  endWord();
  return { ok: true, words };
}

/** Length of the newline at `at` (`\n` or `\r\n`), or 0 when there is none. */
function continuationLength(text: string, at: number): number {
  if (text[at] === '\n') return 1;
  if (text[at] === '\r' && text[at + 1] === '\n') return 2;
  return 0;
}

type QuotedRead = { ok: true; value: string; end: number } | { ok: false; error: string };

function readDoubleQuoted(text: string, open: number): QuotedRead {
  let value = '';
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '"') return { ok: true, value, end: i + 1 };
    if (c === '\\' && next !== undefined) {
      const skip = continuationLength(text, i + 1);
      if (skip > 0) {
        i += 1 + skip;
        continue;
      }
      value += DOUBLE_QUOTE_ESCAPABLE.has(next) ? next : `\\${next}`;
      i += 2;
      continue;
    }
    if ((c === '$' && next !== undefined && EXPANSION_START.test(next)) || c === '`') return expansionError(text, i);
    value += c;
    i++;
  }
  return unterminated('"', open, 'double');
}

function unterminated(quote: string, at: number, kind: string): { ok: false; error: string } {
  return {
    ok: false,
    error: `Unterminated ${kind} quote: the ${quote} at character ${at + 1} is never closed.`,
  };
}

function expansionError(text: string, at: number): { ok: false; error: string } {
  const snippet = text.slice(at, at + 12).split(/\s/)[0];
  return {
    ok: false,
    error:
      `"${snippet}" at character ${at + 1} asks the shell to substitute a value, which Patchbay does not do: ` +
      `write the value itself, or put it in single quotes to keep it literally.`,
  };
}
