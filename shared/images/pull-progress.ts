/**
 * The progress of a `docker pull`, as the engine reports it, folded into what a person reads:
 * one row per layer (what it is doing, how many bytes of how many) and one overall percentage.
 *
 * The engine writes one JSON object per line:
 *
 *   {"status":"Pulling from library/alpine","id":"3.20"}                       the header (id is the tag)
 *   {"status":"Pulling fs layer","progressDetail":{},"id":"c6a83fedfae6"}       a layer, queued
 *   {"status":"Downloading","progressDetail":{"current":…,"total":…},"id":…}    compressed bytes fetched
 *   {"status":"Verifying Checksum" | "Download complete", "id":…}
 *   {"status":"Extracting","progressDetail":{"current":…,"total":…},"id":…}     compressed bytes unpacked
 *   {"status":"Pull complete" | "Already exists","id":…}
 *   {"status":"Digest: sha256:…"}  {"status":"Status: Downloaded newer image for alpine:3.20"}
 *   {"errorDetail":{"message":"…"},"error":"…"}                                 the pull failed
 *
 * The core normalises each object into a `PullEvent` and sends it as one line of the
 * `images:pull` stream; the renderer reads the lines back with `PullLineReader`.
 */

export interface PullEvent {
  /** The engine's status text; empty for a bare error event. */
  status: string;
  /** A layer's short id, or the tag on the "Pulling from" header. */
  id?: string;
  /** Bytes done so far in the current phase (download or extraction). */
  current?: number;
  /** Bytes of the current phase; absent when the engine does not know. */
  total?: number;
  /** The engine's message when the pull failed. */
  error?: string;
}

export type LayerPhase = 'waiting' | 'downloading' | 'verifying' | 'downloaded' | 'extracting' | 'complete' | 'exists' | 'retrying' | 'other';

export interface PullLayer {
  id: string;
  /** The engine's last status for it, e.g. "Downloading". */
  status: string;
  phase: LayerPhase;
  /** Bytes of the current phase done, and of the whole phase (null while unknown). */
  current: number;
  total: number | null;
  /** The layer's compressed size, once the engine said it. */
  size: number | null;
  /** 0…1: downloading is the first half, extracting the second. */
  fraction: number;
  done: boolean;
}

export interface PullState {
  /** In the order the engine first named them. */
  layers: PullLayer[];
  /** 0…100 over the layers this pull fetches (layers already present do not count). */
  percent: number;
  /** "library/alpine", from the "Pulling from" header. */
  from: string | null;
  digest: string | null;
  /** The engine's closing status, e.g. "Downloaded newer image for alpine:3.20". */
  outcome: string | null;
  error: string | null;
  /** True once the engine's closing status arrived. */
  complete: boolean;
  /** Other statuses without a layer, newest last (at most a few). */
  notes: string[];
}

export function emptyPullState(): PullState {
  return { layers: [], percent: 0, from: null, digest: null, outcome: null, error: null, complete: false, notes: [] };
}

/** One engine progress object as a PullEvent; null when it carries nothing to show. */
export function normalisePullEvent(raw: unknown): PullEvent | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const detail = isRecord(r.errorDetail) ? r.errorDetail : null;
  const error = text(r.error) ?? text(detail?.message);
  const status = text(r.status) ?? '';
  if (!status && !error) return null;
  const event: PullEvent = { status };
  const id = text(r.id);
  if (id) event.id = id;
  const progress = isRecord(r.progressDetail) ? r.progressDetail : null;
  const current = bytes(progress?.current);
  const total = bytes(progress?.total);
  if (current !== undefined) event.current = current;
  if (total !== undefined && total > 0) event.total = total;
  if (error) event.error = error;
  return event;
}

const PHASES: Array<[RegExp, LayerPhase]> = [
  [/^(Pulling fs layer|Waiting)$/i, 'waiting'],
  [/^Downloading/i, 'downloading'],
  [/^Verifying Checksum$/i, 'verifying'],
  [/^Download complete$/i, 'downloaded'],
  [/^Extracting/i, 'extracting'],
  [/^Pull complete$/i, 'complete'],
  [/^Already exists$/i, 'exists'],
  [/^Retrying/i, 'retrying'],
];

function phaseOf(status: string): LayerPhase {
  return PHASES.find(([pattern]) => pattern.test(status))?.[1] ?? 'other';
}

const MAX_NOTES = 5;

/** The state after one more event; `state` is not changed. */
export function foldPullEvent(state: PullState, event: PullEvent): PullState {
  if (event.error) return { ...state, error: event.error };
  const status = event.status;
  if (/^Pulling from /i.test(status)) return { ...state, from: status.replace(/^Pulling from /i, '') };
  if (!event.id) {
    if (/^Digest: /i.test(status)) return { ...state, digest: status.replace(/^Digest: /i, '') };
    if (/^Status: /i.test(status)) return withPercent({ ...state, outcome: status.replace(/^Status: /i, ''), complete: true });
    return { ...state, notes: [...state.notes, status].slice(-MAX_NOTES) };
  }
  const index = state.layers.findIndex((l) => l.id === event.id);
  const layers = [...state.layers];
  const before = index >= 0 ? layers[index] : null;
  const layer = foldLayer(before, event);
  if (index >= 0) layers[index] = layer;
  else layers.push(layer);
  return withPercent({ ...state, layers });
}

export function foldPullEvents(events: Iterable<PullEvent>, state: PullState = emptyPullState()): PullState {
  let next = state;
  for (const event of events) next = foldPullEvent(next, event);
  return next;
}

function foldLayer(before: PullLayer | null, event: PullEvent): PullLayer {
  const phase = phaseOf(event.status);
  const prior = before ?? { id: event.id!, status: '', phase: 'waiting' as LayerPhase, current: 0, total: null, size: null, fraction: 0, done: false };
  const total = event.total ?? null;
  const current = event.current ?? 0;
  const ratio = total ? Math.min(1, current / total) : 0;
  const next: PullLayer = { ...prior, status: event.status, phase, current, total };
  switch (phase) {
    case 'downloading':
      next.size = total ?? prior.size;
      next.fraction = total ? ratio / 2 : prior.fraction;
      break;
    case 'verifying':
    case 'downloaded':
      next.current = prior.size ?? prior.current;
      next.total = prior.size ?? prior.total;
      next.fraction = 0.5;
      break;
    case 'extracting':
      next.size = prior.size ?? total;
      next.fraction = total ? 0.5 + ratio / 2 : Math.max(prior.fraction, 0.5);
      break;
    case 'complete':
    case 'exists':
      next.current = prior.size ?? 0;
      next.total = prior.size;
      next.fraction = 1;
      break;
    case 'retrying':
      next.fraction = 0;
      break;
    default:
      next.current = prior.current;
      next.total = prior.total;
  }
  next.done = phase === 'complete' || phase === 'exists';
  return next;
}

/**
 * Each layer weighs its compressed size (a layer whose size is not known yet weighs the average
 * of the known ones); layers that already existed are left out, since nothing is fetched for them.
 * The percentage only grows within a pull.
 */
function withPercent(state: PullState): PullState {
  const fetched = state.layers.filter((l) => l.phase !== 'exists');
  if (fetched.length === 0) return { ...state, percent: state.complete ? 100 : 0 };
  const known = fetched.map((l) => l.size).filter((s): s is number => s !== null && s > 0);
  const fallback = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  let done = 0;
  let all = 0;
  for (const layer of fetched) {
    const weight = layer.size && layer.size > 0 ? layer.size : fallback;
    done += weight * layer.fraction;
    all += weight;
  }
  // A layer whose size becomes known can lower the sum; the bar never goes back.
  const percent = state.complete && !state.error ? 100 : Math.max(state.percent, Math.min(100, (done / all) * 100));
  return { ...state, percent };
}

/**
 * Reads the `images:pull` stream's bytes back into events: one JSON object per line, a line
 * possibly split across chunks (and a UTF-8 character across two). Lines that are not JSON are
 * skipped.
 */
export class PullLineReader {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';

  push(chunk: Uint8Array | string): PullEvent[] {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    return parseLines(lines);
  }

  /** Whatever was left without a final newline. */
  end(): PullEvent[] {
    const rest = this.pending + this.decoder.decode();
    this.pending = '';
    return parseLines([rest]);
  }
}

function parseLines(lines: string[]): PullEvent[] {
  const events: PullEvent[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    try {
      const event = decodePullEvent(JSON.parse(trimmed));
      if (event) events.push(event);
    } catch {
      // not a progress line
    }
  }
  return events;
}

/** A line the core sent back into an event, checked field by field (it crossed a transport). */
function decodePullEvent(value: unknown): PullEvent | null {
  if (!isRecord(value)) return null;
  const status = typeof value.status === 'string' ? value.status : '';
  const error = text(value.error);
  if (!status && !error) return null;
  const event: PullEvent = { status };
  const id = text(value.id);
  const current = bytes(value.current);
  const total = bytes(value.total);
  if (id) event.id = id;
  if (current !== undefined) event.current = current;
  if (total !== undefined && total > 0) event.total = total;
  if (error) event.error = error;
  return event;
}

/** The one line the core sends for an event. */
export function encodePullEvent(event: PullEvent): string {
  return `${JSON.stringify(event)}\n`;
}

/**
 * Why the engine could not pull, in words, with the engine's own sentence kept at the end:
 * "The engine could not pull alpine:3.20: it has no registry to reach here (Get "https://…": … no such host)."
 */
export function plainPullFailure(image: string, detail: string): string {
  const words = detail.trim().replace(/\.$/, '');
  return `The engine could not pull ${image}: ${pullFailureReason(words)}${words ? ` (${words})` : ''}.`;
}

function pullFailureReason(detail: string): string {
  if (/no such host|lookup .* on |dial tcp|connection refused|network is unreachable|no route to host|i\/o timeout|TLS handshake timeout|proxyconnect|server misbehaving|Client\.Timeout/i.test(detail)) {
    return 'it has no registry to reach here';
  }
  if (/toomanyrequests|rate limit/i.test(detail)) return "the registry's pull rate limit was reached; try again later";
  if (/manifest unknown|not found|pull access denied|does not exist|repository .* not found|unauthorized|authentication required|denied/i.test(detail)) {
    return 'the registry has no such image, or it needs a login';
  }
  if (/no matching manifest|platform/i.test(detail)) return "the image has no variant for this engine's platform";
  if (/no space left on device/i.test(detail)) return "the engine's disk is full";
  if (/invalid reference format|invalid tag|invalid repository name/i.test(detail)) return 'that is not a valid image reference';
  return 'the pull failed';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function bytes(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
