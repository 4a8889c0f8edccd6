import { ChevronDown, ChevronUp, Clipboard, Copy, Download, Minus, Plus, RotateCcw, Search, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { IconButton } from '../../components/Button';
import { useStore } from '../../store';
import { SEARCH_DECORATIONS } from './xterm-setup';
import { getSession, type LogsOptions, type SessionMeta, type TerminalSession } from './session-registry';

/** One session on screen: its xterm (kept alive by the registry), toolbar, search and state. */
export function TerminalView({ meta }: { meta: SessionMeta }) {
  const session = getSession(meta.id)!;
  const slot = useRef<HTMLDivElement>(null);
  const [searchOpen, setSearchOpen] = useState(false);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);

  // Host the session's div here while this view is on screen; fit it to the slot as it resizes.
  useEffect(() => {
    const parent = slot.current!;
    session.mount(parent);
    session.focus();
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => session.fit());
    });
    observer.observe(parent);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      session.unmount();
    };
  }, [session]);

  useEffect(() => installKeys(session, () => setSearchOpen(true)), [session]);

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid={`terminal-view-${meta.options.containerName}`}>
      <Toolbar meta={meta} session={session} onSearch={() => setSearchOpen((o) => !o)} />
      <StateBanner meta={meta} session={session} />
      <div className="relative min-h-0 flex-1 bg-[#0a0e16]">
        <div
          ref={slot}
          className="absolute inset-0 py-1.5 pl-2.5 pr-1"
          data-testid="terminal-slot"
          onContextMenu={(e) => {
            e.preventDefault();
            setMenu({ x: e.clientX, y: e.clientY });
          }}
        />
        {searchOpen ? <SearchBox session={session} onClose={() => (setSearchOpen(false), session.focus())} /> : null}
      </div>
      {menu ? <ContextMenu at={menu} session={session} meta={meta} onClose={() => setMenu(null)} onSearch={() => setSearchOpen(true)} /> : null}
    </div>
  );
}

/** Terminal keys that are Patchbay's, not the shell's; everything else goes to the container. */
function installKeys(session: TerminalSession, openSearch: () => void): () => void {
  session.terminal.attachCustomKeyEventHandler((event) => {
    const ctrl = event.ctrlKey || event.metaKey;
    if (!ctrl) return true;
    const key = event.key.toLowerCase();
    if (event.shiftKey && event.code === 'KeyV') {
      // Leave it to the browser: it fires a paste event, which xterm pastes as text (bracketed
      // when the shell asked for it), never as ^V.
      return false;
    }
    if (event.type !== 'keydown') return !(event.shiftKey && (event.code === 'KeyC' || event.code === 'KeyF'));
    if (event.shiftKey && event.code === 'KeyC') {
      event.preventDefault();
      void copySelection(session);
      return false;
    }
    if (event.shiftKey && event.code === 'KeyF') {
      event.preventDefault();
      openSearch();
      return false;
    }
    if (!event.shiftKey || key === '+') {
      if (key === '=' || key === '+') return zoom(event, session, +1);
      if (key === '-') return zoom(event, session, -1);
      if (key === '0') return zoom(event, session, 0);
    }
    return true;
  });
  const copyOnSelect = session.terminal.onSelectionChange(() => {
    if (session.terminal.hasSelection()) void copySelection(session);
  });
  return () => {
    copyOnSelect.dispose();
    session.terminal.attachCustomKeyEventHandler(() => true);
  };
}

function zoom(event: KeyboardEvent, session: TerminalSession, step: number): false {
  event.preventDefault();
  session.setFontSize(step === 0 ? 13 : session.meta.fontSize + step);
  return false;
}

async function copySelection(session: TerminalSession): Promise<void> {
  const text = session.terminal.getSelection();
  if (!text) return;
  await navigator.clipboard?.writeText(text).catch(() => undefined);
}

async function pasteClipboard(session: TerminalSession): Promise<void> {
  const text = await navigator.clipboard?.readText().catch(() => '');
  if (text) session.terminal.paste(text);
  session.focus();
}

function Toolbar({ meta, session, onSearch }: { meta: SessionMeta; session: TerminalSession; onSearch(): void }) {
  const { options, info } = meta;
  const detail =
    options.kind === 'exec'
      ? [info?.cmd?.join(' ') ?? (options.cmd === 'auto' ? 'auto shell' : options.cmd.join(' ')), options.user && `as ${options.user}`, options.workdir && `in ${options.workdir}`]
          .filter(Boolean)
          .join(' · ')
      : options.kind === 'attach'
        ? 'main process · detach with ctrl-p ctrl-q'
        : 'logs';
  return (
    <div className="flex h-10 shrink-0 items-center gap-2 border-b border-line bg-panel px-3">
      <StatusDot meta={meta} />
      <span className="min-w-0 truncate font-mono text-xs text-muted" title={detail}>
        {detail}
      </span>
      <span className="flex-1" />
      {options.kind === 'logs' && options.logs ? <LogsControls options={options.logs} session={session} /> : null}
      <span className="mx-1 h-5 w-px bg-line" />
      <IconButton label="Search (Ctrl+Shift+F)" icon={<Search size={14} />} onClick={onSearch} />
      <IconButton label="Smaller text (Ctrl+-)" icon={<Minus size={14} />} onClick={() => session.setFontSize(meta.fontSize - 1)} />
      <span className="w-7 text-center text-[11px] tabular-nums text-muted" aria-label="Font size">
        {meta.fontSize}
      </span>
      <IconButton label="Larger text (Ctrl+=)" icon={<Plus size={14} />} onClick={() => session.setFontSize(meta.fontSize + 1)} />
    </div>
  );
}

function StatusDot({ meta }: { meta: SessionMeta }) {
  const [colour, label] =
    meta.status === 'open'
      ? ['bg-ok', 'live']
      : meta.status === 'opening'
        ? ['bg-warn animate-pulse', 'connecting']
        : meta.status === 'failed'
          ? ['bg-bad', 'failed']
          : meta.exit?.reason === 'container-stopped' || meta.exit?.reason === 'engine-lost' || meta.exit?.reason === 'container-removed'
            ? ['bg-bad', 'stopped']
            : ['bg-muted', 'ended'];
  return (
    <span className="flex items-center gap-1.5 text-[11px] font-medium text-muted" data-testid="session-status" data-status={meta.status}>
      <span className={`h-2 w-2 rounded-full ${colour}`} />
      {label}
    </span>
  );
}

function StateBanner({ meta, session }: { meta: SessionMeta; session: TerminalSession }) {
  const running = useStore((s) => s.containers[meta.options.containerId]?.state === 'running');
  // `docker rm -f` kills first: the session ends as "stopped", and the removal follows in the list.
  const gone = useStore((s) => s.engineStatus?.state === 'up' && s.containersLoaded && !s.containers[meta.options.containerId]);
  if (meta.status !== 'ended' && meta.status !== 'failed') return null;
  const exit = meta.exit?.reason === 'container-stopped' && gone ? { ...meta.exit, reason: 'container-removed' as const, message: `${meta.options.containerName} was removed.` } : meta.exit;
  if (exit?.reason === 'closed') return null;
  const stopped = exit?.reason === 'container-stopped' || exit?.reason === 'engine-lost' || exit?.reason === 'container-removed';
  const tone = meta.status === 'failed' || stopped ? 'border-bad/30 bg-bad/10 text-bad' : exit?.reason === 'exited' && exit.code === 0 ? 'border-line bg-raised text-fg' : 'border-warn/30 bg-warn/10 text-warn';
  const message = meta.status === 'failed' ? meta.error : exit?.message;
  return (
    <div role="status" data-testid="session-banner" className={`flex shrink-0 items-center gap-3 border-b px-3 py-2 text-[13px] ${tone}`}>
      <span className="min-w-0 flex-1">
        {message}
        {exit?.reason === 'exited' && typeof exit.code === 'number' ? (
          <span className="ml-2 rounded bg-canvas/60 px-1.5 py-0.5 font-mono text-[11px]" data-testid="exit-code">
            exit {exit.code}
          </span>
        ) : null}
        {stopped && !running ? <span className="ml-2 text-muted">Waiting for it to start again…</span> : null}
      </span>
      {stopped && exit?.reason !== 'container-removed' ? (
        <label className="flex items-center gap-1.5 text-xs text-fg">
          <input type="checkbox" checked={meta.autoReattach} onChange={(e) => session.setAutoReattach(e.target.checked)} />
          Reattach automatically
        </label>
      ) : null}
      {exit?.reason !== 'container-removed' ? (
        <button
          type="button"
          disabled={meta.options.kind !== 'logs' && !running}
          onClick={() => session.reattach()}
          className="inline-flex h-7 items-center gap-1.5 rounded-md bg-accent px-2.5 text-xs font-medium text-accent-fg hover:brightness-110 disabled:opacity-40"
        >
          <RotateCcw size={13} /> {stopped ? 'Reattach' : meta.options.kind === 'logs' ? 'Reload' : 'Open again'}
        </button>
      ) : null}
    </div>
  );
}

const small = 'h-7 rounded-md border border-line bg-canvas px-2 text-xs text-fg outline-none focus:border-accent';

function LogsControls({ options, session }: { options: LogsOptions; session: TerminalSession }) {
  const [since, setSince] = useState(options.since);
  const [tail, setTail] = useState(String(options.tail));
  const apply = (patch: Partial<LogsOptions>) => session.reattach({ logs: { ...options, ...patch } });
  const download = () => {
    const url = URL.createObjectURL(session.logsBlob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `${session.meta.options.containerName}-logs.txt`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <form
      className="flex items-center gap-2 text-xs"
      onSubmit={(e) => {
        e.preventDefault();
        const t = tail.trim().toLowerCase();
        apply({ since: since.trim(), tail: t === '' || t === 'all' ? 'all' : Math.max(0, Number.parseInt(t, 10) || 0) });
      }}
    >
      <label className="flex items-center gap-1 text-muted">
        <input type="checkbox" checked={options.follow} onChange={(e) => apply({ follow: e.target.checked })} /> Follow
      </label>
      <label className="flex items-center gap-1 text-muted">
        <input type="checkbox" checked={options.timestamps} onChange={(e) => apply({ timestamps: e.target.checked })} /> Timestamps
      </label>
      <span className="flex items-center gap-1 text-muted">
        <span className="h-2 w-2 rounded-sm bg-fg/80" /> stdout <span className="ml-1 h-2 w-2 rounded-sm bg-bad" /> stderr
      </span>
      <input aria-label="Since" placeholder="since 10m" className={`${small} w-20`} value={since} onChange={(e) => setSince(e.target.value)} />
      <input aria-label="Tail" placeholder="tail" className={`${small} w-16`} value={tail} onChange={(e) => setTail(e.target.value)} />
      <button type="submit" className={`${small} hover:bg-hover`}>
        Apply
      </button>
      <IconButton label="Download logs" icon={<Download size={14} />} onClick={download} />
    </form>
  );
}

function SearchBox({ session, onClose }: { session: TerminalSession; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ index: number; count: number } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    const sub = session.xterm.search.onDidChangeResults((r) => setResult(r.resultCount ? { index: r.resultIndex, count: r.resultCount } : { index: -1, count: 0 }));
    return () => {
      sub.dispose();
      session.xterm.search.clearDecorations();
    };
  }, [session]);
  const find = (forward: boolean, text = query) => {
    if (!text) return setResult(null);
    const opts = { decorations: SEARCH_DECORATIONS, incremental: forward };
    if (forward) session.xterm.search.findNext(text, opts);
    else session.xterm.search.findPrevious(text, opts);
  };
  return (
    <div className="absolute right-4 top-2 z-10 flex items-center gap-1 rounded-lg border border-line bg-panel p-1 shadow-xl">
      <Search size={14} className="ml-1.5 text-muted" />
      <input
        ref={input}
        aria-label="Search the terminal"
        className="h-7 w-52 bg-transparent px-1 text-[13px] outline-none"
        placeholder="Search scrollback"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          find(true, e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') find(!e.shiftKey);
          if (e.key === 'Escape') onClose();
        }}
      />
      <span className="w-14 text-center text-[11px] tabular-nums text-muted">{result ? (result.count ? `${result.index + 1}/${result.count}` : 'none') : ''}</span>
      <IconButton label="Previous match" icon={<ChevronUp size={14} />} onClick={() => find(false)} />
      <IconButton label="Next match" icon={<ChevronDown size={14} />} onClick={() => find(true)} />
      <IconButton label="Close search" icon={<X size={14} />} onClick={onClose} />
    </div>
  );
}

function ContextMenu(props: { at: { x: number; y: number }; session: TerminalSession; meta: SessionMeta; onClose(): void; onSearch(): void }) {
  const { session, onClose } = props;
  useEffect(() => {
    const close = () => onClose();
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', close);
    window.addEventListener('blur', close);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', close);
      window.removeEventListener('blur', close);
    };
  }, [onClose]);
  const item = 'flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-[13px] hover:bg-hover disabled:opacity-40';
  const run = (action: () => void) => (e: React.MouseEvent) => {
    e.stopPropagation();
    action();
    onClose();
  };
  const stop = (e: React.PointerEvent) => e.stopPropagation();
  return (
    <div
      role="menu"
      aria-label="Terminal"
      onPointerDown={stop}
      className="fixed z-50 w-52 rounded-lg border border-line bg-panel p-1 shadow-2xl"
      style={{ left: Math.min(props.at.x, window.innerWidth - 220), top: Math.min(props.at.y, window.innerHeight - 200) }}
    >
      <button role="menuitem" type="button" className={item} disabled={!session.terminal.hasSelection()} onClick={run(() => void copySelection(session))}>
        <Copy size={14} /> Copy <span className="ml-auto text-[11px] text-muted">Ctrl+Shift+C</span>
      </button>
      <button role="menuitem" type="button" className={item} disabled={props.meta.options.kind === 'logs'} onClick={run(() => void pasteClipboard(session))}>
        <Clipboard size={14} /> Paste <span className="ml-auto text-[11px] text-muted">Ctrl+Shift+V</span>
      </button>
      <button role="menuitem" type="button" className={item} onClick={run(() => session.terminal.selectAll())}>
        Select all
      </button>
      <button role="menuitem" type="button" className={item} onClick={run(props.onSearch)}>
        <Search size={14} /> Search <span className="ml-auto text-[11px] text-muted">Ctrl+Shift+F</span>
      </button>
      <button role="menuitem" type="button" className={item} onClick={run(() => session.terminal.clear())}>
        Clear scrollback
      </button>
    </div>
  );
}
