import { CheckCircle2, Download, Loader2, XCircle } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { imageReference, withDefaultTag } from '../../../../shared/images/pull-contract';
import { emptyPullState, foldPullEvents, PullLineReader, type PullLayer, type PullState } from '../../../../shared/images/pull-progress';
import { client } from '../../api';
import type { StreamHandle } from '../../api/streams';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { formatBytes } from '../../components/format';

export interface PullDialogProps {
  open: boolean;
  onClose(): void;
  /** The reference to fill in; with `autoStart` the pull begins as the dialog opens. */
  image?: string;
  autoStart?: boolean;
  /** Called with the reference once the engine has the image. */
  onPulled?(image: string): void;
}

/** `docker pull`, with the engine's progress per layer and overall, live; closing it cancels the pull. */
export function PullDialog({ open, onClose, image, autoStart, onPulled }: PullDialogProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title="Pull an image"
      width="max-w-2xl"
      description={
        <span>
          The same as <code className="font-mono">docker pull NAME[:TAG]</code>: the engine fetches the image from its registry.
        </span>
      }
    >
      {open ? <PullBody initial={image ?? ''} autoStart={autoStart ?? false} onClose={onClose} onPulled={onPulled} /> : null}
    </Dialog>
  );
}

type Phase = 'idle' | 'pulling' | 'done' | 'failed' | 'cancelled';

function PullBody({ initial, autoStart, onClose, onPulled }: { initial: string; autoStart: boolean; onClose(): void; onPulled?(image: string): void }) {
  const [name, setName] = useState(initial);
  const [inputError, setInputError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [target, setTarget] = useState('');
  const [progress, setProgress] = useState<PullState>(emptyPullState);
  const [message, setMessage] = useState<string | null>(null);
  const handle = useRef<StreamHandle | null>(null);
  const pulled = useRef(onPulled);
  pulled.current = onPulled;

  const start = useCallback((text: string) => {
    const parsed = imageReference.safeParse(text);
    if (!parsed.success) {
      setInputError(parsed.error.issues[0]?.message ?? 'That is not an image reference.');
      return;
    }
    setInputError(null);
    handle.current?.close();
    const ref = withDefaultTag(parsed.data);
    const stream = client.openStream('images:pull', { image: parsed.data });
    handle.current = stream;
    const reader = new PullLineReader();
    let folded = emptyPullState();
    let frame = 0;
    setTarget(ref);
    setProgress(folded);
    setMessage(null);
    setPhase('pulling');
    stream.onData((bytes) => {
      folded = foldPullEvents(reader.push(bytes), folded);
      // Many events a second: one render per frame is enough.
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        if (handle.current === stream) setProgress(folded);
      });
    });
    stream.onExit((exit) => {
      cancelAnimationFrame(frame);
      if (handle.current !== stream) return;
      handle.current = null;
      folded = foldPullEvents(reader.end(), folded);
      setProgress(folded);
      setMessage(exit.message);
      if (exit.reason === 'exited' && exit.code === 0) {
        setPhase('done');
        pulled.current?.(ref);
      } else {
        setPhase(exit.reason === 'closed' ? 'cancelled' : 'failed');
      }
    });
  }, []);

  useEffect(() => {
    if (autoStart && initial.trim()) start(initial);
    return () => {
      // Closing the dialog ends the stream, which makes the engine cancel the pull.
      const open = handle.current;
      handle.current = null;
      open?.close();
    };
  }, [autoStart, initial, start]);

  const cancel = () => {
    const open = handle.current;
    handle.current = null;
    open?.close();
    setPhase('cancelled');
    setMessage('The pull was cancelled.');
  };

  const pulling = phase === 'pulling';
  return (
    // Keys stay here: the run form this may open from has its own shortcuts (Ctrl+Enter runs).
    <div className="space-y-4 text-[13px]" data-testid="pull-dialog" onKeyDown={(e) => e.stopPropagation()}>
      <form
        className="flex items-start gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!pulling) start(name);
        }}
      >
        <div className="min-w-0 flex-1">
          <label htmlFor="pull-image" className="sr-only">
            Image to pull
          </label>
          <input
            id="pull-image"
            className="h-8 w-full rounded-md border border-line bg-canvas px-2 font-mono text-[12.5px] text-fg"
            placeholder="alpine:3.20"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setInputError(null);
            }}
            disabled={pulling}
            aria-invalid={inputError ? true : undefined}
            aria-describedby={inputError ? 'pull-image-error' : undefined}
            spellCheck={false}
            autoComplete="off"
            autoFocus
          />
          {inputError ? (
            <p id="pull-image-error" className="mt-1 text-xs text-bad">
              {inputError}
            </p>
          ) : null}
        </div>
        <Button type="submit" variant="primary" icon={<Download size={14} />} disabled={pulling || !name.trim()}>
          {phase === 'failed' || phase === 'cancelled' ? 'Try again' : 'Pull'}
        </Button>
      </form>

      {phase !== 'idle' ? <Progress target={target} phase={phase} state={progress} /> : null}

      {phase === 'failed' && message ? (
        <p role="alert" data-testid="pull-error" className="flex gap-2 rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-bad">
          <XCircle size={15} className="mt-px shrink-0" aria-hidden />
          <span>{message}</span>
        </p>
      ) : null}
      {phase === 'done' ? (
        <p role="status" data-testid="pull-done" className="flex items-center gap-2 text-ok">
          <CheckCircle2 size={15} aria-hidden /> {message}
          {progress.outcome ? <span className="text-muted">({progress.outcome})</span> : null}
        </p>
      ) : null}
      {phase === 'cancelled' ? (
        <p role="status" className="text-muted">
          {message} The engine stops fetching; layers it already had stay.
        </p>
      ) : null}

      <div className="flex justify-end gap-2">
        {pulling ? (
          <Button onClick={cancel}>Cancel pull</Button>
        ) : (
          <Button onClick={onClose}>Close</Button>
        )}
      </div>
    </div>
  );
}

function Progress({ target, phase, state }: { target: string; phase: Phase; state: PullState }) {
  const percent = Math.floor(state.percent);
  const waiting = phase === 'pulling' && state.layers.length === 0;
  return (
    <section aria-label={`Pull of ${target}`} className="space-y-2 rounded-lg border border-line bg-canvas p-3">
      <div className="flex items-center gap-2">
        {phase === 'pulling' ? <Loader2 size={14} className="animate-spin text-accent" aria-hidden /> : null}
        <span className="min-w-0 flex-1 truncate font-mono text-[12.5px]">{target}</span>
        <span className="text-xs tabular-nums text-muted" data-testid="pull-percent">
          {waiting ? 'asking the registry…' : `${percent} %`}
        </span>
      </div>
      <Bar label="Overall progress" fraction={state.percent / 100} tone={phase === 'failed' ? 'bad' : phase === 'done' ? 'ok' : 'accent'} />
      {state.layers.length ? (
        <ul className="max-h-64 space-y-1.5 overflow-y-auto pr-1" aria-label="Layers">
          {state.layers.map((layer) => (
            <LayerRow key={layer.id} layer={layer} />
          ))}
        </ul>
      ) : null}
      {state.digest ? <p className="truncate font-mono text-[11px] text-muted">Digest {state.digest}</p> : null}
    </section>
  );
}

function LayerRow({ layer }: { layer: PullLayer }) {
  const bytes = layer.total ? `${formatBytes(layer.current)} / ${formatBytes(layer.total)}` : layer.size ? formatBytes(layer.size) : '';
  return (
    <li className="grid grid-cols-[7.5rem_minmax(0,1fr)_9rem] items-center gap-2 text-xs" data-testid={`pull-layer-${layer.id}`}>
      <span className="truncate font-mono text-muted">{layer.id}</span>
      <div className="min-w-0">
        <div className="mb-0.5 flex justify-between gap-2">
          <span className={layer.done ? 'text-ok' : 'text-fg'}>{layer.status}</span>
        </div>
        <Bar label={`Layer ${layer.id}`} fraction={layer.fraction} tone={layer.done ? 'ok' : 'accent'} thin />
      </div>
      <span className="text-right tabular-nums text-muted">{bytes}</span>
    </li>
  );
}

const TONES = { accent: 'bg-accent', ok: 'bg-ok', bad: 'bg-bad' } as const;

function Bar({ label, fraction, tone, thin }: { label: string; fraction: number; tone: keyof typeof TONES; thin?: boolean }) {
  const value = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      className={`w-full overflow-hidden rounded-full bg-raised ${thin ? 'h-1' : 'h-2'}`}
    >
      <div className={`h-full rounded-full transition-[width] duration-200 ${TONES[tone]}`} style={{ width: `${value}%` }} />
    </div>
  );
}
