/** Geometry in chromium: cells come into view below the sticky bar, marks never cover each other, English fits. */
import { page, userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { DisclosureReportElement } from '../src/index.js';
import { city, cleanPageEachTest, inputOf, mount, renderEditor, seed, settled, text, typeInto } from './helpers.js';

cleanPageEachTest();
// The laptop screen the issue measured, and every test from the top of the page.
beforeEach(async () => {
  await page.viewport(1366, 768);
});
afterEach(() => {
  window.scrollTo(0, 0);
});

const tdOf = (el: DisclosureReportElement, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`td[data-cell="${id}"]`)!;
const status = (el: DisclosureReportElement) => text(el.shadowRoot!.querySelector('[part~="edit-status"]'));
type Box = { left: number; right: number; top: number; bottom: number };
const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const inside = (a: Box, b: Box) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;

describe('activating a finding', () => {
  test('brings its cell into view below the sticky edit bar, from below and from above', async () => {
    const el = await renderEditor(city, 'no-drafts');
    const root = el.shadowRoot!;
    const bar = root.querySelector<HTMLElement>('.edit-bar')!;
    expect(document.documentElement.scrollHeight).toBeGreaterThan(window.innerHeight * 2);

    // From the bottom of the page (where the list is) up to a cell in the middle of table 三.
    window.scrollTo(0, document.documentElement.scrollHeight);
    root.querySelector<HTMLButtonElement>('li[data-rule="suspect.cell"] [part~="finding-button"]')!.click();
    await vi.waitFor(() => expect((root.activeElement?.closest('td') as HTMLElement | null)?.dataset.cell).toBe('requests.granted.total'));
    let cell = tdOf(el, 'requests.granted.total').getBoundingClientRect();
    expect(cell.top).toBeGreaterThanOrEqual(bar.getBoundingClientRect().bottom);
    expect(cell.bottom).toBeLessThanOrEqual(window.innerHeight);

    // From the top of the page down to table 四, low in the page.
    window.scrollTo(0, 0);
    root.querySelector<HTMLButtonElement>('li[data-rule="reviews.total"] [part~="finding-button"]')!.click();
    await vi.waitFor(() => expect((root.activeElement?.closest('td') as HTMLElement | null)?.dataset.cell).toMatch(/^reviews\.litigationDirect\./));
    cell = (root.activeElement!.closest('td') as HTMLElement).getBoundingClientRect();
    expect(cell.top).toBeGreaterThanOrEqual(bar.getBoundingClientRect().bottom);
    expect(cell.bottom).toBeLessThanOrEqual(window.innerHeight);
  });
});

describe('the status line', () => {
  test('a message about a half-typed value goes once the value is fine, or another edit is made', async () => {
    const el = await renderEditor(seed, 'no-drafts');
    await typeInto(el, 'requests.granted.commercial', '1,23');
    expect(status(el)).toContain('「1,23」不是数字');
    await userEvent.keyboard('4');
    await el.updateComplete;
    expect(el.value!.requests.granted.commercial).toBe(1234);
    expect(status(el)).toBe('');

    // Refused in one cell, then another cell edited: the message no longer describes the last edit.
    await typeInto(el, 'requests.granted.research', 'abc');
    expect(status(el)).toContain('「abc」不是数字');
    await typeInto(el, 'requests.granted.publicInterest', '2');
    expect(status(el)).toBe('');
    // The refused cell still says it at the cell.
    expect(text(tdOf(el, 'requests.granted.research').querySelector('.cell-error'))).toBe('不是数字');

    // Escape gives the cell back: the message goes with it.
    await typeInto(el, 'requests.granted.legalService', 'x');
    expect(status(el)).not.toBe('');
    await userEvent.keyboard('{Escape}');
    await el.updateComplete;
    expect(status(el)).toBe('');
  });
});

describe('marks never cover each other', () => {
  test('the refusal label, the ✕ and the 自动 tag stay in their own cell, clear of each other', async () => {
    const el = await renderEditor(seed, 'no-drafts auto-totals');
    await typeInto(el, 'requests.granted.commercial', '1,2x');
    // Another cell has focus (the label shows either way).
    inputOf(el, 'requests.carriedOver.naturalPerson').focus();
    await el.updateComplete;
    const invalid = tdOf(el, 'requests.granted.commercial');
    const label = invalid.querySelector('.cell-error')!.getBoundingClientRect();
    const flag = invalid.querySelector('.flag')!.getBoundingClientRect();
    const own = invalid.getBoundingClientRect();
    expect(label.height).toBeGreaterThan(0);
    expect(inside(label, own)).toBe(true);
    expect(inside(flag, own)).toBe(true);
    expect(overlap(label, flag)).toBe(false);
    expect(overlap(label, inputOf(el, 'requests.granted.commercial').getBoundingClientRect())).toBe(false);
    for (const id of ['requests.partiallyGranted.commercial', 'requests.carriedOver.commercial', 'requests.granted.naturalPerson', 'requests.granted.research']) {
      const neighbour = inputOf(el, id).getBoundingClientRect();
      expect(overlap(label, neighbour), id).toBe(false);
      expect(overlap(flag, neighbour), id).toBe(false);
    }
    // The 自动 tag of the row's total, in its own cell; where the ✕ sits in a cell, the tag does not.
    const total = tdOf(el, 'requests.granted.total');
    const tag = total.querySelector('.auto-mark')!.getBoundingClientRect();
    const box = total.getBoundingClientRect();
    expect(inside(tag, box)).toBe(true);
    const rel = (r: Box, c: Box) => ({ left: r.left - c.left, right: r.right - c.left, top: r.top - c.top, bottom: r.bottom - c.top });
    expect(overlap(rel(tag, box), rel(flag, own))).toBe(false);
    for (const id of ['requests.partiallyGranted.total', 'requests.carriedOver.total', 'requests.granted.otherOrg']) {
      expect(overlap(tag, inputOf(el, id).getBoundingClientRect()), id).toBe(false);
    }
  });
});

describe('English at 1366 × 768', () => {
  /** Every cell is in view horizontally, or in a scroll container that can scroll to it. */
  function expectReachable(el: DisclosureReportElement, table: string): void {
    const scroller = el.shadowRoot!.querySelector(`table.${table}`)!.closest<HTMLElement>('.scroll')!;
    const view = scroller.getBoundingClientRect();
    const room = scroller.scrollWidth - scroller.clientWidth;
    for (const td of el.shadowRoot!.querySelectorAll<HTMLElement>(`table.${table} td[data-cell]`)) {
      const r = td.getBoundingClientRect();
      const visible = r.left >= 0 && r.right <= window.innerWidth && r.left >= view.left - 0.5 && r.right <= view.right + 0.5;
      const scrollable = getComputedStyle(scroller).overflowX === 'auto' && r.right - view.right <= room + 0.5;
      expect(visible || scrollable, `${td.dataset.cell} at ${r.left}–${r.right}`).toBe(true);
    }
  }

  test('tables 三 and 四 fit beside a portal menu (the demo article is 848 px wide)', async () => {
    const column = mount('<div lang="en" class="article"></div>');
    // The demo's article column at this size (layout by the test page's own sheet: no style attribute in the element).
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.article { width: 848px; margin-left: 280px; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      const el = mount<DisclosureReportElement>('<disclosure-report show-findings></disclosure-report>', column);
      el.report = city;
      await settled(el);
      for (const table of ['requests', 'reviews']) {
        const scroller = el.shadowRoot!.querySelector(`table.${table}`)!.closest<HTMLElement>('.scroll')!;
        // Fits: nothing to scroll, and the last column (Other/Total; the right of table 四) is in view.
        expect(scroller.scrollWidth, table).toBeLessThanOrEqual(scroller.clientWidth);
        expectReachable(el, table);
      }
      const last = tdOf(el, 'requests.granted.total').getBoundingClientRect();
      expect(last.right).toBeLessThanOrEqual(window.innerWidth);
      // Edit mode's inputs are wider: they fit or scroll, with the row labels kept in view.
      el.mode = 'edit';
      await el.updateComplete;
      for (const table of ['requests', 'reviews']) expectReachable(el, table);
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }
  });
});
