/** This year beside last year (issue 17): figures with their change, and the sentences that repeat. */
import { describe, expect, it } from 'vitest';
import { type Report, compareReports, repeatedSentences, sentences, withCell } from '../src/index.js';
import { expectedReport } from './shared.js';

const seed = (): Report => expectedReport('chenjiaba-2023');

describe('compareReports', () => {
  it('gives each cell with last year\'s and the change, blank and 0 kept apart, amounts exact', () => {
    let now = withCell(seed(), 'requests.newReceived.total', 12);
    now = withCell(now, 'active.fees.amount', 4166.241619);
    now = withCell(now, 'requests.granted.total', null);
    let before = withCell(seed(), 'requests.newReceived.total', 15);
    before = withCell(before, 'active.fees.amount', 4000.1);
    before = withCell(before, 'requests.granted.total', 0);
    const { cells } = compareReports(now, { ...before, year: 2022 });
    const at = (id: string) => cells.find((c) => c.id === id);
    expect(at('requests.newReceived.total')).toEqual({ id: 'requests.newReceived.total', now: 12, before: 15, change: -3 });
    expect(at('active.fees.amount')?.change).toBe(166.141619);
    expect(at('requests.granted.total')).toEqual({ id: 'requests.granted.total', now: null, before: 0, change: null });
    expect(cells.length).toBe(200);
  });

  it('against a 2019 report: only the cells the two formats share', () => {
    const old = { ...seed(), format: '2019' } as unknown as Report;
    const { cells } = compareReports(seed(), old);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.length).toBeLessThan(200);
  });
});

describe('repeated sentences', () => {
  const last = '2024年，我局认真贯彻落实政务公开工作要点，全面推进决策、执行、管理、服务、结果公开。全年办理政府信息公开申请218件。存在的问题是政策解读形式仍需创新。无。';
  const now = '2025年，我局认真贯彻落实政务公开工作要点，全面推进决策、执行、管理、服务、结果公开。全年办理政府信息公开申请154件。今年新建了公开专区，回应关切三十余次。存在的问题是政策解读形式仍需创新。无。';
  it('finds the sentences that repeat, word for word or with only figures and years changed, with their places', () => {
    const found = repeatedSentences(now, last);
    expect(found.map((s) => [s.text, s.verbatim])).toEqual([
      ['2025年，我局认真贯彻落实政务公开工作要点，全面推进决策、执行、管理、服务、结果公开。', false],
      ['全年办理政府信息公开申请154件。', false],
      ['存在的问题是政策解读形式仍需创新。', true],
    ]);
    for (const s of found) expect(now.slice(s.start, s.end)).toBe(s.text);
    // 「无。」 is too short to count.
    expect(found.some((s) => s.text === '无。')).toBe(false);
  });

  it('gives each section\'s share of repeated text', () => {
    const r = { ...seed(), sections: { ...seed().sections, overview: now, problems: '全新的问题描述，与上年完全不同的表述方式。' } };
    const p = { ...seed(), year: 2022, sections: { ...seed().sections, overview: last, problems: last } };
    const { sections: s } = compareReports(r, p);
    const overview = s.find((x) => x.key === 'overview');
    expect(overview?.repeated.length).toBe(3);
    expect(overview?.share).toBeGreaterThan(0.6);
    expect(overview?.share).toBeLessThan(1);
    expect(s.find((x) => x.key === 'problems')?.share).toBe(0);
  });

  it('splits sentences at 。！？； and line breaks, trimming white space, with offsets', () => {
    const t = ' 第一句。第二句！\n  第三句；末尾';
    expect(sentences(t).map((x) => [x.text, t.slice(x.start, x.end)])).toEqual([
      ['第一句。', '第一句。'],
      ['第二句！', '第二句！'],
      ['第三句；', '第三句；'],
      ['末尾', '末尾'],
    ]);
  });
});
