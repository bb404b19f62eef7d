/**
 * 从台账生成 in edit mode (issue 18): tables 三 and 四 filled from the office's ledgers as one undo
 * step, every line that cannot be counted named (and nothing filled in), the templates.
 */
import { type Report, getCell, withCell } from '@disclosure-report/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { captureDownloads, cleanPageEachTest, inputOf, renderEditor, seed, settled, text } from './helpers.js';

cleanPageEachTest();
afterEach(() => vi.restoreAllMocks());

const csv = (...lines: string[]) => new File([lines.join('\r\n')], 'ledger.csv', { type: 'text/csv' });
const requests = () =>
  csv('序号,收到日期,申请人类型,办理结果,办结日期', '1,2022-12-20,自然人,予以公开,2023-01-05', '2,2023-03-01,商业企业,国家秘密,2023-03-20', '3,2023-12-28,自然人,,');
const appeals = () => new File(['序号,类型,结果\n1,行政复议,维持\n2,复议后起诉,尚未审结'], 'appeals.csv');
const summary = (el: Element) => el.shadowRoot!.querySelector('[part~="ledger-summary"]');

describe('从台账生成', () => {
  test('fills tables 三 and 四 as one undo step, says what it counted, and shows each figure\'s lines', async () => {
    const start: Report = withCell(seed, 'requests.newReceived.total', 9);
    const el = await renderEditor(start);
    expect(await el.fillFromLedger([requests(), appeals()])).toBe(true);
    await settled(el);
    expect(getCell(el.currentReport!, 'requests.newReceived.total')).toBe(2);
    expect(getCell(el.currentReport!, 'requests.carriedOver.naturalPerson')).toBe(1);
    expect(getCell(el.currentReport!, 'reviews.litigationAfterReconsideration.pending')).toBe(1);
    expect(inputOf(el, 'requests.denied.stateSecret.commercial').value).toBe('1');
    const box = summary(el)!;
    expect(box.getAttribute('role')).toBe('status');
    expect(text(box)).toContain('已从台账统计：依申请公开 3 行、复议诉讼 2 行，填入表三、表四（可撤销）');
    // The short form 「国家秘密」 was read, and said so, with its line.
    expect(text(box)).toContain('依申请公开台账第 3 行：办理结果「国家秘密」按「不予公开 — 属于国家秘密」计');
    expect(el.ledgerProvenance('requests.denied.stateSecret.commercial')).toBe('由台账统计：依申请公开台账第 3 行');
    expect(el.ledgerProvenance('reviews.reconsideration.upheld')).toBe('由台账统计：复议诉讼台账第 2 行');
    // The figure's cell says where it comes from, until it is edited.
    const td = (id: string) => el.shadowRoot!.querySelector(`td[data-cell="${id}"]`) as HTMLTableCellElement;
    expect(td('requests.denied.stateSecret.commercial').classList.contains('from-ledger')).toBe(true);
    expect(td('requests.denied.stateSecret.commercial').title).toBe('由台账统计：依申请公开台账第 3 行');
    expect(td('requests.newReceived.total').title).toBe('由台账统计：各项之和');
    expect(td('active.regulations.issued').classList.contains('from-ledger')).toBe(false);
    const input = inputOf(el, 'requests.granted.naturalPerson');
    input.focus();
    input.value = '7';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.blur();
    await settled(el);
    expect(td('requests.granted.naturalPerson').classList.contains('from-ledger')).toBe(false);
    expect(td('requests.granted.naturalPerson').hasAttribute('title')).toBe(false);
    expect(el.ledgerProvenance('requests.granted.naturalPerson')).toBeUndefined();
    expect(el.undo()).toBe(true);
    await settled(el);
    // One step back restores the report as it was.
    expect(el.undo()).toBe(true);
    await settled(el);
    expect(getCell(el.currentReport!, 'requests.newReceived.total')).toBe(9);
  });

  test('a ledger with lines that cannot be counted fills in nothing and lists each line', async () => {
    const el = await renderEditor(seed);
    const bad = csv('序号,收到日期,申请人类型,办理结果,办结日期', '1,2023-02-30,自然人,予以公开,2023-03-01', '2,2023-03-01,事业单位,予以公开,2023-03-02');
    expect(await el.fillFromLedger([bad])).toBe(false);
    await settled(el);
    const box = summary(el)!;
    expect(box.getAttribute('role')).toBe('alert');
    const lines = [...box.querySelectorAll('li')].map((li) => text(li));
    expect(lines).toEqual([
      '依申请公开台账第 2 行：收到日期「2023-02-30」不是日期（应写作 2025-03-05）',
      '依申请公开台账第 3 行：申请人类型「事业单位」不是国家格式的类型（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）',
    ]);
    expect(el.currentReport).toEqual(seed);
    expect(el.undo()).toBe(false);
  });

  test('says plainly what it cannot read: no ledger header, a workbook without the importers', async () => {
    const el = await renderEditor(seed);
    expect(await el.fillFromLedger([new File(['名称,数量\na,1'], 'other.csv')])).toBe(false);
    await settled(el);
    expect(text(summary(el))).toContain('未能从台账生成：other.csv 不是台账');
    expect(await el.fillFromLedger([new File([new Uint8Array([80, 75, 3, 4])], 'ledger.xlsx')])).toBe(false);
    await settled(el);
    expect(text(summary(el))).toContain('此页面只能读取 CSV 台账：请在 Excel 或 WPS 中另存为 CSV');
    // Not read at all: far too large to be a ledger.
    expect(await el.fillFromLedger([new File([new Uint8Array(65 * 1024 * 1024)], 'huge.csv')])).toBe(false);
    await settled(el);
    expect(text(summary(el))).toContain('huge.csv 超过 64 MB，不是台账');
  });

  test('the 台账 menu: fill, and the two templates as CSV that Excel opens', async () => {
    const el = await renderEditor(seed);
    const menu = el.shadowRoot!.querySelector('details[part~="ledger-menu"]') as HTMLDetailsElement;
    expect(text(menu.querySelector('summary'))).toBe('台账');
    expect([...menu.querySelectorAll('button')].map((b) => text(b))).toEqual(['从台账生成', '下载依申请公开台账模板', '下载复议诉讼台账模板']);
    const { names, blobs } = captureDownloads();
    menu.open = true;
    (menu.querySelector('button[data-action="ledger-template"]') as HTMLButtonElement).click();
    expect(menu.open).toBe(false);
    (menu.querySelector('button[data-action="ledger-appeals-template"]') as HTMLButtonElement).click();
    expect(names).toEqual(['依申请公开台账模板.csv', '复议诉讼台账模板.csv']);
    const first = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...first.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await blobs[1]!.text()).toContain('序号,收到日期,类型,结果');
  });
});
