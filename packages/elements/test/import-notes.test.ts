/// <reference types="vite/client" />
/** Edit mode: importing a published report shows how complete the import is and what to check. */
import { type Report, blankReport, getCell, withCell } from '@disclosure-report/core';
import source from '@shared/corpus/chenjiaba-2023/source.txt?raw';
import pingtan from '@shared/corpus/real/pingtan-2024/source.html?raw';
import { userEvent } from 'vitest/browser';
import { describe, expect, test, vi } from 'vitest';
import type { DisclosureReportElement } from '../src/index.js';
import '../src/importers.js';
import { cleanPageEachTest, mount, seed, settled, text } from './helpers.js';

cleanPageEachTest();

async function renderEditor(attrs = ''): Promise<DisclosureReportElement> {
  const el = mount<DisclosureReportElement>(`<disclosure-report mode="edit" no-drafts ${attrs}></disclosure-report>`);
  el.report = blankReport('2021', { agency: '', year: 2023 }) as Report;
  await settled(el);
  return el;
}

const UNREAD = 'requests.newReceived.naturalPerson';

/** The seed's text with the figure of 一、本年新收 × 自然人 printed as 「若干」. */
function sourceWithUnreadableCell(): string {
  const lines = source.split('\n');
  const row = lines.findIndex((l) => l.startsWith('一、本年新收政府信息公开申请数量'));
  expect(lines[row + 1]).toBe('0 |');
  lines[row + 1] = '若干 |';
  return lines.join('\n');
}

const root = (el: DisclosureReportElement) => el.shadowRoot!;
const summary = (el: DisclosureReportElement) => root(el).querySelector('[part~="import-summary"]');
const importItems = (el: DisclosureReportElement) => Array.from(root(el).querySelectorAll<HTMLLIElement>('li.finding[data-rule^="import."]'));
const unreadCells = (el: DisclosureReportElement) =>
  Array.from(root(el).querySelectorAll<HTMLElement>('td[part~="cell-unread"]')).map((td) => td.dataset.cell);

async function importText(el: DisclosureReportElement, text: string, name = '2023年报.txt'): Promise<boolean> {
  const ok = await el.importFile(new File([text], name, { type: 'text/plain' }));
  await el.updateComplete;
  return ok;
}

describe('importing a published report: completeness and notes', () => {
  test('a figure that cannot be read: 199/200, a warning that goes to the cell, the cell marked, the rest imported', async () => {
    const el = await renderEditor();
    expect(summary(el)).toBeNull();
    expect(await importText(el, sourceWithUnreadableCell())).toBe(true);

    expect(text(root(el).querySelector('[part~="edit-status"]'))).toBe('已导入 2023年报.txt');
    expect(text(summary(el))).toContain('已读取 199/200 个单元格，1 个未能读取');
    expect(text(summary(el))).toContain('1 条导入提示');

    // Every other cell is imported; the one not read is blank.
    expect(getCell(el.value!, UNREAD)).toBeNull();
    expect(el.value).toEqual(withCell(seed, UNREAD, null));

    // The warning, with the importer's words (the text read), as an item that goes to the cell.
    const items = importItems(el);
    expect(items.map((li) => [li.dataset.rule, li.dataset.target])).toEqual([['import.unread-cell', UNREAD]]);
    expect(items[0]!.classList.contains('warning')).toBe(true);
    expect(text(items[0])).toContain('「若干」');
    expect(text(items[0])).toContain('未能读取此单元格');
    // Only warnings: the importer's info notes (label variants …) are not listed.
    expect(root(el).querySelectorAll('li.finding.info[data-rule^="import."]').length).toBe(0);
    // A check cannot read a cell that was not read: the list shows the import's warning, not
    // blank-cell (\`findings\`, the checks' own, still has it).
    expect(el.findings.some((f) => f.rule === 'blank-cell' && f.target === UNREAD)).toBe(true);
    expect(root(el).querySelector(`li.finding[data-rule="blank-cell"][data-target="${UNREAD}"]`)).toBeNull();

    // The cell is marked (a warning outline), and so is nothing else.
    expect(unreadCells(el)).toEqual([UNREAD]);
    const td = root(el).querySelector<HTMLElement>(`td[data-cell="${UNREAD}"]`)!;
    expect(td.classList.contains('unread')).toBe(true);
    expect(getComputedStyle(td).outlineStyle).toBe('dashed');

    // From the list (at the end of the report) up to the cell, which stops below the sticky toolbar.
    items[0]!.scrollIntoView();
    items[0]!.querySelector('button')!.click();
    await el.updateComplete;
    await vi.waitFor(() => expect(root(el).activeElement).toBe(td.querySelector('input')));
    const bar = root(el).querySelector('.edit-bar')!.getBoundingClientRect();
    expect(td.getBoundingClientRect().top).toBeGreaterThanOrEqual(bar.bottom);

    // Filled in: the mark and the warning go; the summary still says what the import read.
    await userEvent.keyboard('3');
    await el.updateComplete;
    expect(getCell(el.value!, UNREAD)).toBe(3);
    expect(unreadCells(el)).toEqual([]);
    expect(importItems(el)).toEqual([]);
    expect(text(summary(el))).toContain('已读取 199/200 个单元格，1 个未能读取');
    expect(text(summary(el))).not.toContain('导入提示');

    // Dismissed: the summary goes.
    root(el).querySelector<HTMLButtonElement>('button[data-action="dismiss-import"]')!.click();
    await el.updateComplete;
    expect(summary(el)).toBeNull();
  });

  test('a clean import: 200/200 and no warnings listed', async () => {
    const el = await renderEditor();
    expect(await importText(el, source)).toBe(true);
    expect(text(summary(el))).toBe('已读取 200/200 个单元格 关闭提示');
    expect(importItems(el)).toEqual([]);
    expect(unreadCells(el)).toEqual([]);
    expect(el.value).toEqual(seed);
  });

  test('a real portal page: every cell read, and a guess about the report (no cell) goes to its field', async () => {
    const el = await renderEditor();
    expect(await el.importFile(new File([pingtan], 'source.html', { type: 'text/html' }))).toBe(true);
    await el.updateComplete;
    expect(text(summary(el))).toMatch(/^已读取 200\/200 个单元格；\d+ 条导入提示/);
    expect(unreadCells(el)).toEqual([]);
    const item = importItems(el).find((li) => li.dataset.rule === 'import.body-type')!;
    expect(text(item)).toContain('平潭综合实验区');
    item.querySelector('button')!.click();
    await vi.waitFor(() => expect(root(el).activeElement).toBe(root(el).querySelector('select[data-meta="bodyType"]')));
  });

  test('in English; the next import, a JSON file or undoing the import clear it', async () => {
    const el = await renderEditor('lang="en"');
    expect(await importText(el, sourceWithUnreadableCell())).toBe(true);
    expect(text(summary(el))).toContain('199 of 200 cells read; 1 could not be read');
    expect(text(importItems(el)[0])).toContain('cell not read, left blank');
    expect(text(summary(el)!.querySelector('button'))).toBe('Dismiss');

    // Undo the import: back to the blank report, nothing left to check.
    el.undo();
    await el.updateComplete;
    expect(getCell(el.value!, 'requests.newReceived.total')).toBeNull();
    expect(summary(el)).toBeNull();
    expect(unreadCells(el)).toEqual([]);

    // A clean import after one with a cell not read: 200/200, no mark left.
    expect(await importText(el, sourceWithUnreadableCell())).toBe(true);
    expect(unreadCells(el)).toEqual([UNREAD]);
    expect(await importText(el, source)).toBe(true);
    expect(text(summary(el))).toContain('200 of 200 cells read');
    expect(unreadCells(el)).toEqual([]);

    // A JSON report says nothing of completeness.
    expect(await el.importFile(new File([JSON.stringify(seed)], 'seed.json', { type: 'application/json' }))).toBe(true);
    await el.updateComplete;
    expect(summary(el)).toBeNull();
  });

  test('file text stays text: markup in a figure is neither rendered nor run', async () => {
    const w = window as unknown as { __pwned?: number };
    delete w.__pwned;
    const evil = '<img src=x onerror="window.__pwned=1">';
    const el = await renderEditor();
    expect(await importText(el, sourceWithUnreadableCell().replace('若干 |', `${evil} |`))).toBe(true);
    expect(root(el).querySelector('img')).toBeNull();
    const item = importItems(el).find((li) => li.dataset.target === UNREAD);
    expect(text(item)).toContain(evil);
    await new Promise((r) => setTimeout(r, 50));
    expect(w.__pwned).toBeUndefined();
  });
});
