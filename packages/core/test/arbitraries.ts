/** fast-check generators of report documents that pass every error rule. */
import fc from 'fast-check';
import { type FormatId, type Report, blankReport, taxonomy, withCell } from '../src/index.js';

const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * A report whose tables are consistent: rows add up to 总计, results add up to （七）总计,
 * 一+二 = 三（七）+四 in every column, and table 四's groups add up.
 */
export function consistentReport(format: FormatId = '2021', max = 50): fc.Arbitrary<Report> {
  const t = taxonomy(format);
  const resultRows = t.requests.rows.filter((r) => r.role === 'result');
  const parts = t.requests.columns.filter((c) => c.role !== 'total');
  const count = fc.integer({ min: 0, max });
  const column = fc.record({
    results: fc.array(count, { minLength: resultRows.length, maxLength: resultRows.length }),
    carriedForward: count,
    carriedOverShare: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  const activeCells = t.cells.filter((c) => c.table === 'active');
  const activeValue = (kind: string) =>
    kind === 'amount'
      ? fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 10_000)
      : kind === 'change'
        ? fc.integer({ min: -max, max })
        : count;
  return fc
    .record({
      columns: fc.array(column, { minLength: parts.length, maxLength: parts.length }),
      reviews: fc.array(fc.array(count, { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
      active: fc.tuple(...activeCells.map((c) => activeValue(c.kind))),
      year: fc.integer({ min: format === '2021' ? 2021 : 2019, max: format === '2021' ? 2030 : 2020 }),
    })
    .map(({ columns, reviews, active, year }) => {
      let r: Report = blankReport(format, {
        agency: '某某市某某局',
        year,
        title: `某某市某某局政府信息公开工作年度报告（${year}年度）`,
        publishedOn: `${year + 1}-01-15`,
      });
      r = {
        ...r,
        sections: {
          overview: '本年度工作考核、社会评议和责任追究情况：无。',
          problems: '存在问题：无。',
          other: '本年度未收取信息处理费。',
        },
      };
      activeCells.forEach((c, i) => {
        r = withCell(r, c.id, active[i] as number);
      });
      const totals = new Map<string, number>();
      const set = (row: string, col: string, v: number) => {
        r = withCell(r, `requests.${row}.${col}`, v);
        totals.set(row, (totals.get(row) ?? 0) + v);
      };
      parts.forEach((c, i) => {
        const col = columns[i] as { results: number[]; carriedForward: number; carriedOverShare: number };
        resultRows.forEach((row, j) => set(row.key, c.key, col.results[j] as number));
        const handled = sumOf(col.results) + col.carriedForward;
        const carriedOver = Math.floor(handled * col.carriedOverShare);
        set('resultsTotal', c.key, sumOf(col.results));
        set('carriedForward', c.key, col.carriedForward);
        set('carriedOver', c.key, carriedOver);
        set('newReceived', c.key, handled - carriedOver);
      });
      for (const [row, total] of totals) r = withCell(r, `requests.${row}.total`, total);
      t.reviews.rows.forEach((g, i) => {
        const outcomes = reviews[i] as number[];
        ['upheld', 'corrected', 'other', 'pending'].forEach((k, j) => {
          r = withCell(r, `reviews.${g.key}.${k}`, outcomes[j] as number);
        });
        r = withCell(r, `reviews.${g.key}.total`, sumOf(outcomes));
      });
      return r;
    });
}
