/** Edit mode: drafts in localStorage, the form field (value, validity), events, accessibility. */
import { type Report, getCell, withCell } from '@disclosure-report/core';
import axe from 'axe-core';
import { userEvent } from 'vitest/browser';
import { describe, expect, test, vi } from 'vitest';
import type { DisclosureChangeDetail, DisclosureReportElement, DisclosureSubmitDetail } from '../src/index.js';
import { cleanPageEachTest, cleanup, inputOf, mount, renderEditor, seed, settled, text, typeInto } from './helpers.js';

cleanPageEachTest();


const blankReport2021 = () => ({ ...seed, agency: '', sections: { overview: '', problems: '', other: '' } }) as Report;

const seedKey = 'disclosure-report:陈家坝镇人民政府:2023:2021';
const button = (el: DisclosureReportElement, action: string) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);

describe('drafts', () => {
  test('a draft is saved as you type and survives a reload: restore it, submit, and markSaved() removes it', async () => {
    let el = await renderEditor(seed);
    await typeInto(el, 'requests.newReceived.naturalPerson', '7');
    await vi.waitFor(() => expect(localStorage.getItem(seedKey)).not.toBeNull());
    const saved = JSON.parse(localStorage.getItem(seedKey)!);
    expect(getCell(saved.report, 'requests.newReceived.naturalPerson')).toBe(7);
    expect(Date.now() - Date.parse(saved.savedAt)).toBeLessThan(10_000);
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('.saved'))).toContain('草稿已于');

    // The page is opened again: same report, same agency, year and format.
    cleanup();
    el = await renderEditor(seed);
    const prompt = el.shadowRoot!.querySelector('[part~="draft-prompt"]')!;
    expect(text(prompt)).toContain('发现');
    expect(text(prompt)).toContain(new Date(saved.savedAt).toLocaleString('zh-CN'));
    expect(getCell(el.value!, 'requests.newReceived.naturalPerson')).toBe(0);
    button(el, 'restore-draft')!.click();
    await el.updateComplete;
    expect(getCell(el.value!, 'requests.newReceived.naturalPerson')).toBe(7);
    expect(inputOf(el, 'requests.newReceived.naturalPerson').value).toBe('7');
    expect(el.shadowRoot!.querySelector('[part~="draft-prompt"]')).toBeNull();
    // Restoring can be undone.
    el.undo();
    expect(getCell(el.value!, 'requests.newReceived.naturalPerson')).toBe(0);
    el.redo();

    const submits: DisclosureSubmitDetail[] = [];
    el.addEventListener('disclosure-submit', (e) => submits.push(e.detail));
    el.submit();
    expect(submits).toEqual([{ report: el.value }]);
    // Kept until the page says the server saved it.
    expect(localStorage.getItem(seedKey)).not.toBeNull();
    expect(el.dirty).toBe(true);
    el.markSaved();
    expect(localStorage.getItem(seedKey)).toBeNull();
    expect(el.dirty).toBe(false);
  });

  test('discarding the draft removes it; draft-key sets the key; pagehide saves at once', async () => {
    localStorage.setItem(
      'my-key',
      JSON.stringify({ savedAt: '2024-01-15T02:30:00.000Z', report: withCell(seed, 'reviews.reconsideration.upheld', 1) }),
    );
    const el = await renderEditor(seed, 'draft-key="my-key"');
    expect(el.shadowRoot!.querySelector('[part~="draft-prompt"]')).not.toBeNull();
    button(el, 'discard-draft')!.click();
    await el.updateComplete;
    expect(localStorage.getItem('my-key')).toBeNull();
    expect(el.value).toBe(seed);
    await typeInto(el, 'reviews.reconsideration.upheld', '2');
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(JSON.parse(localStorage.getItem('my-key')!).report.reviews.reconsideration.upheld).toBe(2);
    expect(localStorage.getItem(seedKey)).toBeNull();
  });

  test('undoing back to the opened report removes the draft; an identical draft is not offered', async () => {
    const el = await renderEditor(seed);
    await typeInto(el, 'requests.newReceived.naturalPerson', '7');
    await vi.waitFor(() => expect(localStorage.getItem(seedKey)).not.toBeNull());
    el.undo();
    await vi.waitFor(() => expect(localStorage.getItem(seedKey)).toBeNull());
    localStorage.setItem(seedKey, JSON.stringify({ savedAt: new Date().toISOString(), report: seed }));
    cleanup();
    const again = await renderEditor(seed);
    expect(again.shadowRoot!.querySelector('[part~="draft-prompt"]')).toBeNull();
  });

  test('storage full: editing goes on and a notice says drafts are not being kept', async () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const el = await renderEditor(seed);
    await typeInto(el, 'requests.newReceived.naturalPerson', '7');
    await vi.waitFor(() => expect(text(el.shadowRoot!.querySelector('[part~="notice"]'))).toContain('无法保存草稿'));
    expect(getCell(el.value!, 'requests.newReceived.naturalPerson')).toBe(7);
    await typeInto(el, 'requests.newReceived.commercial', '1');
    expect(getCell(el.value!, 'requests.newReceived.commercial')).toBe(1);
  });

  test('leaving with unsaved changes asks first (beforeunload), only when there are changes', async () => {
    const el = await renderEditor(seed);
    const leave = () => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(leave()).toBe(false);
    await typeInto(el, 'requests.newReceived.naturalPerson', '7');
    expect(el.dirty).toBe(true);
    expect(leave()).toBe(true);
    el.undo();
    expect(leave()).toBe(false);
  });
});

describe('the page’s listeners', () => {
  const leave = () => {
    const e = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  };
  const types = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => c[0]);

  test('are on in edit mode only: a report shown read-only adds none before its first paint', async () => {
    const add = vi.spyOn(window, 'addEventListener');
    const remove = vi.spyOn(window, 'removeEventListener');
    const el = mount<DisclosureReportElement>('<disclosure-report></disclosure-report>');
    el.report = seed;
    await settled(el);
    expect(types(add)).not.toContain('beforeunload');
    el.mode = 'edit';
    await el.updateComplete;
    expect(types(add).filter((t) => t === 'beforeunload' || t === 'pagehide' || t === 'storage')).toEqual(['beforeunload', 'pagehide', 'storage']);
    await typeInto(el, 'requests.newReceived.naturalPerson', '7');
    expect(leave()).toBe(true);
    el.mode = 'view';
    await el.updateComplete;
    expect(types(remove)).toContain('beforeunload');
    expect(leave()).toBe(false);
  });

  test('stay on when an editor is moved in the page (disconnected, connected again)', async () => {
    const el = await renderEditor(seed);
    await typeInto(el, 'requests.newReceived.naturalPerson', '7');
    document.body.append(mount('<div></div>'));
    (document.body.lastElementChild as HTMLElement).append(el);
    expect(el.isConnected).toBe(true);
    expect(el.dirty).toBe(true);
    expect(leave()).toBe(true);
    el.remove();
    expect(leave()).toBe(false);
  });
});

describe('form association', () => {
  test('inside a <form> with a name, the report JSON is submitted as the field’s value', async () => {
    const form = mount<HTMLFormElement>('<form><button>提交</button></form>');
    const el = await renderEditor(seed, 'name="report"', form);
    expect(el.form).toBe(form);
    await typeInto(el, 'reviews.reconsideration.upheld', '1');
    await typeInto(el, 'reviews.reconsideration.total', '1');
    await vi.waitFor(() => expect(localStorage.getItem(seedKey)).not.toBeNull());
    let submitted: FormData | null = null;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submitted = new FormData(form);
    });
    form.querySelector('button')!.click();
    expect(submitted).not.toBeNull();
    const json = submitted!.get('report') as string;
    expect(JSON.parse(json)).toEqual(el.value);
    expect(getCell(JSON.parse(json), 'reviews.reconsideration.total')).toBe(1);
    // Submitting keeps the draft until the page says the report was saved.
    expect(localStorage.getItem(seedKey)).not.toBeNull();
    expect(el.dirty).toBe(true);
    el.markSaved();
    expect(localStorage.getItem(seedKey)).toBeNull();
    expect(el.dirty).toBe(false);
  });

  test('error findings make the field invalid: reportValidity() stops the submit, with a message', async () => {
    const form = mount<HTMLFormElement>('<form><button>提交</button></form>');
    const el = await renderEditor(seed, 'name="report"', form);
    const submits: Event[] = [];
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submits.push(e);
    });
    expect(form.checkValidity()).toBe(true);
    await typeInto(el, 'requests.newReceived.naturalPerson', '3');
    expect(el.validity!.valid).toBe(false);
    expect(el.validity!.customError).toBe(true);
    expect(el.validationMessage).toMatch(/^年度报告有 \d+ 项错误：/);
    expect(el.matches(':invalid')).toBe(true);
    expect(form.reportValidity()).toBe(false);
    form.requestSubmit();
    expect(submits).toHaveLength(0);
    // reportValidity focuses the first offending cell.
    expect((el.shadowRoot!.activeElement?.closest('td') as HTMLElement | null)?.dataset.cell).toMatch(/^requests\./);
    // Fixed: it submits.
    await typeInto(el, 'requests.newReceived.naturalPerson', '0');
    expect(form.checkValidity()).toBe(true);
    form.requestSubmit();
    expect(submits).toHaveLength(1);
    // Opting out: novalidate on the element (or on the form) lets a broken report through.
    await typeInto(el, 'requests.newReceived.naturalPerson', '3');
    expect(form.checkValidity()).toBe(false);
    el.novalidate = true;
    await el.updateComplete;
    expect(form.checkValidity()).toBe(true);
  });

  test('form reset returns to the report as opened; a disabled fieldset disables the inputs', async () => {
    const form = mount<HTMLFormElement>('<form><fieldset></fieldset></form>');
    const el = await renderEditor(seed, 'name="report"', form.querySelector('fieldset')!);
    await typeInto(el, 'requests.newReceived.naturalPerson', '3');
    form.reset();
    await el.updateComplete;
    expect(el.value).toEqual(seed);
    expect(inputOf(el, 'requests.newReceived.naturalPerson').value).toBe('0');
    form.querySelector('fieldset')!.disabled = true;
    await vi.waitFor(() => expect(inputOf(el, 'requests.newReceived.naturalPerson').disabled).toBe(true));
    expect(el.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea')!.disabled).toBe(true);
  });
});

describe('toolbar: export, import, print', () => {
  test('export JSON downloads the report as edited; import a JSON file replaces it (one undoable step)', async () => {
    const el = await renderEditor(seed);
    await typeInto(el, 'reviews.litigationDirect.pending', '2');
    let href = '';
    let download = '';
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      href = this.href;
      download = this.download;
    });
    button(el, 'export')!.click();
    expect(download).toBe('陈家坝镇人民政府-2023.json');
    const exported = JSON.parse(await (await fetch(href)).text());
    expect(exported).toEqual(el.value);
    // Exported: nothing unsaved.
    expect(el.dirty).toBe(false);

    const other = withCell({ ...seed, agency: '另一机关' }, 'requests.newReceived.total', 1);
    expect(await el.importFile(new File([JSON.stringify(other)], 'other.json', { type: 'application/json' }))).toBe(true);
    await el.updateComplete;
    expect(el.value).toEqual(other);
    expect(text(el.shadowRoot!.querySelector('[part~="edit-status"]'))).toBe('已导入 other.json');
    el.undo();
    expect(getCell(el.value!, 'reviews.litigationDirect.pending')).toBe(2);
    expect(await el.importFile(new File(['{not json'], 'bad.json'))).toBe(false);
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('[part~="edit-status"]'))).toContain('导入失败');
  });

  test('import a published HTML report: JSON only until the app loads the importers, which load on demand', async () => {
    const { toHtml } = await import('@disclosure-report/core');
    const el = await renderEditor(blankReport2021());
    const published = withCell(withCell(seed, 'requests.newReceived.naturalPerson', 2), 'requests.newReceived.total', 2);
    const file = new File([toHtml(published)], '2023年报.html', { type: 'text/html' });
    // Without @disclosure-report/elements/importers the element never touches the readers.
    expect(await el.importFile(file)).toBe(false);
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('[part~="edit-status"]'))).toContain('此页面只能导入 JSON 文件');
    await import('../src/importers.js');
    const ok = await el.importFile(file);
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('[part~="edit-status"]'))).toBe('已导入 2023年报.html');
    expect(ok).toBe(true);
    expect(el.value!.agency).toBe(seed.agency);
    expect(getCell(el.value!, 'requests.newReceived.naturalPerson')).toBe(2);
  });

  test('print shows the read-only layout while printing, then edit mode again', async () => {
    const el = await renderEditor(seed);
    let inputsWhilePrinting = -1;
    vi.spyOn(window, 'print').mockImplementation(() => {
      inputsWhilePrinting = el.shadowRoot!.querySelectorAll('input').length;
    });
    await el.print();
    expect(inputsWhilePrinting).toBe(0);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('td input').length).toBe(200);
  });
});

describe('robust on other people’s data', () => {
  test('markup in a report being edited stays text and runs nothing', async () => {
    const w = window as unknown as { __pwned?: number };
    delete w.__pwned;
    const evil = '<img src=x onerror="window.__pwned=1">';
    let report = { ...seed, agency: evil, title: evil, sections: { ...seed.sections, overview: evil } } as Report;
    report = withCell(report, 'requests.granted.total', evil as unknown as number);
    const el = await renderEditor(report);
    expect(el.shadowRoot!.querySelector('img')).toBeNull();
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('[data-meta="agency"]')!.value).toBe(evil);
    expect(el.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea[data-section="overview"]')!.value).toBe(evil);
    expect(inputOf(el, 'requests.granted.total').value).toBe(evil);
    expect(el.findings.some((f) => f.rule === 'cell.type')).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(w.__pwned).toBeUndefined();
  });

  test('a form state restored by the browser before the report loads is applied once it does', async () => {
    const el = mount<DisclosureReportElement>('<disclosure-report mode="edit"></disclosure-report>');
    const edited = withCell(seed, 'requests.newReceived.naturalPerson', 9);
    el.formStateRestoreCallback(JSON.stringify(edited));
    el.report = seed;
    await settled(el);
    expect(el.value).toEqual(edited);
  });
});

describe('events and accessibility', () => {
  test('disclosure-change on every change (report, findings, cause, cells); disclosure-input per cell', async () => {
    const el = await renderEditor(seed);
    const changes: DisclosureChangeDetail[] = [];
    const inputs: unknown[] = [];
    document.addEventListener('disclosure-change', (e) => changes.push(e.detail));
    document.addEventListener('disclosure-input', (e) => inputs.push(e.detail));
    await typeInto(el, 'requests.newReceived.naturalPerson', '12');
    expect(changes.map((c) => c.cause)).toEqual(['input', 'input']);
    expect(changes[1]!.cells).toEqual(['requests.newReceived.naturalPerson']);
    expect(changes[1]!.report).toBe(el.value);
    expect(changes[1]!.findings.some((f) => f.rule === 'requests.row-total')).toBe(true);
    expect(inputs).toEqual([
      { cellId: 'requests.newReceived.naturalPerson', text: '1', value: 1, error: null },
      { cellId: 'requests.newReceived.naturalPerson', text: '12', value: 12, error: null },
    ]);
    const area = el.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea[data-section="other"]')!;
    area.focus();
    await userEvent.keyboard('。');
    el.undo();
    expect(changes.map((c) => c.cause)).toEqual(['input', 'input', 'section', 'undo']);
  });

  test('edit mode has no axe violations (with a refused value, findings and auto totals)', async () => {
    const main = mount('<main></main>');
    const el = await renderEditor(withCell(seed, 'requests.newReceived.total', 3), '', main);
    await typeInto(el, 'requests.granted.commercial', 'x');
    const auto = await renderEditor(seed, 'auto-totals lang="en" draft-key="other"', main);
    for (const e of [el, auto]) {
      const result = await axe.run(e, { resultTypes: ['violations'] });
      expect(
        result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      ).toEqual([]);
    }
  });
});
