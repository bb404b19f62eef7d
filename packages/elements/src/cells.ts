/**
 * One cell of a national table, rendered by one function keyed by its cell id. Edit mode
 * (a later issue) swaps the renderer for one that puts an input in the cell.
 */
import { type CellDef, type Finding, type FormatTaxonomy, type Lang, type Report, type Severity, getCell } from '@disclosure-report/core';
import { type TemplateResult, html, nothing } from 'lit';
import { type DisclosureStrings, format } from './i18n.js';

/** What every table needs to render its cells. */
export interface TableContext {
  readonly report: Report;
  readonly taxonomy: FormatTaxonomy;
  readonly lang: Lang;
  readonly strings: DisclosureStrings;
  /** Findings by cell id (empty when checks are off). */
  readonly findingsByCell: ReadonlyMap<string, readonly Finding[]>;
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

/** The read-only cell: the number, a blank marker for screen readers, and check marks. */
export const renderCellView: CellRenderer = (ctx, cellId, headers, colSpan = 1) => {
  const def = ctx.taxonomy.cellById.get(cellId);
  const value = getCell(ctx.report, cellId);
  const findings = ctx.findingsByCell.get(cellId);
  const flagged = !!findings?.length;
  const severity = flagged ? worstSeverity(findings) : null;
  const selected = ctx.selectedCells.has(cellId);
  const classes = ['cell', flagged ? `flagged ${severity}` : '', selected ? 'selected' : ''].filter(Boolean).join(' ');
  const parts = ['cell', flagged ? 'cell-flagged' : '', value === null || value === undefined ? 'cell-blank' : '']
    .filter(Boolean)
    .join(' ');
  return html`<td
    class=${classes}
    part=${parts}
    headers=${headers}
    colspan=${colSpan > 1 ? colSpan : nothing}
    data-cell=${cellId}
    tabindex=${flagged ? '-1' : nothing}
  >${flagged
      ? html`<span class="flag" aria-hidden="true">${severity === 'error' ? '✕' : '!'}</span>`
      : nothing}${formatValue(def, value)}${value === null
      ? html`<span class="visually-hidden">${ctx.strings.blankCell}</span>`
      : value === undefined
        ? html`<span class="visually-hidden">${ctx.strings.missingCell}</span>`
        : nothing}${flagged
      ? html`<span class="visually-hidden"
          >${format(ctx.strings.cellFlagged, { count: findings.length })}
          ${findings
            .map((f) => `${ctx.strings.severity[f.severity]}${ctx.lang === 'en' ? ': ' : '：'}${f.message}`)
            .join(ctx.lang === 'en' ? '; ' : '；')}</span
        >`
      : nothing}</td>`;
};
