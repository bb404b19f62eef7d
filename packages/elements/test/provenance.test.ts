/// <reference types="vite/client" />
/**
 * Where a figure came from (issue 17): selecting a cell of a report read from a published file
 * shows the source, the place, the text printed there and the importer's notes, as text.
 */
import { type Report, blankReport, withCell } from '@disclosure-report/core';
import pingtan from '@shared/corpus/real/pingtan-2025/source.html?raw';
import { userEvent } from 'vitest/browser';
import { describe, expect, test, vi } from 'vitest';
import type { DisclosureReportElement } from '../src/index.js';
import '../src/importers.js';
import { cleanPageEachTest, mount, seed, settled, text } from './helpers.js';

cleanPageEachTest();

const popover = (el: Element) => el.shadowRoot!.querySelector<HTMLElement>('[part~="provenance"]')!;
const open = (el: Element) => popover(el).matches(':popover-open');

describe('the provenance popover', () => {
  test('view mode: a click on a cell shows where its figure came from, as text; Escape closes it', async () => {
    const el = mount<DisclosureReportElement>('<disclosure-report></disclosure-report>');
    el.report = withCell(seed, 'active.fees.amount', 4166.241619);
    el.provenance = {
      'active.fees.amount': { source: 'source.pdf', page: 2, table: 1, row: 8, column: 2, text: '4166.241619<img src=x onerror="window.__pwned=1">', notes: ['单位为元，已换算为万元'] },
    };
    await settled(el);
    expect(open(el)).toBe(false);
    el.shadowRoot!.querySelector<HTMLElement>('td[data-cell="active.fees.amount"]')!.click();
    await settled(el);
    expect(open(el)).toBe(true);
    const box = popover(el);
    expect(text(box.querySelector('.provenance-cell'))).toBe('行政事业性收费·本年收费金额（单位：万元）');
    expect([...box.querySelectorAll('dl > div')].map((d) => text(d))).toEqual([
      '来源source.pdf',
      '位置第 2 页，表格 1，第 8 行，第 2 列',
      '原文「4166.241619<img src=x onerror="window.__pwned=1">」',
    ]);
    expect(text(box.querySelector('li'))).toBe('单位为元，已换算为万元');
    expect(box.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    // Beside the cell it describes: just above it (or under it, at the top of the window), never over it.
    const cell = el.shadowRoot!.querySelector<HTMLElement>('td[data-cell="active.fees.amount"]')!.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    expect(b.bottom <= cell.top || b.top >= cell.bottom).toBe(true);
    await userEvent.keyboard('{Escape}');
    await settled(el);
    expect(open(el)).toBe(false);
    // A cell without a provenance shows none.
    el.shadowRoot!.querySelector<HTMLElement>('td[data-cell="requests.granted.total"]')!.click();
    await settled(el);
    expect(open(el)).toBe(false);
  });

  test('edit mode: after importing a portal page, a cell being edited shows its place and the text printed; edited, it has none', async () => {
    const el = mount<DisclosureReportElement>('<disclosure-report mode="edit" no-drafts></disclosure-report>');
    el.report = blankReport('2021', { agency: '', year: 2025 }) as Report;
    await settled(el);
    expect(await el.importFile(new File([pingtan], 'pingtan-2025.html', { type: 'text/html' }))).toBe(true);
    await settled(el);
    const id = 'requests.newReceived.total';
    expect(el.provenance?.[id]?.source).toBe('pingtan-2025.html');
    el.focusCell(id);
    await vi.waitFor(async () => {
      await settled(el);
      expect(open(el)).toBe(true);
    });
    const rows = [...popover(el).querySelectorAll('dl > div')].map((d) => text(d));
    expect(rows[0]).toBe('来源pingtan-2025.html');
    expect(rows[1]).toMatch(/^位置表格 \d+，第 \d+ 行，第 \d+ 列$/);
    // The printed labels come through edit mode's import too (from the page as printed).
    expect(rows[2]).toBe('行标题一、本年新收政府信息公开申请数量');
    expect(rows[3]).toBe('列标题总计');
    expect(rows[4]).toBe(`原文「${el.provenance?.[id]?.text}」`);
    await userEvent.keyboard('9');
    await settled(el);
    expect(el.provenance?.[id]).toBeUndefined();
    expect(open(el)).toBe(false);
  });
});
