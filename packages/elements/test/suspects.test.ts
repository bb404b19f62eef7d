/** Which cell is wrong: the suspect core pinpoints is marked strongly, the rest of its sums lightly or not at all. */
import { type Finding, type Report, getCell, sumRules, withCell } from '@disclosure-report/core';
import { describe, expect, test, vi } from 'vitest';
import type { DisclosureFindingsElement, DisclosureReportElement } from '../src/index.js';
import { city, cleanPageEachTest, inputOf, mount, renderEditor, settled, text } from './helpers.js';

cleanPageEachTest();

/** The same, with a blank cell in the failing column (blank adds nothing: the sums stay as they were). */
const cityWithBlank = withCell(city, 'requests.denied.stateSecret.total', null);
/** City's row （一） corrected, then 自然人 and 商业企业 swapped: a transposition. */
const swapped = withCell(withCell(withCell(city, 'requests.granted.total', 213), 'requests.granted.naturalPerson', 17), 'requests.granted.commercial', 186);

const td = (el: Element, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`td[data-cell="${id}"]`)!;
const failingSums = (findings: readonly Finding[]) => findings.filter((f) => sumRules.has(f.rule));

async function renderView(report: Report): Promise<DisclosureReportElement> {
  const el = mount<DisclosureReportElement>('<disclosure-report show-findings></disclosure-report>');
  el.report = report;
  await settled(el);
  return el;
}

describe('the suspect cell, not the column', () => {
  for (const mode of ['view', 'edit'] as const) {
    test(`${mode}: exactly the suspect is marked strongly; the other cells of its sums are not red, blank ones not marked at all`, async () => {
      const el = mode === 'view' ? await renderView(cityWithBlank) : await renderEditor(cityWithBlank, 'no-drafts');
      const root = el.shadowRoot!;
      const suspects = el.findings.filter((f) => f.rule === 'suspect.cell');
      expect(suspects.map((f) => f.cells)).toEqual([['requests.granted.total']]);
      // The only strongly marked cell (blank-cell's own warning aside, in read-only mode).
      const strong = Array.from(root.querySelectorAll<HTMLElement>('td.flagged:not([part~="cell-blank"])')).map((c) => c.dataset.cell);
      expect(strong).toEqual(['requests.granted.total']);
      const suspect = td(el, 'requests.granted.total');
      expect(suspect.classList.contains('suspect')).toBe(true);
      expect(suspect.classList.contains('error')).toBe(true);
      expect(suspect.getAttribute('part')).toContain('cell-suspect');
      expect(getComputedStyle(suspect).outlineStyle).toBe('solid');
      // It says what is wrong to a screen reader (read-only: its text; edit mode: the input's description).
      const said =
        mode === 'view'
          ? text(suspect)
          : text(root.getElementById(inputOf(el, 'requests.granted.total').getAttribute('aria-describedby')!.split(' ')[0]!));
      expect(said).toContain(suspects[0]!.message);

      const red = getComputedStyle(suspect).outlineColor;
      for (const f of failingSums(el.findings)) {
        for (const id of f.cells) {
          if (id === 'requests.granted.total') continue;
          const cell = td(el, id);
          const style = getComputedStyle(cell);
          expect(cell.classList.contains('error'), id).toBe(false);
          expect(style.outlineStyle === 'none' || style.outlineColor !== red, id).toBe(true);
          if (getCell(cityWithBlank, id) === null) {
            expect(cell.classList.contains('related'), `${id} is blank`).toBe(false);
            expect(cell.classList.contains('flagged') && mode === 'edit', `${id} is blank`).toBe(false);
          }
        }
      }
      // Sums explained by the suspect: their other cells are plain until the finding is selected.
      const granted = td(el, 'requests.granted.naturalPerson');
      expect(granted.classList.contains('related')).toBe(false);
      root.querySelector<HTMLButtonElement>('li[data-rule="requests.row-total"][data-target="granted"] button')!.click();
      await vi.waitFor(() => expect(granted.classList.contains('selected')).toBe(true));
      expect(getComputedStyle(granted).outlineStyle).toBe('dashed');
      // A sum no cell could be pinpointed for: its cells are tinted (never outlined in red), and the list says why.
      const direct = el.findings.find((f) => f.rule === 'reviews.total' && f.target === 'litigationDirect')!;
      expect(direct.note).toBeTruthy();
      expect(td(el, 'reviews.litigationDirect.total').classList.contains('related')).toBe(true);
      expect(td(el, 'reviews.litigationDirect.total').classList.contains('flagged')).toBe(false);
      expect(text(root.querySelector('li[data-rule="reviews.total"][data-target="litigationDirect"]'))).toContain(direct.note!);
    });
  }
});

describe('the findings list', () => {
  test('suspects come first; rule ids are tooltips, never visible text', async () => {
    const el = await renderView(city);
    const items = Array.from(el.shadowRoot!.querySelectorAll<HTMLLIElement>('[part~="findings-list"] > li'));
    expect(items[0]!.dataset.rule).toBe('suspect.cell');
    for (const li of items) {
      const id = `${li.dataset.rule}[${li.dataset.target}]`;
      expect(text(li)).not.toContain(li.dataset.rule!);
      expect(text(li)).not.toContain(id);
      expect(li.querySelector(`[title="${CSS.escape(id)}"]`) ?? li.querySelector(`[title="${id}"]`)).not.toBeNull();
    }
  });

  test('<disclosure-findings> puts suspects first whatever the order given', async () => {
    const sum: Finding = { rule: 'requests.row-total', target: 'granted', severity: 'error', message: '（一）予以公开：各类申请人之和 = 213，总计 = 231（差 18）', cells: ['requests.granted.total', 'requests.granted.naturalPerson'] };
    const suspect: Finding = {
      rule: 'suspect.cell',
      target: 'requests.granted.total',
      severity: 'warning',
      message: '（一）予以公开·总计 可能有误：填 231，按各项合计应为 213',
      cells: ['requests.granted.total'],
      fix: [{ cell: 'requests.granted.total', from: 231, to: 213 }],
      explains: ['requests.row-total[granted]'],
    };
    const el = mount<DisclosureFindingsElement>('<disclosure-findings></disclosure-findings>');
    el.findings = [sum, suspect];
    await el.updateComplete;
    const rules = Array.from(el.shadowRoot!.querySelectorAll<HTMLLIElement>('li')).map((li) => li.dataset.rule);
    expect(rules).toEqual(['suspect.cell', 'requests.row-total']);
    // Read-only: no fix is offered.
    expect(el.shadowRoot!.querySelector('[part~="finding-fix"]')).toBeNull();
  });
});

describe('the one-step fix', () => {
  test('「改为 213」 applies the fix as one undo step and re-checks', async () => {
    const el = await renderEditor(city, 'no-drafts');
    const root = el.shadowRoot!;
    const fix = root.querySelector<HTMLButtonElement>('li[data-rule="suspect.cell"] [part~="finding-fix"]')!;
    expect(text(fix)).toBe('改为 213');
    fix.click();
    await el.updateComplete;
    expect(getCell(el.value!, 'requests.granted.total')).toBe(213);
    expect(el.findings.some((f) => f.rule === 'suspect.cell' || f.rule === 'requests.row-total')).toBe(false);
    expect(root.querySelector('li[data-rule="suspect.cell"]')).toBeNull();
    expect(root.querySelector('td.flagged')).toBeNull();
    await vi.waitFor(() => expect((root.activeElement?.closest('td') as HTMLElement | null)?.dataset.cell).toBe('requests.granted.total'));
    expect(text(root.querySelector('[part~="edit-status"]'))).toContain('（一）予以公开·总计 231 → 213');
    // One step: one undo restores the printed figure, and there is nothing before it.
    expect(el.undo()).toBe(true);
    expect(getCell(el.value!, 'requests.granted.total')).toBe(231);
    expect(el.value).toBe(city);
    expect(el.undo()).toBe(false);
  });

  test('a transposition: 「对调」 swaps both cells in one step (English: Swap)', async () => {
    const el = await renderEditor(swapped, 'no-drafts lang="en"');
    const fix = el.shadowRoot!.querySelector<HTMLButtonElement>('li[data-rule="suspect.cell"] [part~="finding-fix"]')!;
    expect(text(fix)).toBe('Swap');
    el.lang = 'zh-CN';
    await vi.waitFor(() => expect(text(el.shadowRoot!.querySelector('li[data-rule="suspect.cell"] [part~="finding-fix"]'))).toBe('对调'));
    el.shadowRoot!.querySelector<HTMLButtonElement>('li[data-rule="suspect.cell"] [part~="finding-fix"]')!.click();
    await el.updateComplete;
    expect([getCell(el.value!, 'requests.granted.naturalPerson'), getCell(el.value!, 'requests.granted.commercial')]).toEqual([186, 17]);
    el.undo();
    expect([getCell(el.value!, 'requests.granted.naturalPerson'), getCell(el.value!, 'requests.granted.commercial')]).toEqual([17, 186]);
  });

  test('English: 「Change to 213」', async () => {
    const el = await renderEditor(city, 'no-drafts lang="en"');
    expect(text(el.shadowRoot!.querySelector('li[data-rule="suspect.cell"] [part~="finding-fix"]'))).toBe('Change to 213');
  });
});
