import { PatchbayFailure, type ErrorCode } from '../../shared/errors';

interface DockerodeError {
  statusCode?: number;
  json?: { message?: string } | null;
  reason?: string;
  message?: string;
  code?: string;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EACCES']);

/** True when the failure means the engine cannot be reached at all (not that it said no). */
export function isEngineUnreachable(error: unknown): boolean {
  const code = (error as DockerodeError | null)?.code;
  return typeof code === 'string' && UNREACHABLE_CODES.has(code);
}

/** The engine's own sentence, without dockerode's "(HTTP code 409) unexpected - " prefix. */
export function engineMessage(error: unknown): string {
  const e = error as DockerodeError | null;
  const fromJson = e?.json && typeof e.json === 'object' ? e.json.message : undefined;
  const text = fromJson ?? e?.message ?? String(error);
  return text.replace(/^\(HTTP code \d+\) [a-z ]+- /, '').trim();
}

/**
 * Turns a dockerode failure into a PatchbayFailure whose message a person can act on.
 *
 * `subject` names what the request was about ("container web") so a 404 can say what vanished.
 */
export function toEngineFailure(error: unknown, subject: string, endpoint: string): PatchbayFailure {
  if (error instanceof PatchbayFailure) return error;
  const e = error as DockerodeError | null;
  if (isEngineUnreachable(error)) {
    if (e?.code === 'EACCES') {
      return new PatchbayFailure(
        'engine-unavailable',
        `Permission denied on ${endpoint}. Add your user to the docker group (sudo usermod -aG docker $USER) and log in again.`,
        e.message,
      );
    }
    return new PatchbayFailure(
      'engine-unavailable',
      `The Docker engine at ${endpoint} is not answering. Start it (e.g. sudo systemctl start docker) — Patchbay reconnects by itself.`,
      e?.message,
    );
  }
  const detail = engineMessage(error);
  const status = e?.statusCode;
  const codeFor: Record<number, ErrorCode> = { 400: 'invalid-input', 403: 'forbidden', 404: 'not-found', 409: 'conflict' };
  const code = (status !== undefined && codeFor[status]) || 'engine-error';
  if (code === 'not-found') {
    return new PatchbayFailure(code, `The ${subject} does not exist (any more): it may have been removed outside Patchbay.`, detail);
  }
  return new PatchbayFailure(code, `The engine refused: ${detail}`, detail);
}
