import { AlertTriangle, Check, CircleDashed, Loader2, Network, X } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { validateLinkAlias } from '../../../../shared/links/link-names';
import type { LinkPlan, StepReport } from '../../../../shared/links/model';
import { client, messageOf } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';

export interface LinkRequest {
  action: 'add' | 'remove';
  client: string;
  target: string;
  alias: string;
}

type Phase = { kind: 'idle' } | { kind: 'running'; what: 'recreate' | 'network' } | { kind: 'failed'; message: string };

/**
 * Confirms adding or removing a link: shows exactly what the recreate will do (the plan's
 * steps), why it cannot (blockers), and offers the user-network alternative.
 */
export function LinkDialog({ request, onClose, onDone }: { request: LinkRequest | null; onClose(): void; onDone(message: string): void }) {
  const [alias, setAlias] = useState('');
  const [plan, setPlan] = useState<LinkPlan | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [progress, setProgress] = useState<StepReport[]>([]);
  const [network, setNetwork] = useState('');

  useEffect(() => {
    setAlias(request?.alias ?? '');
    setPlan(null);
    setPlanError(null);
    setPhase({ kind: 'idle' });
    setProgress([]);
    setNetwork('');
  }, [request]);

  const aliasCheck = useMemo(() => (request?.action === 'add' && alias.trim() ? validateLinkAlias(alias) : null), [alias, request]);

  useEffect(() => {
    if (!request) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      client
        .request('links:plan', { action: request.action, client: request.client, target: request.target, alias: alias.trim() || undefined })
        .then((p) => {
          if (cancelled) return;
          setPlan(p);
          setPlanError(null);
          setNetwork((n) => n || p.alternative.network);
        })
        .catch((e: unknown) => !cancelled && setPlanError(messageOf(e)));
    }, 120);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [request, alias]);

  useEffect(() => {
    if (!request || phase.kind !== 'running') return;
    return client.on('links:progress', (event) => {
      if (plan && event.client !== plan.client) return;
      setProgress((list) => {
        const at = list.findIndex((s) => s.id === event.step.id && s.title === event.step.title);
        if (at === -1) return [...list, event.step];
        const next = [...list];
        next[at] = event.step;
        return next;
      });
    });
  }, [request, phase.kind, plan]);

  if (!request) return null;
  const adding = request.action === 'add';
  const busy = phase.kind === 'running';
  const blocked = !plan || plan.blockers.length > 0 || (aliasCheck !== null && !aliasCheck.ok);
  const linkText = plan ? `${plan.client} → ${plan.target}${plan.alias !== plan.target ? ` as ${plan.alias}` : ''}` : `${request.client} → ${request.target}`;

  const recreate = async () => {
    setPhase({ kind: 'running', what: 'recreate' });
    setProgress([]);
    try {
      const result = adding
        ? await client.request('links:add', { client: request.client, target: request.target, alias: alias.trim() || undefined })
        : await client.request('links:remove', { client: request.client, alias: plan?.alias ?? request.alias });
      onDone(`${adding ? 'Linked' : 'Unlinked'} ${linkText}: ${result.name} was recreated with the same settings and volumes.`);
    } catch (e) {
      setPhase({ kind: 'failed', message: messageOf(e) });
    }
  };

  const connect = async () => {
    if (!plan) return;
    setPhase({ kind: 'running', what: 'network' });
    try {
      const result = await client.request('links:connect-network', {
        client: plan.clientId,
        target: request.target,
        network: network.trim(),
        create: true,
        alias: alias.trim() || undefined,
      });
      onDone(`${result.created ? `Created ${result.network}; ` : ''}${result.note}`);
    } catch (e) {
      setPhase({ kind: 'failed', message: messageOf(e) });
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && !busy && onClose()}
      title={adding ? `Link ${linkText}` : `Remove the link ${linkText}`}
      width="max-w-2xl"
      description={
        adding
          ? 'Docker sets links only when a container is created, so Patchbay recreates the client with the same settings and the new link.'
          : 'Docker cannot drop a link from a container, so Patchbay recreates the client with the same settings, without the link.'
      }
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button variant="primary" onClick={() => void recreate()} disabled={blocked || busy} data-testid="link-confirm">
            {busy && phase.what === 'recreate' ? <Loader2 size={14} className="animate-spin" /> : null}
            {adding ? `Recreate ${plan?.client ?? request.client} with the link` : `Recreate ${plan?.client ?? request.client} without it`}
          </Button>
        </>
      }
    >
      <div className="flex max-h-[60vh] flex-col gap-3 overflow-auto pr-1 text-[13px]" data-testid="link-dialog">
        {adding ? (
          <label className="flex items-center gap-2">
            <span className="w-14 shrink-0 text-[12px] font-semibold text-muted">Alias</span>
            <input
              className="h-8 flex-1 rounded-md border border-line bg-canvas px-2 font-mono text-[13px] outline-none focus:border-accent"
              value={alias}
              placeholder={request.target}
              onChange={(e) => setAlias(e.target.value)}
              aria-label="Link alias"
              disabled={busy}
              aria-invalid={aliasCheck !== null && !aliasCheck.ok}
            />
          </label>
        ) : null}
        {aliasCheck && !aliasCheck.ok ? <p className="text-[12px] text-bad" role="alert">{aliasCheck.error}</p> : null}
        {planError ? <p className="text-bad" role="alert">{planError}</p> : null}
        {plan && plan.blockers.length ? (
          <div className="rounded-md border border-bad/40 bg-bad/10 p-2.5 text-[12.5px]" role="alert" data-testid="link-blockers">
            {plan.blockers.map((b) => (
              <p key={b} className="flex gap-1.5">
                <X size={14} className="mt-0.5 shrink-0 text-bad" />
                {b}
              </p>
            ))}
          </div>
        ) : null}
        {plan ? (
          <ol className="flex flex-col gap-1.5" data-testid="link-plan-steps">
            {plan.steps.map((step, i) => {
              const state = progress.find((s) => s.id === step.id)?.state;
              return (
                <li key={step.id + step.title} className="flex gap-2 rounded-md bg-raised/60 px-2.5 py-1.5">
                  <span className="mt-px w-4 shrink-0 text-right font-mono text-[12px] text-muted">{i + 1}.</span>
                  <div className="min-w-0 flex-1">
                    <div className="font-medium">{step.title}</div>
                    <div className="text-[12px] text-muted">{step.detail}</div>
                  </div>
                  <StepIcon state={state} />
                </li>
              );
            })}
          </ol>
        ) : !planError ? (
          <p className="flex items-center gap-2 text-muted">
            <Loader2 size={14} className="animate-spin" /> Working out the steps…
          </p>
        ) : null}
        {plan && plan.keeps.length ? (
          <p className="text-[12px] text-muted">
            <span className="font-semibold text-fg">Kept as they are:</span> {plan.keeps.join(' · ')}
          </p>
        ) : null}
        {plan?.warnings.map((w) => (
          <p key={w} className="flex gap-1.5 text-[12px] text-muted">
            <AlertTriangle size={13} className="mt-0.5 shrink-0 text-warn" />
            {w}
          </p>
        ))}
        {phase.kind === 'failed' ? (
          <p className="rounded-md border border-bad/40 bg-bad/10 p-2.5 text-[12.5px]" role="alert" data-testid="link-error">
            {phase.message}
          </p>
        ) : null}
        {adding && plan ? (
          <div className="mt-1 rounded-lg border border-line p-3" data-testid="link-alternative">
            <div className="mb-1 flex items-center gap-1.5 text-[12px] font-semibold">
              <Network size={13} className="text-accent" /> The modern alternative: no recreate
            </div>
            <p className="mb-2 text-[12px] text-muted">{plan.alternative.text}</p>
            <div className="flex items-center gap-2">
              <input
                className="h-7 flex-1 rounded-md border border-line bg-canvas px-2 font-mono text-[12px] outline-none focus:border-accent"
                value={network}
                onChange={(e) => setNetwork(e.target.value)}
                aria-label="User network"
                disabled={busy}
              />
              <Button size="sm" onClick={() => void connect()} disabled={busy || !network.trim() || (aliasCheck !== null && !aliasCheck.ok)}>
                Connect both to {network.trim() || 'the network'} as {alias.trim() || request.target}
              </Button>
            </div>
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}

function StepIcon({ state }: { state: StepReport['state'] | undefined }) {
  if (state === 'running') return <Loader2 size={14} className="mt-0.5 shrink-0 animate-spin text-accent" aria-label="running" />;
  if (state === 'done') return <Check size={14} className="mt-0.5 shrink-0 text-ok" aria-label="done" />;
  if (state === 'failed') return <X size={14} className="mt-0.5 shrink-0 text-bad" aria-label="failed" />;
  return <CircleDashed size={14} className="mt-0.5 shrink-0 text-muted" aria-hidden />;
}
