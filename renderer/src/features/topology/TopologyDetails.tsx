import { ExternalLink, Link2, SquareTerminal, Trash2, Unplug, X } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import type { BridgeNetworkNode, ContainerNode, OtherNetworkNode, Topology, TopologyNode, VethPair } from '../../../../shared/topology/model';
import { client, messageOf } from '../../api';
import { Button, IconButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useSubmit } from '../../components/use-submit';
import { StateBadge } from '../../components/StateBadge';
import { useStore } from '../../store';
import { requestPicker } from '../terminal/session-registry';
import { formatDnat } from './topology-graph';

/** The side panel for the clicked graph node: facts, and the actions that fit it. */
export function TopologyDetails({ nodeId, topology, onClose }: { nodeId: string; topology: Topology; onClose(): void }) {
  const node = topology.nodes.find((n) => n.id === nodeId);
  const pair = node ? undefined : topology.vethPairs.find((p) => p.id === nodeId);
  const title = node ? titleOf(node) : pair ? `${pair.host.name ?? 'veth'} ⇄ ${pair.container.ifname ?? 'eth?'}` : 'Gone';
  return (
    <aside aria-label="Topology details" data-testid="topology-details" className="flex w-[348px] shrink-0 flex-col border-l border-line bg-panel">
      <header className="flex items-center gap-2 border-b border-line px-4 py-3">
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-sm font-semibold">{title}</h2>
          <p className="truncate text-[11px] text-muted">{node ? kindLabel(node) : pair ? 'veth pair' : ''}</p>
        </div>
        {node?.kind === 'container' ? <StateBadge state={node.state} /> : null}
        <IconButton label="Close details" icon={<X size={15} />} onClick={onClose} />
      </header>
      <div className="min-h-0 flex-1 overflow-auto p-4 text-[13px]">
        {node?.kind === 'container' ? <ContainerDetails node={node} topology={topology} /> : null}
        {node?.kind === 'bridge' || node?.kind === 'network' ? <NetworkDetails node={node} topology={topology} onRemoved={onClose} /> : null}
        {node?.kind === 'host' ? <HostDetails topology={topology} /> : null}
        {pair ? <VethDetails pair={pair} topology={topology} /> : null}
      </div>
    </aside>
  );
}

function titleOf(node: TopologyNode): string {
  if (node.kind === 'host') return 'Host';
  if (node.kind === 'bridge') return `${node.deviceName} · ${node.name}`;
  return node.name;
}

function kindLabel(node: TopologyNode): string {
  if (node.kind === 'host') return 'the machine running the engine';
  if (node.kind === 'bridge') return node.isDefault ? 'default bridge network' : 'user-defined bridge network';
  if (node.kind === 'network') return `${node.driver === 'null' ? 'none' : node.driver} network`;
  return `container ${node.containerId.slice(0, 12)}`;
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[104px_minmax(0,1fr)] gap-x-3 gap-y-1.5">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-[11px] font-semibold uppercase tracking-wide text-muted">{label}</dt>
          <dd className="min-w-0 break-words font-mono text-[12px]">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-4 first:mt-0">
      <h3 className="mb-2 text-[11px] font-semibold uppercase tracking-wide text-muted">{title}</h3>
      {children}
    </section>
  );
}

function vethFacts(pair: VethPair): [string, ReactNode][] {
  return [
    ['Interface', `${pair.container.ifname ?? 'unknown'}${pair.container.ifindex !== null ? ` (if ${pair.container.ifindex})` : ''}`],
    ['IP', <span data-testid="detail-ip">{`${pair.container.ipAddress}/${pair.container.prefixLen}`}</span>],
    ['MAC', <span data-testid="detail-mac">{pair.container.macAddress}</span>],
    ['Gateway', pair.container.gateway || '—'],
    ...(pair.container.ipv6Address ? ([['IPv6', pair.container.ipv6Address]] as [string, ReactNode][]) : []),
    ['Host veth', <span data-testid="detail-veth">{pair.host.name ?? `unknown (${pair.status})`}</span>],
    ['Host ifindex', pair.host.ifindex ?? '—'],
    ['Host MAC', pair.host.mac ?? '—'],
    ['Bridge', pair.host.master ?? '—'],
    ['Matched', `${pair.status}${pair.readMethod ? ` via ${pair.readMethod}` : ''}${pair.ifaceMatchedBy ? `, by ${pair.ifaceMatchedBy}` : ''}`],
  ];
}

function networkName(topology: Topology, id: string): string {
  const n = topology.nodes.find((x) => x.id === id);
  return n && (n.kind === 'bridge' || n.kind === 'network') ? n.name : '?';
}

function ContainerDetails({ node, topology }: { node: ContainerNode; topology: Topology }) {
  const setPage = useStore((s) => s.setPage);
  const openDetails = useStore((s) => s.openDetails);
  const pairs = topology.vethPairs.filter((p) => p.containerNodeId === node.id);
  const attachments = topology.edges.filter((e) => e.kind === 'attachment' && e.from === node.id) as Extract<Topology['edges'][number], { kind: 'attachment' }>[];
  const ports = topology.nat.dnat.filter((d) => d.containerNodeId === node.id);
  const [busy, setBusy] = useState<string | null>(null);
  const mode = node.networkMode;
  const disconnect = async (networkId: string, name: string) => {
    setBusy(networkId);
    try {
      await client.request('networks:disconnect', { network: networkId, container: node.containerId });
      toast.success(`Disconnected ${node.name} from ${name}`);
    } catch (error) {
      toast.error(`Could not disconnect ${node.name} from ${name}`, { description: messageOf(error) });
    } finally {
      setBusy(null);
    }
  };
  const networks = [...pairs.map((p) => p.networkNodeId), ...attachments.map((a) => a.to)];
  return (
    <>
      <Facts
        rows={[
          ['Mode', mode.kind === 'network' ? mode.network : mode.kind === 'container' ? `container:${mode.target}` : mode.kind],
          ['PID', node.pid ?? '—'],
          ...(mode.kind === 'host' ? ([['Stack', "the host's own: no veth, no NAT"]] as [string, ReactNode][]) : []),
          ...(mode.kind === 'none' ? ([['Stack', 'loopback only: no interfaces']] as [string, ReactNode][]) : []),
        ]}
      />
      {pairs.map((p) => (
        <Section key={p.id} title={`On ${networkName(topology, p.networkNodeId)}`}>
          <Facts rows={vethFacts(p)} />
        </Section>
      ))}
      {attachments.map((a) => (
        <Section key={a.id} title={`On ${networkName(topology, a.to)}${a.active ? '' : ' (when running)'}`}>
          <Facts rows={[['IP', a.ipAddress ?? '—'], ['MAC', a.macAddress ?? '—']]} />
        </Section>
      ))}
      {ports.length ? (
        <Section title="Published ports (DNAT)">
          <ul className="space-y-0.5 font-mono text-[12px]">
            {ports.map((d) => (
              <li key={d.id}>
                {formatDnat(d)} <span className="text-muted">({d.source === 'host' ? 'iptables' : 'derived'})</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section title="Actions">
        <div className="flex flex-col items-start gap-2">
          <Button
            size="sm"
            icon={<ExternalLink size={13} />}
            onClick={() => {
              setPage('containers');
              openDetails(node.containerId);
            }}
          >
            Open details
          </Button>
          <Button size="sm" icon={<SquareTerminal size={13} />} disabled={node.state !== 'running'} onClick={() => requestPicker(node.containerId)}>
            Open terminal
          </Button>
          {networks.map((id) => {
            const name = networkName(topology, id);
            return (
              <Button key={id} size="sm" icon={<Unplug size={13} />} disabled={busy !== null} onClick={() => void disconnect(id.replace(/^network:/, ''), name)}>
                Disconnect from {name}
              </Button>
            );
          })}
        </div>
      </Section>
    </>
  );
}

function VethDetails({ pair, topology }: { pair: VethPair; topology: Topology }) {
  const container = topology.nodes.find((n) => n.id === pair.containerNodeId) as ContainerNode | undefined;
  return (
    <>
      <p className="mb-3 text-xs text-muted">
        A veth pair is a virtual cable: one end ({pair.container.ifname ?? 'eth?'}) lives in {container?.name ?? 'the container'}’s namespace, the other (
        {pair.host.name ?? 'unknown'}) on the host, enslaved to the bridge.
      </p>
      <Facts rows={[['Container', container?.name ?? '?'], ['Network', networkName(topology, pair.networkNodeId)], ...vethFacts(pair)]} />
    </>
  );
}

function HostDetails({ topology }: { topology: Topology }) {
  const host = topology.nodes.find((n) => n.kind === 'host');
  const method = topology.vethPairs.find((p) => p.readMethod)?.readMethod;
  return (
    <Facts
      rows={[
        ['ip_forward', topology.nat.ipForward],
        ['Interfaces', host && host.kind === 'host' && host.interfacesRead ? `read (${method ?? 'no containers'})` : 'not readable (remote engine?)'],
        ['NAT rules', topology.nat.source === 'host' ? 'read from iptables' : `derived (${topology.nat.derivedBecause})`],
        ['DNAT rules', topology.nat.dnat.length],
        ['Masquerade', topology.nat.masquerade.length],
      ]}
    />
  );
}

function NetworkDetails({ node, topology, onRemoved }: { node: BridgeNetworkNode | OtherNetworkNode; topology: Topology; onRemoved(): void }) {
  const [confirm, setConfirm] = useState(false);
  const { busy, error: removeError, clearError: clearRemoveError, run } = useSubmit();
  const members = useMemo(() => {
    const names = new Map(topology.nodes.filter((n): n is ContainerNode => n.kind === 'container').map((n) => [n.id, n.name]));
    const ids = new Set<string>();
    for (const p of topology.vethPairs) if (p.networkNodeId === node.id) ids.add(p.containerNodeId);
    for (const e of topology.edges) if (e.kind === 'attachment' && e.to === node.id) ids.add(e.from);
    return [...ids].map((id) => names.get(id) ?? id).sort();
  }, [topology, node.id]);
  const subnet = node.subnets[0];
  const remove = () =>
    run(async () => {
      await client.request('networks:remove', { id: node.networkId });
      toast.success(`Removed network ${node.name}`);
      setConfirm(false);
      onRemoved();
    });
  const builtIn = node.kind === 'network' ? node.driver === 'null' || node.driver === 'host' : node.isDefault;
  return (
    <>
      <Facts
        rows={[
          ['Driver', node.kind === 'bridge' ? 'bridge' : node.driver],
          ...(node.kind === 'bridge'
            ? ([
                ['Device', node.deviceName],
                ['Device if', node.device ? `${node.device.ifindex} · ${node.device.mac ?? '?'}` : 'not read'],
              ] as [string, ReactNode][])
            : []),
          ['Subnet', subnet?.subnet ?? '—'],
          ['Gateway', subnet?.gateway ?? '—'],
          ['IP range', subnet?.ipRange ?? '—'],
          ...(node.kind === 'bridge'
            ? ([
                ['ICC', node.icc ? 'on: containers reach each other' : 'off'],
                ['Masquerade', node.masquerade ? 'on' : 'off'],
                ['IPv6', node.enableIPv6 ? 'on' : 'off'],
              ] as [string, ReactNode][])
            : []),
          ['Internal', node.internal ? 'yes: no route out' : 'no'],
          ['Id', node.networkId.slice(0, 12)],
          ...Object.entries(node.labels).map(([k, v]) => [`label`, `${k}=${v}`] as [string, ReactNode]),
        ]}
      />
      <Section title={`Containers (${members.length})`}>
        {members.length ? <p className="text-[12px]">{members.join(', ')}</p> : <p className="text-xs text-muted">None.</p>}
      </Section>
      {node.kind === 'network' && node.driver === 'null' ? null : <ConnectForm node={node} topology={topology} />}
      {builtIn ? null : (
        <Section title="Remove">
          <Button size="sm" variant="danger" icon={<Trash2 size={13} />} onClick={() => (clearRemoveError(), setConfirm(true))}>
            Remove network
          </Button>
        </Section>
      )}
      <Dialog
        open={confirm}
        onOpenChange={setConfirm}
        title={`Remove network ${node.name}?`}
        description={
          members.length ? (
            <span>
              It has endpoints: <b>{members.join(', ')}</b>. The engine refuses to remove a network in use; disconnect them first.
            </span>
          ) : (
            <span>No container is attached. The network{node.kind === 'bridge' ? ` and its bridge ${node.deviceName}` : ''} will be deleted.</span>
          )
        }
        footer={
          <>
            <Button onClick={() => setConfirm(false)} disabled={busy}>Cancel</Button>
            <Button variant="danger" onClick={() => void remove()} disabled={busy}>Remove network</Button>
          </>
        }
      >
        {removeError ? (
          <p role="alert" className="rounded-md bg-bad/10 p-2.5 text-[13px] text-bad">
            {removeError}
          </p>
        ) : null}
      </Dialog>
    </>
  );
}

function ConnectForm({ node, topology }: { node: BridgeNetworkNode | OtherNetworkNode; topology: Topology }) {
  const [container, setContainer] = useState('');
  const [aliases, setAliases] = useState('');
  const [ipv4, setIpv4] = useState('');
  const { busy, error, run } = useSubmit();
  const candidates = useMemo(() => {
    const on = new Set<string>();
    for (const p of topology.vethPairs) if (p.networkNodeId === node.id) on.add(p.containerNodeId);
    for (const e of topology.edges) if (e.kind === 'attachment' && e.to === node.id) on.add(e.from);
    return topology.nodes
      .filter((n): n is ContainerNode => n.kind === 'container' && !on.has(n.id) && n.networkMode.kind === 'network')
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [topology, node.id]);
  const connect = () =>
    run(async () => {
      const list = aliases.split(/[\s,]+/).filter(Boolean);
      await client.request('networks:connect', { network: node.networkId, container, aliases: list, ipv4: ipv4.trim() || undefined });
      toast.success(`Connected ${candidates.find((c) => c.containerId === container)?.name ?? container} to ${node.name}`);
      setContainer('');
      setAliases('');
      setIpv4('');
    });
  const field = 'h-7 w-full rounded-md border border-line bg-canvas px-2 text-[12px] outline-none focus:border-accent';
  return (
    <Section title="Connect a container">
      <form
        className="space-y-2"
        aria-label={`Connect a container to ${node.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (container) void connect();
        }}
      >
        <select aria-label="Container" className={field} value={container} onChange={(e) => setContainer(e.target.value)}>
          <option value="">Choose a container…</option>
          {candidates.map((c) => (
            <option key={c.containerId} value={c.containerId}>
              {c.name} ({c.state})
            </option>
          ))}
        </select>
        <input aria-label="Aliases" placeholder="Aliases (optional, comma separated)" className={field} value={aliases} onChange={(e) => setAliases(e.target.value)} />
        <input aria-label="IPv4 address" placeholder="IPv4 address (optional)" className={field} value={ipv4} onChange={(e) => setIpv4(e.target.value)} />
        {error ? (
          <p role="alert" className="rounded-md bg-bad/10 p-2 text-[12px] text-bad">
            {error}
          </p>
        ) : null}
        <Button type="submit" size="sm" variant="primary" icon={<Link2 size={13} />} disabled={!container || busy}>
          Connect
        </Button>
      </form>
    </Section>
  );
}
