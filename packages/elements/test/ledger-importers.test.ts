/** 从台账生成 with the importers loaded (issue 18): ledgers kept as .xlsx, and the template as a workbook. */
import { getCell } from '@disclosure-report/core';
import { ledgerTemplateXlsx } from '@disclosure-report/import';
import { afterEach, describe, expect, test, vi } from 'vitest';
import '../src/importers.js';
import { captureDownloads, cleanPageEachTest, renderEditor, seed, settled, text } from './helpers.js';

cleanPageEachTest();
afterEach(() => vi.restoreAllMocks());

describe('从台账生成 with the importers', () => {
  test('fills from a workbook with both ledgers, and offers the template as one', async () => {
    const el = await renderEditor({ ...seed, year: 2025 });
    const book = new File([(await ledgerTemplateXlsx()).slice()], '台账.xlsx');
    expect(await el.fillFromLedger([book])).toBe(true);
    await settled(el);
    expect(getCell(el.currentReport!, 'requests.newReceived.total')).toBe(3);
    expect(getCell(el.currentReport!, 'reviews.litigationDirect.pending')).toBe(1);
    expect(text(el.shadowRoot!.querySelector('[part~="ledger-summary"]'))).toContain('依申请公开 3 行、复议诉讼 2 行');

    const menu = el.shadowRoot!.querySelector('details[part~="ledger-menu"]') as HTMLDetailsElement;
    const button = menu.querySelector('button[data-action="ledger-workbook-template"]') as HTMLButtonElement;
    expect(text(button)).toBe('下载台账模板（Excel 工作簿）');
    const { names, blobs } = captureDownloads();
    button.click();
    await vi.waitFor(() => expect(names).toEqual(['台账模板.xlsx']));
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
  });
});
