/**
 * Edit mode loses nothing: the restore prompt, submitting (with fetch or a form), other tabs'
 * discards, form reset and damaged drafts. (Two real tabs and real reloads:
 * `test-node/edit-standalone.test.ts`.)
 */
import { type Report, getCell, withCell } from '@disclosure-report/core';
import { userEvent } from 'vitest/browser';
import { describe, expect, test, vi } from 'vitest';
import type { DisclosureReportElement } from '../src/index.js';
import { cleanPageEachTest, cleanup, inputOf, mount, renderEditor, seed, text, typeInto } from './helpers.js';

cleanPageEachTest();

const seedKey = 'disclosure-report:陈家坝镇人民政府:2023:2021';
const cellA = 'requests.newReceived.naturalPerson';
const cellB = 'requests.newReceived.commercial';

const button = (el: DisclosureReportElement, action: string) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
const promptOf = (el: DisclosureReportElement) => el.shadowRoot!.querySelector('[part~="draft-prompt"]');
const statusOf = (el: DisclosureReportElement) => text(el.shadowRoot!.querySelector('[part~="edit-status"]'));

/** The draft in storage (null when none). */
const stored = (key = seedKey) => {
  const t = localStorage.getItem(key);
  return t === null ? null : (JSON.parse(t) as { savedAt: string; report: Report; writer?: string });
};
const storedCell = (id: string, key = seedKey) => {
  const d = stored(key);
  return d ? getCell(d.report, id) : undefined;
};
/** Longer than the debounced save (300 ms). */
const pastSaveDelay = () => new Promise((r) => setTimeout(r, 450));
const leavePrompted = () => {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
};
/** What another tab's change to localStorage looks like here (browsers fire `storage` only in other documents). */
function otherTabSets(key: string, value: string | null): void {
  const oldValue = localStorage.getItem(key);
  if (value === null) localStorage.removeItem(key);
  else localStorage.setItem(key, value);
  window.dispatchEvent(new StorageEvent('storage', { key, oldValue, newValue: value, storageArea: localStorage, url: location.href }));
}

describe('1. the "restore draft?" prompt', () => {
  test('typing while the "restore draft?" prompt is unanswered is never saved; reopening restores the old value', async () => {
    const old = JSON.stringify({ savedAt: '2024-01-15T02:30:00.000Z', report: withCell(seed, cellA, 7) });
    localStorage.setItem(seedKey, old);
    let el = await renderEditor(seed);
    expect(promptOf(el)).not.toBeNull();
    // The fields wait for the answer: typing, Delete, paste and undo change nothing.
    await typeInto(el, cellB, '5');
    inputOf(el, cellB).dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, composed: true }));
    el.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea[data-section="overview"]')!.focus();
    await userEvent.keyboard('新写的');
    el.undo();
    await el.updateComplete;
    expect(el.value).toBe(seed);
    expect(el.dirty).toBe(false);
    expect(inputOf(el, cellB).disabled).toBe(true);
    expect(text(promptOf(el))).toContain('请先');
    // Neither the debounced save nor leaving the page touches the old draft.
    await pastSaveDelay();
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(localStorage.getItem(seedKey)).toBe(old);
    // Reopened (still unanswered): the same offer, and restoring gives the old value.
    cleanup();
    el = await renderEditor(seed);
    button(el, 'restore-draft')!.click();
    await el.updateComplete;
    expect(getCell(el.value!, cellA)).toBe(7);
    expect(inputOf(el, cellB).disabled).toBe(false);
    // Answered: editing goes on and is saved.
    await typeInto(el, cellB, '5');
    await vi.waitFor(() => expect(storedCell(cellB)).toBe(5));
    expect(storedCell(cellA)).toBe(7);
  });

  test('submitting or importing while the prompt is unanswered leaves the old draft in place', async () => {
    const old = JSON.stringify({ savedAt: '2024-01-15T02:30:00.000Z', report: withCell(seed, cellA, 7) });
    localStorage.setItem(seedKey, old);
    const form = mount<HTMLFormElement>('<form></form>');
    const el = await renderEditor(seed, 'name="report"', form);
    form.addEventListener('submit', (e) => e.preventDefault());
    form.requestSubmit();
    el.markSaved();
    expect(await el.importFile(new File([JSON.stringify(withCell(seed, cellB, 3))], 'x.json', { type: 'application/json' }))).toBe(false);
    await pastSaveDelay();
    expect(localStorage.getItem(seedKey)).toBe(old);
    expect(promptOf(el)).not.toBeNull();
  });
});

describe('2. submitting keeps the draft until the page says it was saved', () => {
  test('a portal posting with fetch that fails loses nothing: draft, dirty and the leave prompt stay until markSaved()', async () => {
    // novalidate: the edits below leave error findings, which would stop the submit.
    const form = mount<HTMLFormElement>('<form><button>提交</button></form>');
    let el = await renderEditor(seed, 'name="report" novalidate', form);
    let posted: string | null = null;
    form.addEventListener('submit', (e) => {
      // The portal posts with fetch (here: the server answers 500, so it never calls markSaved()).
      e.preventDefault();
      posted = new FormData(form).get('report') as string;
    });
    await typeInto(el, cellA, '7');
    form.querySelector('button')!.click();
    expect(getCell(JSON.parse(posted!), cellA)).toBe(7);
    // Saved at once on submit (no debounce to wait for), and kept.
    expect(storedCell(cellA)).toBe(7);
    expect(el.dirty).toBe(true);
    expect(leavePrompted()).toBe(true);
    await pastSaveDelay();
    expect(storedCell(cellA)).toBe(7);
    // The page is reloaded after the failure: the work is offered again.
    cleanup();
    el = await renderEditor(seed, 'name="report"', mount('<form></form>'));
    expect(promptOf(el)).not.toBeNull();
    button(el, 'restore-draft')!.click();
    await el.updateComplete;
    expect(getCell(el.value!, cellA)).toBe(7);
  });

  test('markSaved() after a successful post removes the draft and clears dirty; changes made meanwhile stay unsaved', async () => {
    const form = mount<HTMLFormElement>('<form><button>提交</button></form>');
    const el = await renderEditor(seed, 'name="report" novalidate', form);
    const submits: Event[] = [];
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submits.push(e);
    });
    await typeInto(el, cellA, '7');
    form.querySelector('button')!.click();
    // Typed while the request is on its way: not part of what the server saved.
    await typeInto(el, cellB, '2');
    el.markSaved();
    expect(el.dirty).toBe(true);
    await vi.waitFor(() => expect(storedCell(cellB)).toBe(2));
    expect(leavePrompted()).toBe(true);
    // Submitted again and saved: nothing left.
    form.querySelector('button')!.click();
    expect(submits).toHaveLength(2);
    el.markSaved();
    expect(el.dirty).toBe(false);
    expect(localStorage.getItem(seedKey)).toBeNull();
    expect(leavePrompted()).toBe(false);
    await pastSaveDelay();
    expect(localStorage.getItem(seedKey)).toBeNull();
  });

  test('submit() outside a form: disclosure-submit, and the draft is kept until markSaved(report)', async () => {
    const el = await renderEditor(seed);
    const reports: Report[] = [];
    el.addEventListener('disclosure-submit', (e) => reports.push(e.detail.report));
    await typeInto(el, cellA, '7');
    el.submit();
    expect(reports).toEqual([el.value]);
    expect(storedCell(cellA)).toBe(7);
    expect(el.dirty).toBe(true);
    // The server answers with its copy (JSON round trip, keys in another order).
    const copy = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(reports[0]!).reverse()))) as Report;
    el.markSaved(copy);
    expect(el.dirty).toBe(false);
    expect(localStorage.getItem(seedKey)).toBeNull();
  });

  test('the next load of the report as the server saved it drops the draft: no prompt, no stale draft', async () => {
    // A plain form post navigated away with the draft kept; the server saved the report and
    // serves it back (a database may reorder its keys).
    const savedOnServer = withCell(seed, cellA, 7);
    localStorage.setItem(seedKey, JSON.stringify({ savedAt: '2024-01-15T02:30:00.000Z', report: savedOnServer }));
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(savedOnServer).reverse()))) as Report;
    const el = await renderEditor(reordered);
    expect(promptOf(el)).toBeNull();
    expect(localStorage.getItem(seedKey)).toBeNull();
    expect(el.dirty).toBe(false);
    // A draft that differs is still offered.
    cleanup();
    localStorage.setItem(seedKey, JSON.stringify({ savedAt: '2024-01-15T02:30:00.000Z', report: withCell(savedOnServer, cellB, 1) }));
    expect(promptOf(await renderEditor(reordered))).not.toBeNull();
  });
});

describe('3. other tabs', () => {
  test('another tab’s 放弃 (discard) of the draft: this tab saves its live changes again at once and says so', async () => {
    const el = await renderEditor(seed);
    await typeInto(el, cellA, '7');
    await vi.waitFor(() => expect(storedCell(cellA)).toBe(7));
    // Another tab opened the report, was offered this draft and chose 放弃草稿.
    otherTabSets(seedKey, null);
    expect(storedCell(cellA)).toBe(7);
    await el.updateComplete;
    expect(statusOf(el)).toContain('另一个窗口或标签页');
    // A damaged draft written there is set aside the same way, and this tab's changes saved.
    otherTabSets(seedKey, '{"savedAt":');
    expect(storedCell(cellA)).toBe(7);
    expect(localStorage.getItem(`${seedKey}:invalid`)).toBe('{"savedAt":');
  });

  test('放弃 removes only the draft it offered: a newer one another tab saved meanwhile stays', async () => {
    localStorage.setItem(seedKey, JSON.stringify({ savedAt: '2024-01-15T02:30:00.000Z', report: withCell(seed, cellA, 7) }));
    const el = await renderEditor(seed);
    expect(promptOf(el)).not.toBeNull();
    const newer = JSON.stringify({ savedAt: new Date().toISOString(), report: withCell(seed, cellA, 8), writer: 'other-tab' });
    otherTabSets(seedKey, newer);
    button(el, 'discard-draft')!.click();
    await pastSaveDelay();
    expect(localStorage.getItem(seedKey)).toBe(newer);
    // This tab, with nothing of its own to save, raises no conflict either.
    expect(el.shadowRoot!.querySelector('[part~="draft-conflict"]')).toBeNull();
  });
});

describe('4. form reset', () => {
  test('a form reset keeps the draft until the next change, and says undo brings the changes back', async () => {
    const form = mount<HTMLFormElement>('<form></form>');
    let el = await renderEditor(seed, 'name="report"', form);
    await typeInto(el, cellA, '7');
    await vi.waitFor(() => expect(storedCell(cellA)).toBe(7));
    form.reset();
    await el.updateComplete;
    expect(el.value).toEqual(seed);
    await pastSaveDelay();
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(storedCell(cellA)).toBe(7);
    expect(statusOf(el)).toContain('撤销');
    // Reloaded after the reset: the changes are offered.
    cleanup();
    const form2 = mount<HTMLFormElement>('<form></form>');
    el = await renderEditor(seed, 'name="report"', form2);
    expect(promptOf(el)).not.toBeNull();
    button(el, 'restore-draft')!.click();
    await el.updateComplete;
    expect(getCell(el.value!, cellA)).toBe(7);
    // Undo brings them back.
    form2.reset();
    expect(el.value).toEqual(seed);
    el.undo();
    expect(getCell(el.value!, cellA)).toBe(7);
    // The next change after a reset is the next draft.
    form2.reset();
    await typeInto(el, cellB, '4');
    await vi.waitFor(() => expect(storedCell(cellB)).toBe(4));
    expect(storedCell(cellA)).toBe(0);
  });
});

describe('5. damaged drafts', () => {
  const damaged: [string, string][] = [
    ['report: null', JSON.stringify({ savedAt: '2024-01-15T02:30:00.000Z', report: null })],
    ['report: []', JSON.stringify({ savedAt: '2024-01-15T02:30:00.000Z', report: [] })],
    ['report: {}', JSON.stringify({ savedAt: '2024-01-15T02:30:00.000Z', report: {} })],
    ['a report of an unknown format', JSON.stringify({ savedAt: '2024-01-15T02:30:00.000Z', report: { ...seed, format: '1999' } })],
    ['tables that are not objects', JSON.stringify({ savedAt: '2024-01-15T02:30:00.000Z', report: { ...seed, requests: 5 } })],
    ['no time', JSON.stringify({ report: seed })],
    ['a time that is not one', JSON.stringify({ savedAt: 'gestern', report: withCell(seed, cellA, 1) })],
    ['a bare report', JSON.stringify(withCell(seed, cellA, 1))],
    ['[]', '[]'],
    ['null', 'null'],
    ['not JSON', '{"savedAt":"2024-01-15T02:30:00.000Z","report":{'],
  ];
  test.each(damaged)('%s: set aside with a notice, the editor works, the prompt never comes back', async (_, value) => {
    localStorage.setItem(seedKey, value);
    let el = await renderEditor(seed);
    expect(promptOf(el)).toBeNull();
    expect(statusOf(el)).toContain('草稿已损坏');
    expect(statusOf(el)).toContain(`${seedKey}:invalid`);
    expect(localStorage.getItem(`${seedKey}:invalid`)).toBe(value);
    expect(localStorage.getItem(seedKey)).toBeNull();
    // Editable, and its drafts are saved as usual.
    await typeInto(el, cellA, '7');
    expect(getCell(el.value!, cellA)).toBe(7);
    await vi.waitFor(() => expect(storedCell(cellA)).toBe(7));
    // Reopened: the new draft is offered; the damaged one never again.
    cleanup();
    el = await renderEditor(seed);
    expect(promptOf(el)).not.toBeNull();
    expect(statusOf(el)).not.toContain('草稿已损坏');
    button(el, 'discard-draft')!.click();
    cleanup();
    el = await renderEditor(seed);
    expect(promptOf(el)).toBeNull();
    expect(statusOf(el)).toBe('');
  });

  test('odd values in the cells of a draft are not damage: the draft is offered and restores', async () => {
    const odd = withCell(withCell(seed, cellA, 'abc' as unknown as number), cellB, 3);
    localStorage.setItem(seedKey, JSON.stringify({ savedAt: '2024-01-15T02:30:00.000Z', report: odd }));
    const el = await renderEditor(seed);
    button(el, 'restore-draft')!.click();
    await el.updateComplete;
    expect(getCell(el.value!, cellB)).toBe(3);
    expect(inputOf(el, cellA).value).toBe('abc');
  });
});
