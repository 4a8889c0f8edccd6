import { Handle, Position, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import { ArrowLeftRight, Box, Cable, Globe, Network, Server } from 'lucide-react';
import { memo, type CSSProperties, type ReactNode } from 'react';
import type { FarView } from '../../components/graph/GraphCanvas';
import type { BridgeData, ContainerData, HostData, NetworkData, TopoNodeData, VethData } from './topology-graph';

const COLOR = {
  host: 'var(--pb-graph-host)',
  bridge: 'var(--pb-graph-bridge)',
  veth: 'var(--pb-graph-veth)',
  container: 'var(--pb-graph-container)',
  stopped: 'var(--pb-graph-stopped)',
  share: 'var(--pb-graph-share)',
  nat: 'var(--pb-graph-nat)',
  other: 'var(--pb-graph-other)',
};

function Card({ color, selected, children, testId, label }: { color: string; selected: boolean; children: ReactNode; testId: string; label: string }) {
  const style: CSSProperties = {
    borderColor: selected ? 'var(--pb-accent)' : `color-mix(in srgb, ${color} 55%, var(--pb-line))`,
    boxShadow: selected ? '0 0 0 2px var(--pb-accent)' : '0 1px 2px rgb(0 0 0 / 0.12)',
    background: `linear-gradient(180deg, color-mix(in srgb, ${color} 10%, var(--pb-panel)) 0%, var(--pb-panel) 70%)`,
  };
  return (
    <div className="relative h-full w-full overflow-hidden rounded-[10px] border-[1.5px] text-fg" style={style} data-testid={testId} aria-label={label} title={label}>
      <span className="absolute inset-y-0 left-0 w-[3px]" style={{ background: color }} aria-hidden />
      {children}
    </div>
  );
}

function Chip({ children, color, title }: { children: ReactNode; color: string; title?: string }) {
  return (
    <span
      className="inline-flex items-center rounded px-1.5 py-px text-[10px] font-medium leading-4 whitespace-nowrap"
      style={{ color, background: `color-mix(in srgb, ${color} 15%, transparent)` }}
      title={title}
    >
      {children}
    </span>
  );
}

function Flag({ on, label, title }: { on: boolean; label: string; title: string }) {
  return (
    <Chip color={on ? 'var(--pb-ok)' : 'var(--pb-muted)'} title={title}>
      {label} {on ? 'on' : 'off'}
    </Chip>
  );
}

const handleStyle: CSSProperties = { top: '50%' };

const HostNodeView = memo(function HostNodeView({ data, selected }: NodeProps<Node<HostData>>) {
  return (
    <Card color={COLOR.host} selected={selected} testId="topology-node-host" label={nodeTitle(data)}>
      <div className="flex h-full flex-col gap-1.5 py-2.5 pl-4 pr-3">
        <div className="flex items-center gap-2">
          <Server size={15} style={{ color: COLOR.host }} />
          <span className="text-[13px] font-semibold">Host</span>
          <span className="ml-auto text-[10px] uppercase tracking-wide text-muted">network stack</span>
        </div>
        <div className="flex flex-wrap gap-1">
          <Chip color={data.ipForward === null ? 'var(--pb-muted)' : data.ipForward ? 'var(--pb-ok)' : 'var(--pb-bad)'} title="/proc/sys/net/ipv4/ip_forward">
            ip_forward {data.ipForward === null ? 'unknown' : data.ipForward ? 'on' : 'off'}
          </Chip>
          <Chip color={COLOR.nat} title={data.natSource === 'host' ? 'NAT rules read from iptables-save -t nat' : 'NAT rules derived from the published ports'}>
            NAT {data.natSource === 'host' ? 'from iptables' : 'derived'}
          </Chip>
        </div>
        <div className="text-[10.5px] leading-4 text-muted">
          {data.interfacesRead ? `interfaces read via ${data.readMethod ?? 'sysfs'}${data.readMethod === 'procfs' ? ' (non-root)' : data.readMethod === 'sysfs' ? ' (root)' : ''}` : 'host interfaces not readable'}
          {data.hostModeContainers ? ` · ${data.hostModeContainers} on host stack` : ''}
        </div>
      </div>
      <Handle type="source" position={Position.Right} style={handleStyle} isConnectable={false} />
    </Card>
  );
});

const BridgeNodeView = memo(function BridgeNodeView({ data, selected }: NodeProps<Node<BridgeData>>) {
  const n = data.network;
  const subnet = n.subnets.find((s) => !s.subnet.includes(':')) ?? n.subnets[0];
  return (
    <Card color={COLOR.bridge} selected={selected} testId={`topology-node-bridge-${n.name}`} label={nodeTitle(data)}>
      <Handle type="target" position={Position.Left} style={handleStyle} isConnectable={false} />
      <div className="flex h-full flex-col gap-1 py-2 pl-4 pr-3">
        <div className="flex items-center gap-2">
          <Network size={15} style={{ color: COLOR.bridge }} />
          <span className="truncate font-mono text-[13px] font-semibold">{n.deviceName}</span>
          <span className="ml-auto">
            <Chip color={COLOR.bridge}>{n.isDefault ? 'default bridge' : 'bridge'}</Chip>
          </span>
        </div>
        <div className="truncate text-[11px] text-muted">
          network <span className="font-medium text-fg">{n.name}</span> · {data.endpoints} endpoint{data.endpoints === 1 ? '' : 's'}
        </div>
        <div className="font-mono text-[11.5px] leading-4" data-testid="bridge-subnet">
          {subnet ? subnet.subnet : 'no IPv4 subnet'}
          {subnet?.gateway ? <span className="text-muted"> gw {subnet.gateway}</span> : null}
        </div>
        <div className="truncate font-mono text-[10px] text-muted">
          {n.device ? `if ${n.device.ifindex} · ${n.device.mac ?? 'mac ?'}` : 'device not read on host'}
        </div>
        <div className="mt-auto flex flex-wrap gap-1">
          <Flag on={n.icc} label="ICC" title="Inter-container communication on this bridge" />
          <Flag on={n.masquerade} label="masq" title="IP masquerading of outbound traffic" />
          {n.internal ? <Chip color="var(--pb-warn)">internal</Chip> : null}
          {n.enableIPv6 ? <Chip color={COLOR.bridge}>IPv6</Chip> : null}
        </div>
      </div>
      <Handle type="source" position={Position.Right} style={handleStyle} isConnectable={false} />
    </Card>
  );
});

const NetworkNodeView = memo(function NetworkNodeView({ data, selected }: NodeProps<Node<NetworkData>>) {
  const n = data.network;
  const isNone = n.driver === 'null';
  const color = nodeColor(data);
  return (
    <Card color={color} selected={selected} testId={`topology-node-network-${n.name}`} label={nodeTitle(data)}>
      <Handle type="target" position={Position.Left} style={handleStyle} isConnectable={false} />
      <div className="flex h-full flex-col gap-1 py-2 pl-4 pr-3">
        <div className="flex items-center gap-2">
          <Globe size={14} style={{ color }} />
          <span className="truncate text-[13px] font-semibold">{n.name}</span>
          <span className="ml-auto">
            <Chip color={color}>{isNone ? 'none' : n.driver}</Chip>
          </span>
        </div>
        <div className="truncate font-mono text-[11px] text-muted">
          {isNone ? 'no interfaces · loopback only' : n.subnets[0] ? `${n.subnets[0].subnet}${n.subnets[0].gateway ? ` gw ${n.subnets[0].gateway}` : ''}` : `${n.scope} scope`}
        </div>
        <div className="text-[10.5px] text-muted">
          {data.endpoints} endpoint{data.endpoints === 1 ? '' : 's'}
          {n.internal ? ' · internal' : ''}
        </div>
      </div>
      <Handle type="source" position={Position.Right} style={handleStyle} isConnectable={false} />
    </Card>
  );
});

const VethNodeView = memo(function VethNodeView({ data, selected }: NodeProps<Node<VethData>>) {
  const { pair } = data;
  const hostKnown = pair.host.name !== null;
  return (
    <Card color={COLOR.veth} selected={selected} testId={`topology-veth-${data.containerName}-${data.networkName}`} label={nodeTitle(data)}>
      <Handle type="target" position={Position.Left} style={handleStyle} isConnectable={false} />
      <div className="grid h-full grid-cols-[1fr_auto_1fr] items-center gap-1.5 py-1.5 pl-3.5 pr-2.5">
        <div className="min-w-0">
          <div className="flex items-center gap-1 truncate font-mono text-[11.5px] font-semibold" style={{ color: hostKnown ? COLOR.veth : 'var(--pb-muted)' }}>
            <Cable size={11} className="shrink-0" />
            <span className="truncate" data-testid="veth-host-name">{pair.host.name ?? 'host side ?'}</span>
            {hostKnown ? <span className="shrink-0 font-normal text-muted">if {pair.host.ifindex}</span> : null}
          </div>
          <div className="truncate font-mono text-[9px] text-muted">{hostKnown ? (pair.host.mac ?? 'mac ?') : pair.status === 'unreadable' ? 'host not readable' : pair.status}</div>
        </div>
        <ArrowLeftRight size={13} className="text-muted" aria-hidden />
        <div className="min-w-0">
          <div className="truncate font-mono text-[11.5px]">
            <span className="font-semibold">{pair.container.ifname ?? 'eth?'}</span> <span className="text-muted">{pair.container.ipAddress}/{pair.container.prefixLen}</span>
          </div>
          <div className="truncate font-mono text-[9px] text-muted">
            {pair.container.ifindex !== null ? `if ${pair.container.ifindex} · ` : ''}
            {pair.container.macAddress}
          </div>
        </div>
      </div>
      <Handle type="source" position={Position.Right} style={handleStyle} isConnectable={false} />
    </Card>
  );
});

const ContainerNodeView = memo(function ContainerNodeView({ data, selected }: NodeProps<Node<ContainerData>>) {
  const c = data.container;
  const mode = c.networkMode;
  const color = nodeColor(data);
  const modeLabel =
    mode.kind === 'host' ? 'host' : mode.kind === 'none' ? 'none' : mode.kind === 'container' ? 'shared netns' : data.networks.length > 1 ? `${data.networks.length} networks` : (data.networks[0] ?? mode.network);
  const line =
    mode.kind === 'host'
      ? "host's stack · no veth"
      : mode.kind === 'none'
        ? 'loopback only · no interfaces'
        : mode.kind === 'container'
          ? `netns of ${data.sharesWith?.name ?? mode.target}: ${data.sharesWith?.addresses.join(', ') || 'no address'}`
          : !c.running
            ? `${c.state} · no veth while stopped`
            : data.addresses.join(' · ') || 'no address';
  return (
    <Card color={color} selected={selected} testId={`topology-node-container-${c.name}`} label={nodeTitle(data)}>
      <Handle type="target" position={Position.Left} style={handleStyle} isConnectable={false} />
      <div className="flex h-full flex-col gap-1 py-2 pl-4 pr-3">
        <div className="flex items-center gap-1.5">
          <Box size={13} style={{ color }} className="shrink-0" />
          <span className="truncate text-[12.5px] font-semibold">{c.name}</span>
          <span className="ml-auto shrink-0">
            <Chip color={color}>{modeLabel.length > 22 ? `${modeLabel.slice(0, 21)}…` : modeLabel}</Chip>
          </span>
        </div>
        <div className="flex items-center gap-1.5 truncate font-mono text-[10.5px] text-muted">
          <span className="inline-block h-1.5 w-1.5 shrink-0 rounded-full" style={{ background: c.running ? 'var(--pb-ok)' : 'var(--pb-muted)' }} aria-hidden />
          <span className="truncate">{line}</span>
        </div>
        <div className="flex gap-1 overflow-hidden">
          {data.ports.slice(0, 2).map((p) => (
            <Chip key={p} color={COLOR.nat} title="DNAT: published port">
              {p}
            </Chip>
          ))}
          {data.ports.length > 2 ? <Chip color={COLOR.nat}>+{data.ports.length - 2}</Chip> : null}
        </div>
      </div>
      <Handle type="source" position={Position.Right} style={handleStyle} isConnectable={false} />
    </Card>
  );
});

/** The accent colour of a node: what it is, and for containers whether they run or share a netns. */
function nodeColor(data: TopoNodeData): string {
  switch (data.kind) {
    case 'host':
      return COLOR.host;
    case 'bridge':
      return COLOR.bridge;
    case 'network':
      return data.network.driver === 'null' ? COLOR.stopped : COLOR.other;
    case 'veth':
      return COLOR.veth;
    case 'container':
      return !data.container.running ? COLOR.stopped : data.container.networkMode.kind === 'container' ? COLOR.share : COLOR.container;
  }
}

/** What a node is, in words: its card's label and tooltip. */
function nodeTitle(data: TopoNodeData): string {
  switch (data.kind) {
    case 'host':
      return 'Host';
    case 'bridge':
      return `Bridge ${data.network.deviceName} (network ${data.network.name})`;
    case 'network':
      return `Network ${data.network.name} (${data.network.driver})`;
    case 'veth':
      return `veth pair ${data.pair.host.name ?? 'unknown'} ⇄ ${data.pair.container.ifname ?? 'eth?'} of ${data.containerName}`;
    case 'container':
      return `Container ${data.container.name}`;
  }
}

/** Zoomed out, the graph is boxes in these colours (see `GraphCanvas` farView). */
export const TOPOLOGY_FAR_VIEW: FarView<Node<TopoNodeData>> = {
  colorOf: (node) => nodeColor(node.data),
  titleOf: (node) => nodeTitle(node.data),
  labelOf: (node) => nodeName(node.data),
};

/** The one name a card leads with. */
function nodeName(data: TopoNodeData): string {
  switch (data.kind) {
    case 'host':
      return 'Host';
    case 'bridge':
      return `${data.network.deviceName} · ${data.network.name}`;
    case 'network':
      return data.network.name;
    case 'veth':
      return `${data.pair.host.name ?? 'veth ?'} ⇄ ${data.pair.container.ifname ?? 'eth?'}`;
    case 'container':
      return data.container.name;
  }
}

/** Module-level so xyflow never re-mounts nodes. */
export const TOPOLOGY_NODE_TYPES: NodeTypes = {
  host: HostNodeView,
  bridge: BridgeNodeView,
  network: NetworkNodeView,
  veth: VethNodeView,
  container: ContainerNodeView,
} as NodeTypes;

export const EDGE_COLOR: Record<string, string> = {
  device: COLOR.bridge,
  'veth-host': COLOR.veth,
  'veth-ns': COLOR.veth,
  attachment: COLOR.other,
  'attachment-stopped': COLOR.stopped,
  'host-mode': COLOR.host,
  'none-mode': COLOR.stopped,
  'shares-netns': COLOR.share,
};

export const GRAPH_COLOR = COLOR;
