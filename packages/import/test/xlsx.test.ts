/**
 * Ledgers kept in Excel or WPS (issue 18): an .xlsx workbook read into the CSV that core's
 * tallyLedger counts, whatever the order and names of its sheets, with dates as Excel keeps them.
 */
import { tallyLedger } from '@disclosure-report/core';
import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/universal';
import { ImportError, ledgerFromXlsx, ledgerTemplateXlsx } from '../src/index.js';

type Cell = { value: string | number | Date; type?: typeof String | typeof Number | typeof Date; format?: string } | null;
const text = (value: string): Cell => ({ value });
async function workbook(sheets: { sheet: string; data: Cell[][] }[]): Promise<Uint8Array> {
  const blob = await writeExcelFile(sheets as never).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

describe('ledgerFromXlsx', () => {
  it('reads both ledgers by their headers, dates as Excel keeps them, and they tally', async () => {
    const bytes = await workbook([
      // The appeals sheet first, under a name of the clerk's own.
      { sheet: '诉讼', data: [[text('序号'), text('类型'), text('结果')], [{ value: 1, type: Number }, text('行政复议'), text('维持')]] },
      {
        sheet: '台账',
        data: [
          [text('序号'), text('收到日期'), text('申请人类型'), text('办理结果'), text('办结日期')],
          [{ value: 1, type: Number }, { value: new Date(Date.UTC(2025, 0, 6)), type: Date, format: 'yyyy-mm-dd' }, text('自然人'), text('予以公开'), text('2025-01-20')],
          // A date typed as a number of days (a cell formatted as a number), a comma in a field.
          [{ value: 2, type: Number }, { value: 45698, type: Number }, text('商业企业'), text('不予公开 — 属于国家秘密'), { value: new Date(Date.UTC(2025, 2, 1)), type: Date, format: 'yyyy/m/d' }],
          [{ value: 3, type: Number }, text('2025-12-22'), text('其他'), null, null],
        ],
      },
    ]);
    const book = await ledgerFromXlsx(bytes);
    expect(book.sheets).toEqual([
      { name: '诉讼', ledger: 'appeals' },
      { name: '台账', ledger: 'requests' },
    ]);
    expect(book.requests?.map((row) => row.join(','))).toEqual([
      '序号,收到日期,申请人类型,办理结果,办结日期',
      '1,2025-01-06,自然人,予以公开,2025-01-20',
      '2,2025-02-10,商业企业,不予公开 — 属于国家秘密,2025-03-01',
      '3,2025-12-22,其他,,',
    ]);
    const t = tallyLedger(book.requests ?? [], { year: 2025, appeals: book.appeals ?? [] });
    expect(t.ok).toBe(true);
    expect(t.cells['requests.newReceived.total']).toBe(3);
    expect(t.cells['requests.denied.stateSecret.commercial']).toBe(1);
    expect(t.cells['requests.carriedForward.otherOrg']).toBe(1);
    expect(t.cells['reviews.reconsideration.upheld']).toBe(1);
  });

  it('writes the template as one workbook that reads back and tallies', async () => {
    const book = await ledgerFromXlsx(await ledgerTemplateXlsx());
    expect(book.sheets).toEqual([
      { name: '依申请公开台账', ledger: 'requests' },
      { name: '复议诉讼台账', ledger: 'appeals' },
    ]);
    const t = tallyLedger(book.requests ?? [], { year: 2025, appeals: book.appeals ?? [] });
    expect(t.ok).toBe(true);
    expect(t.read).toEqual({ requests: 3, appeals: 2 });
  });

  it("keeps a cell's text as it is (commas and quotes are not CSV here)", async () => {
    const book = await ledgerFromXlsx(
      await workbook([{ sheet: 'a', data: [[text('序号'), text('收到日期'), text('申请人类型'), text('办理结果'), text('办结日期')], [text('1,2'), text('2025-01-01'), text('"自然人"'), text('予以公开'), text('2025-01-02')]] }]),
    );
    expect(book.requests?.[1]).toEqual(['1,2', '2025-01-01', '"自然人"', '予以公开', '2025-01-02']);
  });

  it('a workbook without a ledger\'s header reads as none', async () => {
    const book = await ledgerFromXlsx(await workbook([{ sheet: '其他', data: [[text('名称'), text('数量')]] }]));
    expect(book).toEqual({ sheets: [{ name: '其他', ledger: null }] });
  });

  it('refuses what is not a workbook with an ImportError, never a crash', async () => {
    await expect(ledgerFromXlsx(new TextEncoder().encode('序号,收到日期'))).rejects.toBeInstanceOf(ImportError);
    await expect(ledgerFromXlsx(new Uint8Array(0))).rejects.toThrow(/Excel \(\.xlsx\)/);
  });
});
