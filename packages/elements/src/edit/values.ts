/** Typed text → cell value (core's `parseValue`), with the reason for a refusal in the UI language. */
import {
  type CellKind,
  type FormatId,
  type Report,
  blankReport,
  getCell,
  parseValue,
  taxonomy,
} from '@disclosure-report/core';
import type { DisclosureStrings } from '../i18n.js';

export type CellInput = { ok: true; value: number | null } | { ok: false; reason: string };

/** Core's reasons are English sentences: map the ones we can tell apart to UI strings. */
export function refusalReason(coreReason: string, text: string, kind: CellKind, s: DisclosureStrings): string {
  if (/too long/.test(coreReason)) return s.refusedTooLong;
  if (/in 元, the cell counts|is an amount, the cell counts/.test(coreReason)) return s.refusedUnitCount;
  if (/is a count, the cell is an amount/.test(coreReason)) return s.refusedUnitAmount;
  if (/more than 4 decimals/.test(coreReason)) return s.refusedDecimals;
  if (/is negative/.test(coreReason)) return s.refusedNegative;
  if (/not a whole number ≥ 0/.test(coreReason)) {
    return /^\s*[-－−]/.test(text.normalize('NFKC')) || /^\s*(减|減)/.test(text) ? s.refusedNegative : s.refusedNotWhole;
  }
  if (/not a whole number/.test(coreReason)) return s.refusedNotInteger;
  if (/not a number/.test(coreReason)) {
    // 1.5 in a count cell reads as a number to a person: say what is wrong with it.
    if (kind !== 'amount' && /^\s*[+-]?\d+[.．]\d+\s*$/.test(text.normalize('NFKC'))) return kind === 'count' ? s.refusedNotWhole : s.refusedNotInteger;
    return s.refusedNotNumber;
  }
  return coreReason;
}

/** Reads what a person typed into a cell of this kind. */
export function readCellInput(text: string, kind: CellKind, s: DisclosureStrings): CellInput {
  const parsed = parseValue(text, kind);
  if (parsed.ok) return { ok: true, value: parsed.value };
  return { ok: false, reason: refusalReason(parsed.reason, text, kind, s) };
}

/** The report in another national format: metadata, sections and the cells both formats share. */
export function convertFormat(report: Report, format: FormatId): Report {
  if (report.format === format) return report;
  const out = blankReport(format, {
    agency: report.agency,
    year: report.year,
    title: report.title,
    publishedOn: report.publishedOn,
  }) as unknown as Record<string, unknown>;
  out.sections = { ...report.sections };
  const setPath = (id: string, value: number | null) => {
    const keys = id.split('.');
    let obj = out;
    for (const k of keys.slice(0, -1)) obj = obj[k] as Record<string, unknown>;
    obj[keys[keys.length - 1] as string] = value;
  };
  for (const cell of taxonomy(format).cells) {
    const v = getCell(report, cell.id);
    if (typeof v === 'number' && (cell.kind !== 'count' || (Number.isInteger(v) && v >= 0))) setPath(cell.id, v);
  }
  return out as unknown as Report;
}
