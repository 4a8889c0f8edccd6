import { FileText, Plug, Plus, SquareTerminal, X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { useShortcut } from '../../app/shortcuts';
import { NewSessionDialog } from './NewSessionDialog';
import { TerminalView } from './TerminalView';
import { activateSession, clearPicker, closeSession, openSession, useSessions, type SessionMeta } from './session-registry';

/** Shells, attaches and logs in tabs; sessions live on when the user goes elsewhere. */
export function TerminalPage() {
  const { metas, activeId, pickerFor } = useSessions();
  const [dialog, setDialog] = useState(false);
  const open = dialog || pickerFor !== null;
  const active = metas.find((m) => m.id === activeId) ?? null;
  useShortcut('n', () => setDialog(true), 'New terminal session');

  return (
    <div className="flex h-full min-h-0 flex-col bg-canvas">
      <div role="tablist" aria-label="Terminal sessions" className="flex h-10 shrink-0 items-end gap-1 overflow-x-auto border-b border-line bg-panel px-2">
        {metas.map((meta) => (
          <SessionTab key={meta.id} meta={meta} active={meta.id === activeId} />
        ))}
        <button
          type="button"
          onClick={() => setDialog(true)}
          aria-label="New session"
          title="New session (n)"
          className="mb-1.5 ml-1 inline-flex h-7 items-center gap-1 rounded-md px-2 text-xs text-muted hover:bg-hover hover:text-fg"
        >
          <Plus size={14} /> New
        </button>
      </div>
      {active ? (
        <TerminalView key={active.id} meta={active} />
      ) : (
        <EmptyState icon={<SquareTerminal size={28} />} title="No terminal open">
          <p>Open a shell in a running container, attach to its console, or follow its logs. Sessions stay open while you look elsewhere.</p>
          <Button variant="primary" className="mt-4" icon={<Plus size={14} />} onClick={() => setDialog(true)}>
            New session
          </Button>
        </EmptyState>
      )}
      <NewSessionDialog
        open={open}
        initial={pickerFor}
        onOpenChange={(o) => {
          setDialog(o);
          if (!o) clearPicker();
        }}
        onStart={(options) => {
          setDialog(false);
          clearPicker();
          openSession(options);
        }}
      />
    </div>
  );
}

function SessionTab({ meta, active }: { meta: SessionMeta; active: boolean }) {
  const Icon = meta.options.kind === 'logs' ? FileText : meta.options.kind === 'attach' ? Plug : SquareTerminal;
  const shell = meta.info?.cmd?.[0]?.split('/').pop();
  const label = `${meta.options.containerName}${meta.options.kind === 'logs' ? ' · logs' : meta.options.kind === 'attach' ? ' · attach' : shell ? ` · ${shell}` : ''}`;
  const dot =
    meta.status === 'open' ? 'bg-ok' : meta.status === 'opening' ? 'bg-warn' : meta.status === 'failed' || (meta.exit && meta.exit.reason !== 'exited' && meta.exit.reason !== 'ended' && meta.exit.reason !== 'detached') ? 'bg-bad' : 'bg-muted';
  return (
    <div
      role="tab"
      aria-selected={active}
      tabIndex={active ? 0 : -1}
      data-testid={`session-tab-${meta.options.containerName}`}
      onClick={() => activateSession(meta.id)}
      onKeyDown={(e) => e.key === 'Enter' && activateSession(meta.id)}
      onAuxClick={(e) => e.button === 1 && closeSession(meta.id)}
      className={`group flex h-8 max-w-60 cursor-pointer items-center gap-1.5 rounded-t-md border border-b-0 px-2.5 text-xs ${active ? 'border-line bg-canvas text-fg' : 'border-transparent text-muted hover:bg-hover hover:text-fg'}`}
    >
      <span className={`h-1.5 w-1.5 shrink-0 rounded-full ${dot}`} />
      <Icon size={13} className="shrink-0" />
      <span className="truncate">{label}</span>
      <button
        type="button"
        aria-label={`Close ${label}`}
        onClick={(e) => {
          e.stopPropagation();
          closeSession(meta.id);
        }}
        className="ml-0.5 rounded p-0.5 opacity-60 hover:bg-raised hover:opacity-100 group-hover:opacity-100"
      >
        <X size={12} />
      </button>
    </div>
  );
}
