/**
 * Quotes a word for a POSIX shell, only when it needs it.
 */

// Characters no shell gives a meaning to; `=`, `:` and `,` are safe anywhere in a word.
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Returns `word` as is when that is safe, else in single quotes.
 *
 * A single quote inside becomes `'\''` (close, escaped quote, reopen) because nothing can
 * be escaped inside single quotes.
 */
export function quoteShellWord(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
