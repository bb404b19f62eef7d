/**
 * `@disclosure-report/elements`: the national tables of 政府信息公开工作年度报告 as web
 * components. Importing this module registers `<disclosure-report>`,
 * `<disclosure-requests-table>`, `<disclosure-active-table>`, `<disclosure-reviews-table>`
 * and `<disclosure-findings>` (a second registration, e.g. two copies on a page, is skipped).
 */
export { DisclosureElement, ReportElement, type LoadState } from './base.js';
export { type CellRenderer, type TableContext, formatValue, indexFindings, renderCellView, worstSeverity } from './cells.js';
export { define } from './define.js';
export { DisclosureReportElement, focusCellIn, paragraphs } from './disclosure-report.js';
export type {
  ChangeCause,
  DisclosureChangeDetail,
  DisclosureErrorDetail,
  DisclosureInputDetail,
  DisclosureSubmitDetail,
  DisclosureEventMap,
  DisclosureFindingSelectDetail,
  DisclosureLoadDetail,
} from './events.js';
export { DisclosureFindingsElement } from './findings-element.js';
export { findingsList } from './findings.js';
export { EditHistory } from './edit/history.js';
export { type Draft, defaultDraftKey } from './edit/drafts.js';
export { parseTsv } from './edit/tsv.js';
export { type NavGrid, blockTargets, navGrid, neighbour } from './edit/grid.js';
export { readCellInput, refusalReason } from './edit/values.js';
export { type DisclosureStrings, defaultStrings, format, resolveLang, stringsFor, toLang } from './i18n.js';
export { type LoadErrorKind, ReportLoadError, type ReportSource, asReport, parseReportJson, reportProblem } from './load.js';
export { DisclosureActiveTableElement, DisclosureRequestsTableElement, DisclosureReviewsTableElement } from './table-elements.js';
export { activeTable, requestsTable, reviewsTable } from './tables.js';
export { StaticReportError, readStaticReport, upgradeStaticReports } from './upgrade.js';
