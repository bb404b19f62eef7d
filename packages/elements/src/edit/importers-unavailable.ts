/**
 * Stands in for `./import-other.ts` and `./import-notes.ts` in the one-file standalone bundle:
 * the importers (PDF, Word, HTML) weigh megabytes, so there only JSON files can be imported,
 * and an import never leaves cells unread or warnings to show. Apps that bundle the library
 * get the real importers with `import '@disclosure-report/elements/importers'`, loaded on first use.
 */
import type { Finding, Ledger } from '@disclosure-report/core';
import { nothing } from 'lit';
import type { ImportNotes as Notes } from './import-notes.js';
import type { Imported } from './import-other.js';

export async function importOther(_bytes: Uint8Array, _fileName: string): Promise<Imported> {
  const error = new Error('The importers are not part of this bundle: only JSON files can be imported.');
  error.name = 'ImportersUnavailable';
  throw error;
}

export async function ledgerWorkbook(_bytes: Uint8Array): Promise<{ requests?: Ledger; appeals?: Ledger }> {
  const error = new Error('The .xlsx reader is not part of this bundle: save the ledger as CSV.');
  error.name = 'WorkbooksUnavailable';
  throw error;
}

export function workbookTemplate(): (() => Promise<Uint8Array>) | null {
  return null;
}

export class ImportNotes implements Pick<Notes, 'imported' | 'unread' | 'set' | 'merge' | 'render'> {
  readonly imported = null;
  readonly unread = new Set<string>();
  constructor(_host: unknown) {}
  set(): void {}
  merge(checks: Finding[]): Finding[] {
    return checks;
  }
  render(): typeof nothing {
    return nothing;
  }
}
