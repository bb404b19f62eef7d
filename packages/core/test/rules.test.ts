import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import {
  type Finding,
  type Report,
  RuleCompileError,
  blankReport,
  check,
  compile,
  createChecker,
  customOperations,
  formatFinding,
  getCell,
  rulesFor,
  taxonomy,
  withCell,
} from '../src/index.js';
import { ruleLimits } from '../src/rules/compile.js';
import { quotedFigurePatterns } from '../src/rules/generate.js';
import type { JsonLogic } from '../src/rules/types.js';
import { consistentReport } from './arbitraries.js';
import { expectedReport } from './shared.js';

const seed = () => expectedReport('chenjiaba-2023');
const sample = (format: '2021' | '2019' = '2021') => fc.sample(consistentReport(format), { numRuns: 1, seed: 7 })[0] as Report;
const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');
const find = (findings: Finding[], rule: string, target?: string) =>
  findings.filter((f) => f.rule === rule && (target === undefined || f.target === target));
const withText = <R extends Report>(r: R, patch: Partial<Report['sections']>): R => ({ ...r, sections: { ...r.sections, ...patch } });

describe('the seed report (chenjiaba-2023)', () => {
  it('has no error, and warns about the fee report and the government assessment', () => {
    const findings = check(seed());
    expect(errors(findings)).toEqual([]);
    expect(findings.filter((f) => f.severity === 'warning').map((f) => f.rule)).toEqual([
      'sections.fee-report',
      'sections.government-assessment',
    ]);
  });
});

describe('a consistent generated report', () => {
  it('has no finding at all once it says whose report it is', () => {
    expect(check({ ...sample(), bodyType: 'department' })).toEqual([]);
    expect(check({ ...sample('2019'), bodyType: 'department' })).toEqual([]);
    // A 局 without bodyType: the deadline is not guessed, and an info says so.
    expect(check(sample()).map((f) => [f.rule, f.target, f.severity])).toEqual([['published.deadline', 'body-type', 'info']]);
  });
});

describe('each rule has a case that violates it and one that passes', () => {
  it('requests.balance: 一+二 = 三（七）+四 per column', () => {
    const r = sample();
    expect(find(check(r), 'requests.balance')).toEqual([]);
    const bad = withCell(seed(), 'requests.newReceived.total', 877);
    const [f, ...rest] = find(check(bad), 'requests.balance');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'requests.balance', target: 'total', severity: 'error', expected: 877, actual: 0 });
    expect(f?.cells).toEqual([
      'requests.newReceived.total',
      'requests.carriedOver.total',
      'requests.resultsTotal.total',
      'requests.carriedForward.total',
    ]);
    expect(f && formatFinding(f)).toBe('requests.balance[total]: 总计：一+二 = 877，三（七）+四 = 0（差 877）');
  });

  it('requests.results-sum: （七）总计 = the 21 result rows', () => {
    expect(find(check(sample()), 'requests.results-sum')).toEqual([]);
    const bad = withCell(withCell(sample(), 'requests.denied.processInfo.research', 1000), 'requests.denied.processInfo.total', 0);
    const f = find(check(bad), 'requests.results-sum', 'research')[0];
    expect(f).toMatchObject({ severity: 'error' });
    expect((f?.expected as number) - (f?.actual as number)).toBe(1000 - (getCell(sample(), 'requests.denied.processInfo.research') as number));
    expect(f?.cells).toContain('requests.denied.processInfo.research');
    expect(f?.cells).toHaveLength(22);
  });

  it('requests.row-total: a row\'s 总计 = its six requester columns', () => {
    expect(find(check(sample()), 'requests.row-total')).toEqual([]);
    const bad = withCell(seed(), 'requests.denied.stateSecret.total', 3);
    expect(find(check(bad, { lang: 'en' }), 'requests.row-total')).toEqual([
      {
        rule: 'requests.row-total',
        target: 'denied.stateSecret',
        severity: 'error',
        expected: 0,
        actual: 3,
        message: '(3) Not disclosed — 1. State secret: the requesters add up to 0, Total says 3 (difference 3)',
        cells: [
          'requests.denied.stateSecret.total',
          'requests.denied.stateSecret.naturalPerson',
          'requests.denied.stateSecret.commercial',
          'requests.denied.stateSecret.research',
          'requests.denied.stateSecret.publicInterest',
          'requests.denied.stateSecret.legalService',
          'requests.denied.stateSecret.otherOrg',
        ],
      },
    ]);
  });

  it('reviews.total: each group\'s 总计 = its four outcomes', () => {
    expect(find(check(sample()), 'reviews.total')).toEqual([]);
    const bad = withCell(seed(), 'reviews.litigationAfterReconsideration.pending', 2);
    expect(find(check(bad), 'reviews.total')).toMatchObject([
      { target: 'litigationAfterReconsideration', expected: 2, actual: 0, severity: 'error' },
    ]);
  });

  it('cell.type: counts are whole numbers ≥ 0, amounts any number ≥ 0, 2019 本年增/减 may be negative', () => {
    const r = withCell(withCell(seed(), 'requests.granted.naturalPerson', 1.5), 'active.fees.amount', -1.234567);
    const found = find(check(r as Report), 'cell.type');
    // The amount is reported as it is (not cut to 4 decimals).
    expect(found.map((f) => [f.target, f.actual])).toEqual([
      ['active.fees.amount', -1.234567],
      ['requests.granted.naturalPerson', 1.5],
    ]);
    expect(find(check(withCell(seed(), 'requests.granted.naturalPerson', -1)), 'cell.type', 'requests.granted.naturalPerson')).toHaveLength(1);
    expect(find(check(withCell(seed(), 'active.fees.amount', -1)), 'cell.type', 'active.fees.amount')).toMatchObject([
      { severity: 'error', actual: -1, message: '行政事业性收费·本年收费金额（单位：万元）：应为 0 至 10000000000 之间的金额（万元），填写的是 -1' },
    ]);
    // Real reports print 万元 exact to the 分 (pingtan-2025: 4166.241619) or with five decimals.
    for (const amount of [25.1, 4166.241619, 7380.28959, 1.00001, 0.000001, 0]) {
      expect(find(check(withCell(seed(), 'active.fees.amount', amount)), 'cell.type'), String(amount)).toEqual([]);
    }
    const r2019 = withCell(sample('2019'), 'active.licensing.change', -4);
    expect(find(check(r2019), 'cell.type')).toEqual([]);
    expect(find(check(withCell(r2019, 'active.procurement.amount', 4166.241619)), 'cell.type')).toEqual([]);
    expect(find(check(withCell(r2019, 'active.licensing.change', -4.5)), 'cell.type', 'active.licensing.change')).toHaveLength(1);
  });

  it('cell.type: within the limits, 10^9 items and 10^10 万元 (2019 本年增/减 within ±10^9)', () => {
    const typeErrors = (r: Report, cell: string) => find(check(r), 'cell.type', cell).map((f) => f.actual);
    expect(typeErrors(withCell(seed(), 'active.fees.amount', 1e10), 'active.fees.amount')).toEqual([]);
    for (const amount of [1e10 + 1, 1e20, 1e300, 2 ** 53 + 2]) {
      expect(typeErrors(withCell(seed(), 'active.fees.amount', amount), 'active.fees.amount'), String(amount)).toEqual([amount]);
    }
    expect(typeErrors(withCell(seed(), 'requests.granted.naturalPerson', 1e9), 'requests.granted.naturalPerson')).toEqual([]);
    expect(typeErrors(withCell(seed(), 'requests.granted.naturalPerson', 1e9 + 1), 'requests.granted.naturalPerson')).toEqual([1e9 + 1]);
    const r2019 = sample('2019');
    expect(typeErrors(withCell(r2019, 'active.licensing.change', -1e9), 'active.licensing.change')).toEqual([]);
    expect(typeErrors(withCell(r2019, 'active.licensing.change', -1e9 - 1), 'active.licensing.change')).toEqual([-1e9 - 1]);
    const [f] = find(check(withCell(seed(), 'active.fees.amount', 1e20), { lang: 'en' }), 'cell.type');
    expect(f?.message).toMatch(/: must be an amount from 0 to 10000000000 \(10,000 yuan\), is 100000000000000000000$/);
  });

  it('blank-cell: a blank cell is reported once, as a warning, and counts as 0 in sums', () => {
    const r = withCell(seed(), 'requests.granted.commercial', null);
    const findings = check(r);
    expect(find(findings, 'blank-cell')).toMatchObject([
      { target: 'requests.granted.commercial', severity: 'warning', cells: ['requests.granted.commercial'] },
    ]);
    expect(errors(findings)).toEqual([]);
    expect(find(check(seed()), 'blank-cell')).toEqual([]);
  });

  it('prev.carry-over: this year\'s 二 = last year\'s 四', () => {
    const previous = withCell(seed(), 'requests.carriedForward.total', 3);
    expect(find(check(seed(), { previous }), 'prev.carry-over')).toMatchObject([
      { target: 'total', expected: 3, actual: 0, severity: 'error', cells: ['requests.carriedOver.total'] },
    ]);
    expect(find(check(seed(), { previous: seed() }), 'prev.carry-over')).toEqual([]);
    expect(find(check(seed()), 'prev.carry-over')).toEqual([]);
  });

  it('prev.in-force: in force = last year\'s + issued − repealed', () => {
    const previous = withCell(seed(), 'active.regulations.inForce', 5);
    const r = withCell(withCell(seed(), 'active.regulations.issued', 2), 'active.regulations.inForce', 5);
    expect(find(check(r, { previous }), 'prev.in-force')).toMatchObject([{ target: 'regulations', expected: 7, actual: 5, severity: 'warning' }]);
    expect(find(check(withCell(r, 'active.regulations.inForce', 7), { previous }), 'prev.in-force')).toEqual([]);
  });

  it('prev.copied-text: a section copied from last year, but not a short stock answer', () => {
    const found = find(check(seed(), { previous: seed() }), 'prev.copied-text');
    expect(found.map((f) => f.target)).toEqual(['overview', 'problems']);
    const fresh = withText(seed(), { overview: '本年度，本镇围绕重点领域信息公开，新建了村务公开栏十二处，全年主动公开信息一百余条，群众满意度明显提升。' });
    expect(find(check(fresh, { previous: seed() }), 'prev.copied-text', 'overview')).toEqual([]);
  });

  it('sections.present: every section present and not empty', () => {
    expect(find(check(seed()), 'sections.present')).toEqual([]);
    let r: Report = withText(seed(), { problems: '' });
    for (const c of taxonomy('2021').cells.filter((c) => c.table === 'reviews')) r = withCell(r, c.id, null);
    expect(find(check(r), 'sections.present').map((f) => [f.target, f.severity])).toEqual([
      ['reviews', 'error'],
      ['problems', 'error'],
    ]);
  });

  it('sections.fee-report: section 六 reports 信息处理费', () => {
    expect(find(check(seed()), 'sections.fee-report')).toHaveLength(1);
    expect(find(check(withText(seed(), { other: '本年度未收取信息处理费。' })), 'sections.fee-report')).toEqual([]);
  });

  it('sections.government-assessment: a people\'s government reports 考核、评议、责任追究', () => {
    expect(find(check(seed()), 'sections.government-assessment')).toHaveLength(1);
    const reported = withText(seed(), { overview: `${seed().sections.overview}\n（三）监督保障：本年度开展政务公开工作考核，未发生社会评议和责任追究情况。` });
    expect(find(check(reported), 'sections.government-assessment')).toEqual([]);
    expect(find(check({ ...seed(), agency: '某某县财政局' }), 'sections.government-assessment')).toEqual([]);
    // The same predicate as the deadline: bodyType decides, else an agency ending in 人民政府.
    expect(find(check({ ...seed(), agency: '平潭综合实验区', bodyType: 'government' }), 'sections.government-assessment')).toHaveLength(1);
    expect(find(check({ ...seed(), agency: '平潭综合实验区' }), 'sections.government-assessment')).toEqual([]);
    expect(find(check({ ...seed(), bodyType: 'department' }), 'sections.government-assessment')).toEqual([]);
  });

  describe('published.deadline: by 31 March for a government\'s own report, 31 January for a department\'s; never guessed', () => {
    const deadline = (r: Report) => find(check(r), 'published.deadline').map((f) => [f.target, f.severity, f.expected, f.actual]);
    const zone = { ...seed(), agency: '平潭综合实验区' };

    it('bodyType government: 31 March, whatever the agency is called', () => {
      expect(deadline({ ...zone, bodyType: 'government', publishedOn: '2024-03-10' })).toEqual([]);
      expect(deadline({ ...zone, bodyType: 'government', publishedOn: '2024-03-31' })).toEqual([]);
      expect(deadline({ ...zone, bodyType: 'government', publishedOn: '2024-04-01' })).toEqual([['deadline', 'warning', '2024-03-31', '2024-04-01']]);
      expect(deadline({ ...seed(), bodyType: 'government', publishedOn: '2024-04-01' })).toEqual([['deadline', 'warning', '2024-03-31', '2024-04-01']]);
    });

    it('bodyType department: 31 January, even for an agency ending in 人民政府', () => {
      expect(deadline({ ...seed(), agency: '某某县财政局', bodyType: 'department', publishedOn: '2024-01-31' })).toEqual([]);
      expect(deadline({ ...seed(), agency: '某某县财政局', bodyType: 'department', publishedOn: '2024-03-10' })).toEqual([
        ['deadline', 'warning', '2024-01-31', '2024-03-10'],
      ]);
      expect(deadline({ ...seed(), bodyType: 'department', publishedOn: '2024-02-01' })).toEqual([['deadline', 'warning', '2024-01-31', '2024-02-01']]);
      expect(deadline({ ...seed(), bodyType: 'department', publishedOn: '2024-01-20' })).toEqual([]);
    });

    it('no bodyType and an agency ending in 人民政府: a government (the definition)', () => {
      expect(deadline({ ...seed(), publishedOn: '2024-03-31' })).toEqual([]);
      expect(deadline({ ...seed(), publishedOn: '2024-04-01' })).toEqual([['deadline', 'warning', '2024-03-31', '2024-04-01']]);
      expect(find(check({ ...seed(), publishedOn: '2024-04-01' }), 'published.deadline')[0]?.message).toBe(
        '发布日期 2024-04-01 晚于规定期限 2024-03-31（《条例》第四十九条）',
      );
    });

    it('no bodyType and any other agency: no deadline is guessed, an info says why', () => {
      for (const publishedOn of ['2024-01-20', '2024-03-10', '2024-12-31']) {
        expect(deadline({ ...zone, publishedOn }), publishedOn).toEqual([['body-type', 'info', undefined, undefined]]);
        expect(deadline({ ...seed(), agency: '某某县财政局', publishedOn }), publishedOn).toEqual([['body-type', 'info', undefined, undefined]]);
      }
      const [info] = find(check({ ...zone, publishedOn: '2026-03-10' }), 'published.deadline');
      expect(info?.message).toBe('未注明发布机关类型（政府或部门），无法确定发布期限（人民政府本级的报告为 3 月 31 日，部门的报告为 1 月 31 日）');
      expect(info?.cells).toEqual([]);
      const [en] = find(check({ ...zone, publishedOn: '2026-03-10' }, { lang: 'en' }), 'published.deadline');
      expect(en?.message).toMatch(/^whose report it is \(a government's or a department's\) is not stated, so the deadline .* cannot be determined$/);
      // An empty agency is unknown too.
      expect(deadline({ ...seed(), agency: '', publishedOn: '2024-01-20' })).toEqual([['body-type', 'info', undefined, undefined]]);
    });

    it('publishedOn unknown: an info, whatever the body type; both infos when both are unknown', () => {
      expect(deadline(seed())).toEqual([['unknown', 'info', undefined, undefined]]);
      expect(deadline({ ...seed(), bodyType: 'department' })).toEqual([['unknown', 'info', undefined, undefined]]);
      expect(deadline({ ...zone, bodyType: 'government' })).toEqual([['unknown', 'info', undefined, undefined]]);
      expect(deadline(zone)).toEqual([
        ['unknown', 'info', undefined, undefined],
        ['body-type', 'info', undefined, undefined],
      ]);
    });

    it('the real zone reports (pingtan, published 03-10) pass as a government, fail as a department', () => {
      expect(deadline({ ...zone, year: 2025, bodyType: 'government', publishedOn: '2026-03-10' })).toEqual([]);
      expect(deadline({ ...zone, year: 2025, bodyType: 'department', publishedOn: '2026-03-10' })).toEqual([
        ['deadline', 'warning', '2026-01-31', '2026-03-10'],
      ]);
    });
  });

  it('sections.figures-match: figures quoted in the text equal the tables', () => {
    const r = withText(seed(), { overview: '全年共收到政府信息公开申请5件，发生政府信息公开行政复议1件、行政诉讼0件。' });
    expect(find(check(r), 'sections.figures-match').map((f) => [f.target, f.expected, f.actual])).toEqual([
      ['requests.newReceived', 0, 5],
      ['reviews.reconsideration', 0, 1],
    ]);
    const ok = withText(seed(), { overview: '全年共收到政府信息公开申请0件，行政复议0件、行政诉讼0件。' });
    expect(find(check(ok), 'sections.figures-match')).toEqual([]);
  });

  it('format.current: reports for 2021 on use the 2021 format', () => {
    const old = { ...sample('2019'), year: 2021 };
    expect(find(check(old), 'format.current')).toMatchObject([{ severity: 'warning', actual: '2019' }]);
    expect(find(check(sample('2019')), 'format.current')).toEqual([]);
  });

  it('covers every rule id of rules.md', () => {
    const ids = new Set(rulesFor('2021').rules.map((r) => r.id));
    expect([...ids].sort()).toEqual(
      [
        'requests.balance', 'requests.results-sum', 'requests.row-total', 'reviews.total', 'cell.type', 'blank-cell',
        'prev.carry-over', 'prev.in-force', 'prev.copied-text', 'sections.present', 'sections.fee-report',
        'sections.government-assessment', 'published.deadline', 'sections.figures-match', 'format.current',
      ].sort(),
    );
  });
});

describe('properties', () => {
  it('a random consistent report has no error finding', () => {
    fc.assert(fc.property(consistentReport('2021'), (r) => errors(check(r)).length === 0));
    fc.assert(fc.property(consistentReport('2019'), (r) => errors(check(r)).length === 0));
  });

  it('changing any single cell of table 三 or 四 gives an error naming that cell', () => {
    const cells = taxonomy('2021').cells.filter((c) => c.table !== 'active');
    fc.assert(
      fc.property(consistentReport('2021'), fc.constantFrom(...cells), fc.integer({ min: 1, max: 100 }), (r, cell, delta) => {
        const changed = withCell(r, cell.id, (getCell(r, cell.id) as number) + delta);
        return errors(check(changed)).some((f) => f.cells.includes(cell.id));
      }),
    );
  });
});

describe('the rules as data', () => {
  for (const op of Object.keys(customOperations)) {
    jsonLogic.add_operation(op, customOperations[op as keyof typeof customOperations]);
  }
  const report = fc.oneof(
    consistentReport('2021'),
    consistentReport('2019'),
    // Inconsistent and blank cells too, so that failing conditions are compared as well.
    fc.tuple(
      consistentReport('2021'),
      fc.array(fc.tuple(fc.nat(199), fc.option(fc.oneof(fc.integer({ min: -5, max: 99 }), fc.constantFrom(1e9, 1e9 + 1, -1e9, -1e9 - 1, 2 ** 53 + 2, 1.5))))),
      fc.constantFrom(null, '2022-01-15', '2022-03-10', '2022-05-01'),
      // Whose report it is: stated, or absent with an agency that does or does not end in 人民政府.
      fc.constantFrom(undefined, 'government', 'department'),
      fc.constantFrom('某某市某某局', '某某镇人民政府', '平潭综合实验区', ''),
      fc.constantFrom(0, 4166.241619, 7380.28959, -0.5, 1e10, 1e10 + 0.5, 1e20),
    ).map(
      ([r, edits, publishedOn, bodyType, agency, amount]) => {
        const cells = taxonomy('2021').cells;
        let out: Report = withCell({ ...r, publishedOn, agency, ...(bodyType ? { bodyType } : {}) }, 'active.fees.amount', amount);
        for (const [i, v] of edits) out = withCell(out, (cells[i] as { id: string }).id, v);
        return out;
      },
    ),
  );

  it('evaluate the same under json-logic-js as under the engine (rules, expected and actual)', () => {
    fc.assert(
      fc.property(report, fc.option(consistentReport('2021')), (r, prev) => {
        const data = prev ? { ...r, prev } : r;
        for (const rule of rulesFor(r.format).rules) {
          if (rule.requires && !prev) continue;
          expect(jsonLogic.truthy(jsonLogic.apply(rule.condition as never, data)), `${rule.id}[${rule.target}]`).toBe(
            jsonLogic.truthy(compile(rule.condition)(data)),
          );
          for (const side of ['expected', 'actual'] as const) {
            const expr = rule[side];
            if (expr !== undefined) expect(compile(expr)(data)).toEqual(jsonLogic.apply(expr as never, data));
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('give the engine the same findings as json-logic-js evaluating rules/*.json one by one', () => {
    fc.assert(
      fc.property(report, fc.option(consistentReport('2021')), (r, prev) => {
        const data = prev ? { ...r, prev } : r;
        const reference = rulesFor(r.format)
          .rules.filter((rule) => (!rule.requires || prev) && !jsonLogic.truthy(jsonLogic.apply(rule.condition as never, data)))
          .map((rule) => [rule.id, rule.target, rule.severity]);
        // suspect.cell is the engine's reading of the failing sums, not a rule of the set.
        const engine = check(r, prev ? { previous: prev } : {})
          .filter((f) => f.rule !== 'suspect.cell')
          .map((f) => [f.rule, f.target, f.severity]);
        expect(engine).toEqual(reference);
      }),
      { numRuns: 60 },
    );
  });

  it('give json-logic-js\'s verdict on cell values no schema allows (the engine fuses cell.type into one closure)', () => {
    const odd: unknown[] = [
      ...[null, 0, -0, 7, -1, 1.5, -0.5, 1e9, 1e9 + 1, 1e9 + 0.5, 1e10, 2 ** 53, Number.MIN_VALUE, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
      ...['5', '5.5', '7.0', ' 7 ', '1e3', '0x10', '', ' ', 'abc', '-1', 'Infinity'],
      ...[true, false, [], [3], [1, 2], {}, { a: 1 }],
    ];
    const base = expectedReport('chenjiaba-2023');
    for (const id of ['requests.granted.total', 'active.fees.amount', 'reviews.litigationDirect.upheld']) {
      for (const value of [...odd, undefined]) {
        const r = withCell(base, id, value as never);
        if (value === undefined) {
          // A missing key: JSON-logic reads it as null.
          const [table, row, column] = id.split('.') as [string, string, string];
          delete (r as unknown as Record<string, Record<string, Record<string, unknown>>>)[table]![row]![column];
        }
        const rule = rulesFor('2021').rules.find((x) => x.id === 'cell.type' && x.cells[0] === id)!;
        const reference = jsonLogic.truthy(jsonLogic.apply(rule.condition as never, r));
        const engine = !check(r, { severities: ['error'] }).some((f) => f.rule === 'cell.type' && f.cells[0] === id);
        expect(engine, `${id} = ${JSON.stringify(value)}`).toBe(reference);
      }
    }
  });

  it('find every cell\'s cell.type and blank-cell, first to last, as json-logic-js does (the engine runs them as loops)', () => {
    const base = expectedReport('chenjiaba-2023');
    const rules = rulesFor('2021').rules.filter((x) => x.id === 'cell.type' || x.id === 'blank-cell');
    const ids = taxonomy('2021').cells.map((c) => c.id);
    for (const [value, what] of [[null, 'blank'], [undefined, 'missing'], [-1, 'negative'], ['abc', 'text'], [1.5, 'a fraction']] as const) {
      for (const id of ids) {
        const r = withCell(base, id, (value ?? null) as never);
        // A missing key: JSON-logic reads it as null, and so must the loops.
        if (value === undefined) {
          const path = id.split('.');
          const row = path.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, r as unknown as Record<string, unknown>);
          delete row[path[path.length - 1] as string];
        }
        const reference = rules
          .filter((rule) => !jsonLogic.truthy(jsonLogic.apply(rule.condition as never, r)))
          .map((rule) => `${rule.id}[${rule.target}]`);
        const engine = check(r)
          .filter((f) => f.rule === 'cell.type' || f.rule === 'blank-cell')
          .map((f) => `${f.rule}[${f.target}]`);
        expect(engine, `${id} ${what}`).toEqual(reference);
      }
    }
  });

  it('use only standard JSON-logic plus the two documented custom operations', () => {
    const standard = new Set(['var', '==', '!=', '<', '<=', '>', '>=', '!', '!!', 'or', 'and', 'if', '+', '-', '*', '%', 'cat', 'substr', 'in']);
    const used = new Set<string>();
    const walk = (e: unknown): void => {
      if (Array.isArray(e)) e.forEach(walk);
      else if (e && typeof e === 'object') for (const [k, v] of Object.entries(e)) (used.add(k), walk(v));
    };
    for (const f of ['2021', '2019'] as const) for (const r of rulesFor(f).rules) (walk(r.condition), walk(r.expected), walk(r.actual));
    expect([...used].filter((op) => !standard.has(op)).sort()).toEqual(['textNumber', 'textSimilarity']);
    expect(rulesFor('2021').customOperations).toEqual(['textNumber', 'textSimilarity']);
  });

  it('the shipped rules/*.json and report.schema.json are up to date', async () => {
    const { execFileSync } = await import('node:child_process');
    expect(() => execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate.ts', '--check'], { cwd: new URL('..', import.meta.url), stdio: 'pipe' })).not.toThrow();
  });

  it('the engine refuses what it cannot run, with a clear error', () => {
    expect(() => compile({ regex: ['a', 'b'] })).toThrow(new RuleCompileError('unknown JSON-logic operation "regex"'));
    expect(() => compile({ '==': [1] })).toThrow('"==" takes 2 arguments, got 1');
    expect(() => createChecker({ format: '2021', customOperations: [], rules: [{ id: 'x', target: 'y', severity: 'error', cells: [], condition: { a: 1, b: 2 }, message: { 'zh-CN': '', en: '' } }] })).toThrow(RuleCompileError);
  });
});

describe('hostile rules (rule packs): compile ends in closures or a RuleCompileError', () => {
  const ruleSet = (condition: unknown) => ({
    format: '2021' as const,
    customOperations: [],
    rules: [{ id: 'x', target: 'y', severity: 'error' as const, cells: [], condition: condition as JsonLogic, message: { 'zh-CN': '', en: '' } }],
  });
  const compileError = (expr: unknown): RuleCompileError => {
    try {
      compile(expr as JsonLogic);
    } catch (e) {
      expect(e).toBeInstanceOf(RuleCompileError);
      return e as RuleCompileError;
    }
    throw new Error(`compiled ${JSON.stringify(expr)?.slice(0, 80)}`);
  };

  it('knows operations by an allow-list: Object.prototype\'s names are unknown operations', () => {
    for (const op of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'toLocaleString']) {
      expect(compileError(JSON.parse(`{${JSON.stringify(op)}: [1, 2]}`)).message, op).toBe(`unknown JSON-logic operation "${op}"`);
      expect(compileError({ [op]: [1, 2] }).message, op).toBe(`unknown JSON-logic operation "${op}"`);
    }
    expect(compileError({ and: [true, { or: [false, { constructor: [] }] }] }).message).toBe('unknown JSON-logic operation "constructor" (at and[1].or[1])');
    expect(() => createChecker(ruleSet({ toString: [] }))).toThrow(new RuleCompileError('unknown JSON-logic operation "toString"'));
  });

  it('bounds nesting at 64 levels, naming the path (20,000 levels: no RangeError)', () => {
    const nest = (levels: number, wrap: (e: unknown) => unknown) => {
      let e: unknown = true;
      for (let i = 0; i < levels; i++) e = wrap(e);
      return e;
    };
    expect(ruleLimits.depth).toBe(64);
    expect(compile(nest(64, (e) => ({ '!!': [e] })) as JsonLogic)({})).toBe(true);
    const deep = compileError(nest(20_000, (e) => ({ '!': [e] })));
    expect(deep.message).toMatch(/^expression nested more than 64 levels deep \(at !\[0\]\.!\[0\]\.!/);
    expect(compileError(nest(65, (e) => ({ '!!': e }))).message).toBe(`expression nested more than 64 levels deep (at ${Array(64).fill('!![0]').join('.')})`);
    expect(compileError(nest(20_000, (e) => [e])).message).toMatch(/^expression nested more than 64 levels deep \(at \[0\]\[0\]/);
    expect(compileError({ var: nest(20_000, (e) => ({ var: e })) }).message).toMatch(/nested more than 64 levels deep/);
    // The engine's walk over the rules (for last year's cells) stops there too.
    expect(() => createChecker(ruleSet(nest(20_000, (e) => ({ and: [e, { var: 'prev.requests.newReceived.total' }] }))))).toThrow(RuleCompileError);
  });

  it('refuses cyclic expressions and shared subtrees that would expand without end', () => {
    const cyclic: { and: unknown[] } = { and: [] };
    cyclic.and.push(cyclic);
    expect(compileError(cyclic).message).toMatch(/nested more than 64 levels deep/);
    expect(() => createChecker(ruleSet(cyclic))).toThrow(RuleCompileError);
    // 40 levels, each using the one below twice: 2^40 paths, 41 objects.
    let shared: unknown = { var: 'a' };
    for (let i = 0; i < 40; i++) shared = { '+': [shared, shared] };
    expect(compileError(shared).message).toMatch(/^expression with more than 100000 parts/);
    expect(() => createChecker(ruleSet(shared))).toThrow(RuleCompileError);
  });

  it('min and max coerce as json-logic-js (Math.min/max) does, and take any number of arguments', () => {
    const cases: JsonLogic[] = [{ min: [null, 5] }, { max: ['', -1] }, { min: [] }, { max: [] }, { min: ['3', 2] }, { max: [0, -0] }, { min: [-0, 0] }, { min: [1, 'x'] }];
    for (const expr of cases) {
      expect(compile(expr)({}), JSON.stringify(expr)).toEqual(jsonLogic.apply(expr as never, {}));
    }
    expect(compile({ max: Array.from({ length: 99_000 }, (_, i) => i) })({})).toBe(98_999);
  });

  it('checks textNumber\'s pattern when compiling: catastrophic and unknown syntax are refused', () => {
    const refused = (pattern: string) => compileError({ textNumber: [{ var: 'text' }, pattern] }).message;
    expect(refused('^(a+)+$')).toMatch(/^textNumber pattern "\^\(a\+\)\+\$": a group repeated more than once may hold only single characters and classes .* \(at textNumber\)$/);
    for (const pattern of ['(a|a)*', '(a|aa)+', '(?:(\\d+),)*', '(\\d+)*', '((a)b){2,}', '(?:a*)*(b)', '(x?)+']) expect(refused(pattern), pattern).toMatch(/repeated/);
    expect(refused('(a)\\1')).toMatch(/backreference/);
    for (const pattern of ['(?=a)(a)', '(?!a)(b)', '(?<=a)(b)', '(?<!a)(b)', '(?<n>a)']) expect(refused(pattern), pattern).toMatch(/lookarounds/);
    expect(refused('(a{0,1000})')).toMatch(/repetition bound above 100/);
    expect(refused('(\\d+)\\b')).toMatch(/word boundary/);
    expect(refused('\\d+件')).toMatch(/no capturing group/);
    expect(refused('(a')).toMatch(/missing \)/);
    expect(refused('([ab)')).toMatch(/missing ]/);
    expect(refused('([z-a])')).toMatch(/range out of order/);
    expect(refused('(x'.repeat(200))).toMatch(/nested more than 16/);
    expect(refused('(a)'.repeat(200))).toMatch(/longer than 500/);
    expect(refused('([^x]{0,100}[^x]{0,100}[^x]{0,100})')).toMatch(/more than 500 steps/);
    expect(compileError({ and: [{ textNumber: [{ var: 'text' }, { var: 'pattern' }] }] }).message).toBe('"textNumber" takes its pattern as a string (at and[0].textNumber)');
    expect(() => createChecker(ruleSet({ '==': [{ textNumber: [{ var: 'agency' }, '^(\\d+)+$'] }, null] }))).toThrow(RuleCompileError);
    // Called directly (json-logic-js), a bad pattern throws the same error rather than running.
    expect(() => customOperations.textNumber('a'.repeat(29), '^(a+)+$')).toThrow(RuleCompileError);
    // The shipped patterns are within the syntax.
    for (const pattern of Object.values(quotedFigurePatterns)) expect(() => compile({ textNumber: [{ var: 'text' }, pattern] })).not.toThrow();
  });

  it('textNumber runs in time linear in the text, on at most 100,000 characters', () => {
    // Polynomial for a backtracking engine (each \\d* against every other): linear here.
    const start = performance.now();
    expect(customOperations.textNumber('1'.repeat(100_000), '(\\d*\\d*\\d*\\d*\\d*x)')).toBeNull();
    expect(customOperations.textNumber(`${'1'.repeat(99_000)}x`, '(\\d{0,5})\\d*\\d*\\d*\\d*x')).toBe(11111);
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(customOperations.textNumber(`${'。'.repeat(99_990)}共收到申请12件`, '申请(\\d+)件')).toBe(12);
    expect(customOperations.textNumber(`${'。'.repeat(100_000)}共收到申请12件`, '申请(\\d+)件')).toBeNull();
  });
});

describe('custom operations', () => {
  it('textNumber reads the first captured number, or null', () => {
    expect(customOperations.textNumber('共收到申请12件', '申请(\\d+)件')).toBe(12);
    expect(customOperations.textNumber('无', '申请(\\d+)件')).toBeNull();
    expect(customOperations.textNumber(null, '申请(\\d+)件')).toBeNull();
  });
  it('textSimilarity is 1 for the same text, low for different, 0 for short texts', () => {
    const a = '本年度，我局认真贯彻落实政务公开工作要点，全面推进决策、执行、管理、服务、结果公开。';
    expect(customOperations.textSimilarity(a, a, 30)).toBe(1);
    expect(customOperations.textSimilarity(a, `${a}另外新增一句。`, 30)).toBeGreaterThan(0.9);
    expect(customOperations.textSimilarity(a, '今年主要围绕乡村振兴和民生保障领域推进重点信息公开，公开栏更新十二次，回应群众关切。', 30)).toBeLessThan(0.3);
    expect(customOperations.textSimilarity('无', '无', 30)).toBe(0);
  });
});

describe('blank reports', () => {
  it('a blank report is an error for every section, and a warning for every cell', () => {
    const f = check(blankReport('2021', { agency: '某某局', year: 2023 }));
    expect(find(f, 'sections.present')).toHaveLength(6);
    expect(find(f, 'blank-cell')).toHaveLength(200);
    expect(find(f, 'requests.balance')).toEqual([]);
  });
});
