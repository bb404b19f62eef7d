/**
 * A region's reports together (issue 16): the sum of a set of reports, a published summary
 * compared with its parts, and who is missing, unexpected, duplicated or late.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  reportLateness,
  AggregateError,
  ExpectedBodiesError,
  RegionSum,
  type Report,
  aggregate,
  check,
  coverageFindings,
  getCell,
  parseExpectedBodies,
  publicationDeadline,
  summaryFindings,
  sumRules,
  taxonomy,
  validateReport,
  withCell,
} from '../src/index.js';
import { consistentReport } from './arbitraries.js';
import { expectedReport } from './shared.js';

const seed = (): Report => expectedReport('chenjiaba-2023');
const named = (r: Report, agency: string): Report => ({ ...r, agency });

describe('aggregate: the sum of a region\'s reports', () => {
  it('sums every cell; a cell stays blank only when blank everywhere; texts are empty; agencies listed', () => {
    const a = withCell(withCell(named(seed(), '甲局'), 'requests.newReceived.commercial', null), 'reviews.reconsideration.upheld', null);
    const b = withCell(named(seed(), '乙局'), 'reviews.reconsideration.upheld', null);
    const { report, agencies } = aggregate([a, b]);
    expect(agencies).toEqual(['甲局', '乙局']);
    for (const cell of taxonomy('2021').cells) {
      const [x, y] = [getCell(a, cell.id), getCell(b, cell.id)];
      const want = x === null && y === null ? null : (x ?? 0) + (y ?? 0);
      expect(getCell(report, cell.id), cell.id).toBe(want);
    }
    expect(getCell(report, 'reviews.reconsideration.upheld')).toBeNull();
    expect(getCell(report, 'requests.newReceived.commercial')).toBe(getCell(b, 'requests.newReceived.commercial'));
    expect(Object.values(report.sections).every((t) => t === '')).toBe(true);
    expect(report.agency).toBe('2 份报告汇总');
    expect(report.publishedOn).toBeNull();
    expect(validateReport(report).ok).toBe(true);
  });

  it('sums amounts exactly, to the last printed decimal', () => {
    const amounts = [0.1, 0.2, 4166.241619, 0.000001, 73802895.9];
    const parts = amounts.map((v, i) => withCell(named(seed(), `第${i}局`), 'active.fees.amount', v));
    expect(getCell(aggregate(parts).report, 'active.fees.amount')).toBe(73807062.441620);
    expect(getCell(aggregate(parts.slice(0, 2)).report, 'active.fees.amount')).toBe(0.3);
  });

  it('the sum of consistent reports is consistent: no sum rule fails on it', () => {
    fc.assert(
      fc.property(fc.array(consistentReport('2021', 200), { minLength: 1, maxLength: 6 }), (reports) => {
        const same = reports.map((r, i) => ({ ...r, year: 2025, agency: `第${i}局` }));
        const failing = check(aggregate(same).report).filter((f) => sumRules.has(f.rule) || f.rule === 'suspect.cell');
        expect(failing).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses an empty set and mixed formats or years, naming the report that differs', () => {
    expect(() => aggregate([])).toThrow(AggregateError);
    const old = { ...seed(), format: '2019' } as unknown as Report;
    const e = (() => {
      try {
        aggregate([named(seed(), '甲局'), named(seed(), '乙局'), named(old, '丙局')]);
      } catch (error) {
        return error as AggregateError;
      }
      throw new Error('accepted');
    })();
    expect(e).toBeInstanceOf(AggregateError);
    expect(e.index).toBe(2);
    expect(e.message).toBe('无法汇总不同格式的报告：第 3 份（丙局）为 2019 年格式，第 1 份（甲局）为 2021 年格式');
    expect(() => aggregate([seed(), { ...seed(), year: 2022 }], { lang: 'en' })).toThrow('cannot sum reports of different years: #2 (陈家坝镇人民政府) is for 2022, #1 (陈家坝镇人民政府) for 2023');
  });
});

describe('summaryFindings: a published summary against the reports it summarises', () => {
  const parts = () => [withCell(named(seed(), '甲局'), 'requests.newReceived.total', 7), withCell(named(seed(), '乙局'), 'requests.newReceived.total', 40), withCell(named(seed(), '丙局'), 'requests.newReceived.total', 3)];
  it('finds nothing when the summary is the sum (blank and 0 alike)', () => {
    const summary = aggregate(parts()).report;
    expect(summaryFindings(summary, parts())).toEqual([]);
    const blankAsZero = withCell(summary, 'reviews.reconsideration.upheld', getCell(summary, 'reviews.reconsideration.upheld') ?? 0);
    expect(summaryFindings(blankAsZero, parts())).toEqual([]);
  });

  it('names each cell that differs, with the sum, the printed figure and the largest parts', () => {
    const sum = aggregate(parts()).report;
    const total = getCell(sum, 'requests.newReceived.total') as number;
    const printed = withCell(sum, 'requests.newReceived.total', total - 5);
    const [f, ...rest] = summaryFindings(printed, parts());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'region.sum', target: 'requests.newReceived.total', severity: 'warning', cells: ['requests.newReceived.total'], expected: total, actual: total - 5 });
    expect(f?.contributors).toEqual([{ agency: '乙局', value: 40 }, { agency: '甲局', value: 7 }, { agency: '丙局', value: 3 }]);
    expect(f?.message).toContain(`合计 ${total}，汇总报告为 ${total - 5}（差 5）；主要来自 乙局 40`);
  });

  it('gives the same from a RegionSum fed one report at a time, keeping only the largest contributions', () => {
    const many = Array.from({ length: 12 }, (_, i) => withCell(named(seed(), `第${i}局`), 'requests.newReceived.total', i));
    const region = new RegionSum('zh-CN', 2);
    for (const r of many) region.add(r);
    const printed = withCell(region.report(), 'requests.newReceived.total', 0);
    const [f] = summaryFindings(printed, region);
    expect(f?.contributors).toEqual([{ agency: '第11局', value: 11 }, { agency: '第10局', value: 10 }]);
    expect(f?.expected).toBe(66);
    expect(summaryFindings(printed, many).map((x) => x.target)).toEqual(summaryFindings(printed, region).map((x) => x.target));
  });

  it('refuses parts of another year than the summary', () => {
    expect(() => summaryFindings({ ...seed(), year: 2024 }, parts())).toThrow(AggregateError);
  });
});

describe('the list of bodies expected to report', () => {
  it('reads agency,bodyType[,parent] in any order, with quotes, a BOM, 政府/部门 and blank lines', () => {
    const csv = '\ufeffparent,agency,bodyType\r\n某某区人民政府,"某某区""教育""局",department\r\n,某某区人民政府,政府\r\n\r\n某某区人民政府,某某街道办事处,部门\r\n';
    expect(parseExpectedBodies(csv)).toEqual([
      { agency: '某某区"教育"局', bodyType: 'department', parent: '某某区人民政府', line: 2 },
      { agency: '某某区人民政府', bodyType: 'government', line: 3 },
      { agency: '某某街道办事处', bodyType: 'department', parent: '某某区人民政府', line: 5 },
    ]);
  });

  const bad: [string, string, number, RegExp][] = [
    ['no header', '某局,department\n', 1, /表头应为 agency,bodyType/],
    ['an unknown body type', 'agency,bodyType\n某局,department\n某委,committee\n', 3, /第 3 行.*「committee」/],
    ['an agency twice (width aside)', 'agency,bodyType\n某某局,department\n某某局 ,department\n', 3, /与第 2 行重复/],
    ['unbalanced quotes', 'agency,bodyType\n"某局,department\n', 2, /引号不成对/],
    ['an empty agency', 'agency,bodyType\n,department\n', 2, /机关名称为空/],
  ];
  for (const [what, csv, line, message] of bad) {
    it(`refuses ${what}, with the line`, () => {
      let error: unknown;
      try {
        parseExpectedBodies(csv, { source: 'bodies.csv' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ExpectedBodiesError);
      expect((error as ExpectedBodiesError).line).toBe(line);
      expect((error as Error).message).toMatch(/^bodies\.csv：第 \d+ 行：/);
      expect((error as Error).message).toMatch(message);
    });
  }
});

describe('coverageFindings: who is missing, unexpected, duplicated or late', () => {
  const bodies = parseExpectedBodies('agency,bodyType\n某某区人民政府,government\n某某区教育局,department\n某某区卫生健康委员会,department\n');
  it('names each body and each kind of gap, matching names across full-width forms', () => {
    const findings = coverageFindings(
      [
        { agency: '某某区人民政府', year: 2025, publishedOn: '2026-03-20', source: 'gov.json' },
        { agency: '某某区教育局', year: 2025, publishedOn: '2026-02-03', source: 'edu.json' },
        { agency: '某某区教育局', year: 2025, publishedOn: '2026-01-20', source: 'edu-2.json' },
        { agency: '某某区城管局', year: 2025, publishedOn: '2026-01-10', source: 'cg.json', bodyType: 'department' },
      ],
      bodies,
    );
    expect(findings.map((f) => `${f.rule} ${f.severity} ${f.target}`)).toEqual([
      'region.missing error 某某区卫生健康委员会',
      'region.duplicate warning 某某区教育局',
      'region.late warning 某某区教育局',
      'region.unexpected warning 某某区城管局',
    ]);
    expect(findings[1]?.message).toBe('某某区教育局 有 2 份报告：edu.json、edu-2.json');
    expect(findings[2]).toMatchObject({ expected: '2026-01-31', actual: '2026-02-03', message: '某某区教育局（部门）于 2026-02-03 发布，晚于 2026-01-31' });
    // A government's report is due 31 March: 20 March is on time.
    expect(findings.some((f) => f.target === '某某区人民政府')).toBe(false);
  });

  it('matches names whatever their width and spacing, and says nothing is unexpected without a list', () => {
    const found = coverageFindings([{ agency: '某某区 教育局', year: 2025, publishedOn: null }], parseExpectedBodies('agency,bodyType\n某某区教育局,department\n'));
    expect(found).toEqual([]);
    expect(coverageFindings([{ agency: '任一局', year: 2025, publishedOn: '2026-05-01' }], [])).toEqual([]);
    expect(publicationDeadline(2025, 'department')).toBe('2026-01-31');
  });

  it('speaks English when asked', () => {
    const [f] = coverageFindings([], bodies.slice(1, 2), { lang: 'en' });
    expect(f?.message).toBe('no report from 某某区教育局 (department)');
  });
});

describe('reportLateness: late by the deadline rule\'s own body type', () => {
  const at = (agency: string, publishedOn: string | null, bodyType?: 'government' | 'department') =>
    reportLateness({ ...seed(), agency, year: 2023, publishedOn, ...(bodyType ? { bodyType } : {}) } as Report);

  it('holds a stated body type to its deadline, and an agency ending in 人民政府 to a government\'s', () => {
    expect(at('某某局', '2024-02-01', 'department')).toEqual({ lateness: 'late', deadline: '2024-01-31', bodyType: 'department', inferred: false });
    expect(at('某某局', '2024-01-31', 'department').lateness).toBe('on-time');
    expect(at('某某区人民政府', '2024-03-31')).toEqual({ lateness: 'on-time', deadline: '2024-03-31', bodyType: 'government', inferred: true });
    expect(at('某某区人民政府', '2024-04-01').lateness).toBe('late');
    // Stated wins over the name, as in the rule.
    expect(at('某某区人民政府', '2024-02-01', 'department').lateness).toBe('late');
  });

  it('guesses no body type: late only after both deadlines, maybe between; unknown without a date', () => {
    expect(at('某某局', '2024-02-15')).toEqual({ lateness: 'maybe', deadline: '2024-03-31', bodyType: null, inferred: false });
    expect(at('某某局', '2024-04-02').lateness).toBe('late');
    expect(at('某某局', '2024-01-20').lateness).toBe('on-time');
    expect(at('某某局', null).lateness).toBe('unknown');
  });

  it('says late exactly where a report with a known body type gets a published.deadline warning', () => {
    for (const agency of ['某某局', '某某镇人民政府'])
      for (const bodyType of [undefined, 'government', 'department'] as const)
        for (const publishedOn of ['2024-01-15', '2024-02-20', '2024-04-10']) {
          const report = { ...seed(), agency, year: 2023, publishedOn, ...(bodyType ? { bodyType } : {}) } as Report;
          const l = reportLateness(report);
          if (l.bodyType === null) continue;
          const warned = check(report).some((f) => f.rule === 'published.deadline' && f.severity === 'warning');
          expect(l.lateness === 'late', `${agency} ${bodyType} ${publishedOn}`).toBe(warned);
        }
  });
});
