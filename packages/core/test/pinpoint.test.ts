/** Pinpointing: which cell is wrong (`suspect.cell`), and why not when it cannot be told. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Finding, type Report, check, createChecker, getCell, pinpointLimits, rulesFor, taxonomy, withCell } from '../src/index.js';
import { consistentReport } from './arbitraries.js';

const suspects = (findings: Finding[]) => findings.filter((f) => f.rule === 'suspect.cell');
const sample = (seed: number, format: '2021' | '2019' = '2021') =>
  fc.sample(consistentReport(format), { numRuns: 1, seed })[0] as Report;
const value = (r: Report, id: string) => getCell(r, id) as number;
const requestCells = (format: '2021' | '2019' = '2021') => taxonomy(format).cells.filter((c) => c.table === 'requests');

describe('suspect.cell names the one wrong figure of table 三', () => {
  it('the issue\'s example: 总计 of （一）予以公开 printed 18 too high breaks two sums; it names that cell and the value', () => {
    let r = sample(3);
    r = withCell(r, 'requests.granted.naturalPerson', value(r, 'requests.granted.naturalPerson') + 213 - value(r, 'requests.granted.total'));
    r = withCell(r, 'requests.granted.total', 213);
    // Keep the report consistent before planting: the columns and 一+二 follow the change.
    const fixTotals = (x: Report) => {
      const t = taxonomy('2021');
      let out = x;
      for (const c of t.requests.columns) {
        const results = t.requests.rows.filter((row) => row.role === 'result').reduce((s, row) => s + value(out, `requests.${row.key}.${c.key}`), 0);
        out = withCell(out, `requests.resultsTotal.${c.key}`, results);
        const handled = results + value(out, `requests.carriedForward.${c.key}`);
        out = withCell(out, `requests.newReceived.${c.key}`, handled - value(out, `requests.carriedOver.${c.key}`));
      }
      return out;
    };
    r = fixTotals(r);
    expect(check(r).filter((f) => f.severity === 'error')).toEqual([]);
    const wrong = withCell(r, 'requests.granted.total', 231);
    const findings = check(wrong);
    expect(findings[0]).toEqual({
      rule: 'suspect.cell',
      target: 'requests.granted.total',
      severity: 'warning',
      message: '（一）予以公开·总计 可能有误：填 231，按各项合计应为 213',
      cells: ['requests.granted.total'],
      expected: 213,
      actual: 231,
      fix: [{ cell: 'requests.granted.total', from: 231, to: 213 }],
      explains: ['requests.results-sum[total]', 'requests.row-total[granted]'],
    });
    // The sums it explains carry no "cannot tell" note.
    const sums = findings.filter((f) => f.rule.startsWith('requests.'));
    expect(sums.map((f) => `${f.rule}[${f.target}]`)).toEqual(['requests.results-sum[total]', 'requests.row-total[granted]']);
    expect(sums.every((f) => f.note === undefined)).toBe(true);
    expect(check(wrong, { lang: 'en' })[0]?.message).toBe('(1) Disclosed · Total may be wrong: it says 231, the sums say it should be 213');
  });

  it('a blank where the sums call for a figure: the printed value is null, never 0', () => {
    const r = sample(5);
    const id = 'requests.partiallyGranted.commercial';
    const original = value(r, id);
    expect(original).toBeGreaterThan(0);
    const [s] = suspects(check(withCell(r, id, null)));
    expect(s).toMatchObject({ cells: [id], actual: null, expected: original, fix: [{ cell: id, from: null, to: original }] });
    expect(s?.message).toBe(`（二）部分公开（区分处理的，只计这一情形，不计其他情形）·商业企业 可能有误：未填写，按各项合计应为 ${original}`);
  });

  it('property: one wrong value planted in any table-三 cell of a valid report is named, with the original value', () => {
    const cells = requestCells();
    let exact = 0;
    let runs = 0;
    fc.assert(
      fc.property(consistentReport('2021', 80), fc.nat(cells.length - 1), fc.integer({ min: 1, max: 500 }), fc.boolean(), (r, i, delta, down) => {
        const id = (cells[i] as { id: string }).id;
        const original = value(r, id);
        const planted = down && original >= delta ? original - delta : original + delta;
        const found = suspects(check(withCell(r, id, planted)));
        runs++;
        const [s] = found;
        if (found.length === 1 && s?.cells.length === 1 && s.cells[0] === id && s.expected === original && s.actual === planted) exact++;
      }),
      { numRuns: 2000, seed: 14 },
    );
    const rate = exact / runs;
    // The rate is reported in BENCHMARKS.md's accuracy section.
    console.log(`pinpointing: ${exact} of ${runs} planted table-三 errors named exactly (${(rate * 100).toFixed(2)}%)`);
    expect(rate).toBeGreaterThanOrEqual(0.99);
  }, 60_000);

  it('property: a valid report (with or without a matching last year) has no suspect and no note', () => {
    fc.assert(
      fc.property(consistentReport('2021'), fc.boolean(), (r, withPrev) => {
        let previous: Report | undefined;
        if (withPrev) {
          previous = r;
          for (const c of taxonomy('2021').requests.columns) {
            previous = withCell(previous, `requests.carriedForward.${c.key}`, value(r, `requests.carriedOver.${c.key}`));
          }
        }
        const findings = check(r, previous ? { previous } : {});
        expect(suspects(findings)).toEqual([]);
        expect(findings.filter((f) => f.note !== undefined)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('the 2019 format: its one-row （六）其他处理 is pinpointed like any other row', () => {
    const r = sample(11, '2019');
    const id = 'requests.otherHandling.research';
    const original = value(r, id);
    const [s] = suspects(check(withCell(r, id, original + 7)));
    expect(s).toMatchObject({ cells: [id], expected: original, actual: original + 7 });
  });

  it('two wrong figures that explain their sums in only one way are both named', () => {
    const r = sample(8);
    const a = 'requests.denied.stateSecret.naturalPerson';
    const b = 'requests.unavailable.notHeld.legalService';
    const wrong = withCell(withCell(r, a, value(r, a) + 3), b, value(r, b) + 5);
    const found = suspects(check(wrong));
    expect(found.map((f) => [f.cells, f.expected])).toEqual([
      [[a], value(r, a)],
      [[b], value(r, b)],
    ]);
  });
});

describe('a transposition: two adjacent figures swapped', () => {
  it('in one row: the two cells and both values', () => {
    let r = sample(21);
    const a = 'requests.granted.research';
    const b = 'requests.granted.publicInterest';
    // Distinct values, so the swap shows.
    if (value(r, a) === value(r, b)) r = sample(22);
    const [x, y] = [value(r, a), value(r, b)];
    expect(x).not.toBe(y);
    const swapped = withCell(withCell(r, a, y), b, x);
    const findings = check(swapped);
    const found = suspects(findings);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'suspect.cell',
      target: `${a},${b}`,
      cells: [a, b],
      fix: [
        { cell: a, from: y, to: x },
        { cell: b, from: x, to: y },
      ],
      explains: ['requests.results-sum[research]', 'requests.results-sum[publicInterest]'],
    });
    expect(found[0]?.message).toBe(`（一）予以公开·科研机构 与 （一）予以公开·社会公益组织 可能填反了：填 ${y} 和 ${x}，应为 ${x} 和 ${y}`);
    expect(findings[0]).toBe(found[0]);
  });

  it('in one column: two adjacent rows', () => {
    const r = sample(31);
    const a = 'requests.denied.thirdPartyRights.otherOrg';
    const b = 'requests.denied.internalAffairs.otherOrg';
    const [x, y] = [value(r, a), value(r, b)];
    expect(x).not.toBe(y);
    const [s, ...rest] = suspects(check(withCell(withCell(r, a, y), b, x)));
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ cells: [a, b], fix: [{ cell: a, to: x }, { cell: b, to: y }] });
    expect(s?.message).toContain('可能填反了');
  });
});

describe('no suspect when the explanation is not unique: the sums say why', () => {
  it('table 四 has one equation per group: the group is named, not a cell', () => {
    const r = sample(4);
    const findings = check(withCell(r, 'reviews.reconsideration.corrected', value(r, 'reviews.reconsideration.corrected') + 2));
    expect(suspects(findings)).toEqual([]);
    const [sum] = findings.filter((f) => f.rule === 'reviews.total');
    expect(sum).toMatchObject({ target: 'reconsideration', note: '只有这一个合计关系涉及这些数字，无法确定是哪一格有误，请逐一核对' });
    expect(sum?.message.startsWith('行政复议：')).toBe(true);
  });

  it('two errors of the same size in a rectangle: either diagonal explains them, so neither is named', () => {
    const r = sample(9);
    const ids = ['requests.granted.naturalPerson', 'requests.denied.processInfo.research'];
    for (const id of ['requests.granted.research', 'requests.denied.processInfo.naturalPerson', ...ids]) expect(value(r, id)).toBeGreaterThan(0);
    const wrong = ids.reduce((x, id) => withCell(x, id, value(r, id) - 1), r);
    const findings = check(wrong);
    expect(suspects(findings)).toEqual([]);
    const sums = findings.filter((f) => f.rule === 'requests.results-sum' || f.rule === 'requests.row-total');
    expect(sums).toHaveLength(4);
    for (const f of sums) expect(f.note).toMatch(/^「[^」]+」；「[^」]+」都能解释这一差异，无法确定是哪一格有误$/);
  });

  it('two wrong figures in one row and their row total adjusted to match: three pairs explain it equally, so none is named', () => {
    const r = sample(12);
    const bump = (x: Report, id: string) => withCell(x, id, value(r, id) + 4);
    const findings = check(bump(bump(r, 'requests.carriedForward.commercial'), 'requests.carriedForward.total'));
    expect(suspects(findings)).toEqual([]);
    const balance = findings.filter((f) => f.rule === 'requests.balance');
    expect(balance.map((f) => f.target)).toEqual(['commercial', 'total']);
    for (const f of balance) {
      expect(f.note).toBe(
        '「四、结转下年度继续办理·商业企业」和「四、结转下年度继续办理·总计」；「一、本年新收政府信息公开申请数量·商业企业」和「一、本年新收政府信息公开申请数量·总计」；「二、上年结转政府信息公开申请数量·商业企业」和「二、上年结转政府信息公开申请数量·总计」都能解释这一差异，无法确定是哪一格有误',
      );
    }
  });

  it('a difference no one or two figures explain: a note, no guess', () => {
    const r = sample(12);
    // Three figures of one row off by different amounts: no cell or pair agrees with every sum.
    const wrong = (
      [
        ['requests.granted.naturalPerson', 1],
        ['requests.granted.commercial', 2],
        ['requests.granted.research', 4],
      ] as const
    ).reduce((x, [id, d]) => withCell(x, id, value(r, id) + d), r);
    const findings = check(wrong);
    expect(suspects(findings)).toEqual([]);
    const sums = findings.filter((f) => f.rule === 'requests.results-sum' || f.rule === 'requests.row-total');
    expect(sums).toHaveLength(4);
    for (const f of sums) expect(f.note).toBe('不是一两个数字之误所能解释的，无法确定是哪一格有误');
  });

  it('errors everywhere: no suspect, a bounded search, and a note on each sum', () => {
    let r = sample(13);
    for (const c of requestCells()) r = withCell(r, c.id, (value(r, c.id) * 7 + 3) % 11);
    const findings = check(r);
    expect(suspects(findings)).toEqual([]);
    const sums = findings.filter((f) => f.rule.startsWith('requests.') && f.severity === 'error');
    expect(sums.length).toBeGreaterThanOrEqual(pinpointLimits.failing);
    for (const f of sums) expect(f.note).toBe('不一致之处过多，未逐格定位');
  });

  it('pinpoint: false leaves the findings as the rules give them', () => {
    const r = sample(3);
    const wrong = withCell(r, 'requests.granted.total', value(r, 'requests.granted.total') + 1);
    const plain = check(wrong, { pinpoint: false });
    expect(suspects(plain)).toEqual([]);
    expect(plain.every((f) => f.note === undefined)).toBe(true);
    // Errors alone (a batch's fast path): no suspects, and no notes that would come with them.
    const errorsOnly = check(wrong, { severities: ['error'] });
    expect(errorsOnly.length).toBeGreaterThan(0);
    expect(errorsOnly.every((f) => f.severity === 'error' && f.note === undefined)).toBe(true);
  });
});

describe('across years: 二、上年结转 against last year\'s 四、结转下年度继续办理', () => {
  const lastYearOf = (r: Report) =>
    taxonomy('2021').requests.columns.reduce((p, c) => withCell(p, `requests.carriedForward.${c.key}`, value(r, `requests.carriedOver.${c.key}`)), r);

  it('this year\'s carried-over figure is wrong: named, with last year\'s figure as the value', () => {
    const r = sample(15);
    const previous = lastYearOf(r);
    const id = 'requests.carriedOver.publicInterest';
    const findings = check(withCell(r, id, value(r, id) + 6), { previous });
    const [s, ...rest] = suspects(findings);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ cells: [id], expected: value(previous, 'requests.carriedForward.publicInterest') });
    expect(s?.explains).toContain('prev.carry-over[publicInterest]');
  });

  it('this year agrees with itself: last year\'s report is where the difference is (a note, no suspect)', () => {
    const r = sample(16);
    const previous = withCell(lastYearOf(r), 'requests.carriedForward.naturalPerson', value(r, 'requests.carriedOver.naturalPerson') + 2);
    const findings = check(r, { previous });
    expect(suspects(findings)).toEqual([]);
    expect(findings.find((f) => f.rule === 'prev.carry-over')).toMatchObject({
      target: 'naturalPerson',
      note: '本年表格的各项合计相符，差异可能出自上年报告的「四、结转下年度继续办理·自然人」',
    });
  });
});

describe('pinpointing reads the equations from the rules', () => {
  it('a rule set of the row totals alone has no column equations: one wrong figure in a row cannot be told from its neighbours', () => {
    const set = rulesFor('2021');
    const checker = createChecker({ ...set, rules: set.rules.filter((x) => x.id === 'requests.row-total') });
    const r = sample(3);
    const findings = checker.check(withCell(r, 'requests.granted.commercial', value(r, 'requests.granted.commercial') + 1));
    expect(suspects(findings)).toEqual([]);
    expect(findings[0]?.note).toMatch(/无法确定/);
  });

  it('unknownCells: rules that read a cell not read from the source neither run nor feed a suspect', () => {
    const r = sample(3);
    const wrong = withCell(withCell(r, 'requests.granted.total', value(r, 'requests.granted.total') + 1), 'requests.granted.otherOrg', null);
    const findings = check(wrong, { unknownCells: ['requests.granted.otherOrg'] });
    expect(findings.filter((f) => f.cells.includes('requests.granted.otherOrg'))).toEqual([]);
    // The column of 总计 still fails. Every other figure in it is confirmed by its row's 总计;
    // 予以公开's row cannot be checked, so its 总计 is the one figure left to blame.
    expect(suspects(findings).map((f) => [f.cells, f.explains])).toEqual([[['requests.granted.total'], ['requests.results-sum[total]']]]);
  });
});
