import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
  immutable: boolean;
}

/**
 * Reads a file of the built renderer, or `index.html` for any other path (client-side routes).
 *
 * Paths are normalised and must stay inside `root`, so `/../../etc/passwd` gets the index page.
 */
export async function readStaticFile(root: string, pathname: string): Promise<StaticFile> {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const candidate = join(root, relative);
  const inside = candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
  if (inside && relative && !relative.includes('\0')) {
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile()) {
      return {
        body: await readFile(candidate),
        contentType: CONTENT_TYPES[extname(candidate)] ?? 'application/octet-stream',
        // Vite puts a content hash in every asset name under assets/.
        immutable: relative.startsWith('assets' + sep) || relative.startsWith('assets/'),
      };
    }
  }
  return { body: await readFile(join(root, 'index.html')), contentType: CONTENT_TYPES['.html'], immutable: false };
}
