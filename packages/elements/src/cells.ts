/**
 * One cell of a national table, rendered by one function keyed by its cell id. Edit mode
 * (a later issue) swaps the renderer for one that puts an input in the cell.
 */
import { type CellComparison, type CellDef, type Finding, type FormatTaxonomy, type Lang, type Report, type Severity, getCell } from '@disclosure-report/core';
import { type TemplateResult, html, nothing } from 'lit';
import { comparisonLine } from './compare.js';
import { type DisclosureStrings, format } from './i18n.js';
import { checksPart } from './lazy.js';

/** What every table needs to render its cells. */
export interface TableContext {
  readonly report: Report;
  readonly taxonomy: FormatTaxonomy;
  readonly lang: Lang;
  readonly strings: DisclosureStrings;
  /** Findings by cell id (empty when checks are off). */
  readonly findingsByCell: ReadonlyMap<string, readonly Finding[]>;
  /** Failing sums a pinpointed cell explains: their other cells are shown only while selected. */
  readonly explained?: ReadonlySet<Finding>;
  /** Cells of the finding the reader selected last. */
  readonly selectedCells: ReadonlySet<string>;
  /** Prefix for ids in the shadow root (header ids for `headers`). */
  readonly idPrefix: string;
  /** Whether the table's caption is shown (a heading above may already name it). */
  readonly captionVisible: boolean;
  /** Renders the `<td>` of a cell. */
  readonly renderCell: CellRenderer;
  /** Edit mode: the cells hold inputs (the scroll container need not be a tab stop). */
  readonly editing?: boolean;
  /**
   * Incremental rendering (edit mode): a cell's stamp, a number that grows whenever what
   * `renderCell` renders for the cell would change (and only then). A cell whose stamp, or a
   * table whose largest stamp, is unchanged is not rendered again.
   */
  readonly cellKey?: (cellId: string) => number;
  /** With `cellKey`: what every cell depends on besides its own key (language, format, disabled …). */
  readonly renderKey?: string;
  /** Compare mode: each cell's figure last year and the change (read-only tables). */
  readonly comparison?: ReadonlyMap<string, CellComparison>;
  /**
   * View mode with a provenance: the tabindex of each cell that has one (`0` for each table's one
   * tab stop, `-1` for the others, reached with the arrow keys: a roving tabindex).
   */
  readonly tabbable?: ReadonlyMap<string, string>;
}

/**
 * Renders the `<td>` of cell `cellId`; `headers` lists the ids of its row and column headers,
 * `colSpan` widens it (table 二's blocks with fewer columns).
 */
export type CellRenderer = (ctx: TableContext, cellId: string, headers: string, colSpan?: number) => TemplateResult;

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The most severe of some findings. */
export function worstSeverity(findings: readonly Finding[]): Severity {
  let worst: Severity = 'info';
  for (const f of findings) if (severityRank[f.severity] < severityRank[worst]) worst = f.severity;
  return worst;
}

/** Findings indexed by the cells they concern. */
export function indexFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const id of f.cells) {
      let list = byCell.get(id);
      if (!list) byCell.set(id, (list = []));
      list.push(f);
    }
  }
  return byCell;
}

/**
 * A cell value as printed: numbers as they are (no grouping, as in the national tables).
 * Amounts keep every decimal the report gives (万元 exact to the 分: 4166.241619); only
 * binary floating-point noise beyond 8 decimals is dropped (0.30000000000000004 → 0.3).
 */
export function formatValue(cell: CellDef | undefined, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (cell?.kind === 'amount') return String(Number(value.toFixed(8)));
    return String(value);
  }
  // Malformed data is shown as text (never as markup).
  return String(value);
}

/** The failing sums some `suspect.cell` finding explains (its `explains`). */
export function explainedSums(findings: readonly Finding[]): Set<Finding> {
  const keys = new Set(findings.flatMap((f) => (f.rule === 'suspect.cell' ? (f.explains ?? []) : [])));
  return new Set(keys.size ? findings.filter((f) => keys.has(`${f.rule}[${f.target}]`)) : []);
}

/** How a cell is marked: strongly (what is wrong here) in a severity, lightly (a cell of a failing sum), or not. */
export interface CellMark {
  /** The strong mark's severity, or null. */
  readonly strong: Severity | null;
  /** Pinpointed by core as the figure that breaks the sums. */
  readonly suspect: boolean;
  /**
   * Only a cell of a failing sum no cell was pinpointed for (the suspect says where the others
   * went wrong); never a blank cell: blank is shown as blank.
   */
  readonly light: boolean;
}

/** The mark of a cell from the findings naming it (`explained`: sums a suspect accounts for). */
export function cellMark(findings: readonly Finding[] | undefined, blank: boolean, explained?: ReadonlySet<Finding>): CellMark {
  if (!findings?.length) return { strong: null, suspect: false, light: false };
  const suspect = findings.some((f) => f.rule === 'suspect.cell');
  // Findings come from the checks, so they are loaded (else no sum is known: every finding is the cell's own).
  const sums = checksPart.now?.sumRules;
  const own = findings.filter((f) => !sums?.has(f.rule));
  // A suspect carries the weight of the sums it explains (errors, usually).
  const strong = own.length ? worstSeverity(suspect ? findings : own) : null;
  return { strong, suspect, light: !strong && !blank && findings.some((f) => !explained?.has(f)) };
}

/** The classes and parts of a marked cell. */
export function markClasses(mark: CellMark): { classes: string; parts: string } {
  return mark.strong
    ? { classes: `flagged ${mark.strong}${mark.suspect ? ' suspect' : ''}`, parts: `cell-flagged${mark.suspect ? ' cell-suspect' : ''}` }
    : mark.light
      ? { classes: 'related', parts: 'cell-related' }
      : { classes: '', parts: '' };
}

/** What a marked cell says to screen readers: each finding, severity first. */
export function findingsText(ctx: Pick<TableContext, 'strings' | 'lang'>, findings: readonly Finding[]): string {
  const s = ctx.strings;
  const en = ctx.lang === 'en';
  return `${format(s.cellFlagged, { count: findings.length })} ${findings
    .map((f) => `${s.severity[f.severity]}${en ? ': ' : '：'}${f.message}`)
    .join(en ? '; ' : '；')}`;
}

/** What a read-only cell binds: its classes, parts, tab stop and content. */
export interface ViewCellParts {
  readonly classes: string;
  readonly parts: string;
  readonly tabindex: string | typeof nothing;
  /** The number alone (a string) when nothing else goes in the cell, else a template. */
  readonly content: string | TemplateResult;
}

/** The read-only cell's bindings (shared by `renderCellView` and the tables' one-template view, tables.ts). */
export function viewCellParts(ctx: TableContext, cellId: string): ViewCellParts {
  const def = ctx.taxonomy.cellById.get(cellId);
  const value = getCell(ctx.report, cellId);
  const blank = value === null || value === undefined;
  const findings = ctx.findingsByCell.get(cellId);
  const mark = cellMark(findings, blank, ctx.explained);
  const { classes, parts } = markClasses(mark);
  const selected = ctx.selectedCells.has(cellId);
  const text = formatValue(def, value);
  // Most cells hold a number and nothing else: a string, not a template of four parts.
  const compared = ctx.comparison?.get(cellId);
  const plain = !mark.strong && !blank && !findings?.length && !compared;
  return {
    classes: classes || selected ? ['cell', classes, selected ? 'selected' : ''].filter(Boolean).join(' ') : 'cell',
    parts: parts || blank ? ['cell', parts, blank ? 'cell-blank' : ''].filter(Boolean).join(' ') : 'cell',
    tabindex: ctx.tabbable?.get(cellId) ?? (mark.strong ? '-1' : nothing),
    content: plain
      ? text
      : html`${mark.strong
          ? html`<span class="flag" aria-hidden="true">${mark.strong === 'error' ? '✕' : '!'}</span>`
          : nothing}${text}${value === null
          ? html`<span class="visually-hidden">${ctx.strings.blankCell}</span>`
          : value === undefined
            ? html`<span class="visually-hidden">${ctx.strings.missingCell}</span>`
            : nothing}${compared ? comparisonLine(compared, ctx.strings) : nothing}${findings?.length ? html`<span class="visually-hidden">${findingsText(ctx, findings)}</span>` : nothing}`,
  };
}

/** The read-only cell: the number, a blank marker for screen readers, and check marks. */
export const renderCellView: CellRenderer = (ctx, cellId, headers, colSpan = 1) => {
  const cell = viewCellParts(ctx, cellId);
  return html`<td
    class=${cell.classes}
    part=${cell.parts}
    headers=${headers}
    colspan=${colSpan > 1 ? colSpan : nothing}
    data-cell=${cellId}
    tabindex=${cell.tabindex}
  >${cell.content}</td>`;
};
