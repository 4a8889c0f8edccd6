/**
 * Places bands of cells for a large graph: each band a grid of cells with its head node beside
 * it, the bands stacked, and the number of columns chosen so the whole is about as wide as the
 * canvas. The caller decides what a band and a cell are (a network and its containers).
 */
import type { Point } from './layout';

/** Nodes laid out together, relative to the cell's top left (a container and its veths). */
export interface Cell {
  width: number;
  height: number;
  members: Array<{ id: string; at: Point }>;
}

export interface Band {
  /** Drawn beside the band's cells, level with their middle; null for a band without one. */
  head: { id: string; width: number; height: number } | null;
  cells: Cell[];
}

export interface BandGridOptions {
  /** Width over height the whole graph should have: the canvas's, roughly. */
  aspect?: number;
  /** Between cells (doubled), and inside them. */
  gap?: number;
  /** Between the heads' column and the cells. */
  columnGap?: number;
  /** Between one band and the next. */
  bandGap?: number;
  /** Which side of its cells a band's head goes: where its edges come from. */
  headSide?: 'left' | 'right';
  /** Where the grid starts (room for a node left of everything, like the host). */
  left?: number;
}

const MAX_COLUMNS = 64;

export function bandGrid(bands: readonly Band[], options: BandGridOptions = {}): { positions: Map<string, Point>; height: number } {
  const gap = options.gap ?? 14;
  const columnGap = options.columnGap ?? 60;
  const bandGap = options.bandGap ?? 48;
  const aspect = options.aspect ?? 1.7;
  const headSide = options.headSide ?? 'left';
  const left = options.left ?? 0;
  const headWidth = Math.max(0, ...bands.map((b) => b.head?.width ?? 0));
  const headRoom = headWidth ? headWidth + columnGap : 0;
  const cellsX = left + (headSide === 'left' ? headRoom : 0);
  const pitch = Math.max(1, ...bands.flatMap((b) => b.cells.map((c) => c.width))) + gap * 2;
  const widest = Math.max(1, ...bands.map((b) => b.cells.length));

  // Columns: the count whose graph is nearest the wanted aspect (compared as a log ratio).
  let best = { columns: 1, score: Infinity };
  for (let columns = 1; columns <= Math.min(MAX_COLUMNS, widest); columns++) {
    const width = left + headRoom + columns * pitch;
    const score = Math.abs(Math.log(width / totalHeight(bands, columns, gap, bandGap) / aspect));
    if (score < best.score) best = { columns, score };
  }

  const positions = new Map<string, Point>();
  const headX = headSide === 'left' ? cellsX - columnGap - headWidth : cellsX + best.columns * pitch - gap * 2 + columnGap;
  let top = 0;
  for (const band of bands) {
    const rows = rowsOf(band.cells, best.columns);
    const cellsHeight = heightOf(rows, gap);
    const height = Math.max(band.head?.height ?? 0, cellsHeight);
    if (band.head) positions.set(band.head.id, { x: headX, y: top + (height - band.head.height) / 2 });
    let rowTop = top + (height - cellsHeight) / 2;
    for (const row of rows) {
      const h = rowHeight(row);
      row.forEach((cell, column) => {
        const x = cellsX + column * pitch;
        const y = rowTop + (h - cell.height) / 2;
        for (const m of cell.members) positions.set(m.id, { x: x + m.at.x, y: y + m.at.y });
      });
      rowTop += h + gap * 2;
    }
    top += height + bandGap;
  }
  return { positions, height: Math.max(0, top - bandGap) };
}

function rowsOf(cells: Cell[], columns: number): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = 0; i < cells.length; i += columns) rows.push(cells.slice(i, i + columns));
  return rows;
}

function rowHeight(row: Cell[]): number {
  return Math.max(0, ...row.map((c) => c.height));
}

function heightOf(rows: Cell[][], gap: number): number {
  return rows.reduce((sum, row) => sum + rowHeight(row), 0) + gap * 2 * Math.max(0, rows.length - 1);
}

function totalHeight(bands: readonly Band[], columns: number, gap: number, bandGap: number): number {
  let total = 0;
  for (const band of bands) total += Math.max(band.head?.height ?? 0, heightOf(rowsOf(band.cells, columns), gap)) + bandGap;
  return Math.max(1, total - bandGap);
}
