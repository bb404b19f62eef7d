/**
 * The national tables as a grid: header cells with their spans and ids, data cells with
 * the ids of every header above and beside them. One layout, rendered by the web
 * components, the static HTML export and the Word export alike, so they cannot drift.
 */
import {
  type FormatId,
  type HeaderNode,
  type Label,
  type TableId,
  sections,
  taxonomy,
} from './taxonomy.js';

/** A header cell (`<th>`). */
export interface HeaderCellLayout {
  kind: 'header';
  /** Unique within the report (with the prefix given to {@link tableLayout}). */
  id: string;
  label: Label;
  scope: 'col' | 'colgroup' | 'row' | 'rowgroup';
  rowSpan: number;
  colSpan: number;
  /** Depth in its header tree (1 = outermost). */
  level: number;
  /** What the header heads: a column, a row, or a block of table 二. */
  role: 'column' | 'row' | 'block';
  /** Whether it sits in the row-label columns (kept in view when a wide table scrolls). */
  inLabelColumns: boolean;
}

/** The corner note of table 三 (the 勾稽关系), a plain cell. */
export interface NoteCellLayout {
  kind: 'note';
  label: Label;
  rowSpan: number;
  colSpan: number;
}

/** A number (`<td>`). */
export interface DataCellLayout {
  kind: 'data';
  /** The cell id, e.g. `requests.denied.stateSecret.naturalPerson`. */
  cellId: string;
  /** Ids of every header that applies, outermost first (for `headers=""`). */
  headers: string[];
  colSpan: number;
}

export type LayoutCell = HeaderCellLayout | NoteCellLayout | DataCellLayout;

export interface LayoutRow {
  /** The row's path below the table (`denied.stateSecret`) for rows of numbers. */
  rowKey?: string;
  cells: LayoutCell[];
}

/** One table: header rows, then one or more bodies (table 二 has one per block). */
export interface TableLayout {
  table: TableId;
  heading: Label;
  head: LayoutRow[];
  bodies: LayoutRow[][];
  /** How many leading columns hold row labels. */
  labelColumns: number;
  /** How many columns hold numbers. */
  dataColumns: number;
}

const idSafe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '-');

function depthOf(nodes: readonly HeaderNode[]): number {
  let depth = 0;
  for (const n of nodes) depth = Math.max(depth, 1 + (n.children?.length ? depthOf(n.children) : 0));
  return depth;
}

function leafCount(node: HeaderNode): number {
  return node.children?.length ? node.children.reduce((sum, c) => sum + leafCount(c), 0) : 1;
}

interface Leaf {
  keyPath: string;
  headerIds: string[];
}

/** Row headers: one line per leaf row, each with the (row-spanning) group headers that start on it. */
function layoutRowTree(tree: readonly HeaderNode[], idBase: string): { lines: (Leaf & { cells: HeaderCellLayout[] })[]; depth: number } {
  const depth = depthOf(tree);
  const visit = (nodes: readonly HeaderNode[], level: number, keys: string[], ancestors: string[], base: string) => {
    const out: (Leaf & { cells: HeaderCellLayout[] })[] = [];
    nodes.forEach((node, i) => {
      const keyPath = node.key ? [...keys, node.key] : keys;
      const id = `${base}-${idSafe(node.key ?? `g${i}`)}`;
      const ids = [...ancestors, id];
      const isGroup = !!node.children?.length;
      const cell: HeaderCellLayout = {
        kind: 'header',
        id,
        label: node.label,
        scope: isGroup ? 'rowgroup' : 'row',
        rowSpan: leafCount(node),
        colSpan: isGroup ? 1 : depth - level + 1,
        level,
        role: 'row',
        inLabelColumns: true,
      };
      if (isGroup) {
        const sub = visit(node.children as readonly HeaderNode[], level + 1, keyPath, ids, id);
        sub[0]?.cells.unshift(cell);
        out.push(...sub);
      } else out.push({ keyPath: keyPath.join('.'), headerIds: ids, cells: [cell] });
    });
    return out;
  };
  return { lines: visit(tree, 1, [], [], idBase), depth };
}

/** Column headers: rows of header cells, top to bottom, and the leaves left to right. */
function layoutColumnTree(tree: readonly HeaderNode[], idBase: string, outerIds: readonly string[] = []) {
  const depth = depthOf(tree);
  const rows: HeaderCellLayout[][] = Array.from({ length: depth }, () => []);
  const leaves: Leaf[] = [];
  const visit = (nodes: readonly HeaderNode[], level: number, keys: string[], ancestors: readonly string[], base: string) => {
    nodes.forEach((node, i) => {
      const keyPath = node.key ? [...keys, node.key] : keys;
      const id = `${base}-${idSafe(node.key ?? `g${i}`)}`;
      const ids = [...ancestors, id];
      const isGroup = !!node.children?.length;
      rows[level - 1]?.push({
        kind: 'header',
        id,
        label: node.label,
        scope: isGroup ? 'colgroup' : 'col',
        rowSpan: isGroup ? 1 : depth - level + 1,
        colSpan: leafCount(node),
        level,
        role: 'column',
        inLabelColumns: false,
      });
      if (isGroup) visit(node.children as readonly HeaderNode[], level + 1, keyPath, ids, id);
      else leaves.push({ keyPath: keyPath.join('.'), headerIds: ids });
    });
  };
  visit(tree, 1, [], outerIds, idBase);
  return { rows, leaves, depth };
}

const headingOf = (table: TableId) => (sections.find((s) => s.key === table) as { heading: Label }).heading;

/** 表二, block by block (第二十条第（一）项 …), each with its own columns under 信息内容. */
function activeLayout(format: FormatId, p: string): TableLayout {
  const def = taxonomy(format).active;
  const width = Math.max(...def.blocks.map((b) => b.columns.length));
  // A block with fewer columns than the widest lets its last column span the rest, as printed.
  const span = (i: number, count: number) => (i === count - 1 ? width - count + 1 : 1);
  const bodies = def.blocks.map((block, b): LayoutRow[] => {
    const blockId = `${p}active-b${b}`;
    const colId = (key: string) => `${blockId}-c-${idSafe(key)}`;
    const header = (
      id: string,
      label: Label,
      scope: HeaderCellLayout['scope'],
      role: HeaderCellLayout['role'],
      colSpan = 1,
      inLabelColumns = false,
    ): HeaderCellLayout => ({ kind: 'header', id, label, scope, rowSpan: 1, colSpan, level: 1, role, inLabelColumns });
    return [
      { cells: [header(blockId, block.label, 'rowgroup', 'block', width + 1)] },
      {
        cells: [
          header(`${blockId}-rows`, def.rowHeading, 'col', 'column', 1, true),
          ...block.columns.map((col, i) => header(colId(col.key), col.labels[0] as Label, 'col', 'column', span(i, block.columns.length))),
        ],
      },
      ...block.rows.map((row): LayoutRow => {
        const rowId = `${blockId}-r-${idSafe(row.key)}`;
        return {
          rowKey: row.key,
          cells: [
            header(rowId, row.labels[0] as Label, 'row', 'row', 1, true),
            ...block.columns.map((col, i): DataCellLayout => ({
              kind: 'data',
              cellId: `active.${row.key}.${col.key}`,
              headers: [blockId, rowId, colId(col.key)],
              colSpan: span(i, block.columns.length),
            })),
          ],
        };
      }),
    ];
  });
  return { table: 'active', heading: headingOf('active'), head: [], bodies, labelColumns: 1, dataColumns: width };
}

/** 表三: three levels of row labels, 申请人情况 over two levels of columns, the 勾稽关系 note in the corner. */
function requestsLayout(format: FormatId, p: string): TableLayout {
  const def = taxonomy(format).requests;
  const headingId = `${p}requests-applicants`;
  const cols = layoutColumnTree(def.columnTree, `${p}requests-c`, [headingId]);
  const rows = layoutRowTree(def.rowTree, `${p}requests-r`);
  const head: LayoutRow[] = [
    {
      cells: [
        { kind: 'note', label: def.note, rowSpan: cols.depth + 1, colSpan: rows.depth },
        {
          kind: 'header',
          id: headingId,
          label: def.columnsHeading,
          scope: 'colgroup',
          rowSpan: 1,
          colSpan: cols.leaves.length,
          level: 0,
          role: 'column',
          inLabelColumns: false,
        },
      ],
    },
    ...cols.rows.map((cells) => ({ cells })),
  ];
  const body = rows.lines.map(
    (line): LayoutRow => ({
      rowKey: line.keyPath,
      cells: [
        ...line.cells,
        ...cols.leaves.map((col): DataCellLayout => ({
          kind: 'data',
          cellId: `requests.${line.keyPath}.${col.keyPath}`,
          headers: [...line.headerIds, ...col.headerIds],
          colSpan: 1,
        })),
      ],
    }),
  );
  return { table: 'requests', heading: headingOf('requests'), head, bodies: [body], labelColumns: rows.depth, dataColumns: cols.leaves.length };
}

/** 表四 as printed: the groups side by side (行政复议 | 行政诉讼: 未经复议直接起诉, 复议后起诉), five outcomes each, one row of numbers. */
function reviewsLayout(format: FormatId, p: string): TableLayout {
  const def = taxonomy(format).reviews;
  const withOutcomes = (nodes: readonly HeaderNode[]): HeaderNode[] =>
    nodes.map((n) => (n.children?.length ? { ...n, children: withOutcomes(n.children) } : { ...n, children: def.columnTree }));
  const cols = layoutColumnTree(withOutcomes(def.rowTree), `${p}reviews-c`);
  const body: LayoutRow[] = [
    {
      cells: cols.leaves.map((col): DataCellLayout => ({ kind: 'data', cellId: `reviews.${col.keyPath}`, headers: col.headerIds, colSpan: 1 })),
    },
  ];
  return { table: 'reviews', heading: headingOf('reviews'), head: cols.rows.map((cells) => ({ cells })), bodies: [body], labelColumns: 0, dataColumns: cols.leaves.length };
}

/**
 * The grid of one national table. `idPrefix` keeps header ids unique when several reports
 * share a page.
 */
export function tableLayout(format: FormatId, table: TableId, idPrefix = ''): TableLayout {
  if (table === 'active') return activeLayout(format, idPrefix);
  if (table === 'requests') return requestsLayout(format, idPrefix);
  return reviewsLayout(format, idPrefix);
}
