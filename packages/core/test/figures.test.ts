/** The key figures of a report (issue 17's region overview): sums of the national rows, shares with their base. */
import { describe, expect, it } from 'vitest';
import { type Report, blankReport, keyFigures, minShareBase, share, withCell } from '../src/index.js';
import { expectedReport } from './shared.js';

/** A report with every figure of table 三 and 四 set from a list. */
function filled(format: '2021' | '2019', cells: Record<string, number>): Report {
  let report = blankReport(format, { agency: '甲局', year: format === '2021' ? 2023 : 2020 }) as Report;
  // Every cell 0 first, so that only the figures named differ.
  for (const id of Object.keys(flat(report))) report = withCell(report, id, 0);
  for (const [id, v] of Object.entries(cells)) report = withCell(report, id, v);
  return report;
}
function flat(report: Report): Record<string, null> {
  const out: Record<string, null> = {};
  const walk = (v: unknown, path: string) => {
    if (v === null && /^(active|requests|reviews)\./.test(path)) out[path] = null;
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(report, '');
  return out;
}

describe('keyFigures', () => {
  it('sums each outcome over its numbered rows and gives the shares of what was handled', () => {
    const report = filled('2021', {
      'requests.newReceived.total': 40,
      'requests.resultsTotal.total': 40,
      'requests.granted.total': 20,
      'requests.partiallyGranted.total': 5,
      'requests.denied.stateSecret.total': 1,
      'requests.denied.processInfo.total': 3,
      'requests.unavailable.notHeld.total': 6,
      'requests.notProcessed.duplicate.total': 2,
      'requests.otherHandling.noCorrection.total': 2,
      'requests.otherHandling.unpaidFee.total': 1,
      'reviews.reconsideration.corrected': 1,
      'reviews.litigationAfterReconsideration.corrected': 2,
    });
    const f = keyFigures(report);
    expect(f.received).toBe(40);
    expect(f.handled).toBe(40);
    expect(f.outcomes).toEqual({ granted: 20, partiallyGranted: 5, denied: 4, unavailable: 6, notProcessed: 2, otherHandling: 3 });
    expect(f.disclosedShare).toEqual({ value: 25 / 40, numerator: 25, base: 40 });
    expect(f.deniedShare).toEqual({ value: 0.1, numerator: 4, base: 40 });
    expect(f.corrected).toBe(3);
  });

  it('reads the 2019 format, whose 其他处理 is one row', () => {
    const f = keyFigures(filled('2019', { 'requests.resultsTotal.total': 12, 'requests.otherHandling.total': 7, 'requests.granted.total': 5 }));
    expect(f.outcomes.otherHandling).toBe(7);
    expect(f.disclosedShare.value).toBeCloseTo(5 / 12);
  });

  it('keeps a blank a blank: a sum over a blank row, and a share over a blank, are not given', () => {
    let report = filled('2021', { 'requests.resultsTotal.total': 30, 'requests.granted.total': 10 });
    report = withCell(report, 'requests.denied.thirdPartyRights.total', null);
    report = withCell(report, 'reviews.litigationDirect.corrected', null);
    report = withCell(report, 'requests.newReceived.total', null);
    const f = keyFigures(report);
    expect(f.received).toBeNull();
    expect(f.outcomes.denied).toBeNull();
    expect(f.deniedShare).toEqual({ value: null, numerator: null, base: 30, why: 'blank' });
    expect(f.disclosedShare.value).toBeCloseTo(1 / 3);
    expect(f.corrected).toBeNull();
  });

  it('gives no share of a handful of requests (2 of 2 is not "100% disclosed"), nor of none', () => {
    expect(minShareBase).toBe(10);
    expect(share(2, 2)).toEqual({ value: null, numerator: 2, base: 2, why: 'few' });
    expect(share(9, 9).why).toBe('few');
    expect(share(10, 10)).toEqual({ value: 1, numerator: 10, base: 10 });
    expect(share(0, 0)).toEqual({ value: null, numerator: 0, base: 0, why: 'none' });
    // The seed township handled no requests at all.
    const seed = keyFigures(expectedReport('chenjiaba-2023'));
    expect(seed.received).toBe(0);
    expect(seed.disclosedShare.why).toBe('none');
  });
});
