import { useCallback, useEffect, useRef, useState } from 'react';
import { layoutGraph, placeIncrementally, type LargeGraphLayout, type LayoutGraph, type LayoutOptions, type Point, type Positions } from './layout';

export interface ElkLayoutState {
  /** Null until the first layout is done. */
  positions: Positions | null;
  /** True while ELK runs. */
  busy: boolean;
  /** Milliseconds the last ELK run took. */
  lastLayoutMs: number | null;
  error: string | null;
  /** Moves one node (after the user dragged it); kept across events like any other position. */
  moveNode(id: string, to: Point): void;
  /** Forgets every position and lays the whole graph out afresh. */
  relayout(): void;
}

/**
 * Positions for a graph that changes while it is on screen.
 *
 * ELK runs only when a node appears that has no position yet; removed nodes just drop out and
 * data changes cost nothing. Existing nodes keep their place (see `placeIncrementally`). Only
 * the latest graph is laid out: a run that a newer graph overtook is discarded. `large`, when
 * given, replaces ELK for graphs over `LARGE_GRAPH` nodes; it must be stable (module-level).
 */
export function useElkLayout<G extends LayoutGraph>(graph: G, options?: LayoutOptions, large?: LargeGraphLayout<G>): ElkLayoutState {
  const [positions, setPositions] = useState<Positions | null>(null);
  const [busy, setBusy] = useState(false);
  const [lastLayoutMs, setLastLayoutMs] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const current = useRef<Map<string, Point>>(new Map());
  const run = useRef(0);
  const optionsKey = JSON.stringify(options ?? {});

  useEffect(() => {
    const known = current.current;
    const missing = graph.nodes.some((n) => !known.has(n.id));
    if (!missing) {
      // Same or smaller node set: keep positions, drop the gone ones.
      const ids = new Set(graph.nodes.map((n) => n.id));
      if ([...known.keys()].some((id) => !ids.has(id)) || positions === null) {
        const next = new Map([...known].filter(([id]) => ids.has(id)));
        current.current = next;
        setPositions(next);
      }
      return;
    }
    const token = ++run.current;
    setBusy(true);
    const started = performance.now();
    layoutGraph(graph, JSON.parse(optionsKey) as LayoutOptions, large)
      .then((fresh) => {
        if (token !== run.current) return;
        const next = placeIncrementally(graph, current.current, fresh);
        current.current = next;
        setPositions(next);
        setLastLayoutMs(Math.round(performance.now() - started));
        setError(null);
      })
      .catch((e: unknown) => token === run.current && setError(e instanceof Error ? e.message : String(e)))
      .finally(() => token === run.current && setBusy(false));
    // `positions` is read only to detect the first pass; graph identity drives the effect.
  }, [graph, optionsKey, generation, large]);

  const moveNode = useCallback((id: string, to: Point) => {
    const next = new Map(current.current);
    next.set(id, to);
    current.current = next;
    setPositions(next);
  }, []);

  const relayout = useCallback(() => {
    current.current = new Map();
    setGeneration((g) => g + 1);
  }, []);

  return { positions, busy, lastLayoutMs, error, moveNode, relayout };
}
