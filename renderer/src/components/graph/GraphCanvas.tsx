import {
  Background,
  BackgroundVariant,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
  type EdgeTypes,
  type Node,
  type NodeChange,
  type NodeTypes,
  ViewportPortal,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { GraphOverview } from './GraphOverview';
import { useZoomDetail } from './use-zoom-detail';

/** Room for the legend along the top; a little elsewhere. */
const FIT_PADDING = { top: '76px', left: '24px', right: '56px', bottom: '24px' } as const;

export interface GraphCanvasProps<N extends Node, E extends Edge> {
  nodes: N[];
  edges: E[];
  /** Must be stable (module-level constants): xyflow re-mounts every node when they change. */
  nodeTypes: NodeTypes;
  edgeTypes?: EdgeTypes;
  onNodeClick?(id: string): void;
  onPaneClick?(): void;
  /** A user drag ended: remember the place (see `useElkLayout().moveNode`). */
  onNodeMoved?(id: string, position: { x: number; y: number }): void;
  /** Given: users may drag from a node's source handle to another's target handle (links). Off otherwise. */
  onConnect?(source: string, target: string): void;
  onEdgeClick?(id: string): void;
  /** Nodes to emphasise (search): the others fade. Costs no re-render of the nodes. */
  highlightIds?: ReadonlySet<string> | null;
  /** Changes to this value fit the view to `highlightIds` (or to everything when there are none). */
  fitRequest?: number;
  /** Drawn over the canvas along its top (a `Legend`). */
  legend?: ReactNode;
  /** Drawn over the canvas, bottom left (status, hints). */
  overlay?: ReactNode;
  label?: string;
  testId?: string;
  /**
   * Above this many nodes only those in view are mounted (not in the far view, which draws them
   * all at once). Each mounted node is an element Chromium re-layerises on every frame of a pan,
   * in view or not: 600 mounted cards made a pan at half zoom take 250 ms a frame.
   */
  virtualizeAbove?: number;
  /**
   * Given: zoomed out, the graph is drawn as one SVG of coloured boxes and curves (`GraphOverview`)
   * instead of a DOM element per node, which keeps panning smooth with hundreds of nodes. Must be
   * stable (module-level).
   */
  farView?: FarView<N>;
}

export interface FarView<N extends Node> {
  colorOf(node: N): string;
  /** The tooltip of a box. */
  titleOf?(node: N): string;
  /** The short name written in a box once it is legible (a container's name, a bridge's device). */
  labelOf?(node: N): string;
}

/**
 * A pan/zoom canvas for read-mostly graphs (topology, links, volume lineage).
 *
 * Nodes are positioned by the caller (usually `useElkLayout`); users can drag them, and connect
 * them only when `onConnect` is given. Nothing is deleted. Large graphs mount only the cards in
 * view, and zoomed out every graph with a `farView` is drawn as one SVG (`GraphOverview`).
 */
export function GraphCanvas<N extends Node, E extends Edge>(props: GraphCanvasProps<N, E>) {
  return (
    <ReactFlowProvider>
      <GraphCanvasInner {...props} />
    </ReactFlowProvider>
  );
}

function GraphCanvasInner<N extends Node, E extends Edge>({
  nodes,
  edges,
  nodeTypes,
  edgeTypes,
  onNodeClick,
  onPaneClick,
  onNodeMoved,
  onConnect,
  onEdgeClick,
  highlightIds,
  fitRequest,
  legend,
  overlay,
  label = 'Graph',
  testId,
  virtualizeAbove = 150,
  farView,
}: GraphCanvasProps<N, E>) {
  const flow = useReactFlow();
  const fittedOnce = useRef(false);
  // Zoomed out, text is a few pixels high: the far view (or, without one, graph.css) drops it.
  const { wrapper, zoomedOut, onMove } = useZoomDetail();
  const showFarView = zoomedOut && farView !== undefined;
  const dark = typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches;

  // Fit once when the first nodes appear, then only when asked.
  useEffect(() => {
    if (fittedOnce.current || nodes.length === 0) return;
    fittedOnce.current = true;
    requestAnimationFrame(() => void flow.fitView({ padding: FIT_PADDING, maxZoom: 1.1 }));
  }, [nodes.length, flow]);

  useEffect(() => {
    if (fitRequest === undefined || fitRequest === 0) return;
    const ids = highlightIds && highlightIds.size ? [...highlightIds].map((id) => ({ id })) : undefined;
    void flow.fitView({ nodes: ids, padding: ids ? 0.25 : FIT_PADDING, maxZoom: 1.2, duration: 250 });
    // Only a new request fits; a changed highlight alone must not move the view.
  }, [fitRequest]);

  const highlightCss = useMemo(() => {
    if (!highlightIds || highlightIds.size === 0) return '';
    const selectors = [...highlightIds].map((id) => `.pb-graph .react-flow__node[data-id="${CSS.escape(id)}"]`).join(',\n');
    return `${selectors} { opacity: 1 !important; outline: 2px solid var(--pb-accent); outline-offset: 3px; }`;
  }, [highlightIds]);

  const handleNodesChange = useCallback(
    (changes: NodeChange<N>[]) => {
      if (!onNodeMoved) return;
      for (const change of changes) {
        // Controlled nodes: the caller stores the place, during the drag too, so the node follows the pointer.
        if (change.type === 'position' && change.position) onNodeMoved(change.id, change.position);
      }
    },
    [onNodeMoved],
  );

  return (
    <div className="pb-graph relative h-full w-full" ref={wrapper} data-zoomed-out={zoomedOut ? 'true' : 'false'} data-far-view={showFarView ? 'true' : 'false'} data-searching={highlightIds && highlightIds.size ? 'true' : 'false'} data-testid={testId} aria-label={label} role="figure">
      {highlightCss ? <style>{highlightCss}</style> : null}
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={handleNodesChange}
        onNodeClick={(_, node) => onNodeClick?.(node.id)}
        onPaneClick={() => onPaneClick?.()}
        nodesConnectable={Boolean(onConnect)}
        onConnect={onConnect ? (c) => c.source && c.target && c.source !== c.target && onConnect(c.source, c.target) : undefined}
        onEdgeClick={onEdgeClick ? (_, edge) => onEdgeClick(edge.id) : undefined}
        nodesDraggable={Boolean(onNodeMoved)}
        edgesFocusable={false}
        elementsSelectable
        minZoom={0.02}
        maxZoom={2.5}
        onlyRenderVisibleElements={!showFarView && nodes.length > virtualizeAbove}
        onMove={onMove}
        colorMode={dark ? 'dark' : 'light'}
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.4} color="var(--pb-graph-dots)" />
        <Controls showInteractive={false} position="bottom-right" />
        {showFarView ? (
          <ViewportPortal>
            <GraphOverview
              nodes={nodes}
              edges={edges}
              colorOf={farView.colorOf}
              titleOf={farView.titleOf}
              labelOf={farView.labelOf}
              highlightIds={highlightIds}
              onNodeClick={onNodeClick}
            />
          </ViewportPortal>
        ) : null}
      </ReactFlow>
      {legend ? <div className="pointer-events-auto absolute left-3 right-14 top-3 z-10 flex">{legend}</div> : null}
      {overlay ? <div className="absolute bottom-3 left-3 z-10">{overlay}</div> : null}
    </div>
  );
}
