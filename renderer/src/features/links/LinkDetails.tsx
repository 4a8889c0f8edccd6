import { AlertTriangle, FileText, Link2, Network, RotateCcw, Save, Trash2, X } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { toast } from 'sonner';
import { diffLines, hasChanges } from '../../../../shared/links/hosts-file';
import { IDENTITY_FILES, type IdentityFile, type IdentityFileContent, type LinkExplanation } from '../../../../shared/links/model';
import { client, messageOf } from '../../api';
import { Button, IconButton } from '../../components/Button';
import { StateBadge } from '../../components/StateBadge';

/** The side panel of a selected container: what its links injected, and its identity files. */
export function LinkDetails({
  containerId,
  name,
  state,
  revision,
  onClose,
  onRemoveLink,
}: {
  containerId: string;
  name: string;
  state: string;
  revision: number;
  onClose(): void;
  onRemoveLink(alias: string, target: string): void;
}) {
  const [tab, setTab] = useState<'links' | 'files'>('links');
  return (
    <aside aria-label="Link details" data-testid="links-details" className="flex w-[500px] shrink-0 flex-col border-l border-line bg-panel">
      <header className="flex items-center gap-2 border-b border-line px-4 py-3">
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-sm font-semibold">{name}</h2>
          <p className="truncate text-[11px] text-muted">container {containerId.slice(0, 12)}</p>
        </div>
        <StateBadge state={state} />
        <IconButton label="Close details" icon={<X size={15} />} onClick={onClose} />
      </header>
      <div className="flex gap-1 border-b border-line px-3 py-1.5" role="tablist">
        <TabButton active={tab === 'links'} onClick={() => setTab('links')} icon={<Link2 size={13} />}>
          What its links inject
        </TabButton>
        <TabButton active={tab === 'files'} onClick={() => setTab('files')} icon={<FileText size={13} />}>
          Identity files
        </TabButton>
      </div>
      <div className="min-h-0 flex-1 overflow-auto p-4 text-[13px]">
        {tab === 'links' ? <Explanation containerId={containerId} revision={revision} onRemoveLink={onRemoveLink} /> : <IdentityFiles containerId={containerId} running={state === 'running'} />}
      </div>
    </aside>
  );
}

function TabButton({ active, onClick, icon, children }: { active: boolean; onClick(): void; icon: React.ReactNode; children: React.ReactNode }) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      onClick={onClick}
      className={`inline-flex h-7 items-center gap-1.5 rounded-md px-2.5 text-[12px] font-medium ${active ? 'bg-selected text-fg' : 'text-muted hover:bg-hover hover:text-fg'}`}
    >
      {icon}
      {children}
    </button>
  );
}

function Explanation({ containerId, revision, onRemoveLink }: { containerId: string; revision: number; onRemoveLink(alias: string, target: string): void }) {
  const [data, setData] = useState<LinkExplanation | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    client
      .request('links:explain', { container: containerId })
      .then((x) => !cancelled && (setData(x), setError(null)))
      .catch((e: unknown) => !cancelled && setError(messageOf(e)));
    return () => {
      cancelled = true;
    };
  }, [containerId, revision]);

  if (error) return <p className="text-bad" role="alert">{error}</p>;
  if (!data || data.id !== containerId) return <p className="text-muted">Reading its environment and /etc/hosts…</p>;
  return (
    <div className="flex flex-col gap-4" data-testid="links-explain">
      {data.links.length === 0 ? (
        <p className="text-muted">
          {data.name} has no legacy links. Drag from its right dot to another container to add one.
        </p>
      ) : null}
      {data.links.map((link) => (
        <section key={link.alias} className="rounded-lg border border-line" data-testid={`explain-link-${link.alias}`}>
          <header className="flex items-center gap-2 border-b border-line bg-raised/50 px-3 py-2" title={`Stored by the engine as ${link.raw}`}>
            <Link2 size={13} className="shrink-0 text-accent" />
            <span className="min-w-0 truncate font-semibold">
              → {link.target}
              {link.alias !== link.target ? <span className="font-normal text-muted"> as </span> : null}
              {link.alias !== link.target ? <span className="font-mono">{link.alias}</span> : null}
            </span>
            <span className="shrink-0 text-[11px] text-muted">{link.targetRunning ? `${link.targetIp ?? 'no bridge address'}` : 'target not running'}</span>
            <IconButton label={`Remove the link ${link.alias}`} icon={<Trash2 size={13} />} className="ml-auto" onClick={() => onRemoveLink(link.alias, link.target)} />
          </header>
          <p className="px-3 pt-2 text-[12.5px]" data-testid="explain-summary">
            {link.summary}
          </p>
          <div className="grid grid-cols-2 gap-3 p-3">
            <div className="min-w-0">
              <h4 className="mb-1 text-[10.5px] font-semibold uppercase tracking-wide text-muted">Environment ({link.env.length})</h4>
              <ul className="flex flex-col gap-1" data-testid="explain-env">
                {link.env.map((v) => (
                  <li key={v.name} className="min-w-0" title={v.meaning}>
                    <div className="break-all font-mono text-[11px] leading-4">
                      <span className="text-accent">{v.name}</span>=<span>{v.value}</span>
                    </div>
                    <div className="text-[10.5px] leading-4 text-muted">{v.meaning}</div>
                    {v.stale ? <div className="text-[10.5px] leading-4 text-warn">{v.stale}</div> : null}
                  </li>
                ))}
              </ul>
            </div>
            <div className="min-w-0">
              <h4 className="mb-1 text-[10.5px] font-semibold uppercase tracking-wide text-muted">/etc/hosts</h4>
              {link.hostsLine ? (
                <pre className="whitespace-pre-wrap break-all rounded bg-canvas px-2 py-1 font-mono text-[11px]" data-testid="explain-hosts-line">
                  {link.hostsLine}
                </pre>
              ) : (
                <p className="text-[11px] text-muted">No line for {link.alias}.</p>
              )}
              <p className="mt-1 break-all font-mono text-[10.5px] text-muted">{link.raw}</p>
              <p className="text-[10.5px] text-muted">how the engine stores the link (HostConfig.Links)</p>
            </div>
          </div>
        </section>
      ))}
      <p className="text-[11px] text-muted">{data.envNote}</p>
      <section>
        <h3 className="mb-1.5 text-[11px] font-semibold uppercase tracking-wide text-muted">All of /etc/hosts, explained</h3>
        {data.hosts.error ? <p className="text-[12px] text-warn">{data.hosts.error}</p> : null}
        <ul className="flex flex-col gap-1" data-testid="explain-hosts">
          {data.hosts.lines
            .filter((l) => l.kind !== 'blank')
            .map((l, i) => (
              <li key={i} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] gap-2">
                <code className={`break-all font-mono text-[11px] ${l.kind === 'link' ? 'text-accent' : ''}`}>{l.line}</code>
                <span className="text-[11px] text-muted">{l.explanation}</span>
              </li>
            ))}
        </ul>
      </section>
      {data.networks.length ? (
        <section>
          <h3 className="mb-1.5 flex items-center gap-1.5 text-[11px] font-semibold uppercase tracking-wide text-muted">
            <Network size={12} /> User networks
          </h3>
          {data.networks.map((n) => (
            <p key={n.network} className="text-[12px]">
              <span className="font-mono">{n.network}</span>
              {n.aliases.length ? <span className="text-muted"> · aliases {n.aliases.join(', ')}</span> : null} — <span className="text-muted">{n.note}</span>
            </p>
          ))}
        </section>
      ) : null}
    </div>
  );
}

function IdentityFiles({ containerId, running }: { containerId: string; running: boolean }) {
  const [path, setPath] = useState<IdentityFile>('/etc/hosts');
  const [file, setFile] = useState<IdentityFileContent | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setFile(null);
    setError(null);
    client
      .request('hosts-files:read', { container: containerId, path })
      .then((f) => {
        if (cancelled) return;
        setFile(f);
        setDraft(f.content);
      })
      .catch((e: unknown) => !cancelled && setError(messageOf(e)));
    return () => {
      cancelled = true;
    };
  }, [containerId, path, reload]);

  const diff = useMemo(() => (file ? diffLines(file.content, draft) : []), [file, draft]);
  const changed = hasChanges(diff);

  const save = async () => {
    if (!file) return;
    setSaving(true);
    try {
      const written = await client.request('hosts-files:write', { container: containerId, path, content: draft, expected: file.content });
      setFile(written);
      setDraft(written.content);
      setError(null);
      toast.success(`Saved ${path}. It is lost when the container restarts.`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="flex flex-col gap-3" data-testid="identity-files">
      <div className="flex gap-1">
        {IDENTITY_FILES.map((p) => (
          <button
            key={p}
            type="button"
            onClick={() => setPath(p)}
            aria-pressed={p === path}
            className={`h-7 rounded-md border px-2 font-mono text-[11.5px] ${p === path ? 'border-accent bg-selected' : 'border-line hover:bg-hover'}`}
          >
            {p}
          </button>
        ))}
      </div>
      <p className="flex gap-1.5 rounded-md border border-warn/40 bg-warn/10 p-2 text-[12px]" role="note">
        <AlertTriangle size={14} className="mt-0.5 shrink-0 text-warn" />
        {file?.warning ?? 'The engine writes these files when the container starts: edits are lost when it restarts.'}
      </p>
      {error ? <p className="text-[12px] text-bad" role="alert">{error}</p> : null}
      {file ? (
        <>
          <p className="text-[11px] text-muted">
            mode {file.mode.toString(8).padStart(4, '0')} · owner {file.uid}:{file.gid}
            {file.mtime ? ` · modified ${new Date(file.mtime).toLocaleString()}` : ''}
          </p>
          <textarea
            className="h-48 w-full resize-y rounded-md border border-line bg-canvas p-2 font-mono text-[12px] leading-5 outline-none focus:border-accent"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            spellCheck={false}
            aria-label={`Contents of ${path}`}
            disabled={!running || saving}
          />
          {changed ? (
            <div>
              <h4 className="mb-1 text-[10.5px] font-semibold uppercase tracking-wide text-muted">Changes</h4>
              <pre className="max-h-40 overflow-auto rounded-md border border-line bg-canvas p-2 font-mono text-[11.5px] leading-5" data-testid="identity-diff">
                {diff.map((op, i) => (
                  <div key={i} className={op.kind === 'added' ? 'text-ok' : op.kind === 'removed' ? 'text-bad line-through' : 'text-muted'}>
                    {op.kind === 'added' ? '+ ' : op.kind === 'removed' ? '- ' : '  '}
                    {op.text}
                  </div>
                ))}
              </pre>
            </div>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button size="sm" icon={<RotateCcw size={13} />} onClick={() => setReload((n) => n + 1)} disabled={saving}>
              Reload
            </Button>
            <Button size="sm" variant="primary" icon={<Save size={13} />} onClick={() => void save()} disabled={!changed || saving || !running}>
              Save {path}
            </Button>
          </div>
          {!running ? <p className="text-[12px] text-muted">The container is not running: the engine rewrites this file when it starts, so it cannot be edited now.</p> : null}
        </>
      ) : !error ? (
        <p className="text-muted">Reading {path}…</p>
      ) : null}
    </div>
  );
}
