/**
 * The report document (see the spec's README): types and helpers that read and write
 * cells by id. Shapes are derived from the taxonomy, so they hold for both formats.
 */
import type { BodyType } from './body-type.js';
import { type FormatId, type TextSectionKey, taxonomy, textSectionKeys } from './taxonomy.js';

/** A cell's value: a number, or `null` where the published table left it blank (blank is not 0). */
export type CellValue = number | null;

export type RequestColumnKey =
  | 'naturalPerson'
  | 'commercial'
  | 'research'
  | 'publicInterest'
  | 'legalService'
  | 'otherOrg'
  | 'total';
/** One row of table 三: the six requester columns and 总计. */
export type RequestRow = Record<RequestColumnKey, CellValue>;

export interface RequestsTable<OtherHandling> {
  newReceived: RequestRow;
  carriedOver: RequestRow;
  granted: RequestRow;
  partiallyGranted: RequestRow;
  denied: Record<
    | 'stateSecret'
    | 'prohibitedByLaw'
    | 'securityStability'
    | 'thirdPartyRights'
    | 'internalAffairs'
    | 'processInfo'
    | 'enforcementFiles'
    | 'administrativeQuery',
    RequestRow
  >;
  unavailable: Record<'notHeld' | 'needsCreation' | 'stillUnclear', RequestRow>;
  notProcessed: Record<'complaint' | 'duplicate' | 'publication' | 'excessive' | 'confirmation', RequestRow>;
  /** 2021: three numbered items; 2019: one row. */
  otherHandling: OtherHandling;
  resultsTotal: RequestRow;
  carriedForward: RequestRow;
}

/** One group of table 四. */
export type ReviewGroup = Record<'upheld' | 'corrected' | 'other' | 'pending' | 'total', CellValue>;
export type ReviewsTable = Record<'reconsideration' | 'litigationDirect' | 'litigationAfterReconsideration', ReviewGroup>;

export interface Active2021 {
  regulations: Record<'issued' | 'repealed' | 'inForce', CellValue>;
  normativeDocuments: Record<'issued' | 'repealed' | 'inForce', CellValue>;
  licensing: { decisions: CellValue };
  penalties: { decisions: CellValue };
  coercion: { decisions: CellValue };
  fees: { amount: CellValue };
}

export type Items2019 = Record<'previousItems' | 'change' | 'decisions', CellValue>;
export interface Active2019 {
  regulations: Record<'made' | 'published' | 'publicTotal', CellValue>;
  normativeDocuments: Record<'made' | 'published' | 'publicTotal', CellValue>;
  licensing: Items2019;
  otherServices: Items2019;
  penalties: Items2019;
  coercion: Items2019;
  fees: Record<'previousItems' | 'change', CellValue>;
  procurement: Record<'projects' | 'amount', CellValue>;
}

/** The free-text sections: plain text, paragraphs separated by `\n`, never HTML. */
export type Sections = Record<TextSectionKey, string>;

interface ReportBase {
  /** The reporting body, e.g. 陈家坝镇人民政府. */
  agency: string;
  /** The year reported on (the report is published early the next year). */
  year: number;
  title: string;
  /** ISO date (YYYY-MM-DD) of publication, or null when unknown. */
  publishedOn: string | null;
  /**
   * Whose report it is: `government` for a people's government's own report (also a zone
   * 管委会's or a 街道办事处's report for its level), `department` for a department's. Absent
   * when unknown: the rules then take an agency ending in 人民政府 as a government and leave
   * the deadline of any other report unchecked (an `info` finding).
   */
  bodyType?: BodyType;
  sections: Sections;
  reviews: ReviewsTable;
}

export interface Report2021 extends ReportBase {
  format: '2021';
  active: Active2021;
  requests: RequestsTable<Record<'noCorrection' | 'unpaidFee' | 'other', RequestRow>>;
}

export interface Report2019 extends ReportBase {
  format: '2019';
  active: Active2019;
  requests: RequestsTable<RequestRow>;
}

/** A report document in either national format, discriminated on `format`. */
export type Report = Report2021 | Report2019;

/** Reads a dotted path (`requests.denied.stateSecret.total`) from any object; undefined where absent. */
export function getPath(value: unknown, path: string): unknown {
  let v: unknown = value;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** A cell's value by id; `undefined` when the report has no such cell. */
export function getCell(report: Report, id: string): CellValue | undefined {
  const v = getPath(report, id);
  return v === undefined ? undefined : (v as CellValue);
}

/**
 * Returns a copy of the report with one cell set. Only the objects on the cell's path are
 * copied, so unchanged tables keep their identity (cheap re-renders).
 */
export function withCell<R extends Report>(report: R, id: string, value: CellValue): R {
  const keys = id.split('.');
  const set = (obj: Record<string, unknown>, i: number): Record<string, unknown> => {
    const key = keys[i] as string;
    const copy = { ...obj };
    copy[key] = i === keys.length - 1 ? value : set((obj[key] ?? {}) as Record<string, unknown>, i + 1);
    return copy;
  };
  return set(report as unknown as Record<string, unknown>, 0) as unknown as R;
}

/** Metadata for a new report. */
export interface ReportMeta {
  agency?: string;
  year?: number;
  title?: string;
  publishedOn?: string | null;
  /** Absent: unknown (the report then has no `bodyType`). */
  bodyType?: BodyType;
}

/** A report with every cell blank (`null`) and empty sections: the start of a new report. */
export function blankReport<F extends FormatId>(
  format: F,
  meta: ReportMeta = {},
): F extends '2021' ? Report2021 : Report2019 {
  const doc: Record<string, unknown> = {
    format,
    agency: meta.agency ?? '',
    year: meta.year ?? new Date().getFullYear() - 1,
    title: meta.title ?? '',
    publishedOn: meta.publishedOn ?? null,
    ...(meta.bodyType ? { bodyType: meta.bodyType } : {}),
    sections: Object.fromEntries(textSectionKeys.map((k) => [k, ''])),
  };
  for (const cell of taxonomy(format).cells) {
    const keys = cell.id.split('.');
    let obj = doc;
    for (const key of keys.slice(0, -1)) obj = (obj[key] ??= {}) as Record<string, unknown>;
    obj[keys[keys.length - 1] as string] = null;
  }
  return doc as unknown as F extends '2021' ? Report2021 : Report2019;
}

/** The conventional title: `{agency}政府信息公开工作年度报告（{year}年度）`. */
export function defaultTitle(agency: string, year: number): string {
  return `${agency}政府信息公开工作年度报告（${year}年度）`;
}

/**
 * The report in another national format: metadata, sections and every cell the two formats
 * share (table 三 but （六）, table 四, 规章 and 规范性文件); the rest starts blank.
 */
export function convertFormat(report: Report, format: FormatId): Report {
  if (report.format === format) return report;
  let out: Report = blankReport(format, {
    agency: report.agency,
    year: report.year,
    title: report.title,
    publishedOn: report.publishedOn,
    ...(report.bodyType ? { bodyType: report.bodyType } : {}),
  });
  out = { ...out, sections: { ...report.sections } };
  for (const cell of taxonomy(format).cells) {
    const v = getCell(report, cell.id);
    // Only values that fit the cell there (2019's 本年增/减 may be negative, a 2021 count may not).
    if (typeof v === 'number' && (cell.kind !== 'count' || (Number.isInteger(v) && v >= 0))) out = withCell(out, cell.id, v);
  }
  return out;
}
