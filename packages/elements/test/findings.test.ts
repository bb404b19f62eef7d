/** Checks: findings listed under the report, cells marked (not by colour alone), focus moves. */
import { type Report, withCell } from '@disclosure-report/core';
import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { DisclosureFindingSelectDetail, DisclosureFindingsElement, DisclosureReportElement } from '../src/index.js';
import { cleanup, mount, seed, settled, text } from './helpers.js';

beforeEach(() => {
  document.documentElement.lang = 'zh-CN';
});
afterEach(cleanup);

/** The seed with a wrong total: 本年新收 总计 says 5, the columns add up to 3. */
function wrongTotal(): Report {
  let r = withCell(seed, 'requests.newReceived.naturalPerson', 3);
  r = withCell(r, 'requests.newReceived.total', 5);
  return r;
}

async function renderWithFindings(report: Report, attrs = 'show-findings'): Promise<DisclosureReportElement> {
  const el = mount<DisclosureReportElement>(`<disclosure-report ${attrs}></disclosure-report>`);
  el.report = report;
  await settled(el);
  return el;
}

describe('findings', () => {
  test('without show-findings nothing is checked or marked', async () => {
    const el = await renderWithFindings(wrongTotal(), '');
    expect(el.shadowRoot!.querySelector('[part~="findings"]')).toBeNull();
    expect(el.shadowRoot!.querySelector('td.flagged')).toBeNull();
  });

  test('the findings of the core engine are listed under the report', async () => {
    const el = await renderWithFindings(wrongTotal());
    const root = el.shadowRoot!;
    const list = root.querySelector('[part~="findings"]')!;
    // After the last section.
    expect(root.querySelector('[part~="section-other"]')!.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const rules = Array.from(list.querySelectorAll('li')).map((li) => `${li.dataset.rule}[${li.dataset.target}]`);
    expect(rules).toContain('requests.row-total[newReceived]');
    expect(rules).toContain('requests.balance[total]');
    expect(rules).toEqual(el.findings.map((f) => `${f.rule}[${f.target}]`));
    const item = list.querySelector('li[data-rule="requests.row-total"]')!;
    expect(text(item)).toContain('错误');
    expect(text(list.querySelector('[part~="findings-summary"]'))).toMatch(/错误 \d+ 项/);
  });

  test('the cells core pinpoints are marked with an outline, an icon and text for screen readers', async () => {
    const el = await renderWithFindings(wrongTotal());
    const root = el.shadowRoot!;
    const suspects = el.findings.filter((f) => f.rule === 'suspect.cell');
    expect(suspects.length).toBeGreaterThan(0);
    // Strongly marked: the pinpointed cells, nothing else (the other cells of the sums are only tinted).
    const marked = Array.from(root.querySelectorAll<HTMLElement>('td.flagged')).map((td) => td.dataset.cell);
    expect(new Set(marked)).toEqual(new Set(suspects.flatMap((f) => f.cells)));
    expect(root.querySelectorAll('td.suspect').length).toBe(marked.length);
    const td = root.querySelector<HTMLElement>('td[data-cell="requests.newReceived.total"]')!;
    expect(td.getAttribute('part')).toContain('cell-suspect');
    expect(td.getAttribute('part')).toContain('cell-flagged');
    expect(getComputedStyle(td).outlineStyle).not.toBe('none');
    expect(td.querySelector('.flag')?.getAttribute('aria-hidden')).toBe('true');
    const sr = text(td.querySelector('.visually-hidden'));
    expect(sr).toContain('项检查结果');
    expect(sr).toContain('错误');
    expect(text(td)).toContain('5');
    // Unflagged cells are untouched.
    expect(root.querySelector('td[data-cell="reviews.reconsideration.total"]')!.classList.contains('flagged')).toBe(false);
  });

  test('a cell marked, then mended, then blank and marked again: its class, part, tab stop and text follow each time', async () => {
    const el = await renderWithFindings(wrongTotal());
    const root = el.shadowRoot!;
    const td = root.querySelector<HTMLElement>('td[data-cell="requests.newReceived.total"]')!;
    const plain = root.querySelector<HTMLElement>('td[data-cell="reviews.reconsideration.total"]')!;
    const expectPlain = (cell: HTMLElement, value: string) => {
      expect(cell.getAttribute('class')).toBe('cell');
      expect(cell.getAttribute('part')).toBe('cell');
      expect(cell.hasAttribute('tabindex')).toBe(false);
      expect(cell.querySelector('.flag, .visually-hidden')).toBeNull();
      expect(text(cell)).toBe(value);
    };
    expect(td.classList.contains('flagged')).toBe(true);
    expect(td.getAttribute('tabindex')).toBe('-1');
    expect(text(td)).toMatch(/^✕5/);
    expectPlain(plain, String(seed.reviews.reconsideration.total));
    // Mended: a plain number again, nothing left of the mark.
    const total = String(seed.requests.newReceived.total);
    el.report = seed;
    await el.updateComplete;
    expect(root.querySelector('td[data-cell="requests.newReceived.total"]')).toBe(td);
    expectPlain(td, total);
    // Blank: empty for the eye, said to screen readers; then marked again.
    el.report = withCell(seed, 'requests.newReceived.total', null);
    await el.updateComplete;
    expect(td.getAttribute('part')).toContain('cell-blank');
    expect(text(td.querySelector('.visually-hidden'))).toContain('空白');
    el.report = wrongTotal();
    await el.updateComplete;
    expect(td.classList.contains('flagged')).toBe(true);
    expect(td.getAttribute('part')).toContain('cell-flagged');
    expect(text(td)).toMatch(/^✕5/);
    el.report = seed;
    await el.updateComplete;
    expectPlain(td, total);
  });

  test('activating a finding moves focus to its cell (click and keyboard)', async () => {
    const el = await renderWithFindings(wrongTotal());
    const root = el.shadowRoot!;
    const selections: DisclosureFindingSelectDetail[] = [];
    el.addEventListener('disclosure-finding-select', (e) => selections.push(e.detail));
    const button = root.querySelector<HTMLButtonElement>('li[data-rule="requests.row-total"] button')!;
    button.click();
    await el.updateComplete;
    const finding = el.findings.find((f) => f.rule === 'requests.row-total')!;
    expect(selections).toEqual([{ finding, cellId: finding.cells[0] }]);
    expect((root.activeElement as HTMLElement).dataset.cell).toBe(finding.cells[0]);
    expect(root.activeElement!.classList.contains('selected')).toBe(true);

    // Keyboard: Tab to the balance finding's button and press Enter.
    const balance = root.querySelector<HTMLButtonElement>('li[data-rule="requests.balance"][data-target="total"] button')!;
    balance.focus();
    expect(root.activeElement).toBe(balance);
    await userEvent.keyboard('{Enter}');
    await el.updateComplete;
    const balanceFinding = el.findings.find((f) => f.rule === 'requests.balance' && f.target === 'total')!;
    expect((root.activeElement as HTMLElement).dataset.cell).toBe(balanceFinding.cells[0]);
  });

  test('given last year\'s report (previous), the across-year checks run too', async () => {
    const el = await renderWithFindings(seed);
    expect(el.findings.some((f) => f.rule === 'prev.carry-over')).toBe(false);
    el.previous = withCell({ ...seed, year: 2022 }, 'requests.carriedForward.total', 4);
    await el.updateComplete;
    const carry = el.findings.find((f) => f.rule === 'prev.carry-over');
    expect(carry).toBeDefined();
    expect(el.shadowRoot!.querySelector('li[data-rule="prev.carry-over"]')).not.toBeNull();
    // Core finds this year's table consistent (the figure may be last year's): a light mark and a note, no strong one.
    expect(carry!.note).toBeTruthy();
    expect(el.shadowRoot!.querySelector(`td.related[data-cell="${carry!.cells[0]}"]`)).not.toBeNull();
    expect(el.shadowRoot!.querySelector('td.flagged')).toBeNull();
    expect(text(el.shadowRoot!.querySelector('li[data-rule="prev.carry-over"]'))).toContain(carry!.note!);
  });

  test('findings without cells are listed but not buttons', async () => {
    const el = await renderWithFindings(seed);
    const deadline = el.shadowRoot!.querySelector('li[data-rule="published.deadline"]')!;
    expect(deadline).not.toBeNull();
    expect(deadline.querySelector('button')).toBeNull();
  });

  test('<disclosure-findings for> focuses the cell in a table element', async () => {
    const report = wrongTotal();
    const table = mount<HTMLElement & { report: Report }>('<disclosure-requests-table id="t3" show-findings></disclosure-requests-table>');
    const findings = mount<DisclosureFindingsElement>('<disclosure-findings for="t3"></disclosure-findings>');
    table.report = report;
    findings.report = report;
    await settled(table);
    await settled(findings);
    expect(table.shadowRoot!.querySelector('td.flagged[data-cell="requests.newReceived.total"]')).not.toBeNull();
    findings.shadowRoot!.querySelector<HTMLButtonElement>('li[data-rule="requests.row-total"] button')!.click();
    const rowTotal = findings.shadowRoot!.querySelector('li[data-rule="requests.row-total"]') && table.report;
    expect(rowTotal).toBeTruthy();
    const { check } = await import('@disclosure-report/core');
    const first = check(report).find((f) => f.rule === 'requests.row-total')!.cells[0];
    expect((table.shadowRoot!.activeElement as HTMLElement | null)?.dataset.cell).toBe(first);
  });
});

describe('many blank cells', () => {
  afterEach(cleanup);

  test('are listed as one group that opens to every cell; a few are listed one by one', async () => {
    const { blankReport } = await import('@disclosure-report/core');
    const blank = mount<DisclosureReportElement>('<disclosure-report show-findings></disclosure-report>');
    blank.report = { ...blankReport('2021', { agency: '某某局', year: 2023 }), sections: seed.sections };
    await settled(blank);
    const root = blank.shadowRoot!;
    const group = root.querySelectorAll('li[data-rule="blank-cell"][data-target="*"]');
    expect(group).toHaveLength(1);
    expect(text(group[0]!.querySelector('summary'))).toContain('200 个单元格未填写');
    expect(group[0]!.querySelectorAll('li[data-rule="blank-cell"]')).toHaveLength(200);
    // The errors stay in view, outside the group.
    expect(root.querySelectorAll('[part~="findings-list"] > li[data-rule="sections.present"]').length).toBe(3);

    const few = mount<DisclosureReportElement>('<disclosure-report show-findings></disclosure-report>');
    few.report = withCell(withCell(seed, 'requests.granted.research', null), 'reviews.reconsideration.other', null) as Report;
    await settled(few);
    expect(few.shadowRoot!.querySelectorAll('[part~="findings-list"] > li[data-rule="blank-cell"]')).toHaveLength(2);
    expect(few.shadowRoot!.querySelector('details')).toBeNull();
  });
});
