import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Below this zoom the far view replaces the cards: their 11 px details are under 7 px, and the
 * names the far view writes say as much as the cards' titles would. Cards cost most just above it
 * (the most of them on screen at once): at 0.45 a pan of 300 containers had 15 % of frames over
 * 50 ms, at 0.61 under 1 %.
 */
export const FAR_ZOOM = 0.6;
/** From this zoom the far view writes names in its boxes (22 px there: 6.6 px and up on screen). */
export const LABEL_ZOOM = 0.3;
/** The names come back this long after the last zoom step. */
const ZOOM_SETTLE_MS = 180;

export type ZoomDetail = 'cards' | 'boxes' | 'boxes-named';

export function detailAt(zoom: number): ZoomDetail {
  return zoom >= FAR_ZOOM ? 'cards' : zoom >= LABEL_ZOOM ? 'boxes-named' : 'boxes';
}

/**
 * How much a graph canvas draws at its zoom (level of detail), for xyflow's `onMove`.
 *
 * `zoomedOut` is state: crossing FAR_ZOOM swaps cards for the far view. The finer levels are
 * attributes on `wrapper` that graph.css reads, so crossing them re-renders nothing:
 * `data-detail` (names from LABEL_ZOOM) and `data-zooming` while the zoom changes, when the names
 * hide as maps do: redrawing text at each new scale is what a software-rendered frame would spend
 * its time on (wheel-zoom p95 83 ms with the names, 33 without).
 */
export function useZoomDetail() {
  const [zoomedOut, setZoomedOut] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const lastZoom = useRef<number | null>(null);
  const settle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onMove = useCallback((_: unknown, viewport: { zoom: number }) => {
    const detail = detailAt(viewport.zoom);
    const element = wrapper.current;
    element?.setAttribute('data-detail', detail);
    if (element && lastZoom.current !== null && lastZoom.current !== viewport.zoom) {
      element.setAttribute('data-zooming', 'true');
      if (settle.current) clearTimeout(settle.current);
      settle.current = setTimeout(() => element.removeAttribute('data-zooming'), ZOOM_SETTLE_MS);
    }
    lastZoom.current = viewport.zoom;
    setZoomedOut(detail !== 'cards');
  }, []);
  useEffect(() => () => void (settle.current && clearTimeout(settle.current)), []);
  return { wrapper, zoomedOut, onMove };
}
