/**
 * <disclosure-report compare> (issue 17): last year's figure and the change under each figure,
 * blank and 0 kept apart, said in words as well as arrows; the sentences repeating last year's
 * marked; last year's report given as a property or fetched from previous-src; text as text.
 */
import { type Report, withCell } from '@disclosure-report/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { DisclosureReportElement } from '../src/index.js';
import { cleanPageEachTest, mount, seed, servedUrl, settled, text } from './helpers.js';

cleanPageEachTest();
afterEach(() => vi.restoreAllMocks());

const overviewNow = '2023年，我镇认真贯彻落实政务公开工作要点，全面推进决策、执行、管理、服务、结果公开。今年新建了公开专区，回应关切三十余次。';
const overviewLast = '2022年，我镇认真贯彻落实政务公开工作要点，全面推进决策、执行、管理、服务、结果公开。去年主要做了公开栏的更新。';

function reports(): { now: Report; last: Report } {
  let now = withCell(seed, 'requests.newReceived.total', 12);
  now = withCell(now, 'requests.granted.total', null);
  now = withCell(now, 'active.fees.amount', 4166.241619);
  now = { ...now, sections: { ...now.sections, overview: overviewNow } };
  let last = withCell(seed, 'requests.newReceived.total', 15);
  last = withCell(last, 'requests.granted.total', 0);
  last = withCell(last, 'active.fees.amount', 4000.1);
  last = { ...last, year: 2022, sections: { overview: overviewLast, problems: '', other: '' } };
  return { now, last };
}
const td = (el: Element, id: string) => el.shadowRoot!.querySelector(`td[data-cell="${id}"]`) as HTMLTableCellElement;

describe('compare mode', () => {
  test('each figure with last year\'s and the change, in words for screen readers; blank is not 0', async () => {
    const { now, last } = reports();
    const el = mount<DisclosureReportElement>('<disclosure-report compare></disclosure-report>');
    el.report = now;
    el.previous = last;
    await settled(el);
    const received = td(el, 'requests.newReceived.total');
    expect(text(received.querySelector('[part~="cell-previous"]'))).toBe('上年 15 ▼3，比上年减少 3');
    // What a screen reader reads in the cell: this year's, last year's and the change in words.
    expect(received.textContent?.replace(/\s+/g, '')).toBe('12上年15▼3，比上年减少3');
    expect(received.querySelector('[aria-hidden="true"]')?.textContent).toBe('▼3');
    // This year blank, last year 0: last year's is shown, and no change is made up.
    const granted = td(el, 'requests.granted.total');
    expect(text(granted.querySelector('[part~="cell-previous"]'))).toBe('上年 0');
    expect(granted.querySelector('[part~="cell-change"]')).toBeNull();
    // Amounts: the change exact to the printed decimals.
    expect(text(td(el, 'active.fees.amount').querySelector('[part~="cell-previous"]'))).toBe('上年 4000.1 ▲166.141619，比上年增加 166.141619');
    expect(text(el.shadowRoot!.querySelector('[part~="compare-legend"]'))).toBe(
      '对照上年：陈家坝镇人民政府 2022 年度报告。各数字下为上年数字及增减（空白与 0 分开）；与上年相同的 1 句已标出',
    );
  });

  test('the sentences that repeat last year\'s are marked, and said', async () => {
    const { now, last } = reports();
    const el = mount<DisclosureReportElement>('<disclosure-report compare lang="en"></disclosure-report>');
    el.report = now;
    el.previous = last;
    await settled(el);
    const marks = [...el.shadowRoot!.querySelectorAll('mark[part~="repeated"]')].map((m) => m.textContent);
    expect(marks).toEqual(['2023年，我镇认真贯彻落实政务公开工作要点，全面推进决策、执行、管理、服务、结果公开。']);
    const paragraph = el.shadowRoot!.querySelector('mark[part~="repeated"]')!.closest('p')!;
    expect(paragraph.textContent).toBe(`2023年，我镇认真贯彻落实政务公开工作要点，全面推进决策、执行、管理、服务、结果公开。 (the same as last year's report)今年新建了公开专区，回应关切三十余次。`);
  });

  test('previous-src: last year\'s report fetched like src (and a bad URL said)', async () => {
    const { now, last } = reports();
    const el = mount<DisclosureReportElement>(`<disclosure-report compare previous-src="${servedUrl(last)}"></disclosure-report>`);
    el.report = now;
    await vi.waitFor(async () => {
      await settled(el);
      expect(text(td(el, 'requests.newReceived.total').querySelector('[part~="cell-previous"]'))).toBe('上年 15 ▼3，比上年减少 3');
    });
    expect(el.previous?.year).toBe(2022);
    el.setAttribute('previous-src', 'javascript:alert(1)');
    await vi.waitFor(async () => {
      await settled(el);
      expect(text(el.shadowRoot!.querySelector('[part~="compare-legend"]'))).toMatch(/^上年报告无法加载：/);
    });
  });

  test('without last year\'s report, says so; without compare, nothing of it shows', async () => {
    const el = mount<DisclosureReportElement>('<disclosure-report compare></disclosure-report>');
    el.report = seed;
    await settled(el);
    expect(text(el.shadowRoot!.querySelector('[part~="compare-legend"]'))).toBe('对照上年：未提供上年报告');
    expect(el.shadowRoot!.querySelector('[part~="cell-previous"]')).toBeNull();
    el.compare = false;
    el.previous = reports().last;
    await settled(el);
    expect(el.shadowRoot!.querySelector('[part~="compare-legend"]')).toBeNull();
    expect(el.shadowRoot!.querySelector('[part~="cell-previous"]')).toBeNull();
  });

  test('last year\'s text is text: hostile markup is shown, never run', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">本年度政务公开工作稳步推进，公开栏更新十二次。';
    const { now, last } = reports();
    const el = mount<DisclosureReportElement>('<disclosure-report compare></disclosure-report>');
    el.report = { ...now, sections: { ...now.sections, overview: hostile } };
    el.previous = { ...last, agency: '<b>机关</b>', sections: { ...last.sections, overview: hostile } };
    await settled(el);
    expect(el.shadowRoot!.querySelector('img, b')).toBeNull();
    expect(el.shadowRoot!.querySelector('mark')?.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    expect(text(el.shadowRoot!.querySelector('[part~="compare-legend"]'))).toContain('<b>机关</b>');
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
