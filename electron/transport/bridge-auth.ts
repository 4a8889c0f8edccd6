import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'patchbay_token';

export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Compares in constant time; hashing first makes the lengths equal, so length leaks nothing either. */
export function tokensMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token a request carries: `Authorization: Bearer`, the session cookie, or `?token=`. */
export function tokenOf(request: IncomingMessage, url: URL): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const cookie = request.headers.cookie
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === TOKEN_COOKIE);
  if (cookie?.[1]) return safeDecode(cookie[1]);
  return url.searchParams.get('token');
}

/** Malformed percent-encoding is no token, not an exception (it would crash the upgrade handler). */
function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * The origins the bridge answers: its own address, by IP or as localhost.
 *
 * A page from anywhere else must not drive the engine, and checking Host as well stops a
 * DNS-rebinding page that resolves its own name to 127.0.0.1.
 */
export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export function hostAllowed(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function originAllowed(request: IncomingMessage, port: number, required: boolean): boolean {
  const origin = request.headers.origin;
  if (!origin) return !required;
  return allowedOrigins(port).has(origin);
}
