/**
 * Rule packs on the element (issue 16): the `packs` property and the `packs-src` attribute,
 * their findings beside the national ones, and a pack that cannot be used said plainly.
 */
import { withCell } from '@disclosure-report/core';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import cityNotice from '../../core/rules/packs/example-city-notice.json';
import type { DisclosureReportElement } from '../src/index.js';
import { cleanup, mount, renderEditor, seed, servedUrl, settled, text } from './helpers.js';

beforeEach(() => {
  document.documentElement.lang = 'zh-CN';
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});


const items = (el: Element) => [...el.shadowRoot!.querySelectorAll('[part~="findings-list"] > li')].map((li) => text(li));
const notice = (el: Element) => text(el.shadowRoot!.querySelector('[part~="findings-notice"]'));
/** Renders until the packs (fetched or given) are applied or refused. */
async function packsSettled(el: DisclosureReportElement): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await settled(el);
    if (!el.shadowRoot!.querySelector('[part~="findings-status"]')) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the packs never settled');
}

const overviewPack = {
  name: 'sz-2025',
  version: '1.0.0',
  formats: ['2021'],
  rules: [
    {
      id: 'local.sz-2025.overview.length',
      target: 'overview',
      severity: 'warning',
      cells: [],
      condition: { '<=': [{ textLength: [{ var: 'sections.overview' }] }, 100] },
      expected: 100,
      actual: { textLength: [{ var: 'sections.overview' }] },
      message: { 'zh-CN': '一、总体情况：{actual} 字，超过 {expected} 字', en: '1. Overview: {actual} characters, more than {expected}' },
    },
  ],
  severity: { 'sections.fee-report': 'off' },
};

describe('rule packs on <disclosure-report>', () => {
  test('the packs property: the pack\'s findings with the national ones, a national rule switched off', async () => {
    const el = mount<DisclosureReportElement>('<disclosure-report show-findings></disclosure-report>');
    el.report = seed;
    await packsSettled(el);
    const national = items(el);
    expect(national.some((t) => t.includes('六、其他需要报告的事项'))).toBe(true);
    el.packs = [overviewPack];
    await packsSettled(el);
    const withPack = items(el);
    expect(withPack.some((t) => /一、总体情况：\d+ 字，超过 100 字/.test(t))).toBe(true);
    // sections.fee-report is off in the pack.
    expect(withPack.some((t) => t.includes('六、其他需要报告的事项'))).toBe(false);
    expect(notice(el)).toBe('');
    el.packs = null;
    await packsSettled(el);
    expect(items(el)).toEqual(national);
  });

  test('packs-src: fetched like src; a real notice\'s pack finds the overview states no figures', async () => {
    const url = servedUrl(cityNotice, 'packs');
    const el = mount<DisclosureReportElement>(`<disclosure-report show-findings packs-src="${url}"></disclosure-report>`);
    el.report = seed;
    await packsSettled(el);
    const found = items(el);
    expect(found.some((t) => t.includes('一、总体情况：未写明本年主动公开政府信息的数量（通知要求写明）'))).toBe(true);
    expect(found.some((t) => t.includes('一、总体情况：未写明本年收到政府信息公开申请的件数（通知要求写明）'))).toBe(true);
  });

  test('a pack that is not valid: said above the findings, the national rules still checked, nothing thrown', async () => {
    const url = servedUrl({ ...overviewPack, rules: [{ ...overviewPack.rules[0], condition: { regex: ['a'] } }] }, 'packs');
    const el = mount<DisclosureReportElement>(`<disclosure-report show-findings packs-src="${url}"></disclosure-report>`);
    el.report = seed;
    await packsSettled(el);
    expect(notice(el)).toMatch(/^规则包无法使用，以下只按国家规则检查：.*rules\[0\]\.condition: unknown JSON-logic operation "regex"/);
    expect(items(el).some((t) => t.includes('六、其他需要报告的事项'))).toBe(true);
    // Not fetched from a javascript: URL either.
    el.setAttribute('packs-src', 'javascript:alert(1)');
    await packsSettled(el);
    expect(notice(el)).toContain('not fetched (only http(s) and relative URLs)');
  });

  test('pack text is shown as text, never as markup', async () => {
    const hostile = { ...overviewPack, rules: [{ ...overviewPack.rules[0], message: { 'zh-CN': '<img src=x onerror="window.__pwned=1">{actual}', en: 'x' } }] };
    const el = mount<DisclosureReportElement>('<disclosure-report show-findings></disclosure-report>');
    el.report = seed;
    el.packs = [hostile];
    await packsSettled(el);
    expect(items(el).some((t) => t.includes('<img src=x onerror="window.__pwned=1">'))).toBe(true);
    expect(el.shadowRoot!.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  test('in edit mode the pack\'s rules check as the clerk types', async () => {
    const el = await renderEditor(withCell(seed, 'requests.newReceived.total', 0));
    el.packs = [overviewPack];
    await packsSettled(el);
    const area = el.shadowRoot!.querySelector('textarea[data-section="overview"]') as HTMLTextAreaElement;
    area.value = '本年度'.repeat(10);
    area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await packsSettled(el);
    // 30 characters: within the pack's 100.
    expect(items(el).some((t) => /一、总体情况：\d+ 字，超过 100 字/.test(t))).toBe(false);
    area.value = '本年度'.repeat(40);
    area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await packsSettled(el);
    expect(items(el).some((t) => t.includes('一、总体情况：120 字，超过 100 字'))).toBe(true);
  });
});
