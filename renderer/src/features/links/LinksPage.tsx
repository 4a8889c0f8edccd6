import { MarkerType, type Edge, type Node } from '@xyflow/react';
import { Link2, Maximize, Plus, Shuffle } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { toast } from 'sonner';
import type { LinkGraphEdge, LinksGraph } from '../../../../shared/links/model';
import { client, messageOf } from '../../api';
import { Button, IconButton } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { GraphCanvas } from '../../components/graph/GraphCanvas';
import { Legend, type LegendItem } from '../../components/graph/Legend';
import { useElkLayout } from '../../components/graph/use-elk-layout';
import { useStore } from '../../store';
import { LinkDetails } from './LinkDetails';
import { LinkDialog, type LinkRequest } from './LinkDialog';
import { buildLinksGraph, type LinkEdgeSpec, type LinkNodeSpec } from './links-graph';
import { linksLayout } from './links-layout';
import { LINK_COLOR, LINK_EDGE_TYPES, LINK_FAR_VIEW, LINK_NODE_TYPES, LinkEdgeActions } from './LinkNodes';

const LEGEND: LegendItem[] = [
  { label: 'Running container', color: LINK_COLOR.container, shape: 'box' },
  { label: 'Stopped', color: LINK_COLOR.stopped, shape: 'box' },
  { label: 'User network (DNS)', color: LINK_COLOR.network, shape: 'box' },
  { label: 'Link client → target (--link)', color: LINK_COLOR.link, shape: 'line' },
  { label: 'On a user network, with aliases', color: LINK_COLOR.network, shape: 'dotted' },
];

/** Legacy links between containers, and user networks as the modern alternative; drag to link. */
export function LinksPage() {
  const revision = useStore((s) => s.containersRevision);
  const [graph, setGraph] = useState<LinksGraph | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [request, setRequest] = useState<LinkRequest | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [fitRequest, setFitRequest] = useState(0);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      client
        .request('links:graph', {})
        .then((g) => !cancelled && (setGraph(g), setError(null)))
        .catch((e: unknown) => !cancelled && setError(messageOf(e)));
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [revision, reload]);

  const built = useMemo(() => (graph ? buildLinksGraph(graph) : null), [graph]);
  const layoutInput = useMemo(() => ({ nodes: built?.nodes ?? [], edges: built?.edges ?? [] }), [built]);
  const layout = useElkLayout(layoutInput, { nodeGap: 22, layerGap: 90 }, linksLayout);
  const byNodeId = useMemo(() => new Map((graph?.nodes ?? []).map((n) => [`c:${n.id}`, n])), [graph]);
  const selectedNode = graph?.nodes.find((n) => n.name === selected) ?? null;

  const nodes = useMemo(() => toNodes(built?.nodes ?? [], layout.positions, selectedNode ? `c:${selectedNode.id}` : null), [built, layout.positions, selectedNode]);
  const edges = useMemo(() => toEdges(built?.edges ?? [], new Set(nodes.map((n) => n.id))), [built, nodes]);

  const onConnect = useCallback(
    (source: string, target: string) => {
      const from = byNodeId.get(source);
      const to = byNodeId.get(target);
      if (from && to) setRequest({ action: 'add', client: from.name, target: to.name, alias: '' });
    },
    [byNodeId],
  );
  const onNodeClick = useCallback((id: string) => setSelected(byNodeId.get(id)?.name ?? null), [byNodeId]);
  const edgeActions = useMemo(
    () => ({ onLinkClick: (link: LinkGraphEdge) => setRequest({ action: 'remove', client: link.client, target: link.target, alias: link.alias }) }),
    [],
  );

  const linkCount = graph?.links.length ?? 0;
  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="links-page">
      <div className="flex items-center gap-2 border-b border-line px-4 py-2">
        <h1 className="text-sm font-semibold">Links</h1>
        {graph ? (
          <span className="text-xs text-muted" data-testid="links-counts">
            {graph.nodes.length} containers · {linkCount} link{linkCount === 1 ? '' : 's'} · {graph.networks.length} shared user network{graph.networks.length === 1 ? '' : 's'}
          </span>
        ) : null}
        <span className="hidden text-xs text-muted xl:inline">· drag from a container's right dot to another to link them</span>
        <div className="ml-auto flex items-center gap-1.5">
          <IconButton label="Fit to view" icon={<Maximize size={14} />} onClick={() => setFitRequest((n) => n + 1)} />
          <IconButton label="Lay the graph out again" icon={<Shuffle size={14} />} onClick={layout.relayout} />
          <Button size="sm" variant="primary" icon={<Plus size={13} />} onClick={() => setFormOpen(!formOpen)} aria-expanded={formOpen}>
            New link
          </Button>
        </div>
      </div>
      {formOpen && graph ? <LinkForm graph={graph} onReview={(r) => (setRequest(r), setFormOpen(false))} /> : null}
      {error && !graph ? (
        <EmptyState title="Could not read the links">{error}</EmptyState>
      ) : !graph || !layout.positions ? (
        <EmptyState icon={<Link2 size={28} />} title="Reading the links…" />
      ) : graph.nodes.length === 0 ? (
        <EmptyState icon={<Link2 size={28} />} title="No containers">
          Links connect containers: run two containers, then drag from one to the other.
        </EmptyState>
      ) : (
        <div className="flex min-h-0 flex-1">
          <div className="min-w-0 flex-1">
            <LinkEdgeActions.Provider value={edgeActions}>
              <GraphCanvas
                nodes={nodes}
                edges={edges}
                nodeTypes={LINK_NODE_TYPES}
                edgeTypes={LINK_EDGE_TYPES}
                farView={LINK_FAR_VIEW}
                onNodeClick={onNodeClick}
                onPaneClick={() => setSelected(null)}
                onNodeMoved={layout.moveNode}
                onConnect={onConnect}
                fitRequest={fitRequest}
                legend={<Legend items={LEGEND} />}
                label="Links graph"
                testId="links-graph"
              />
            </LinkEdgeActions.Provider>
          </div>
          {selectedNode ? (
            <LinkDetails
              key={selectedNode.id}
              containerId={selectedNode.id}
              name={selectedNode.name}
              state={selectedNode.state}
              revision={revision}
              onClose={() => setSelected(null)}
              onRemoveLink={(alias, target) => setRequest({ action: 'remove', client: selectedNode.name, target, alias })}
            />
          ) : null}
        </div>
      )}
      <LinkDialog
        request={request}
        onClose={() => setRequest(null)}
        onDone={(message) => {
          const done = request;
          setRequest(null);
          toast.success(message);
          setReload((n) => n + 1);
          if (done) setSelected(done.client);
        }}
      />
    </div>
  );
}

function LinkForm({ graph, onReview }: { graph: LinksGraph; onReview(request: LinkRequest): void }) {
  const names = graph.nodes.map((n) => n.name);
  const [from, setFrom] = useState(names[0] ?? '');
  const [to, setTo] = useState(names[1] ?? names[0] ?? '');
  const [alias, setAlias] = useState('');
  const select = 'h-7 rounded-md border border-line bg-canvas px-1.5 text-[12px] outline-none focus:border-accent';
  return (
    <form
      className="flex flex-wrap items-center gap-2 border-b border-line bg-panel px-4 py-2 text-[12px]"
      onSubmit={(e) => {
        e.preventDefault();
        if (from && to) onReview({ action: 'add', client: from, target: to, alias });
      }}
      data-testid="link-form"
    >
      <span className="text-muted">Link</span>
      <select className={select} value={from} onChange={(e) => setFrom(e.target.value)} aria-label="Client container">
        {names.map((n) => (
          <option key={n}>{n}</option>
        ))}
      </select>
      <span className="text-muted">→</span>
      <select className={select} value={to} onChange={(e) => setTo(e.target.value)} aria-label="Target container">
        {names.map((n) => (
          <option key={n}>{n}</option>
        ))}
      </select>
      <span className="text-muted">as</span>
      <input className={`${select} w-36 font-mono`} value={alias} placeholder={to || 'alias'} onChange={(e) => setAlias(e.target.value)} aria-label="Alias" />
      <Button size="sm" type="submit" disabled={!from || !to || from === to}>
        Review the steps
      </Button>
    </form>
  );
}

function toNodes(specs: LinkNodeSpec[], positions: ReadonlyMap<string, { x: number; y: number }> | null, selected: string | null): Node[] {
  if (!positions) return [];
  const out: Node[] = [];
  for (const spec of specs) {
    const at = positions.get(spec.id);
    if (!at) continue;
    out.push({
      id: spec.id,
      type: spec.type,
      position: at,
      data: spec.data,
      width: spec.width,
      height: spec.height,
      selected: spec.id === selected,
      connectable: spec.type === 'container',
      style: { width: spec.width, height: spec.height },
    });
  }
  return out;
}

function toEdges(specs: LinkEdgeSpec[], present: Set<string>): Edge[] {
  return specs
    .filter((s) => present.has(s.source) && present.has(s.target))
    .map((spec): Edge =>
      spec.kind === 'link'
        ? {
            id: spec.id,
            source: spec.source,
            target: spec.target,
            type: 'link',
            data: { link: spec.link },
            // Drawn by LinkEdgeView; the far view reads the colour from here.
            style: { stroke: LINK_COLOR.link, strokeWidth: 2 },
            selectable: false,
            focusable: false,
            markerEnd: { type: MarkerType.ArrowClosed, color: 'var(--pb-accent)', width: 16, height: 16 },
          }
        : {
            id: spec.id,
            source: spec.source,
            target: spec.target,
            selectable: false,
            focusable: false,
            label: spec.label || undefined,
            labelStyle: { fill: LINK_COLOR.network, fontSize: 10, fontFamily: 'var(--font-mono)' },
            labelBgStyle: { fill: 'var(--pb-panel)', fillOpacity: 0.92 },
            labelBgPadding: [4, 2],
            labelBgBorderRadius: 3,
            style: { stroke: LINK_COLOR.network, strokeWidth: 1.5, strokeDasharray: '2 4' },
          },
    );
}
