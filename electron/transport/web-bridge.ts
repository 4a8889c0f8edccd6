import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { channelNames, eventNames } from '../../shared/contract';
import type { PatchbayError, Result } from '../../shared/errors';
import type { Core } from '../core/core';
import { TOKEN_COOKIE, hostAllowed, originAllowed, randomToken, tokenOf, tokensMatch } from './bridge-auth';
import { readStaticFile } from './static-files';
import { serveStreams } from './web-streams';

export interface WebBridgeOptions {
  core: Core;
  /** The built renderer (`out/renderer`). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  token?: string;
}

export interface WebBridge {
  url: string;
  /** The URL with the token, to open in a browser once. */
  loginUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** `images:import` carries a whole tar; every other request is small. */
const BODY_LIMITS: Record<string, number> = { 'images:import': 768 * 1024 * 1024 };
const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Serves the renderer and the contract on 127.0.0.1 only.
 *
 * Every HTTP request and WebSocket must carry the token (header, cookie or `?token=`); a request
 * from a foreign Origin or to a foreign Host is refused before the token is even looked at.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = options.token ?? randomToken();
  let port = options.port;
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  const server = createServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      // decodeURIComponent and new URL throw on a malformed address: the client's mistake, not ours.
      const malformed = error instanceof URIError || (error as { code?: string } | null)?.code === 'ERR_INVALID_URL';
      if (!response.headersSent && malformed) {
        sendJson(response, 400, failure('invalid-input', 'The address is not valid.'));
      } else if (!response.headersSent) sendJson(response, 500, failure('internal', `Patchbay failed to answer: ${String(error)}`));
      else response.destroy();
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (!hostAllowed(request, port) || !originAllowed(request, port, false)) {
      sendJson(response, 403, failure('forbidden', 'Requests from other sites or hosts are refused.'));
      return;
    }
    const given = tokenOf(request, url);
    if (!given || !tokensMatch(given, token)) {
      sendJson(response, 401, failure('forbidden', 'This Patchbay needs its token: open the URL that `npm run web` printed.'));
      return;
    }
    if (url.pathname === '/api' && request.method === 'GET') {
      sendJson(response, 200, { channels: channelNames, events: eventNames });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      await handleRequest(request, response, decodeURIComponent(url.pathname.slice('/api/'.length)));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, failure('invalid-input', 'Only GET is served here.'));
      return;
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the address for a cookie, and take it out of the address bar and history.
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname,
      });
      response.end();
      return;
    }
    const file = await readStaticFile(options.staticDir, url.pathname);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': file.contentType,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  async function handleRequest(request: IncomingMessage, response: ServerResponse, channel: string): Promise<void> {
    if (request.method !== 'POST') {
      sendJson(response, 405, failure('invalid-input', 'Send requests as POST with a JSON body.'));
      return;
    }
    // A JSON content type cannot be sent cross-site without a preflight, which this server never grants.
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(response, 415, failure('invalid-input', 'The body must be JSON (Content-Type: application/json).'));
      return;
    }
    const body = await readBody(request, BODY_LIMITS[channel] ?? DEFAULT_BODY_LIMIT);
    if (body === null) {
      sendJson(response, 413, failure('invalid-input', 'The request is too large.'));
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      sendJson(response, 400, failure('invalid-input', 'The body is not valid JSON.'));
      return;
    }
    const result = await options.core.invoke(channel, input);
    const status = result.ok ? 200 : result.error.code === 'unknown-channel' ? 404 : 200;
    sendJson(response, status, result);
  }

  server.on('upgrade', (request, socket, head) => {
    const reject = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    // A throw here would be uncaught and end the process: a malformed address is a 400.
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      return reject(400, 'Bad Request');
    }
    if (url.pathname !== '/ws') return reject(404, 'Not Found');
    if (!hostAllowed(request, port) || !originAllowed(request, port, false)) return reject(403, 'Forbidden');
    const given = tokenOf(request, url);
    if (!given || !tokensMatch(given, token)) return reject(401, 'Unauthorized');
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      const streams = serveStreams(ws, options.core);
      ws.on('message', (data, isBinary) => streams.onMessage(data, isBinary));
      ws.on('close', () => {
        sockets.delete(ws);
        streams.closeAll();
      });
      ws.on('error', () => ws.terminate());
      void options.core.invoke('engine:status', {}).then((status) => {
        if (status.ok) send(ws, 'engine:status', status.value);
      });
    });
  });

  const unsubscribe = options.core.onEvent((name, payload) => {
    const frame = JSON.stringify({ type: 'event', name, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the bridge drives the engine, so no other machine may reach it.
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    loginUrl: `${url}?token=${encodeURIComponent(token)}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(ws: WebSocket, name: string, payload: unknown): void {
  ws.send(JSON.stringify({ type: 'event', name, payload }));
}

function failure(code: PatchbayError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** Reads the body up to `limit` bytes; null when it is larger. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
