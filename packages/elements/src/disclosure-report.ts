import {
  type Finding,
  type Label,
  type Report,
  type SectionKey,
  defaultTitle,
  sections,
  taxonomy,
} from '@disclosure-report/core';
import { type TemplateResult, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ReportElement } from './base.js';
import { type TableContext, indexFindings, renderCellView } from './cells.js';
import { define } from './define.js';
import { findingsList } from './findings.js';
import { format } from './i18n.js';
import { findingsStyles, hostStyles, printStyles, reportStyles, tableStyles } from './styles.js';
import { activeTable, requestsTable, reviewsTable } from './tables.js';

/** Focuses a cell in a shadow root; returns whether the cell exists. */
export function focusCellIn(root: ParentNode, cellId: string): boolean {
  const td = root.querySelector<HTMLTableCellElement>(`td[data-cell="${CSS.escape(cellId)}"]`);
  if (!td) return false;
  if (!td.hasAttribute('tabindex')) td.setAttribute('tabindex', '-1');
  td.focus({ preventScroll: true });
  td.scrollIntoView({ block: 'center', inline: 'nearest' });
  return true;
}

/** Splits free text into paragraphs (`\n`), as text — never as markup. */
export function paragraphs(text: unknown, emptyText: string): TemplateResult {
  const lines =
    typeof text === 'string'
      ? text
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)
      : [];
  if (!lines.length) return html`<p class="empty" part="paragraph">${emptyText}</p>`;
  return html`${lines.map((line) => html`<p part="paragraph">${line}</p>`)}`;
}

const tableRenderers = { active: activeTable, requests: requestsTable, reviews: reviewsTable } as const;

/**
 * A government information disclosure annual report (政府信息公开工作年度报告) laid out as the
 * national format prints it: title, agency and year, the six sections in order, and tables
 * 二, 三 and 四 with their merged headers.
 *
 * @tagname disclosure-report
 * @summary The whole annual report, as the national format lays it out.
 *
 * @attr src - URL of a report document (JSON). Used when there is no `report` property and no JSON child.
 * @attr show-findings - Runs the core checks, lists the findings under the report and marks their cells.
 * @attr lang - `zh-CN` (default) or `en`; without it the nearest ancestor's `lang` applies.
 * @attr print-preview - Shows the print layout (A4 width, no UI chrome) on screen.
 *
 * @prop {Report | null} report - The report document; takes precedence over a JSON child and `src`.
 * @prop {Report | null} previous - Last year's report of the same agency (enables the across-year checks).
 * @prop {Partial<DisclosureStrings> | null} i18n - Overrides of the UI strings.
 *
 * @event {CustomEvent<DisclosureLoadDetail>} disclosure-load - A report was loaded and rendered.
 * @event {CustomEvent<DisclosureErrorDetail>} disclosure-error - Loading failed; the element shows why.
 * @event {CustomEvent<DisclosureFindingSelectDetail>} disclosure-finding-select - A finding was activated; focus moved to its cell.
 *
 * @csspart report - The document wrapper.
 * @csspart title - The report's title.
 * @csspart meta - Agency, year and publication date.
 * @csspart section - Each of the six sections (also `section-overview`, `section-active`, …).
 * @csspart section-heading - The heading of a section (一、总体情况 …).
 * @csspart paragraph - A paragraph of free text.
 * @csspart table-scroll - The focusable container that scrolls a wide table.
 * @csspart table - Each table (also `table-active`, `table-requests`, `table-reviews`).
 * @csspart caption - A table caption.
 * @csspart note - The 勾稽关系 note in the corner of table 三.
 * @csspart column-header - A column header cell.
 * @csspart row-header - A row header cell.
 * @csspart block - A block of table 二 (第二十条第（一）项 …).
 * @csspart block-header - The label of a block of table 二.
 * @csspart row - A row of numbers.
 * @csspart cell - A number cell (also `cell-flagged`, `cell-blank`).
 * @csspart status - The loading, empty or error message (also `status-loading`, `status-error`).
 * @csspart findings - The findings list (also `findings-heading`, `findings-summary`, `findings-list`, `finding`, `finding-error`, `finding-warning`, `finding-info`, `finding-button`).
 *
 * @cssprop --disclosure-font-family - Body text (default 仿宋, then serif).
 * @cssprop --disclosure-title-font-family - The title (default 方正小标宋, then serif).
 * @cssprop --disclosure-heading-font-family - Section headings and captions (default 黑体, then sans-serif).
 * @cssprop --disclosure-ui-font-family - Status messages and findings (default system-ui).
 * @cssprop --disclosure-font-size - Base size (default 16px; not rem, which portals often shrink).
 * @cssprop --disclosure-line-height - Body line height (default 1.75).
 * @cssprop --disclosure-text-color - Text colour.
 * @cssprop --disclosure-background - Background colour.
 * @cssprop --disclosure-title-color - Title colour (default: text colour).
 * @cssprop --disclosure-title-font-size - Title size (default 1.5em).
 * @cssprop --disclosure-heading-font-size - Section heading size.
 * @cssprop --disclosure-max-width - Maximum width of the document (default none).
 * @cssprop --disclosure-table-font-size - Table text size (default 0.875em).
 * @cssprop --disclosure-table-border-color - Table rules (default #000).
 * @cssprop --disclosure-table-header-background - Header cells (default #fff).
 * @cssprop --disclosure-row-label-width-1 - Width of the first row-label column of table 三 (also `-2`, `-3`).
 * @cssprop --disclosure-flag-color - Outline and icon of cells with errors.
 * @cssprop --disclosure-flag-background - Background of cells with errors.
 * @cssprop --disclosure-warning-color - Outline and icon of cells with warnings.
 * @cssprop --disclosure-warning-background - Background of cells with warnings.
 * @cssprop --disclosure-error-color - Error text in findings and messages.
 * @cssprop --disclosure-info-color - Notes in findings.
 * @cssprop --disclosure-focus-color - Focus outline.
 */
export class DisclosureReportElement extends ReportElement {
  static override styles = [hostStyles, tableStyles, reportStyles, findingsStyles, printStyles];

  /** The finding the reader activated last (its cells are emphasised). */
  @state() private selectedFinding: Finding | null = null;

  /** Moves focus to a cell (e.g. `requests.total.total`); returns false when it is not rendered. */
  focusCell(cellId: string): boolean {
    return focusCellIn(this.renderRoot, cellId);
  }

  /** The findings of the core checks for the current report (empty without `show-findings`). */
  get findings(): readonly Finding[] {
    const report = this.currentReport;
    return report && this.showFindings ? this.findingsFor(report) : [];
  }

  /** Activates a finding as if the reader chose it in the list: marks its cells and focuses the first. */
  selectFinding(finding: Finding): void {
    this.selectedFinding = finding;
    const cellId = finding.cells.find((id) => this.renderRoot.querySelector(`td[data-cell="${CSS.escape(id)}"]`)) ?? null;
    this.emit('disclosure-finding-select', { finding, cellId });
    void this.updateComplete.then(() => {
      if (cellId) this.focusCell(cellId);
    });
  }

  protected override render(): TemplateResult {
    const state = this.loadState;
    if (state.status !== 'ready') return this.renderStatus();
    return this.renderReport(state.report);
  }

  private renderReport(report: Report): TemplateResult {
    const lang = this.resolvedLang;
    const strings = this.strings;
    const findings = this.showFindings ? this.findingsFor(report) : [];
    const selected = this.selectedFinding && findings.includes(this.selectedFinding) ? this.selectedFinding : null;
    const ctx: TableContext = {
      report,
      taxonomy: taxonomy(report.format),
      lang,
      strings,
      findingsByCell: indexFindings(findings),
      selectedCells: new Set(selected?.cells ?? []),
      idPrefix: '',
      captionVisible: false,
      renderCell: renderCellView,
    };
    // The report's own words are Chinese whatever the UI language.
    const dataLang = lang === 'en' ? 'zh-CN' : nothing;
    const agency = typeof report.agency === 'string' ? report.agency : '';
    const year = typeof report.year === 'number' ? report.year : null;
    const title =
      (typeof report.title === 'string' && report.title.trim()) ||
      (agency && year !== null ? defaultTitle(agency, year) : strings.untitled);
    return html`<article class="report" part="report" lang=${lang} aria-labelledby="title">
      <header>
        <h2 id="title" class="title" part="title" lang=${dataLang}>${title}</h2>
        <dl class="meta" part="meta">
          ${agency
            ? html`<div>
                <dt>${strings.agency}</dt>
                <dd lang=${dataLang}>${agency}</dd>
              </div>`
            : nothing}
          ${year !== null
            ? html`<div>
                <dt>${strings.year}</dt>
                <dd>${format(strings.yearValue, { year })}</dd>
              </div>`
            : nothing}
          <div>
            <dt>${strings.publishedOn}</dt>
            <dd>${report.publishedOn ? String(report.publishedOn) : strings.publishedOnUnknown}</dd>
          </div>
        </dl>
      </header>
      ${sections.map((section) => this.renderSection(ctx, section.key, section.heading, dataLang))}
      ${this.showFindings
        ? findingsList({
            findings,
            strings,
            lang,
            idPrefix: '',
            headingLevel: 3,
            selected,
            onSelect: (f) => this.selectFinding(f),
          })
        : nothing}
    </article>`;
  }

  private renderSection(
    ctx: TableContext,
    key: SectionKey,
    heading: Label,
    dataLang: string | typeof nothing,
  ): TemplateResult {
    const headingId = `section-${key}`;
    const body =
      key === 'active' || key === 'requests' || key === 'reviews'
        ? tableRenderers[key](ctx, heading)
        : html`<div lang=${dataLang}>
            ${paragraphs((ctx.report.sections as Record<string, unknown> | undefined)?.[key], ctx.strings.sectionEmpty)}
          </div>`;
    // Not a landmark (no accessible name): the tables' scroll regions are, and names must be unique.
    return html`<section class="section" part="section section-${key}">
      <h3 id=${headingId} class="section-heading" part="section-heading">${heading[ctx.lang]}</h3>
      ${body}
    </section>`;
  }
}

define('disclosure-report', DisclosureReportElement);

declare global {
  interface HTMLElementTagNameMap {
    'disclosure-report': DisclosureReportElement;
  }
}
