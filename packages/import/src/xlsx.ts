/**
 * Ledgers kept in Excel or WPS (.xlsx), read with read-excel-file (its universal build: no
 * worker, no file system, the same in Node and browsers) into the rows core's `tallyLedger`
 * counts (no CSV in between). The sheets are told apart by their headers, so their order and names do
 * not matter. The archive's directory is checked against the .docx limits first (a small file
 * can claim to inflate to gigabytes).
 */
import { ledgerTemplate } from '@disclosure-report/core';
import { centralDirectory } from './zip.js';
import { ImportError } from './types.js';

/** The ledgers found in a workbook: each sheet's rows, as `tallyLedger` takes them. */
export interface LedgerWorkbook {
  /** The requests ledger (依申请公开台账), when a sheet has its header. */
  requests?: string[][];
  /** The appeals ledger (复议诉讼台账), when a sheet has its header. */
  appeals?: string[][];
  /** The sheets read, by name, with what each was taken for. */
  sheets: { name: string; ledger: 'requests' | 'appeals' | null }[];
}

const squeeze = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
const iso = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
/** A cell as a ledger line writes it: dates as 2025-03-05 (Excel keeps them as days since 1899-12-30). */
function cellText(value: unknown, dateColumn: boolean): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : iso(value);
  if (typeof value === 'number' && dateColumn && Number.isInteger(value) && value > 20_000 && value < 80_000) {
    return iso(new Date(Date.UTC(1899, 11, 30) + value * 86_400_000));
  }
  return String(value);
}

/**
 * Reads the ledgers of an .xlsx workbook: a sheet whose header has 申请人类型 and 办理结果 is the
 * requests ledger, one with 类型 and 结果 (and no 申请人类型) the appeals ledger. Throws an
 * ImportError for a file that is not a readable workbook or is too large to read.
 */
export async function ledgerFromXlsx(bytes: Uint8Array): Promise<LedgerWorkbook> {
  try {
    centralDirectory(bytes);
  } catch (e) {
    if (e instanceof ImportError) throw new ImportError(e.code, e.message.replace('Word (.docx)', 'Excel (.xlsx)'));
    throw e;
  }
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    const copy = bytes.slice().buffer;
    sheets = (await readXlsxFile(copy)) as unknown as { sheet: string; data: unknown[][] }[];
  } catch (e) {
    throw new ImportError('docx-unreadable', `not a readable Excel (.xlsx) file: ${(e as Error).message}`);
  }
  const out: LedgerWorkbook = { sheets: [] };
  for (const { sheet, data } of sheets) {
    const header = (data[0] ?? []).map((v) => squeeze(cellText(v, false)));
    const has = (c: string) => header.includes(squeeze(c));
    const ledger = has('申请人类型') && has('办理结果') ? 'requests' : has('类型') && has('结果') ? 'appeals' : null;
    out.sheets.push({ name: sheet, ledger });
    if (!ledger || out[ledger] !== undefined) continue;
    const dates = new Set(header.flatMap((h, i) => (/日期|时间/.test(h) ? [i] : [])));
    out[ledger] = data.map((row) => row.map((v, i) => cellText(v, dates.has(i))));
  }
  return out;
}

/**
 * The ledger template as one workbook (.xlsx): a sheet for each ledger, with the lines of the CSV
 * templates, every cell as text (a clerk's dates stay as written; either way they read back).
 * Written with write-excel-file (its universal build), loaded only for this.
 */
export async function ledgerTemplateXlsx(): Promise<Uint8Array> {
  const { default: writeExcelFile } = await import('write-excel-file/universal');
  const sheet = (ledger: 'requests' | 'appeals') =>
    ledgerTemplate(ledger)
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r\n/)
      .map((line) => line.split(',').map((value) => ({ value })));
  const blob = await writeExcelFile([
    { data: sheet('requests'), sheet: '依申请公开台账', columns: [8, 14, 14, 40, 14].map((width) => ({ width })) },
    { data: sheet('appeals'), sheet: '复议诉讼台账', columns: [8, 14, 20, 12].map((width) => ({ width })) },
  ]).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
