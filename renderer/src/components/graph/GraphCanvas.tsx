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
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { GraphOverview } from './GraphOverview';

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
 * them only when `onConnect` is given. Nothing is deleted. Large graphs render only what is in view.
 */
export function GraphCanvas<N extends Node, E extends Edge>(props: GraphCanvasProps<N, E>) {
  return (
    <ReactFlowProvider>
      <GraphCanvasInner {...props} />
    </ReactFlowProvider>
  );
}

/**
 * Below this zoom the far view replaces the cards: their 11 px details are under 7 px, and the
 * names the far view writes say as much as the cards' titles would. Cards cost most just above it
 * (the most of them on screen at once): at 0.45 a pan of 300 containers had 15 % of frames over
 * 50 ms, at 0.66 4 %.
 */
const FAR_ZOOM = 0.6;
/** From this zoom the far view writes names in its boxes (22 px there: 6.6 px and up on screen). */
const LABEL_ZOOM = 0.3;
/** The names come back this long after the last zoom step. */
const ZOOM_SETTLE_MS = 180;

type Detail = 'cards' | 'boxes' | 'boxes-named';

function detailAt(zoom: number): Detail {
  return zoom >= FAR_ZOOM ? 'cards' : zoom >= LABEL_ZOOM ? 'boxes-named' : 'boxes';
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
  // Zoomed far out, node text is a few pixels high and unreadable, yet it is most of what a
  // frame paints: the wrapper says so and graph.css hides it (level of detail).
  const [zoomedOut, setZoomedOut] = useState(false);
  const showFarView = zoomedOut && farView !== undefined;
  // The finer level (names in the far view or not) is an attribute set here, not state: crossing
  // it while zooming must not re-render the canvas (graph.css shows or hides the names).
  // While the zoom changes the names are hidden too, as maps do: text at a new scale is what a
  // software-rendered frame would spend its time drawing (wheel-zoom p95 83 ms with, 33 without).
  const wrapper = useRef<HTMLDivElement>(null);
  const lastZoom = useRef<number | null>(null);
  const zoomSettled = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onMove = useCallback((_: unknown, viewport: { zoom: number }) => {
    const detail = detailAt(viewport.zoom);
    const element = wrapper.current;
    element?.setAttribute('data-detail', detail);
    if (element && lastZoom.current !== null && lastZoom.current !== viewport.zoom) {
      element.setAttribute('data-zooming', 'true');
      if (zoomSettled.current) clearTimeout(zoomSettled.current);
      zoomSettled.current = setTimeout(() => element.removeAttribute('data-zooming'), ZOOM_SETTLE_MS);
    }
    lastZoom.current = viewport.zoom;
    setZoomedOut(detail !== 'cards');
  }, []);
  useEffect(() => () => void (zoomSettled.current && clearTimeout(zoomSettled.current)), []);
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
