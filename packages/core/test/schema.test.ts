import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  ReportValidationError,
  blankReport,
  formatSchemaIssue,
  parseReport,
  reportJsonSchema,
  validateReport,
  withCell,
} from '../src/index.js';
import { clone, corpusNames, expectedReport } from './shared.js';

const seed = () => expectedReport('chenjiaba-2023');

function issues(doc: unknown): string[] {
  const r = validateReport(doc);
  return r.ok ? [] : r.issues.map(formatSchemaIssue);
}

describe('report schema', () => {
  it('accepts every corpus document', () => {
    for (const name of corpusNames()) expect(issues(expectedReport(name)), name).toEqual([]);
  });

  it('names the path and the national label of a bad cell', () => {
    const doc = clone(seed()) as unknown as { requests: { denied: { stateSecret: Record<string, unknown> } } };
    doc.requests.denied.stateSecret.naturalPerson = '12件';
    expect(issues(doc)).toEqual([
      'requests.denied.stateSecret.naturalPerson（三、本年度办理结果/（三）不予公开/1.属于国家秘密 · 自然人）: expected a whole number ≥ 0, got "12件"',
    ]);
  });

  it.each([
    ['NaN', Number.NaN, 'got NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'got Infinity'],
    ['-0', -0, 'got -0'],
    ['a negative count', -1, 'got -1'],
    ['a fraction', 1.5, 'got 1.5'],
    ['a number beyond safe integers', 2 ** 53 + 2, 'got 9007199254740994'],
    ['a string', '3', 'got "3"'],
    ['a boolean', true, 'got true'],
  ])('rejects %s in a count cell', (_name, value, got) => {
    const doc = withCell(seed(), 'reviews.reconsideration.total', value as number);
    const [first, ...rest] = issues(doc);
    expect(rest).toEqual([]);
    expect(first).toContain('reviews.reconsideration.total（行政复议 · 总计）: expected a whole number ≥ 0');
    expect(first).toContain(got);
  });

  it('says a missing cell is missing, and rejects unknown cells and rows', () => {
    const doc = clone(seed()) as unknown as { requests: Record<string, Record<string, unknown>> };
    delete (doc.requests.granted as Record<string, unknown>).total;
    (doc.requests.granted as Record<string, unknown>).totl = 0;
    doc.requests.bogus = {};
    expect(issues(doc)).toEqual([
      'requests.granted.total（三、本年度办理结果/（一）予以公开 · 总计）: missing; expected a whole number ≥ 0 or null',
      'requests.granted.totl: unknown cell or row (not in the 2021 format)',
      'requests.bogus: unknown cell or row (not in the 2021 format)',
    ]);
  });

  it('keeps blank cells as null and accepts amounts with any number of decimals (exact to the 分 and more)', () => {
    expect(issues(withCell(seed(), 'requests.granted.total', null))).toEqual([]);
    for (const amount of [0, 25.1234, 0.0001, 4166.241619, 7380.28959, 18651.06, 25.12345, 0.000001, 1e-9, 123456789.123456]) {
      expect(issues(withCell(seed(), 'active.fees.amount', amount)), String(amount)).toEqual([]);
    }
    // Parsed back exactly: nothing is rounded.
    expect(parseReport(withCell(seed(), 'active.fees.amount', 4166.241619)).active).toMatchObject({ fees: { amount: 4166.241619 } });
  });

  it.each([
    ['a negative amount', -1, 'got -1'],
    ['a small negative amount', -0.000001, 'got -0.000001'],
    ['-0', -0, 'got -0'],
    ['NaN', Number.NaN, 'got NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'got Infinity'],
    ['a string', '4166.241619', 'got "4166.241619"'],
    ['a string with a unit', '25.1万元', 'got "25.1万元"'],
    ['a boolean', true, 'got true'],
  ])('rejects %s in an amount cell', (_name, value, got) => {
    const [first, ...rest] = issues(withCell(seed(), 'active.fees.amount', value as number));
    expect(rest).toEqual([]);
    expect(first).toBe(`active.fees.amount（第二十条第（八）项/行政事业性收费 · 本年收费金额（单位：万元））: expected an amount ≥ 0, ${got}`);
  });

  it('accepts bodyType government or department, or none (unknown), and nothing else', () => {
    expect(issues({ ...seed(), bodyType: 'government' })).toEqual([]);
    expect(issues({ ...seed(), bodyType: 'department' })).toEqual([]);
    expect(validateReport({ ...seed(), bodyType: 'department' })).toMatchObject({ ok: true, report: { bodyType: 'department' } });
    expect(issues(seed())).toEqual([]);
    expect('bodyType' in (parseReport(seed()) as object)).toBe(false);
    for (const bad of ['ministry', '', null, 1]) {
      const [first, ...rest] = issues({ ...seed(), bodyType: bad });
      expect(rest).toEqual([]);
      expect(first).toMatch(/^bodyType: .*government.*department/);
    }
  });

  it('round-trips bodyType and an amount exact to the 分 through JSON', () => {
    const report = withCell({ ...seed(), agency: '平潭综合实验区', bodyType: 'government' as const }, 'active.fees.amount', 4166.241619);
    const back = parseReport(JSON.parse(JSON.stringify(report)));
    expect(back).toEqual(report);
    expect(JSON.stringify(back)).toContain('"fees":{"amount":4166.241619}');
  });

  it('allows a negative 本年增/减 in the 2019 format only', () => {
    const r2019 = withCell(blankReport('2019', { agency: 'x', year: 2020 }), 'active.licensing.change', -3);
    expect(issues(r2019)).toEqual([]);
    expect(issues(withCell(r2019, 'active.licensing.change', 1.5))[0]).toContain('expected a whole number (may be negative)');
    expect(issues(withCell(r2019, 'active.licensing.decisions', -3))[0]).toContain('expected a whole number ≥ 0');
  });

  it('checks the document around the tables', () => {
    expect(issues(null)).toEqual(['(document): expected a report object, got null']);
    expect(issues({ ...seed(), format: '2020' })).toEqual(['format: expected "2021" or "2019", got "2020"']);
    expect(issues({ ...seed(), publishedOn: '2024-02-30' })[0]).toMatch(/^publishedOn: not a calendar date/);
    expect(issues({ ...seed(), year: '2023' })[0]).toMatch(/^year: .*got "2023"/);
    const noSections = clone(seed()) as unknown as Record<string, unknown>;
    delete noSections.sections;
    expect(issues(noSections)[0]).toMatch(/^sections: .*missing/);
    // Other metadata may be added at the top (spec README).
    expect(issues({ ...seed(), source: 'https://example.gov.cn/1.html' })).toEqual([]);
  });

  it('parseReport throws an error that lists every issue', () => {
    const doc = withCell(withCell(seed(), 'requests.granted.total', -1), 'active.fees.amount', -2);
    expect(() => parseReport(doc, 'a.json')).toThrow(ReportValidationError);
    try {
      parseReport(doc, 'a.json');
    } catch (e) {
      expect((e as ReportValidationError).issues).toHaveLength(2);
      expect((e as Error).message).toMatch(/^a\.json: invalid report document:\n {2}active\.fees\.amount/);
    }
  });
});

describe('report.schema.json', () => {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../report.schema.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);

  it('is the schema generated from zod', () => {
    expect(schema).toEqual(reportJsonSchema());
  });

  it('lets a non-JS validator accept valid documents and reject bad cells', () => {
    expect(validate(seed()), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(blankReport('2019', { agency: 'x', year: 2020 }))).toBe(true);
    expect(validate(withCell(seed(), 'requests.granted.total', -1))).toBe(false);
    expect(validate(withCell(seed(), 'requests.granted.total', 1.5))).toBe(false);
    expect(validate(withCell(seed(), 'requests.granted.total', '1' as unknown as number))).toBe(false);
    expect(validate(withCell(seed(), 'requests.granted.bogus', 1))).toBe(false);
    expect(validate(withCell(seed(), 'active.fees.amount', 25.1))).toBe(true);
    expect(validate(withCell(seed(), 'active.fees.amount', 4166.241619))).toBe(true);
    expect(validate(withCell(seed(), 'active.fees.amount', 7380.28959))).toBe(true);
    expect(validate(withCell(seed(), 'active.fees.amount', -1))).toBe(false);
    expect(validate(withCell(seed(), 'active.fees.amount', '4166.241619' as unknown as number))).toBe(false);
  });

  it('lets a non-JS validator check bodyType', () => {
    expect(validate({ ...seed(), bodyType: 'government' })).toBe(true);
    expect(validate({ ...seed(), bodyType: 'department' })).toBe(true);
    expect(validate({ ...seed(), bodyType: 'ministry' })).toBe(false);
    expect(validate({ ...seed(), bodyType: null })).toBe(false);
  });
});
