/** Typed text → cell value (core's `parseValue`), with the reason for a refusal in the UI language. */
import {
  type CellKind,
  type FormatId,
  type Report,
  blankReport,
  getCell,
  type RefusalCode,
  parseValue,
  taxonomy,
} from '@disclosure-report/core';
import type { DisclosureStrings } from '../i18n.js';

export type CellInput = { ok: true; value: number | null } | { ok: false; reason: string };

/** Core's refusal code as a message in the UI language. */
export function refusalReason(code: RefusalCode, text: string, kind: CellKind, s: DisclosureStrings): string {
  switch (code) {
    case 'too-long':
      return s.refusedTooLong;
    case 'unit-count':
      return s.refusedUnitCount;
    case 'unit-amount':
      return s.refusedUnitAmount;
    case 'decimals':
      return s.refusedDecimals;
    case 'negative':
      return s.refusedNegative;
    case 'not-whole':
      return s.refusedNotWhole;
    case 'not-integer':
      return s.refusedNotInteger;
    case 'not-a-number':
      // 1.5 in a count cell reads as a number to a person: say what is wrong with it.
      if (kind !== 'amount' && /^\s*[+-]?\d+[.．]\d+\s*$/.test(text.normalize('NFKC'))) return kind === 'count' ? s.refusedNotWhole : s.refusedNotInteger;
      return s.refusedNotNumber;
  }
}

/** Reads what a person typed into a cell of this kind. */
export function readCellInput(text: string, kind: CellKind, s: DisclosureStrings): CellInput {
  const parsed = parseValue(text, kind);
  if (parsed.ok) return { ok: true, value: parsed.value };
  return { ok: false, reason: refusalReason(parsed.code, text, kind, s) };
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
