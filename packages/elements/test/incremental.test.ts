/**
 * Edit mode touches only what changed: a keystroke changes its cell, the cells of the findings
 * it changes and the findings list — never another table — and what it leaves on screen is what
 * a fresh render of the same report shows.
 */
import { type Finding, check, getCell, taxonomy, withCell } from '@disclosure-report/core';
import fc from 'fast-check';
import { userEvent } from 'vitest/browser';
import { describe, expect, test } from 'vitest';
import { CellStamps } from '../src/edit/cells.js';
import { FindingMarks } from '../src/edit/marks.js';
import type { DisclosureReportElement } from '../src/index.js';
import { city, cleanPageEachTest, cleanup, inputOf, renderEditor, seed, text, typeInto } from './helpers.js';

cleanPageEachTest();


const findingKey = (f: Finding) => `${f.rule}[${f.target}] ${f.severity} ${f.message} ${f.cells.join(',')}`;

/** The cells of the findings a change added, removed or reworded. */
function changedFindingCells(before: readonly Finding[], after: readonly Finding[]): Set<string> {
  const was = new Set(before.map(findingKey));
  const now = new Set(after.map(findingKey));
  const cells = new Set<string>();
  for (const f of [...before, ...after]) if (was.has(findingKey(f)) !== now.has(findingKey(f))) for (const id of f.cells) cells.add(id);
  return cells;
}

/** Records the mutations of the shadow root while `act` runs and the element updates. */
async function mutationsOf(el: DisclosureReportElement, act: () => Promise<void>): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((r) => records.push(...r));
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
  await act();
  await el.updateComplete;
  records.push(...observer.takeRecords());
  observer.disconnect();
  return records;
}

const elementOf = (r: MutationRecord) => (r.target.nodeType === Node.ELEMENT_NODE ? (r.target as Element) : r.target.parentElement);

describe('a keystroke re-renders only what it changed', () => {
  for (const [name, report, id] of [
    ['a report whose figures agree', seed, 'requests.denied.stateSecret.naturalPerson'],
    ['a report with a failing sum', city, 'requests.granted.commercial'],
    ['table 二', city, 'active.regulations.issued'],
  ] as const) {
    test(`${name}: mutations stay in the cell, the cells of the findings it changed, the findings list and the toolbar`, async () => {
      const el = await renderEditor(report, 'no-drafts');
      const input = inputOf(el, id);
      input.focus();
      await el.updateComplete;
      const table = id.slice(0, id.indexOf('.'));
      for (const keys of ['7', '3', '{Backspace}', '{Backspace}']) {
        const before = el.findings;
        const records = await mutationsOf(el, () => userEvent.keyboard(keys));
        const allowed = new Set([id, ...changedFindingCells(before, el.findings)]);
        for (const r of records) {
          const at = elementOf(r)!;
          const where = at.closest('table, .findings, .edit-bar');
          expect(where?.matches(`table.${table}, .findings, .edit-bar`), `${keys}: ${r.type} in ${at.outerHTML.slice(0, 80)}`).toBe(true);
          const cell = (at.closest('td[data-cell]') as HTMLElement | null)?.dataset.cell;
          if (where?.matches('table')) expect(cell !== undefined && allowed.has(cell), `${keys}: ${r.type} in ${cell ?? at.tagName}`).toBe(true);
        }
      }
      // The keystrokes went through: 7, 73, 7, blank.
      expect(getCell(el.value!, id)).toBe(null);
    });
  }

  test('the cells of a failing sum carry its new figures (the inputs’ accessible description)', async () => {
    const el = await renderEditor(city, 'no-drafts');
    const id = 'requests.granted.commercial';
    await typeInto(el, id, '9');
    const sum = el.findings.find((f) => f.cells.includes(id) && f.rule !== 'suspect.cell' && f.cells.includes('requests.granted.total'))!;
    expect(sum).toBeDefined();
    for (const cell of sum.cells) {
      const described = inputOf(el, cell).getAttribute('aria-describedby')?.split(' ').map((ref) => text(el.shadowRoot!.getElementById(ref)));
      expect(described?.join(' '), cell).toContain(sum.message);
      // The description text is not rendered (no layout when it changes), yet it is what the input says.
      await expect.element(inputOf(el, cell)).toHaveAccessibleDescription(expect.stringContaining(sum.message));
    }
  });
});

describe('a sum breaking or mending rewrites the descriptions of its cells, not the cells', () => {
  test('typing 5 into a cell of the seed and deleting it: one text in each cell of the sums, nothing else in any other cell', async () => {
    const el = await renderEditor(seed, 'no-drafts');
    const root = el.shadowRoot!;
    const id = 'requests.granted.naturalPerson';
    const input = inputOf(el, id);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    await el.updateComplete;
    const cells = Array.from(root.querySelectorAll<HTMLElement>('td[data-cell]'));
    // Every cell's nodes, to see that none is made anew.
    const nodes = new Map(cells.map((td) => [td.dataset.cell!, [td, td.querySelector('input')!, td.querySelector('span[hidden]')!] as const]));
    const description = (cell: string) => text(nodes.get(cell)![2]);
    for (const [key, breaks] of [['5', true], ['{Backspace}', false]] as const) {
      const before = new Map(cells.map((td) => [td.dataset.cell!, description(td.dataset.cell!)]));
      const findingsBefore = el.findings;
      const records = await mutationsOf(el, () => userEvent.keyboard(key));
      const sums = (breaks ? el.findings : findingsBefore).filter((f) => f.cells.includes(id) && f.rule !== 'suspect.cell' && f.severity === 'error');
      expect(sums.length, key).toBeGreaterThan(0);
      // The cells whose description changed: exactly those of the findings the keystroke changed.
      const redescribed = cells.map((td) => td.dataset.cell!).filter((cell) => description(cell) !== before.get(cell));
      const expected = [...changedFindingCells(findingsBefore, el.findings)].filter((cell) => nodes.has(cell));
      expect(new Set(redescribed), key).toEqual(new Set(expected));
      for (const f of sums) {
        for (const cell of f.cells) {
          if (breaks) expect(description(cell), cell).toContain(f.message);
          else expect(description(cell), cell).toBe('');
        }
      }
      // In a cell other than the one typed in, a keystroke changes the text of its description
      // and nothing else: no attribute, no node of the cell's template (it is not rendered again).
      for (const r of records) {
        const td = elementOf(r)?.closest<HTMLElement>('td[data-cell]');
        if (!td || td.dataset.cell === id) continue;
        const span = nodes.get(td.dataset.cell!)![2];
        expect(r.type === 'attributes' ? r.attributeName : r.target === span || r.target.parentNode === span, `${key}: ${r.type} in ${td.dataset.cell}`).toBe(true);
      }
      const touched = new Set(records.map((r) => elementOf(r)?.closest<HTMLElement>('td[data-cell]')?.dataset.cell).filter(Boolean));
      for (const cell of touched) expect(cell === id || redescribed.includes(cell!), `${key}: ${cell}`).toBe(true);
      // The same nodes in every cell, and each input still names its description.
      for (const td of Array.from(root.querySelectorAll<HTMLElement>('td[data-cell]'))) {
        const [cell, field, span] = nodes.get(td.dataset.cell!)!;
        expect(td).toBe(cell);
        expect(td.querySelector('input')).toBe(field);
        expect(td.querySelector('span[hidden]')).toBe(span);
        expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(span.id);
      }
    }
    expect(getCell(el.value!, id)).toBe(0);
    // A sum's cell says the sum to a screen reader while it fails, and nothing once it is mended.
    await userEvent.keyboard('5');
    await el.updateComplete;
    const sum = el.findings.find((f) => f.cells.includes(id) && f.rule === 'requests.results-sum')!;
    const other = sum.cells.find((cell) => cell !== id)!;
    await expect.element(inputOf(el, other)).toHaveAccessibleDescription(expect.stringContaining(sum.message));
    await userEvent.keyboard('{Backspace}');
    await el.updateComplete;
    await expect.element(inputOf(el, other)).toHaveAccessibleDescription('');
  });
});

describe('what decides that a cell renders again', () => {
  const state = (texts = new Map<string, string>()) => ({
    texts,
    errors: new Map<string, string>(),
    autoCells: new Set<string>(),
    justFilled: new Set<string>(),
    disabled: false,
  });

  test('a re-check that finds the same keeps the findings shown (the list is not rendered again)', () => {
    const marks = new FindingMarks();
    const first = marks.update(check(city));
    const again = check(city);
    expect(again).not.toBe(first);
    expect(marks.update(again)).toBe(first);
    const changed = check(withCell(city, 'requests.granted.commercial', 1));
    const shown = marks.update(changed);
    expect(shown).not.toBe(first);
    expect(shown).toEqual(changed);
    // The findings that did not change keep their objects (their list items are not rendered again).
    for (const f of shown.filter((f, i) => f !== changed[i])) expect(first).toContain(f);
  });

  test('a sum that starts failing changes the stamps of the cells it marks, not of those it only describes', () => {
    // The seed: （一）予以公开·自然人 typed as 5 breaks two sums; core pinpoints that cell, so the
    // sums' other cells are not marked (their inputs' descriptions say the sums: not their stamps).
    const id = 'requests.granted.naturalPerson';
    const marks = new FindingMarks();
    const stamps = new CellStamps();
    marks.update(check(seed));
    const first = stamps.begin(state(), seed, marks, new Set());
    const snapshot = new Map(taxonomy('2021').cells.map((c) => [c.id, first(c.id)]));
    const next = withCell(seed, id, 5);
    const findings = marks.update(check(next));
    expect(findings.some((f) => f.rule === 'suspect.cell' && f.cells.includes(id))).toBe(true);
    const described = new Set(findings.filter((f) => f.cells.includes(id) && f.rule !== 'suspect.cell').flatMap((f) => f.cells));
    expect(described.size).toBeGreaterThan(10);
    const after = stamps.begin(state(), next, marks, new Set());
    expect(taxonomy('2021').cells.filter((c) => after(c.id) !== snapshot.get(c.id)).map((c) => c.id)).toEqual([id]);
    // A mark that changes does change the stamp: the same sums with no suspect mark their cells lightly.
    const other = [...described].find((cell) => cell !== id)!;
    const unmarked = after(other);
    marks.update(findings.filter((f) => f.rule !== 'suspect.cell').map((f) => ({ ...f })));
    const light = stamps.begin(state(), next, marks, new Set());
    expect(light(other)).not.toBe(unmarked);
  });

  test('after a change, only the changed cell and the cells of the findings that changed get new stamps', () => {
    const id = 'requests.granted.commercial';
    const next = withCell(city, id, 7);
    const marks = new FindingMarks();
    const stamps = new CellStamps();
    const before = marks.update(check(city));
    const stampsBefore = stamps.begin(state(), city, marks, new Set());
    const snapshot = new Map(taxonomy('2021').cells.map((c) => [c.id, stampsBefore(c.id)]));
    // The same inputs in the next render: the same stamps (nothing renders again).
    const same = stamps.begin(state(), city, marks, new Set());
    expect(taxonomy('2021').cells.filter((c) => same(c.id) !== snapshot.get(c.id))).toEqual([]);
    const after = marks.update(check(next));
    const stampsAfter = stamps.begin(state(), next, marks, new Set());
    const changed = taxonomy('2021').cells.filter((c) => snapshot.get(c.id) !== stampsAfter(c.id)).map((c) => c.id);
    const expected = new Set([id, ...changedFindingCells(before, after)]);
    expect(changed).toContain(id);
    for (const cell of changed) expect(expected.has(cell), cell).toBe(true);
    // A new stamp is larger than every earlier one: a row's or table's largest stamp changes with any of its cells.
    for (const cell of changed) expect(stampsAfter(cell)).toBeGreaterThan(Math.max(...snapshot.values()));
    // Tables 二 and 四 are untouched: their stamps (and so their templates) stay.
    expect(changed.every((c) => c.startsWith('requests.'))).toBe(true);
    // Text being typed counts, even where the value did not change; so do selection and a refusal.
    const typing = stamps.begin(state(new Map([[id, '7.']])), next, marks, new Set(['requests.granted.total']));
    expect(typing(id)).not.toBe(stampsAfter(id));
    expect(typing('requests.granted.total')).not.toBe(stampsAfter('requests.granted.total'));
    expect(typing('requests.granted.naturalPerson')).toBe(stampsAfter('requests.granted.naturalPerson'));
  });
});

/** What a person (and a screen reader) gets from every cell and the findings list. */
function snapshot(el: DisclosureReportElement) {
  const root = el.shadowRoot!;
  const cells = Array.from(root.querySelectorAll<HTMLElement>('td[data-cell]')).map((td) => {
    const input = td.querySelector('input')!;
    const described = (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((ref) => text(root.getElementById(ref)));
    return {
      cell: td.dataset.cell,
      // just-filled says what the last change did, not what the report is.
      classes: td.className.split(/\s+/).filter((c) => c && c !== 'just-filled').sort().join(' '),
      part: td.getAttribute('part'),
      text: text(td),
      value: input.value,
      label: input.getAttribute('aria-label'),
      invalid: input.getAttribute('aria-invalid'),
      readOnly: input.readOnly,
      described,
    };
  });
  const findings = Array.from(root.querySelectorAll<HTMLElement>('.findings li')).map((li) => ({
    id: li.id,
    rule: li.dataset.rule,
    target: li.dataset.target,
    className: li.className,
    text: text(li),
  }));
  return { cells, findings, summary: text(root.querySelector('[part~="findings-summary"]')) };
}

const checkAll = async (el: DisclosureReportElement) => {
  el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="check-all"]')!.click();
  await el.updateComplete;
};

describe('differential: after any keystrokes, the DOM is that of a fresh render of the same report', () => {
  const ids = taxonomy('2021')
    .cells.filter((c) => c.kind === 'count')
    .map((c) => c.id);
  type Step = { kind: 'type'; id: string; keys: string } | { kind: 'key'; key: '{Backspace}' | '{Delete}' } | { kind: 'undo' } | { kind: 'auto' } | { kind: 'lang' };
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('type' as const), id: fc.constantFrom(...ids), keys: fc.stringMatching(/^[0-9]{1,3}$/) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('key' as const), key: fc.constantFrom('{Backspace}' as const, '{Delete}' as const) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'undo' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'auto' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'lang' as const }) },
  );

  test('random edits of the city report (typing, deleting, undo, auto totals, language)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 8 }), async (steps) => {
        cleanup();
        const el = await renderEditor(city, 'no-drafts');
        await checkAll(el);
        for (const s of steps) {
          if (s.kind === 'type') await typeInto(el, s.id, s.keys);
          else if (s.kind === 'key') await userEvent.keyboard(s.key);
          // Undoing a fill while auto totals are on leaves totals a fresh render would fill: a state only history makes.
          else if (s.kind === 'undo') el.autoTotals || el.undo();
          else if (s.kind === 'auto') el.autoTotals = !el.autoTotals;
          else el.lang = el.lang === 'en' ? 'zh-CN' : 'en';
          await el.updateComplete;
        }
        // Leave the cell: what was typed is shown as the number it became, as in a fresh render.
        (el.shadowRoot!.activeElement as HTMLElement | null)?.blur();
        await el.updateComplete;
        const fresh = await renderEditor(el.value!, `no-drafts lang="${el.lang || 'zh-CN'}"${el.autoTotals ? ' auto-totals' : ''}`);
        await checkAll(fresh);
        expect(fresh.value).toEqual(el.value);
        expect(snapshot(el)).toEqual(snapshot(fresh));
      }),
      { numRuns: 12, seed: 15 },
    );
  });
});
