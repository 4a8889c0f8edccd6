import { useId } from 'react';
import type { ContainerSummary } from '../../../../shared/containers/model';
import type { RunForm } from '../../../../shared/run-command/run-form';
import type { RunNetworkChoice } from '../../../../shared/run/model';
import { FieldMessage, Section, TextField, TextRows, inputClass, type RowErrors } from './form-controls';

type ModeKind = 'bridge' | 'host' | 'none' | 'container' | 'user';

const MODES: Array<{ kind: ModeKind; label: string; flag: string; meaning: string }> = [
  { kind: 'bridge', label: 'Bridge', flag: '--network bridge', meaning: 'Its own IP on the default docker0 bridge; reach it from the host through published ports.' },
  { kind: 'user', label: 'User network', flag: '--network NAME', meaning: 'Joins a network you created; containers on it find each other by name and alias.' },
  { kind: 'host', label: 'Host', flag: '--network host', meaning: "Shares the host's network stack: no own IP, and its ports are the host's ports." },
  { kind: 'none', label: 'None', flag: '--network none', meaning: 'Has only a loopback interface: no way in or out.' },
  { kind: 'container', label: 'Another container', flag: '--network container:NAME', meaning: "Shares another container's IP and ports — the Kubernetes pod trick." },
];

export function modeKind(mode: string): ModeKind {
  if (mode === 'bridge' || mode === 'default' || mode === '') return 'bridge';
  if (mode === 'host' || mode === 'none') return mode;
  if (mode.startsWith('container:')) return 'container';
  return 'user';
}

export interface NetworkSectionProps {
  form: RunForm;
  update(patch: Partial<RunForm>): void;
  networks: RunNetworkChoice[];
  containers: ContainerSummary[];
  fieldError(field: keyof RunForm): string | undefined;
  rowErrors(field: keyof RunForm): RowErrors;
}

/** `--network` and what goes with it: aliases, fixed IP, host name, extra hosts, DNS. */
export function NetworkSection({ form, update, networks, containers, fieldError, rowErrors }: NetworkSectionProps) {
  const id = useId();
  const kind = modeKind(form.networkMode);
  const userNetworks = networks.filter((n) => n.userDefined);
  const target = kind === 'container' ? form.networkMode.slice('container:'.length) : '';
  const choose = (next: ModeKind) => {
    const reset = { networkAliases: [], ipv4Address: '' };
    if (next === 'container') {
      const first = containers.find((c) => c.state === 'running' && c.name !== form.name);
      update({ ...reset, networkMode: `container:${first?.name ?? ''}` });
    } else if (next === 'user') {
      update({ networkMode: userNetworks[0]?.name ?? 'my-network' });
    } else {
      update({ ...reset, networkMode: next });
    }
  };
  const shared = kind === 'container';
  const modeError = fieldError('networkMode');
  const selected = userNetworks.find((n) => n.name === form.networkMode);
  return (
    <Section id="run-network" title="Network" hint="How the container connects: one mode, chosen here.">
      <div role="radiogroup" aria-label="Network mode" className="grid grid-cols-1 gap-1.5 sm:grid-cols-2 xl:grid-cols-3">
        {MODES.map((mode) => (
          <label key={mode.kind} className={`flex cursor-pointer gap-2 rounded-md border px-2.5 py-2 ${kind === mode.kind ? 'border-accent bg-selected' : 'border-line bg-canvas hover:bg-hover'}`}>
            <input type="radio" name={`${id}-mode`} className="mt-0.5 accent-[var(--pb-accent)]" checked={kind === mode.kind} onChange={() => choose(mode.kind)} />
            <span className="min-w-0">
              <span className="block text-[13px] font-medium">
                {mode.label} <code className="font-mono text-[10.5px] font-normal text-muted">{mode.flag}</code>
              </span>
              <span className="block text-[11.5px] leading-snug text-muted">{mode.meaning}</span>
            </span>
          </label>
        ))}
      </div>
      {kind === 'container' ? (
        <div>
          <label htmlFor={`${id}-target`} className="mb-1 block text-xs font-medium text-muted">Share the network of</label>
          <select id={`${id}-target`} value={target} onChange={(e) => update({ networkMode: `container:${e.target.value}` })} className={inputClass} aria-invalid={modeError ? true : undefined}>
            {target && !containers.some((c) => c.name === target) ? <option value={target}>{target} (not found)</option> : null}
            {!target ? <option value="">Choose a container…</option> : null}
            {containers.filter((c) => c.name !== form.name).map((c) => (
              <option key={c.id} value={c.name}>
                {c.name} — {c.state}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {kind === 'user' ? (
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label htmlFor={`${id}-net`} className="mb-1 block text-xs font-medium text-muted">Network</label>
            <input id={`${id}-net`} list={`${id}-nets`} value={form.networkMode} onChange={(e) => update({ networkMode: e.target.value })} className={inputClass} aria-invalid={modeError ? true : undefined} spellCheck={false} />
            <datalist id={`${id}-nets`}>
              {userNetworks.map((n) => (
                <option key={n.name} value={n.name}>{`${n.driver}${n.subnets.length ? ` · ${n.subnets.join(', ')}` : ''}`}</option>
              ))}
            </datalist>
            {userNetworks.length === 0 ? <p className="mt-1 text-xs text-muted">No user networks yet: create one with docker network create NAME.</p> : null}
          </div>
          <TextField label="Fixed IPv4 address (--ip)" mono value={form.ipv4Address} onChange={(v) => update({ ipv4Address: v })} placeholder={selected?.subnets[0] ? `in ${selected.subnets[0]}` : 'engine picks'} error={fieldError('ipv4Address')} />
          <div className="col-span-2">
            <TextRows label="Network aliases (--network-alias)" addLabel="Add an alias" rows={form.networkAliases} onChange={(v) => update({ networkAliases: v })} placeholder="api" errors={rowErrors('networkAliases')} />
          </div>
        </div>
      ) : null}
      <FieldMessage message={modeError} />
      <div className="grid grid-cols-2 gap-3">
        <TextField label="Host name (--hostname)" mono value={form.hostname} onChange={(v) => update({ hostname: v })} placeholder={shared ? 'from the other container' : 'the container id'} disabled={shared && !form.hostname} error={fieldError('hostname')} />
        <div />
        <TextRows label="Extra hosts (--add-host)" addLabel="Add a host entry" rows={form.addHosts} onChange={(v) => update({ addHosts: v })} placeholder="db:10.0.0.5" errors={rowErrors('addHosts')} disabled={shared && form.addHosts.length === 0} />
        <TextRows label="DNS servers (--dns)" addLabel="Add a DNS server" rows={form.dns} onChange={(v) => update({ dns: v })} placeholder="1.1.1.1" errors={rowErrors('dns')} disabled={shared && form.dns.length === 0} />
      </div>
      {shared ? <p className="text-xs text-muted">In container: mode the host name, DNS, extra hosts and ports all come from the other container.</p> : null}
    </Section>
  );
}
