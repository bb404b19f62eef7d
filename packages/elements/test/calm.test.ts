/** Calm filling: in edit mode, findings about what nobody has touched wait until the clerk asks. */
import { type Report, blankReport, getCell, taxonomy, withCell } from '@disclosure-report/core';
import { describe, expect, test } from 'vitest';
import { type DisclosureReportElement, defaultStrings, format } from '../src/index.js';
import { city, cleanPageEachTest, inputOf, mount, renderEditor, seed, settled, text } from './helpers.js';

cleanPageEachTest();

const zh = defaultStrings['zh-CN'];
const newForm = () => blankReport('2021', { agency: '某县某局', year: 2023 }) as Report;
const root = (el: DisclosureReportElement) => el.shadowRoot!;
const summary = (el: DisclosureReportElement) => text(root(el).querySelector('[part~="findings-summary"]'));
const listed = (el: DisclosureReportElement) =>
  Array.from(root(el).querySelectorAll<HTMLLIElement>('li.finding:not(.group)')).map((li) => `${li.dataset.rule}[${li.dataset.target}]`);
const checkAll = (el: DisclosureReportElement) => root(el).querySelector<HTMLButtonElement>('button[data-action="check-all"]')!;

function paste(el: DisclosureReportElement, id: string, data: string): void {
  const input = inputOf(el, id);
  input.focus();
  const clipboardData = new DataTransfer();
  clipboardData.setData('text/plain', data);
  input.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, composed: true, cancelable: true }));
}

describe('calm filling', () => {
  test('an empty new form lists nothing until 检查全部, and the summary says how many wait', async () => {
    const el = await renderEditor(newForm(), 'no-drafts');
    const all = el.findings.length;
    expect(all).toBeGreaterThan(200);
    expect(listed(el)).toEqual([]);
    expect(root(el).querySelector('td.flagged, td.related')).toBeNull();
    expect(summary(el)).toBe(format(zh.findingsNoneYet, { count: all }));
    expect(checkAll(el).getAttribute('aria-pressed')).toBe('false');

    checkAll(el).click();
    await el.updateComplete;
    expect(checkAll(el).getAttribute('aria-pressed')).toBe('true');
    expect(summary(el)).toBe(format(zh.findingsSummary, { error: 6, warning: 201, info: 2 }));
    expect(listed(el).filter((k) => k.startsWith('sections.present'))).toHaveLength(6);
    expect(root(el).querySelector('li[data-rule="blank-cell"][data-target="*"]')).not.toBeNull();

    // Pressed again: calm again.
    checkAll(el).click();
    await el.updateComplete;
    expect(listed(el)).toEqual([]);
  });

  test('what was typed is checked at once; a sum waits until all its cells are filled in', async () => {
    const el = await renderEditor(newForm(), 'no-drafts');
    const input = inputOf(el, 'requests.newReceived.naturalPerson');
    input.focus();
    input.value = '4';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    // Core already suspects the 4 (the blanks around it count as 0): not yet, the row is not filled in.
    expect(el.findings.some((f) => f.rule === 'suspect.cell')).toBe(true);
    expect(listed(el)).toEqual([]);
    expect(root(el).querySelector('td.flagged, td.related')).toBeNull();
    // What is entered wrong is said at once.
    input.value = '4x';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(text(root(el).querySelector('td[data-cell="requests.newReceived.naturalPerson"] .cell-error'))).toBe(zh.refusedNotNumber);

    // The whole row: its sum shows (no cell can be pinpointed from one row), the balance waits for the other rows.
    paste(el, 'requests.newReceived.naturalPerson', '3\t1\t0\t0\t0\t0\t5\r\n');
    await el.updateComplete;
    expect(listed(el)).toEqual(['requests.row-total[newReceived]']);
    expect(root(el).querySelectorAll('tr[data-row="newReceived"] td.related')).toHaveLength(7);
    expect(summary(el)).toMatch(/^错误 1 项，警告 0 项，提示 0 项 · 另有 \d+ 项待填写后检查$/);
  });

  test('a pasted table with one wrong figure: the suspect first, one strongly marked cell', async () => {
    const el = await renderEditor(newForm(), 'no-drafts');
    const wrong = withCell(city, 'requests.granted.total', 231);
    const rows = new Map<string, string[]>();
    for (const cell of taxonomy('2021').cells.filter((c) => c.table === 'requests')) {
      const row = cell.id.slice(0, cell.id.lastIndexOf('.'));
      if (!rows.has(row)) rows.set(row, []);
      rows.get(row)!.push(String(getCell(wrong, cell.id) ?? ''));
    }
    paste(el, 'requests.newReceived.naturalPerson', `${[...rows.values()].map((r) => r.join('\t')).join('\r\n')}\r\n`);
    await el.updateComplete;
    expect(listed(el)).toEqual(['suspect.cell[requests.granted.total]', 'requests.results-sum[total]', 'requests.row-total[granted]']);
    expect(Array.from(root(el).querySelectorAll<HTMLElement>('td.flagged')).map((td) => td.dataset.cell)).toEqual(['requests.granted.total']);
    expect(root(el).querySelector('td.related')).toBeNull();
  });

  test('a loaded report with values is not a new form: its findings show at once', async () => {
    const el = await renderEditor(withCell(seed, 'requests.newReceived.total', 5), 'no-drafts');
    const shown = listed(el);
    // Everything but the publication date's, which waits for the date (the seed gives none).
    expect(shown).toEqual(el.findings.filter((f) => f.rule !== 'published.deadline').map((f) => `${f.rule}[${f.target}]`));
    expect(summary(el)).toContain(format(zh.findingsHeld, { count: 1 }).trim());
  });

  test('the publication deadline is checked once the date is entered', async () => {
    const el = await renderEditor(newForm(), 'no-drafts');
    expect(listed(el).some((k) => k.startsWith('published.deadline'))).toBe(false);
    const date = root(el).querySelector<HTMLInputElement>('[data-meta="publishedOn"]')!;
    date.value = '2024-03-10';
    date.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await el.updateComplete;
    // No body type given: the deadline cannot be known, and the list says so.
    expect(listed(el)).toEqual(['published.deadline[body-type]']);
  });

  test('form validation (and submitting) shows everything', async () => {
    const form = mount<HTMLFormElement>('<form></form>');
    const el = await renderEditor(newForm(), 'name="report" no-drafts', form);
    expect(listed(el)).toEqual([]);
    expect(el.reportValidity()).toBe(false);
    await el.updateComplete;
    expect(checkAll(el).getAttribute('aria-pressed')).toBe('true');
    expect(listed(el).filter((k) => k.startsWith('sections.present'))).toHaveLength(6);

    const outside = await renderEditor(newForm(), 'no-drafts draft-key="calm-2"');
    outside.submit();
    await outside.updateComplete;
    expect(listed(outside).length).toBeGreaterThan(0);
  });

  test('read-only mode shows everything', async () => {
    const el = mount<DisclosureReportElement>('<disclosure-report show-findings></disclosure-report>');
    el.report = newForm();
    await settled(el);
    expect(summary(el)).toBe(format(zh.findingsSummary, { error: 6, warning: 201, info: 2 }));
    expect(root(el).querySelector('button[data-action="check-all"]')).toBeNull();
  });
});
