import { ArrowRight, ShieldCheck, ShieldQuestion } from 'lucide-react';
import type { NatView, Topology } from '../../../../shared/topology/model';

const NAT = 'var(--pb-graph-nat)';

/** The NAT layer: DNAT per published port and MASQUERADE per subnet, saying where the rules came from. */
export function NatPanel({ nat, topology, onSelect }: { nat: NatView; topology: Topology; onSelect(id: string): void }) {
  const names = new Map<string, string>();
  for (const n of topology.nodes) if (n.kind !== 'host') names.set(n.id, n.kind === 'bridge' ? `${n.name} (${n.deviceName})` : n.name);
  const subnetRules = nat.masquerade.filter((m) => m.kind !== 'hairpin');
  const hairpins = nat.masquerade.length - subnetRules.length;
  return (
    <section aria-label="NAT rules" data-testid="nat-panel" className="h-[150px] shrink-0 overflow-auto border-t border-line bg-panel px-4 py-2.5">
      <header className="mb-2 flex flex-wrap items-center gap-2 text-xs">
        <h2 className="text-[11px] font-semibold uppercase tracking-wide" style={{ color: NAT }}>
          NAT
        </h2>
        {nat.source === 'host' ? (
          <span className="inline-flex items-center gap-1 rounded bg-ok/12 px-1.5 py-0.5 text-ok" data-testid="nat-source">
            <ShieldCheck size={12} /> read from iptables (iptables-save -t nat)
          </span>
        ) : (
          <span className="inline-flex items-center gap-1 rounded bg-warn/12 px-1.5 py-0.5 text-warn" data-testid="nat-source">
            <ShieldQuestion size={12} /> derived from published ports —{' '}
            {nat.derivedBecause === 'no-docker-chain' ? "the nat table has no DOCKER chain (nftables backend?)" : 'the nat table could not be read (needs root)'}
          </span>
        )}
        <span
          className={`rounded px-1.5 py-0.5 ${nat.ipForward === 'on' ? 'bg-ok/12 text-ok' : nat.ipForward === 'off' ? 'bg-bad/12 text-bad' : 'bg-muted/12 text-muted'}`}
          title="/proc/sys/net/ipv4/ip_forward: containers reach beyond the host only when it is on"
        >
          ip_forward {nat.ipForward}
        </span>
      </header>
      <div className="grid grid-cols-[minmax(0,3fr)_minmax(0,2fr)] gap-6">
        <div>
          <h3 className="mb-1 text-[11px] font-semibold text-muted">DNAT · published ports ({nat.dnat.length})</h3>
          {nat.dnat.length === 0 ? (
            <p className="text-xs text-muted">No published ports.</p>
          ) : (
            <table className="text-left font-mono text-[11.5px]" data-testid="dnat-table">
              <tbody>
                {nat.dnat.map((d) => (
                  <tr key={d.id} className="cursor-pointer hover:bg-hover" title={d.raw ?? 'derived from the container’s published ports'} onClick={() => d.containerNodeId && onSelect(d.containerNodeId)}>
                    <td className="py-0.5 pr-2 whitespace-nowrap">
                      {d.hostIp ?? '0.0.0.0'}:{d.hostPort}/{d.protocol}
                    </td>
                    <td className="px-1 text-muted">
                      <ArrowRight size={11} style={{ color: NAT }} />
                    </td>
                    <td className="py-0.5 pr-2 whitespace-nowrap">
                      {d.containerIp}:{d.containerPort}
                    </td>
                    <td className="truncate py-0.5 pl-2 font-sans text-muted">
                      {d.containerNodeId ? names.get(d.containerNodeId) : 'unknown container'}
                      {d.excludedInInterface ? <span className="ml-1.5 font-mono text-[10px]">! -i {d.excludedInInterface}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h3 className="mb-1 text-[11px] font-semibold text-muted">
            MASQUERADE · outbound ({subnetRules.length}
            {hairpins ? ` + ${hairpins} hairpin` : ''})
          </h3>
          {subnetRules.length === 0 ? (
            <p className="text-xs text-muted">No masquerade rules.</p>
          ) : (
            <ul className="space-y-0.5 font-mono text-[11.5px]" data-testid="masquerade-list">
              {subnetRules.map((m) => (
                <li key={m.id} className="flex gap-2 whitespace-nowrap" title={m.raw ?? 'derived from the network’s masquerade option'}>
                  <span>{m.source}</span>
                  {m.excludedOutInterface ? <span className="text-muted">! -o {m.excludedOutInterface}</span> : null}
                  <span className="truncate font-sans text-muted">{m.networkNodeId ? names.get(m.networkNodeId) : m.destination ?? ''}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
