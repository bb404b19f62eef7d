/**
 * Stands in for `./import-other.ts` in the one-file standalone bundle: the importers (PDF,
 * Word, HTML) weigh megabytes, so there only JSON files can be imported. Apps that bundle
 * the library get the real importers, loaded on first use.
 */
import type { Report } from '@disclosure-report/core';

export async function importOther(_bytes: Uint8Array, _fileName: string): Promise<Report> {
  const error = new Error('The importers are not part of this bundle: only JSON files can be imported.');
  error.name = 'ImportersUnavailable';
  throw error;
}
