/**
 * The report's structure, derived from `data/taxonomy.json` (the one source of the
 * national labels, cell ids and order). Schema, rules, UI and importers read it here.
 */
import data from '../data/taxonomy.json';

/** UI and message languages. Chinese (the national labels) is the default. */
export type Lang = 'zh-CN' | 'en';
/** A text in every UI language. */
export type Label = Readonly<Record<Lang, string>>;
/** The national formats: 2021 (国办公开办函〔2021〕30号) and 2019 (〔2019〕60号). */
export type FormatId = '2021' | '2019';
export type TableId = 'active' | 'requests' | 'reviews';
export type TextSectionKey = 'overview' | 'problems' | 'other';
export type SectionKey = TextSectionKey | TableId;
/** `count`: whole number ≥ 0; `amount`: 万元 ≥ 0, any number of decimals (exact to the 分 is 6); `change`: whole number, may be negative (2019 本年增/减). */
export type CellKind = 'count' | 'amount' | 'change';
export type Unit = '件' | '万元';

/** A node of a merged header: a row or column label, with sub-labels below it. */
export interface HeaderNode {
  /** Path segment this node adds to cell ids; absent for pure grouping labels (三、本年度办理结果). */
  readonly key?: string;
  /** What the row or column means for the checks (`total`, `result`, `resultsTotal`, …). */
  readonly role?: string;
  readonly label: Label;
  readonly children?: readonly HeaderNode[];
}

/** A leaf row of a table (one line of numbers). */
export interface RowDef {
  /** Dotted path below the table, e.g. `denied.stateSecret`. */
  readonly key: string;
  /** Label path from the outermost merged header to this row. */
  readonly labels: readonly Label[];
  readonly role?: string;
}

/** A leaf column of a table. */
export interface ColumnDef {
  readonly key: string;
  readonly labels: readonly Label[];
  readonly role?: string;
  readonly unit: Unit;
  readonly kind: CellKind;
}

export interface SectionDef {
  readonly key: SectionKey;
  readonly kind: 'text' | 'table';
  readonly heading: Label;
}

/** One block of table 二 (e.g. 第二十条第（一）项) with its own columns. */
export interface ActiveBlock {
  readonly label: Label;
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly RowDef[];
}

/** A cell of the national format: its id is its path in the report document. */
export interface CellDef {
  /** e.g. `requests.denied.stateSecret.naturalPerson`. */
  readonly id: string;
  readonly format: FormatId;
  readonly table: TableId;
  /** Table 二's block label (第二十条第（一）项), else null. */
  readonly group: Label | null;
  readonly row: RowDef;
  readonly column: ColumnDef;
  readonly unit: Unit;
  readonly kind: CellKind;
  /** Position in national reading order (0-based, across all tables). */
  readonly index: number;
}

/** A grid table (三 or 四): leaf rows × leaf columns, with the header trees for merged labels. */
export interface GridTableDef {
  readonly rowTree: readonly HeaderNode[];
  readonly columnTree: readonly HeaderNode[];
  readonly rows: readonly RowDef[];
  readonly columns: readonly ColumnDef[];
}

export interface RequestsTableDef extends GridTableDef {
  /** The 勾稽关系 note printed in the table's corner. */
  readonly note: Label;
  /** 申请人情况, the header over all columns. */
  readonly columnsHeading: Label;
}

export interface FormatTaxonomy {
  readonly format: FormatId;
  readonly label: Label;
  readonly active: { readonly rowHeading: Label; readonly blocks: readonly ActiveBlock[] };
  readonly requests: RequestsTableDef;
  readonly reviews: GridTableDef;
  /** Every cell in national reading order (二, 三 row by row, 四 group by group). */
  readonly cells: readonly CellDef[];
  readonly cellById: ReadonlyMap<string, CellDef>;
}

interface RawColumn extends HeaderNode {
  readonly unit?: Unit;
  readonly kind?: CellKind;
}
interface RawBlock {
  readonly label: Label;
  readonly columns: readonly RawColumn[];
  readonly rows: readonly HeaderNode[];
}
interface RawGrid {
  readonly note?: Label;
  readonly columnsHeading?: Label;
  readonly columns?: readonly HeaderNode[];
  readonly rows?: readonly HeaderNode[];
  readonly sameAs?: FormatId;
  readonly replaceRows?: Readonly<Record<string, HeaderNode>>;
}
interface RawFormat {
  readonly label: Label;
  readonly active: { readonly rowHeading: Label; readonly blocks: readonly RawBlock[] };
  readonly requests: RawGrid;
  readonly reviews: RawGrid;
}
interface RawTaxonomy {
  readonly sections: readonly SectionDef[];
  readonly formats: Readonly<Record<FormatId, RawFormat>>;
}

const raw = data as unknown as RawTaxonomy;

/** The six sections of a report, in national order. */
export const sections: readonly SectionDef[] = raw.sections;
export const textSectionKeys: readonly TextSectionKey[] = raw.sections
  .filter((s) => s.kind === 'text')
  .map((s) => s.key as TextSectionKey);
export const tableIds: readonly TableId[] = ['active', 'requests', 'reviews'];
export const formatIds: readonly FormatId[] = ['2021', '2019'];

function leaves(nodes: readonly HeaderNode[], prefix: string[] = [], labels: Label[] = []): RowDef[] {
  const out: RowDef[] = [];
  for (const node of nodes) {
    const path = node.key ? [...prefix, node.key] : prefix;
    const ls = [...labels, node.label];
    if (node.children?.length) out.push(...leaves(node.children, path, ls));
    else out.push({ key: path.join('.'), labels: ls, ...(node.role ? { role: node.role } : {}) });
  }
  return out;
}

function replaceNodes(nodes: readonly HeaderNode[], replace: Readonly<Record<string, HeaderNode>>): HeaderNode[] {
  return nodes.map((n) => {
    if (n.key && replace[n.key]) return replace[n.key] as HeaderNode;
    return n.children ? { ...n, children: replaceNodes(n.children, replace) } : n;
  });
}

function resolveGrid(format: FormatId, which: 'requests' | 'reviews'): Required<Pick<RawGrid, 'columns' | 'rows'>> & RawGrid {
  const own = raw.formats[format][which];
  if (!own.sameAs) return own as Required<Pick<RawGrid, 'columns' | 'rows'>> & RawGrid;
  const base = resolveGrid(own.sameAs, which);
  return { ...base, rows: own.replaceRows ? replaceNodes(base.rows, own.replaceRows) : base.rows };
}

function gridColumns(tree: readonly HeaderNode[]): ColumnDef[] {
  return leaves(tree).map((r) => ({ ...r, unit: '件', kind: 'count' }));
}

function build(format: FormatId): FormatTaxonomy {
  const f = raw.formats[format];
  const cells: CellDef[] = [];
  const push = (table: TableId, group: Label | null, row: RowDef, column: ColumnDef) =>
    cells.push({
      id: `${table}.${row.key}.${column.key}`,
      format,
      table,
      group,
      row,
      column,
      unit: column.unit,
      kind: column.kind,
      index: cells.length,
    });

  const blocks: ActiveBlock[] = f.active.blocks.map((b) => ({
    label: b.label,
    rows: leaves(b.rows),
    columns: b.columns.map((c) => ({
      key: c.key as string,
      labels: [c.label],
      unit: c.unit ?? '件',
      kind: c.kind ?? 'count',
    })),
  }));
  for (const b of blocks) for (const r of b.rows) for (const c of b.columns) push('active', b.label, r, c);

  const req = resolveGrid(format, 'requests');
  const requests: RequestsTableDef = {
    note: req.note as Label,
    columnsHeading: req.columnsHeading as Label,
    rowTree: req.rows,
    columnTree: req.columns,
    rows: leaves(req.rows),
    columns: gridColumns(req.columns),
  };
  for (const r of requests.rows) for (const c of requests.columns) push('requests', null, r, c);

  const rev = resolveGrid(format, 'reviews');
  const reviews: GridTableDef = {
    rowTree: rev.rows,
    columnTree: rev.columns,
    rows: leaves(rev.rows),
    columns: gridColumns(rev.columns),
  };
  for (const r of reviews.rows) for (const c of reviews.columns) push('reviews', null, r, c);

  return {
    format,
    label: f.label,
    active: { rowHeading: f.active.rowHeading, blocks },
    requests,
    reviews,
    cells,
    cellById: new Map(cells.map((c) => [c.id, c])),
  };
}

const built = new Map<FormatId, FormatTaxonomy>();

/** The structure of one national format (built once, then shared). */
export function taxonomy(format: FormatId): FormatTaxonomy {
  let t = built.get(format);
  if (!t) {
    t = build(format);
    built.set(format, t);
  }
  return t;
}

/** Whether a value names a known format. */
export function isFormatId(value: unknown): value is FormatId {
  return value === '2021' || value === '2019';
}

/** The merged-header path of a row or column as the national table prints it (`三、本年度办理结果/（一）予以公开`). */
export function labelPath(labels: readonly Label[], lang: Lang = 'zh-CN'): string {
  return labels.map((l) => l[lang]).join('/');
}

/** A cell's row and column labels, e.g. `三、本年度办理结果/（三）不予公开/1.属于国家秘密 · 自然人`. */
export function cellLabel(cell: CellDef, lang: Lang = 'zh-CN'): string {
  const row = cell.group ? `${cell.group[lang]}/${labelPath(cell.row.labels, lang)}` : labelPath(cell.row.labels, lang);
  return `${row} · ${labelPath(cell.column.labels, lang)}`;
}

/**
 * Merged-header labels as a reader writes them, not as a path: levels joined by 「 — 」
 * (`三、本年度办理结果 — （一）予以公开`). {@link labelPath} stays the machine form (CSV headers).
 */
export function labelText(labels: readonly Label[], lang: Lang = 'zh-CN'): string {
  return labels.map((l) => l[lang]).join(' — ');
}

/**
 * A row's labels in its table's context: table 三's results drop the 「三、本年度办理结果」
 * every one of them sits under (`（三）不予公开 — 1.属于国家秘密`), the way a clerk names them.
 */
export function rowText(row: RowDef, lang: Lang = 'zh-CN'): string {
  const labels = row.labels.length > 1 && row.role !== undefined && /^(result|resultsTotal)$/.test(row.role) ? row.labels.slice(1) : row.labels;
  return labelText(labels, lang);
}

/**
 * A column's labels in its table's context: the leaf (`商业企业`, `总计`), with its parent when
 * the leaf alone says too little (`法人或其他组织 — 其他`).
 */
export function columnText(column: ColumnDef, lang: Lang = 'zh-CN'): string {
  const leaf = column.labels[column.labels.length - 1] as Label;
  return column.labels.length > 1 && /^(其他|Other)$/i.test(leaf[lang]) ? labelText(column.labels, lang) : leaf[lang];
}

/**
 * A cell as a person names it in its table (`（一）予以公开·总计`, `行政复议·结果纠正`): for
 * messages and screens; {@link cellLabel} is the full machine path.
 */
export function cellName(cell: CellDef, lang: Lang = 'zh-CN'): string {
  return `${rowText(cell.row, lang)}${lang === 'zh-CN' ? '·' : ' · '}${columnText(cell.column, lang)}`;
}

/** Finds the cell with this id in any format (the 2021 format first). */
export function findCell(id: string, format?: FormatId): CellDef | undefined {
  if (format) return taxonomy(format).cellById.get(id);
  for (const f of formatIds) {
    const c = taxonomy(f).cellById.get(id);
    if (c) return c;
  }
  return undefined;
}
