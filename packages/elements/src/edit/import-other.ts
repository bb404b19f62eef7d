/**
 * Reads a report from a file the importers understand (PDF, Word, HTML, text). The importers
 * are loaded on first use, so pages that never import do not download them.
 */
import type { Finding, Lang, Report } from '@disclosure-report/core';

/** A published report as imported: the report, how much of it was read, and what to check. */
export interface Imported {
  report: Report;
  /** Cells read / cells of the format, and the ids of the cells not read (null in the report). */
  completeness: { read: number; expected: number; unread: string[] };
  /** The importer's warnings (cells not read, guesses) as findings `import.<code>`, in a language. */
  warnings(lang: Lang): Finding[];
}

export async function importOther(bytes: Uint8Array, fileName: string): Promise<Imported> {
  const { importReport, importFindings } = await import('@disclosure-report/core/import');
  const result = await importReport(bytes, { fileName });
  return {
    report: result.report as Report,
    completeness: result.completeness,
    warnings: (lang) => importFindings(result, lang).filter((f) => f.severity === 'warning'),
  };
}
