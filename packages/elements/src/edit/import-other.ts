/**
 * Reads a report from a file the importers understand (PDF, Word, HTML, text). The importers
 * are loaded on first use, so pages that never import do not download them.
 */
import type { Report } from '@disclosure-report/core';

export async function importOther(bytes: Uint8Array, fileName: string): Promise<Report> {
  const { importReport } = await import('@disclosure-report/core/import');
  const result = await importReport(bytes, { fileName });
  return result.report as Report;
}
