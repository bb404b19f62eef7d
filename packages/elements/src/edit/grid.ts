/**
 * Where each number sits on screen, for spreadsheet movement (arrows, Enter) and for pasting
 * a block: the table grid of core's layout, with row and column spans resolved as HTML does.
 */
import { type FormatId, type TableId, tableIds, tableLayout } from '@disclosure-report/core';

export interface GridPlace {
  readonly table: TableId;
  /** Index among the table's rows of numbers. */
  readonly row: number;
  /** First grid column the cell covers, and how many. */
  readonly col: number;
  readonly span: number;
}

export interface NavGrid {
  readonly place: ReadonlyMap<string, GridPlace>;
  /** Per table: the rows of numbers, each the cell ids left to right. */
  readonly rows: ReadonlyMap<TableId, readonly (readonly string[])[]>;
}

const grids = new Map<FormatId, NavGrid>();

export function navGrid(format: FormatId): NavGrid {
  let grid = grids.get(format);
  if (grid) return grid;
  const place = new Map<string, GridPlace>();
  const rows = new Map<TableId, string[][]>();
  for (const table of tableIds) {
    const layout = tableLayout(format, table, '');
    const all = [...layout.head, ...layout.bodies.flat()];
    const occupied: boolean[][] = [];
    const dataRows: string[][] = [];
    all.forEach((row, r) => {
      let c = 0;
      const ids: string[] = [];
      for (const cell of row.cells) {
        while (occupied[r]?.[c]) c++;
        const rowSpan = cell.kind === 'data' ? 1 : cell.rowSpan;
        const colSpan = cell.colSpan;
        for (let i = 0; i < rowSpan; i++) for (let j = 0; j < colSpan; j++) (occupied[r + i] ??= [])[c + j] = true;
        if (cell.kind === 'data') {
          ids.push(cell.cellId);
          place.set(cell.cellId, { table, row: dataRows.length, col: c, span: colSpan });
        }
        c += colSpan;
      }
      if (ids.length) dataRows.push(ids);
    });
    rows.set(table, dataRows);
  }
  grid = { place, rows };
  grids.set(format, grid);
  return grid;
}

/** The cell of a row at a grid column: the one covering it, else the nearest to its left, else the first. */
function cellAt(grid: NavGrid, row: readonly string[], col: number): string | undefined {
  let best: string | undefined;
  for (const id of row) {
    const p = grid.place.get(id) as GridPlace;
    if (p.col <= col && col < p.col + p.span) return id;
    if (p.col <= col) best = id;
  }
  return best ?? row[0];
}

/** The neighbour of a cell in a direction, or null at the table's edge. */
export function neighbour(grid: NavGrid, id: string, direction: 'up' | 'down' | 'left' | 'right'): string | null {
  const p = grid.place.get(id);
  if (!p) return null;
  const rows = grid.rows.get(p.table) as readonly (readonly string[])[];
  const row = rows[p.row] as readonly string[];
  if (direction === 'left' || direction === 'right') {
    const i = row.indexOf(id) + (direction === 'left' ? -1 : 1);
    return row[i] ?? null;
  }
  const target = rows[p.row + (direction === 'up' ? -1 : 1)];
  return target ? (cellAt(grid, target, p.col) ?? null) : null;
}

/**
 * The cells a block of `height` × `width` covers when pasted at `start`: row by row, the cells
 * from the start column rightwards. Null when it does not fit in the table.
 */
export function blockTargets(grid: NavGrid, start: string, height: number, width: number): string[][] | null {
  const p = grid.place.get(start);
  if (!p) return null;
  const rows = grid.rows.get(p.table) as readonly (readonly string[])[];
  const out: string[][] = [];
  for (let i = 0; i < height; i++) {
    const row = rows[p.row + i];
    if (!row) return null;
    const first = i === 0 ? start : cellAt(grid, row, p.col);
    const from = first === undefined ? -1 : row.indexOf(first);
    if (from < 0) return null;
    const cells = row.slice(from, from + width);
    if (cells.length < width) return null;
    out.push([...cells]);
  }
  return out;
}
