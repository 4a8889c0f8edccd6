import { describe, expect, it } from 'vitest';
import { JsonObjectSplitter } from './json-stream';

const encode = (text: string) => new TextEncoder().encode(text);

describe('JsonObjectSplitter', () => {
  it('returns each object of a newline-delimited chunk', () => {
    const splitter = new JsonObjectSplitter();
    expect(splitter.push('{"a":1}\n{"b":2}\n')).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('joins an object split across chunks, including inside a string', () => {
    const splitter = new JsonObjectSplitter();
    expect(splitter.push('{"status":"st')).toEqual([]);
    expect(splitter.push('art","id":"x"}{"n"')).toEqual([{ status: 'start', id: 'x' }]);
    expect(splitter.push(':{"deep":"}"}}')).toEqual([{ n: { deep: '}' } }]);
  });

  it('keeps braces and escaped quotes inside strings from ending an object', () => {
    const splitter = new JsonObjectSplitter();
    expect(splitter.push('{"s":"a \\"}{\\" b"}')).toEqual([{ s: 'a "}{" b' }]);
  });

  it('decodes a UTF-8 character split between two chunks', () => {
    const bytes = encode('{"name":"caf\u00e9 \u2713"}');
    const cut = bytes.indexOf(0xe2) + 1; // inside the 3-byte check mark
    const splitter = new JsonObjectSplitter();
    expect(splitter.push(bytes.slice(0, cut))).toEqual([]);
    expect(splitter.push(bytes.slice(cut))).toEqual([{ name: 'caf\u00e9 \u2713' }]);
  });

  it('handles a stream fed one byte at a time', () => {
    const splitter = new JsonObjectSplitter();
    const bytes = encode('{"Type":"container","Action":"start"}\n{"Type":"network","Action":"connect"}\n');
    const seen: unknown[] = [];
    for (const byte of bytes) seen.push(...splitter.push(Uint8Array.of(byte)));
    expect(seen).toEqual([
      { Type: 'container', Action: 'start' },
      { Type: 'network', Action: 'connect' },
    ]);
  });
});
