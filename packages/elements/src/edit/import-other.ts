/**
 * Reads a report from a file the importers understand (PDF, Word, HTML, text). The readers live
 * in `@disclosure-report/import` (megabytes of PDF and Word parsers), which an app opts into
 * with `import '@disclosure-report/elements/importers'`; without it, 导入文件 takes JSON only.
 */
import type { Finding, Lang, Ledger, Report } from '@disclosure-report/core';

/** A published report as imported: the report, how much of it was read, and what to check. */
export interface Imported {
  report: Report;
  /** Cells read / cells of the format, and the ids of the cells not read (null in the report). */
  completeness: { read: number; expected: number; unread: string[] };
  /** The importer's warnings (cells not read, guesses) as findings `import.<code>`, in a language. */
  warnings(lang: Lang): Finding[];
  /** Where each cell read came from: the place in the source and the text printed there. */
  provenance?: Readonly<Record<string, { page?: number; table?: number; row?: number; column?: number; line?: number; text: string }>>;
}

/** Reads a published report's bytes (its file name helps to tell the form). */
export type ReportReader = (bytes: Uint8Array, fileName: string) => Promise<Imported>;

let reader: ReportReader | undefined;

/** Makes published reports importable in edit mode (what `@disclosure-report/elements/importers` calls). */
export function setReportReader(read: ReportReader): void {
  reader = read;
}

export async function importOther(bytes: Uint8Array, fileName: string): Promise<Imported> {
  if (!reader) {
    const error = new Error('No reader of published reports is loaded (import "@disclosure-report/elements/importers"): only JSON files can be imported.');
    error.name = 'ImportersUnavailable';
    throw error;
  }
  return reader(bytes, fileName);
}

/** The ledgers of a workbook (.xlsx) as CSV text (what `@disclosure-report/import`'s `ledgerFromXlsx` gives). */
export type WorkbookReader = (bytes: Uint8Array) => Promise<{ requests?: Ledger; appeals?: Ledger }>;

let workbookReader: WorkbookReader | undefined;
let templateWriter: (() => Promise<Uint8Array>) | undefined;

/**
 * Makes ledgers kept as .xlsx readable by 从台账生成, and the template downloadable as a workbook
 * (what `@disclosure-report/elements/importers` calls).
 */
export function setWorkbookReader(read: WorkbookReader, template?: () => Promise<Uint8Array>): void {
  workbookReader = read;
  templateWriter = template;
}

/** The ledger template as a workbook, or null where no workbook writer is loaded (CSV templates only). */
export function workbookTemplate(): (() => Promise<Uint8Array>) | null {
  return templateWriter ?? null;
}

export async function ledgerWorkbook(bytes: Uint8Array): Promise<{ requests?: Ledger; appeals?: Ledger }> {
  if (!workbookReader) {
    const error = new Error('No reader of .xlsx workbooks is loaded (import "@disclosure-report/elements/importers"): save the ledger as CSV.');
    error.name = 'WorkbooksUnavailable';
    throw error;
  }
  return workbookReader(bytes);
}
