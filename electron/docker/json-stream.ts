/**
 * Splits a byte stream of concatenated JSON objects into parsed objects.
 *
 * The engine's event stream writes one object per line, but a chunk from the socket can end in
 * the middle of an object (or of a UTF-8 character), so text is buffered until an object's
 * closing brace at depth zero; whitespace or newlines between objects are optional.
 */
export class JsonObjectSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  /** Text of the object being read; empty between objects. */
  private pending = '';
  private depth = 0;
  private inString = false;
  private escaped = false;

  /** Feeds one chunk; returns the objects it completed, in order. */
  push(chunk: Uint8Array | string): unknown[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const objects: unknown[] = [];
    let objectStart = this.depth > 0 ? 0 : -1;
    const buffer = this.pending + text;
    for (let i = this.pending.length; i < buffer.length; i++) {
      const ch = buffer[i];
      if (this.depth === 0) {
        if (ch === '{') {
          objectStart = i;
          this.depth = 1;
        }
        // Anything else between objects (newlines, spaces) is skipped.
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === '"') this.inString = false;
      } else if (ch === '"') this.inString = true;
      else if (ch === '{') this.depth++;
      else if (ch === '}' && --this.depth === 0) {
        objects.push(JSON.parse(buffer.slice(objectStart, i + 1)));
        objectStart = -1;
      }
    }
    this.pending = objectStart === -1 ? '' : buffer.slice(objectStart);
    return objects;
  }
}
