/** The sub-elements for pages that want one table only. */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { DisclosureReportElement } from '../src/index.js';
import { cleanup, mount, seed, settled, text } from './helpers.js';

beforeEach(() => {
  document.documentElement.lang = 'zh-CN';
});
afterEach(cleanup);

describe('single tables', () => {
  test.each([
    ['disclosure-active-table', 'active', '二、主动公开政府信息情况', 10],
    ['disclosure-requests-table', 'requests', '三、收到和处理政府信息公开申请情况', 175],
    ['disclosure-reviews-table', 'reviews', '四、政府信息公开行政复议、行政诉讼情况', 15],
  ] as const)('<%s> renders table %s only, with a visible caption', async (tag, table, caption, cells) => {
    const el = mount<DisclosureReportElement>(`<${tag}></${tag}>`);
    el.report = seed;
    await settled(el);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('table').length).toBe(1);
    expect(root.querySelector(`table.${table}`)).not.toBeNull();
    const cap = root.querySelector('caption')!;
    expect(text(cap)).toBe(caption);
    expect(cap.classList.contains('visually-hidden')).toBe(false);
    expect(root.querySelectorAll(`td[data-cell^="${table}."]`).length).toBe(cells);
    expect(root.querySelectorAll('td[data-cell]').length).toBe(cells);
  });

  test('single tables load from src and report errors like the report element', async () => {
    const el = mount<DisclosureReportElement>('<disclosure-reviews-table src="/missing.json" lang="en"></disclosure-reviews-table>');
    await settled(el);
    expect(text(el.shadowRoot!.querySelector('[role="alert"]'))).toContain('HTTP 404');
  });

  test('tags and events are typed (HTMLElementTagNameMap, HTMLElementEventMap)', () => {
    const el = document.createElement('disclosure-report');
    // Compile-time: these lines only type-check if the maps are augmented.
    const focus: (id: string) => boolean = el.focusCell.bind(el);
    el.addEventListener('disclosure-load', (e) => void e.detail.report.format);
    el.addEventListener('disclosure-error', (e) => void e.detail.error.kind);
    el.addEventListener('disclosure-finding-select', (e) => void e.detail.finding.rule);
    expect(typeof focus).toBe('function');
    expect(document.createElement('disclosure-findings').constructor.name).toBe('DisclosureFindingsElement');
  });
});
