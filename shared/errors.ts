/**
 * The one error shape every failure becomes before it crosses a transport.
 *
 * Electron's IPC and JSON over HTTP both lose an Error's class and fields, so the core
 * converts every failure into this plain object and the renderer shows `message` as is.
 */
export type ErrorCode =
  | 'invalid-input'
  | 'unknown-channel'
  | 'not-found'
  | 'conflict'
  | 'in-use'
  | 'engine-unavailable'
  | 'forbidden'
  | 'engine-error'
  | 'internal';

export interface PatchbayError {
  code: ErrorCode;
  /** A sentence a person can act on. */
  message: string;
  /** The engine's own words or other technical detail, shown on demand. */
  detail?: string;
}

/** What every request returns on either transport. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: PatchbayError };

/** Thrown inside the core; `toPatchbayError` passes it through unchanged. */
export class PatchbayFailure extends Error {
  readonly code: ErrorCode;
  readonly detail?: string;
  constructor(code: ErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'PatchbayFailure';
    this.code = code;
    this.detail = detail;
  }
  toJSON(): PatchbayError {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

export function isPatchbayError(value: unknown): value is PatchbayError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PatchbayError).code === 'string' &&
    typeof (value as PatchbayError).message === 'string'
  );
}
