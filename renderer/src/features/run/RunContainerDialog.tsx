import * as RadixDialog from '@radix-ui/react-dialog';
import * as Tabs from '@radix-ui/react-tabs';
import { AlertTriangle, CheckCircle2, ClipboardPaste, Copy, Download, FolderPlus, Info, Loader2, Play, Plus, X, XCircle } from 'lucide-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import { useShallow } from 'zustand/react/shallow';
import { parseExposeSpec } from '../../../../shared/ports/expose-spec';
import { parsePortSpec } from '../../../../shared/ports/port-spec';
import { formatRunCommand } from '../../../../shared/run-command/format-run-command';
import { parseRunCommand, type ParsedRunCommand } from '../../../../shared/run-command/parse-run-command';
import { emptyRunForm, type RestartName, type RunForm } from '../../../../shared/run-command/run-form';
import { quoteShellWord } from '../../../../shared/run-command/shell-quote';
import { tokenize } from '../../../../shared/run-command/tokenize';
import { validateRunForm } from '../../../../shared/run-command/validate-run-form';
import type { PreflightProblem, RunImageInfo, RunNetworkChoice } from '../../../../shared/run/model';
import { client, messageOf } from '../../api';
import { Button, IconButton } from '../../components/Button';
import { useStore } from '../../store';
import { PullDialog } from '../images/PullDialog';
import { composeYaml } from './compose-yaml';
import { copyText } from './copy-text';
import { CheckField, FieldMessage, KeyValueRows, Section, TextField, TextRows, inputClass, monoInput, type RowErrors } from './form-controls';
import { NetworkSection, modeKind } from './NetworkSection';
import { PortRows } from './PortRows';
import { usePreflight } from './use-preflight';

export interface RunContainerDialogProps {
  open: boolean;
  onClose(): void;
  /** A form to start from (e.g. a pasted command); empty otherwise. */
  initial?: RunForm;
}

/** The "Run a container" sheet: the whole `docker run` as a form, with the command always in view. */
export function RunContainerDialog({ open, onClose, initial }: RunContainerDialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={(o) => !o && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/50 backdrop-blur-[1px]" />
        <RadixDialog.Content
          aria-describedby={undefined}
          className="fixed left-1/2 top-[3vh] z-50 flex h-[94vh] w-[min(1240px,97vw)] -translate-x-1/2 flex-col overflow-hidden rounded-xl border border-line bg-canvas shadow-2xl outline-none"
        >
          {open ? <RunForm_ initial={initial} onClose={onClose} /> : null}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

type Problem = PreflightProblem & { source: 'form' | 'engine' };

function RunForm_({ initial, onClose }: { initial?: RunForm; onClose(): void }) {
  const [form, setForm] = useState<RunForm>(() => initial ?? { ...emptyRunForm(), detach: true });
  const update = (patch: Partial<RunForm>) => setForm((f) => ({ ...f, ...patch }));
  const [createFolders, setCreateFolders] = useState(false);
  const [busy, setBusy] = useState<null | 'run' | 'create'>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [pasted, setPasted] = useState<ParsedRunCommand | null>(null);
  const [networks, setNetworks] = useState<RunNetworkChoice[]>([]);
  const [pulling, setPulling] = useState(false);
  const { images, loadImages, containers, openDetails } = useStore(
    useShallow((s) => ({ images: s.images, loadImages: s.loadImages, containers: s.containers, openDetails: s.openDetails })),
  );
  const containerList = useMemo(() => Object.values(containers).sort((a, b) => a.name.localeCompare(b.name)), [containers]);
  const imageTags = useMemo(() => images.flatMap((i) => i.tags).sort(), [images]);

  useEffect(() => {
    void loadImages();
    client.request('run:networks', {}).then(setNetworks, () => setNetworks([]));
  }, [loadImages]);

  // Paused while the pull dialog is open, so both look again once it closes.
  const imageInfo = useImageInfo(pulling ? '' : form.image);
  const local = useMemo(() => validateRunForm(form), [form]);
  const preflight = usePreflight(form, !pulling);

  // One list: the form's own problems at once, the engine's when its check answers.
  const problems: Problem[] = useMemo(() => {
    const seen = new Set(local.map((p) => p.message));
    const fromEngine = preflight.problems
      .filter((p) => !seen.has(p.message))
      .map((p): Problem =>
        createFolders && p.fix?.kind === 'create-bind-source'
          ? { ...p, severity: 'info', message: `${p.fix.path} will be created when you run the container.`, source: 'engine' }
          : { ...p, source: 'engine' },
      );
    return [...local.map((p): Problem => ({ ...p, severity: 'error', source: 'form' })), ...fromEngine];
  }, [local, preflight.problems, createFolders]);
  const blocking = problems.filter((p) => p.severity === 'error');

  const fieldError = (field: keyof RunForm) => problems.find((p) => p.field === field && p.index === undefined && p.severity === 'error')?.message;
  const rowsOf = (field: keyof RunForm, severity: PreflightProblem['severity']): RowErrors => {
    const map = new Map<number, string>();
    for (const p of problems) if (p.field === field && p.index !== undefined && p.severity === severity && !map.has(p.index)) map.set(p.index, p.message);
    return map;
  };
  const rowErrors = (field: keyof RunForm) => rowsOf(field, 'error');

  const submit = async (createOnly: boolean) => {
    if (busy) return;
    setBusy(createOnly ? 'create' : 'run');
    setSubmitError(null);
    try {
      const created = await client.request('run:create', { form, createMissingBindSources: createFolders, createOnly });
      toast.success(`${created.started ? 'Started' : 'Created'} ${created.name}`, created.warnings.length ? { description: created.warnings.join(' ') } : undefined);
      onClose();
      openDetails(created.id);
    } catch (error) {
      setSubmitError(messageOf(error));
    } finally {
      setBusy(null);
    }
  };

  const shared = modeKind(form.networkMode) === 'container';
  const hostMode = form.networkMode === 'host';

  return (
    <div
      className="flex min-h-0 flex-1 flex-col"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit(false);
        }
      }}
    >
      <header className="flex items-center gap-3 border-b border-line bg-panel px-5 py-3">
        <div className="flex h-8 w-8 items-center justify-center rounded-lg bg-accent/15 text-accent" aria-hidden>
          <Play size={16} />
        </div>
        <div className="min-w-0 flex-1">
          <RadixDialog.Title className="text-[15px] font-semibold">Run a container</RadixDialog.Title>
          <p className="text-xs text-muted">Everything docker run can say, as a form. The command below follows every change.</p>
        </div>
        <RadixDialog.Close asChild>
          <IconButton label="Close" icon={<X size={16} />} />
        </RadixDialog.Close>
      </header>

      <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_340px]">
        <div className="min-h-0 space-y-4 overflow-y-auto p-5" data-testid="run-form">
          <Section id="run-general" title="Image and command" hint="What runs, under which name, as whom.">
            <div className="grid grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)] gap-3">
              <div>
                <label htmlFor="run-image" className="mb-1 block text-xs font-medium text-muted">Image</label>
                <input id="run-image" role="combobox" aria-autocomplete="list" list="run-image-list" value={form.image} onChange={(e) => update({ image: e.target.value })} placeholder="Pick a local image or type a reference" aria-invalid={fieldError('image') ? true : undefined} aria-describedby="run-image-msg" className={monoInput} spellCheck={false} autoComplete="off" autoFocus />
                <datalist id="run-image-list">
                  {imageTags.map((tag) => (
                    <option key={tag} value={tag} />
                  ))}
                </datalist>
                <div id="run-image-msg">
                  <FieldMessage message={fieldError('image')} />
                  <ImageFacts info={imageInfo} />
                  {imageInfo.missing ? (
                    <Button size="sm" className="mt-1" icon={<Download size={13} />} onClick={() => setPulling(true)}>
                      Pull {form.image.trim()}
                    </Button>
                  ) : null}
                  <PullDialog open={pulling} image={form.image.trim()} autoStart onClose={() => setPulling(false)} />
                </div>
              </div>
              <TextField label="Name (--name)" mono value={form.name} onChange={(v) => update({ name: v })} placeholder="the engine picks one" error={fieldError('name')} />
            </div>
            <div className="grid grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)] gap-3">
              <CommandField value={form.command} onChange={(command) => update({ command })} placeholder={imageInfo.info?.cmd ? imageInfo.info.cmd.map(quoteShellWord).join(' ') : 'the image default'} />
              <TextField label="Entrypoint (--entrypoint)" mono value={form.entrypoint ?? ''} onChange={(v) => update({ entrypoint: v === '' ? null : v })} placeholder={form.entrypoint === '' ? "cleared (--entrypoint '')" : imageInfo.info?.entrypoint?.join(' ') || 'the image default'} />
            </div>
            <div className="grid grid-cols-[minmax(0,0.7fr)_minmax(0,0.7fr)_minmax(0,1fr)] gap-3">
              <TextField label="Working directory (-w)" mono value={form.workdir} onChange={(v) => update({ workdir: v })} placeholder={imageInfo.info?.workingDir || '/'} error={fieldError('workdir')} />
              <TextField label="User (-u)" mono value={form.user} onChange={(v) => update({ user: v })} placeholder={imageInfo.info?.user || 'root (image default)'} />
              <RestartField form={form} update={update} error={fieldError('restart')} />
            </div>
            <div className="grid grid-cols-4 gap-2">
              <CheckField label="Detach" flag="-d" checked={form.detach} onChange={(v) => update({ detach: v })} hint="Run in the background." />
              <CheckField label="Interactive" flag="-i" checked={form.interactive} onChange={(v) => update({ interactive: v })} hint="Keep standard input open." />
              <CheckField label="Terminal" flag="-t" checked={form.tty} onChange={(v) => update({ tty: v })} hint="Give it a pseudo-terminal." />
              <CheckField label="Auto-remove" flag="--rm" checked={form.autoRemove} onChange={(v) => update({ autoRemove: v })} hint="Delete it when it stops." />
            </div>
            <FieldMessage message={fieldError('autoRemove')} />
          </Section>

          <Section id="run-ports" title="Ports" hint="--expose, -P and -p: what the container offers, and what the host publishes.">
            {shared ? (
              <p role="note" className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-xs text-warn">
                Ports are off in container: mode. This container uses the other container&apos;s network stack, so the engine refuses to publish or expose ports here — publish them on that container instead.
                {form.ports.length || form.expose.length || form.publishAll ? (
                  <Button size="sm" className="ml-2" onClick={() => update({ ports: [], expose: [], publishAll: false })}>
                    Clear the ports
                  </Button>
                ) : null}
              </p>
            ) : hostMode ? (
              <p role="note" className="rounded-md border border-line bg-raised px-3 py-2 text-xs text-muted">
                With host networking there is nothing to publish: programs in the container listen on the host&apos;s ports directly.
              </p>
            ) : null}
            <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)] gap-4">
              <TextRows label="Exposed ports (--expose)" addLabel="Expose a port" rows={form.expose} onChange={(expose) => update({ expose })} placeholder="7000 or 53/udp" errors={rowErrors('expose')} disabled={shared && form.expose.length === 0} hint="Lets -P publish it; opens nothing by itself." />
              <PublishAll form={form} update={update} imagePorts={imageInfo.info?.exposedPorts ?? []} disabled={shared && !form.publishAll} error={fieldError('publishAll')} />
            </div>
            <PortRows rows={form.ports} onChange={(ports) => update({ ports })} errors={rowErrors('ports')} warnings={rowsOf('ports', 'warning')} disabled={shared && form.ports.length === 0} />
            <FieldMessage message={fieldError('ports')} />
          </Section>

          <NetworkSection form={form} update={update} networks={networks} containers={containerList} fieldError={fieldError} rowErrors={rowErrors} />

          <Section id="run-env" title="Environment and labels" hint="-e KEY=value, --env-file, -l key=value">
            <div className="grid grid-cols-2 gap-4">
              <KeyValueRows label="Environment (-e)" addLabel="Add a variable" rows={form.env} onChange={(env) => update({ env })} errors={rowErrors('env')} keyPlaceholder="NAME" valuePlaceholder="value" />
              <KeyValueRows label="Labels (-l)" addLabel="Add a label" rows={form.labels} onChange={(labels) => update({ labels })} errors={rowErrors('labels')} keyPlaceholder="com.example.role" valuePlaceholder="web" />
            </div>
            <div>
              <label htmlFor="run-envfile" className="mb-1 block text-xs font-medium text-muted">Env file contents (--env-file): KEY=value lines, # comments</label>
              <textarea id="run-envfile" rows={2} value={form.envFile} onChange={(e) => update({ envFile: e.target.value })} className={`${monoInput} h-auto py-1.5`} placeholder={'# pasted from .env\nLOG_LEVEL=info'} spellCheck={false} />
              <FieldMessage message={fieldError('envFile')} />
            </div>
          </Section>

          <Section id="run-volumes" title="Volumes and links" hint="-v, --volumes-from, --link">
            <TextRows
              label="Volumes (-v)"
              addLabel="Add a volume"
              rows={form.volumes}
              onChange={(volumes) => update({ volumes })}
              placeholder="/data · name:/data · /host/path:/data:ro"
              errors={rowErrors('volumes')}
              hint={<>Anonymous <code className="font-mono">/data</code>, named <code className="font-mono">name:/data</code> or a host folder <code className="font-mono">/srv:/data</code>; options after a colon: <code className="font-mono">ro</code>, <code className="font-mono">z</code>/<code className="font-mono">Z</code>.</>}
            />
            {imageInfo.info?.volumes.length ? <p className="text-xs text-muted">The image also declares VOLUME {imageInfo.info.volumes.join(', ')}: each gets an anonymous volume unless you mount something there.</p> : null}
            <div className="grid grid-cols-2 gap-4">
              <TextRows
                label="Volumes from (--volumes-from)"
                addLabel="Add a container"
                rows={form.volumesFrom}
                onChange={(volumesFrom) => update({ volumesFrom })}
                placeholder="data-container"
                errors={rowErrors('volumesFrom')}
                renderExtra={(row, index, set) => (
                  <label className="flex shrink-0 items-center gap-1 text-xs text-muted">
                    <input type="checkbox" aria-label={`Volumes from ${index + 1} read-only`} checked={row.endsWith(':ro')} onChange={(e) => set(e.target.checked ? `${row.replace(/:(ro|rw)$/, '')}:ro` : row.replace(/:(ro|rw)$/, ''))} />
                    ro
                  </label>
                )}
              />
              <TextRows label="Links (--link)" addLabel="Add a link" rows={form.links} onChange={(links) => update({ links })} placeholder="db:database" errors={rowErrors('links')} disabled={(shared || hostMode) && form.links.length === 0} hint="Legacy: on a user network, containers find each other by name anyway." />
            </div>
          </Section>
        </div>

        <aside className="min-h-0 space-y-4 overflow-y-auto border-l border-line bg-panel p-4" aria-label="Paste and checks">
          <PasteBox onFill={(parsed) => {
            setPasted(parsed);
            if (parsed.form.image) setForm(parsed.form);
          }} result={pasted} />
          <Checks problems={problems} checking={preflight.checking} error={preflight.error} createFolders={createFolders} onCreateFolders={() => setCreateFolders(true)} />
        </aside>
      </div>

      <Footer form={form} busy={busy} blocking={blocking.length} submitError={submitError} onCancel={onClose} onSubmit={(createOnly) => void submit(createOnly)} />
    </div>
  );
}

function useImageInfo(image: string): { info: RunImageInfo | null; missing: boolean } {
  const [state, setState] = useState<{ image: string; info: RunImageInfo | null; missing: boolean }>({ image: '', info: null, missing: false });
  useEffect(() => {
    const ref = image.trim();
    if (!ref) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      client.request('run:image-info', { image: ref }).then(
        (info) => !cancelled && setState({ image: ref, info, missing: false }),
        () => !cancelled && setState({ image: ref, info: null, missing: true }),
      );
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [image]);
  return state.image === image.trim() ? state : { info: null, missing: false };
}

function ImageFacts({ info }: { info: { info: RunImageInfo | null; missing: boolean } }) {
  if (info.missing) return <p className="mt-1 text-xs text-warn">Not present locally.</p>;
  if (!info.info) return null;
  const i = info.info;
  const fact = (label: string, value: string) => (
    <span className="inline-flex items-baseline gap-1">
      <span className="text-[10.5px] font-semibold uppercase tracking-wide text-muted">{label}</span>
      <code className="font-mono text-[11.5px] text-fg">{value}</code>
    </span>
  );
  return (
    <p className="mt-1.5 flex flex-wrap gap-x-3 gap-y-0.5" data-testid="image-facts">
      {fact('CMD', i.cmd?.join(' ') || '—')}
      {i.entrypoint?.length ? fact('ENTRYPOINT', i.entrypoint.join(' ')) : null}
      {fact('EXPOSE', i.exposedPorts.join(' ') || '—')}
      {fact('VOLUME', i.volumes.join(' ') || '—')}
    </p>
  );
}

/** The command and its arguments as one shell-quoted line, kept as typed while it does not parse. */
function CommandField({ value, onChange, placeholder }: { value: string[]; onChange(words: string[]): void; placeholder: string }) {
  const joined = value.map(quoteShellWord).join(' ');
  const [text, setText] = useState(joined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const current = tokenize(text);
    if (!current.ok || JSON.stringify(current.words) !== JSON.stringify(value)) {
      setText(joined);
      setError(null);
    }
    // Only an outside change (a paste) should rewrite what the person typed.
  }, [joined]);
  return (
    <TextField
      label="Command and arguments"
      mono
      value={text}
      placeholder={placeholder}
      error={error ?? undefined}
      onChange={(next) => {
        setText(next);
        const words = tokenize(next);
        if (words.ok) {
          setError(null);
          onChange(words.words);
        } else {
          setError(words.error);
        }
      }}
    />
  );
}

const RESTARTS: Array<{ name: RestartName; meaning: string }> = [
  { name: 'no', meaning: 'Never restart it.' },
  { name: 'on-failure', meaning: 'Restart when it exits with an error.' },
  { name: 'unless-stopped', meaning: 'Always, unless you stopped it.' },
  { name: 'always', meaning: 'Always, also after the engine restarts.' },
];

function RestartField({ form, update, error }: { form: RunForm; update(p: Partial<RunForm>): void; error?: string }) {
  const onFailure = form.restart.name === 'on-failure';
  return (
    <div>
      <label htmlFor="run-restart" className="mb-1 block text-xs font-medium text-muted">Restart policy (--restart)</label>
      <div className="flex gap-1.5">
        <select id="run-restart" value={form.restart.name} onChange={(e) => update({ restart: { name: e.target.value as RestartName, maxRetries: e.target.value === 'on-failure' ? form.restart.maxRetries : 0 } })} className={inputClass}>
          {RESTARTS.map((r) => (
            <option key={r.name} value={r.name}>
              {r.name}
            </option>
          ))}
        </select>
        {onFailure ? (
          <input aria-label="Maximum retries (0 = no limit)" title="Maximum retries (0 = no limit)" type="number" min={0} value={String(form.restart.maxRetries)} onChange={(e) => update({ restart: { name: 'on-failure', maxRetries: Math.max(0, Math.floor(Number(e.target.value) || 0)) } })} className={`${inputClass} w-20 shrink-0`} />
        ) : null}
      </div>
      {error ? <FieldMessage message={error} /> : <p className="mt-1 text-xs text-muted">{RESTARTS.find((r) => r.name === form.restart.name)?.meaning}</p>}
    </div>
  );
}

/** `-P`, with the list of container ports it would publish: the image's EXPOSE, --expose and -p ports. */
function PublishAll({ form, update, imagePorts, disabled, error }: { form: RunForm; update(p: Partial<RunForm>): void; imagePorts: string[]; disabled: boolean; error?: string }) {
  const ports = new Map<string, string>();
  for (const key of imagePorts) ports.set(key, 'image EXPOSE');
  for (const text of form.expose) {
    const parsed = parseExposeSpec(text);
    if (!parsed.ok) continue;
    for (let p = parsed.spec.ports.start; p <= parsed.spec.ports.end && p < parsed.spec.ports.start + 64; p++) ports.set(`${p}/${parsed.spec.protocol}`, '--expose');
  }
  for (const text of form.ports) {
    const parsed = parsePortSpec(text);
    if (!parsed.ok) continue;
    for (let p = parsed.spec.containerPort.start; p <= parsed.spec.containerPort.end && p < parsed.spec.containerPort.start + 64; p++) {
      const key = `${p}/${parsed.spec.protocol}`;
      if (!ports.has(key)) ports.set(key, '-p (keeps its own host port)');
    }
  }
  return (
    <div>
      <CheckField label="Publish all exposed ports" flag="-P" checked={form.publishAll} disabled={disabled} onChange={(v) => update({ publishAll: v })} hint="Each exposed port gets a random high host port." />
      <div className="mt-1.5 text-xs text-muted" data-testid="publish-all-preview">
        {ports.size === 0 ? (
          'Nothing is exposed yet, so -P would publish nothing.'
        ) : (
          <>
            {form.publishAll ? 'Publishes: ' : 'Would publish: '}
            {[...ports].map(([key, why], i) => (
              <span key={key}>
                {i > 0 ? ', ' : ''}
                <code className="font-mono text-fg">{key}</code> <span className="opacity-80">({why})</span>
              </span>
            ))}
          </>
        )}
      </div>
      <FieldMessage message={error} />
    </div>
  );
}

function PasteBox({ onFill, result }: { onFill(parsed: ParsedRunCommand): void; result: ParsedRunCommand | null }) {
  const [text, setText] = useState('');
  return (
    <section aria-labelledby="paste-title" className="rounded-lg border border-line bg-canvas p-3">
      <h3 id="paste-title" className="mb-1.5 flex items-center gap-1.5 text-[13px] font-semibold">
        <ClipboardPaste size={14} className="text-accent" aria-hidden /> Paste a docker run command
      </h3>
      <label htmlFor="run-paste" className="sr-only">docker run command to read</label>
      <textarea id="run-paste" rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder={'docker run -d -p 8080:80 \\\n  --name web nginx'} className={`${monoInput} h-auto py-1.5 text-[12px]`} spellCheck={false} />
      <div className="mt-2 flex items-center gap-2">
        <Button size="sm" variant="secondary" className="shrink-0 whitespace-nowrap" disabled={!text.trim()} onClick={() => onFill(parseRunCommand(text))}>
          Fill the form
        </Button>
        <span className="text-[11px] text-muted">Quotes, \ line breaks and -itd are understood.</span>
      </div>
      {result ? (
        <div className="mt-2 space-y-1.5 text-xs" data-testid="paste-result" role="status">
          {result.errors.length === 0 && result.unsupported.length === 0 ? <p className="text-ok">Every option was read into the form.</p> : null}
          {result.unsupported.length ? (
            <div className="text-warn">
              <p className="font-medium">Not supported by the form yet, so left out:</p>
              <ul className="ml-4 list-disc font-mono">
                {result.unsupported.map((u) => (
                  <li key={u}>{u}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {result.errors.length ? (
            <ul className="ml-4 list-disc text-bad">
              {result.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

const ICONS: Record<PreflightProblem['severity'], ReactNode> = {
  error: <XCircle size={14} className="mt-px shrink-0 text-bad" aria-hidden />,
  warning: <AlertTriangle size={14} className="mt-px shrink-0 text-warn" aria-hidden />,
  info: <Info size={14} className="mt-px shrink-0 text-muted" aria-hidden />,
};

const FIELD_NAMES: Partial<Record<string, string>> = {
  ports: 'Port',
  expose: 'Exposed port',
  volumes: 'Volume',
  volumesFrom: 'Volumes from',
  links: 'Link',
  env: 'Variable',
  labels: 'Label',
  addHosts: 'Extra host',
  dns: 'DNS server',
  networkAliases: 'Alias',
};

function Checks({ problems, checking, error, createFolders, onCreateFolders }: { problems: Problem[]; checking: boolean; error: string | null; createFolders: boolean; onCreateFolders(): void }) {
  const order = { error: 0, warning: 1, info: 2 };
  const sorted = [...problems].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <section aria-labelledby="checks-title" className="rounded-lg border border-line bg-canvas p-3" data-testid="run-checks">
      <h3 id="checks-title" className="mb-2 flex items-center gap-1.5 text-[13px] font-semibold">
        Checks before create
        {checking ? <Loader2 size={13} className="animate-spin text-muted" aria-label="Checking" /> : null}
      </h3>
      {error ? <p className="mb-2 text-xs text-warn">The engine checks could not run: {error}</p> : null}
      {sorted.length === 0 && !error ? (
        <p className="flex items-center gap-1.5 text-xs text-ok">
          <CheckCircle2 size={14} aria-hidden /> {checking ? 'Checking ports, names, folders and targets…' : 'No problems found: ports free, name unused, targets present.'}
        </p>
      ) : sorted.length === 0 ? null : (
        <ul className="space-y-2" aria-live="polite">
          {sorted.map((p, i) => (
            <li key={`${p.field}-${p.index}-${i}`} className="flex gap-2 text-xs leading-snug" data-severity={p.severity}>
              {ICONS[p.severity]}
              <div className="min-w-0">
                {p.index !== undefined ? <span className="font-medium text-muted">{FIELD_NAMES[p.field] ?? p.field} {p.index + 1}: </span> : null}
                <span className={p.severity === 'error' ? 'text-fg' : 'text-muted'}>{p.message}</span>
                {p.fix?.kind === 'create-bind-source' && !createFolders ? (
                  <Button size="sm" className="mt-1.5" icon={<FolderPlus size={13} />} onClick={onCreateFolders}>
                    Create the missing folder{problems.filter((q) => q.fix).length > 1 ? 's' : ''}
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Footer({ form, busy, blocking, submitError, onCancel, onSubmit }: { form: RunForm; busy: null | 'run' | 'create'; blocking: number; submitError: string | null; onCancel(): void; onSubmit(createOnly: boolean): void }) {
  const [view, setView] = useState<'run' | 'compose'>('run');
  const command = useMemo(() => formatRunCommand({ ...form, image: form.image || 'IMAGE' }), [form]);
  const yaml = useMemo(() => (view === 'compose' ? composeYaml({ ...form, image: form.image || 'IMAGE' }) : ''), [form, view]);
  const copy = (text: string, what: string) => void copyText(text).then(() => toast.success(`Copied the ${what}`), (e: unknown) => toast.error('Could not copy', { description: messageOf(e) }));
  return (
    <footer className="border-t border-line bg-panel px-5 pb-3 pt-2.5">
      <Tabs.Root value={view} onValueChange={(v) => setView(v as 'run' | 'compose')}>
        <div className="mb-1.5 flex items-center gap-2">
          <Tabs.List aria-label="Equivalent command" className="flex gap-1 rounded-md border border-line bg-canvas p-0.5">
            <Tabs.Trigger value="run" className="rounded px-2 py-0.5 text-xs text-muted data-[state=active]:bg-selected data-[state=active]:text-fg">docker run</Tabs.Trigger>
            <Tabs.Trigger value="compose" className="rounded px-2 py-0.5 text-xs text-muted data-[state=active]:bg-selected data-[state=active]:text-fg">Compose</Tabs.Trigger>
          </Tabs.List>
          <span className="text-[11px] text-muted">{view === 'run' ? 'The same container from a shell.' : 'The same container as a compose service.'}</span>
        </div>
        <Tabs.Content value="run" className="flex items-start gap-2">
          <pre data-testid="run-command" aria-label="Equivalent docker run command" className="max-h-20 min-w-0 flex-1 overflow-auto whitespace-pre-wrap break-all rounded-md border border-line bg-canvas px-3 py-2 font-mono text-[12px] leading-5 text-fg">
            {command}
          </pre>
          <Button size="sm" icon={<Copy size={13} />} onClick={() => copy(command, 'docker run command')}>Copy</Button>
        </Tabs.Content>
        <Tabs.Content value="compose" className="flex items-start gap-2">
          <pre data-testid="run-compose" aria-label="Equivalent compose file" className="max-h-40 min-w-0 flex-1 overflow-auto rounded-md border border-line bg-canvas px-3 py-2 font-mono text-[12px] leading-5 text-fg">
            {yaml}
          </pre>
          <Button size="sm" icon={<Copy size={13} />} onClick={() => copy(yaml, 'compose file')}>Copy</Button>
        </Tabs.Content>
      </Tabs.Root>
      {submitError ? (
        <p role="alert" data-testid="run-error" className="mt-2 rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-[13px] text-bad">
          {submitError}
        </p>
      ) : null}
      <div className="mt-2.5 flex items-center gap-2">
        <span className="text-xs text-muted">
          {blocking > 0 ? `${blocking} problem${blocking > 1 ? 's' : ''} to fix before create.` : 'Ctrl+Enter runs it.'}
        </span>
        <span className="flex-1" />
        <Button onClick={onCancel}>Cancel</Button>
        <Button icon={<Plus size={14} />} disabled={busy !== null || blocking > 0} onClick={() => onSubmit(true)}>
          {busy === 'create' ? 'Creating…' : 'Create only'}
        </Button>
        <Button variant="primary" icon={busy === 'run' ? <Loader2 size={14} className="animate-spin" /> : <Play size={14} />} disabled={busy !== null || blocking > 0} onClick={() => onSubmit(false)}>
          {busy === 'run' ? 'Starting…' : 'Run container'}
        </Button>
      </div>
    </footer>
  );
}
