/** Single tables for pages that want one table only. */
import { type Label, type Report, sections, taxonomy } from '@disclosure-report/core';
import { type TemplateResult, css, html } from 'lit';
import { ReportElement } from './base.js';
import { type TableContext, explainedSums, indexFindings, renderCellView } from './cells.js';
import { define } from './define.js';
import { focusCellIn } from './disclosure-report.js';
import { hostStyles, printStyles, tableStyles } from './styles.js';
import { activeTable, requestsTable, reviewsTable } from './tables.js';

type TableRenderer = (ctx: TableContext, heading: Label) => TemplateResult;

abstract class DisclosureTableElement extends ReportElement {
  static override styles = css`${hostStyles}${tableStyles}${printStyles}`;

  protected abstract readonly tableKey: 'active' | 'requests' | 'reviews';
  protected abstract readonly renderTable: TableRenderer;

  /** Moves focus to a cell of this table; returns false when it is not here. */
  focusCell(cellId: string): boolean {
    return focusCellIn(this.renderRoot, cellId);
  }

  protected override render(): TemplateResult {
    const state = this.loadState;
    if (state.status !== 'ready') return this.renderStatus();
    const report: Report = state.report;
    const findings = this.showFindings ? this.findingsFor(report) : [];
    const heading = sections.find((s) => s.key === this.tableKey)?.heading ?? { 'zh-CN': '', en: '' };
    const ctx: TableContext = {
      report,
      taxonomy: taxonomy(report.format),
      lang: this.resolvedLang,
      strings: this.strings,
      findingsByCell: indexFindings(findings),
      explained: explainedSums(findings),
      selectedCells: new Set(),
      idPrefix: '',
      captionVisible: true,
      renderCell: renderCellView,
    };
    return html`<div class=${this.rootClass} lang=${this.resolvedLang}>${this.renderTable(ctx, heading)}</div>`;
  }
}

/**
 * Table 三 of the annual report: 收到和处理政府信息公开申请情况.
 *
 * @tagname disclosure-requests-table
 * @summary Table 三 only (requests received and handled).
 * @attr src - URL of a report document.
 * @attr show-findings - Marks the cells the core checks flag.
 * @attr lang - `zh-CN` (default) or `en`.
 * @prop {Report | null} report - The report document.
 * @event disclosure-load - A report was loaded and rendered.
 * @event disclosure-error - Loading failed.
 * @csspart table-scroll - The scroll container.
 * @csspart table - The table (also `table-requests`).
 * @csspart caption - The caption.
 * @csspart note - The 勾稽关系 note.
 * @csspart column-header - A column header.
 * @csspart row-header - A row header.
 * @csspart cell - A number cell (also `cell-flagged`, `cell-suspect`, `cell-related`, `cell-blank`).
 * @csspart status - Loading, empty or error message.
 * @cssprop --disclosure-table-border-color - Table rules.
 */
export class DisclosureRequestsTableElement extends DisclosureTableElement {
  protected readonly tableKey = 'requests' as const;
  protected readonly renderTable = requestsTable;
}

/**
 * Table 二 of the annual report: 主动公开政府信息情况.
 *
 * @tagname disclosure-active-table
 * @summary Table 二 only (information disclosed proactively).
 * @attr src - URL of a report document.
 * @attr show-findings - Marks the cells the core checks flag.
 * @attr lang - `zh-CN` (default) or `en`.
 * @prop {Report | null} report - The report document.
 * @event disclosure-load - A report was loaded and rendered.
 * @event disclosure-error - Loading failed.
 * @csspart table - The table (also `table-active`).
 * @csspart block - A block (第二十条第（一）项 …).
 * @csspart block-header - A block's label.
 * @csspart cell - A number cell.
 * @cssprop --disclosure-table-border-color - Table rules.
 */
export class DisclosureActiveTableElement extends DisclosureTableElement {
  protected readonly tableKey = 'active' as const;
  protected readonly renderTable = activeTable;
}

/**
 * Table 四 of the annual report: 政府信息公开行政复议、行政诉讼情况.
 *
 * @tagname disclosure-reviews-table
 * @summary Table 四 only (administrative reconsideration and litigation).
 * @attr src - URL of a report document.
 * @attr show-findings - Marks the cells the core checks flag.
 * @attr lang - `zh-CN` (default) or `en`.
 * @prop {Report | null} report - The report document.
 * @event disclosure-load - A report was loaded and rendered.
 * @event disclosure-error - Loading failed.
 * @csspart table - The table (also `table-reviews`).
 * @csspart column-header - A column header.
 * @csspart cell - A number cell.
 * @cssprop --disclosure-table-border-color - Table rules.
 */
export class DisclosureReviewsTableElement extends DisclosureTableElement {
  protected readonly tableKey = 'reviews' as const;
  protected readonly renderTable = reviewsTable;
}

define('disclosure-requests-table', DisclosureRequestsTableElement);
define('disclosure-active-table', DisclosureActiveTableElement);
define('disclosure-reviews-table', DisclosureReviewsTableElement);

declare global {
  interface HTMLElementTagNameMap {
    'disclosure-requests-table': DisclosureRequestsTableElement;
    'disclosure-active-table': DisclosureActiveTableElement;
    'disclosure-reviews-table': DisclosureReviewsTableElement;
  }
}
