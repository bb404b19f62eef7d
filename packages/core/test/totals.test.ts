import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Report, blankReport, check, fillTotals, getCell, isTotalCell, taxonomy, totalDefinitions, withCell } from '../src/index.js';
import { consistentReport } from './arbitraries.js';

describe('totals', () => {
  it('knows the totals of both formats from the sum rules', () => {
    const defs = totalDefinitions('2021');
    // 25 row totals + 6 column totals of （七） (its 总计 is a row total) + 3 review groups.
    expect(defs).toHaveLength(25 + 6 + 3);
    expect(isTotalCell('2021', 'requests.denied.stateSecret.total')).toBe(true);
    expect(isTotalCell('2021', 'requests.resultsTotal.research')).toBe(true);
    expect(isTotalCell('2021', 'reviews.reconsideration.total')).toBe(true);
    expect(isTotalCell('2021', 'requests.granted.research')).toBe(false);
    expect(totalDefinitions('2019')).toHaveLength(23 + 6 + 3);
    const order = defs.map((d) => d.total);
    expect(order.indexOf('requests.granted.total')).toBeLessThan(order.indexOf('requests.resultsTotal.total'));
  });

  it('fills totals from any parts so that no sum rule fails, and says which cells it filled', () => {
    const parts = taxonomy('2021').cells.filter((c) => !isTotalCell('2021', c.id));
    fc.assert(
      fc.property(consistentReport('2021'), fc.array(fc.tuple(fc.constantFrom(...parts), fc.nat(1000))), (r, edits) => {
        let changed: Report = r;
        for (const [cell, v] of edits) changed = withCell(changed, cell.id, v);
        const { report, filled } = fillTotals(changed);
        const sumFindings = check(report).filter((f) => ['requests.row-total', 'requests.results-sum', 'reviews.total'].includes(f.rule));
        expect(sumFindings).toEqual([]);
        for (const id of filled) expect(getCell(report, id)).not.toBe(getCell(changed, id));
      }),
    );
  });

  it('leaves a total blank when all its parts are blank, and fills nothing twice', () => {
    let r = blankReport('2021', { agency: 'x', year: 2023 });
    r = withCell(r, 'requests.granted.naturalPerson', 2);
    const { report, filled } = fillTotals(r);
    expect(filled.sort()).toEqual(['requests.granted.total', 'requests.resultsTotal.naturalPerson', 'requests.resultsTotal.total'].sort());
    expect(getCell(report, 'requests.resultsTotal.total')).toBe(2);
    expect(getCell(report, 'requests.denied.stateSecret.total')).toBeNull();
    expect(fillTotals(report).filled).toEqual([]);
  });
});
