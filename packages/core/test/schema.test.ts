import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  ReportValidationError,
  blankReport,
  formatSchemaIssue,
  type SchemaIssue,
  parseReport,
  reportJsonSchema,
  validateReport,
  withCell,
} from '../src/index.js';
import { clone, corpusNames, expectedReport } from './shared.js';

const seed = () => expectedReport('chenjiaba-2023');

function issues(doc: unknown): string[] {
  const r = validateReport(doc);
  return r.ok ? [] : r.issues.map((i) => formatSchemaIssue(i));
}

describe('report schema', () => {
  it('accepts every corpus document', () => {
    for (const name of corpusNames()) expect(issues(expectedReport(name)), name).toEqual([]);
  });

  it('names the path and the national label of a bad cell', () => {
    const doc = clone(seed()) as unknown as { requests: { denied: { stateSecret: Record<string, unknown> } } };
    doc.requests.denied.stateSecret.naturalPerson = '12件';
    expect(issues(doc)).toEqual([
      'requests.denied.stateSecret.naturalPerson（（三）不予公开 — 1.属于国家秘密·自然人）: expected a whole number ≥ 0, got "12件"',
    ]);
  });

  it('speaks Chinese when asked: every word of the issue, the value found included', () => {
    const doc = clone(seed()) as unknown as Record<string, unknown> & { requests: { denied: { stateSecret: Record<string, unknown> } } };
    doc.requests.denied.stateSecret.naturalPerson = '12件';
    doc.year = 'last year';
    doc.sections = { ...(doc.sections as object), extra: 'x' };
    const r = validateReport(doc, 'zh-CN');
    expect(r.ok ? [] : r.issues.map((i) => formatSchemaIssue(i, 'zh-CN'))).toEqual([
      'year：应为 1990 至 2200 之间的年份（整数）（填写的是 "last year"）',
      'sections.extra：此部分不存在（2021 年格式中没有）',
      'requests.denied.stateSecret.naturalPerson（（三）不予公开 — 1.属于国家秘密·自然人）：应为不小于 0 的整数，填写的是 "12件"',
    ]);
    const notObject = validateReport([1, 2], 'zh-CN');
    expect(notObject.ok ? '' : formatSchemaIssue(notObject.issues[0] as SchemaIssue, 'zh-CN')).toBe('（整个文档）：应为一个报告对象（JSON 对象），实际是 含 2 项的列表');
  });

  it.each([
    ['NaN', Number.NaN, 'got NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'got Infinity'],
    ['-0', -0, 'got -0'],
    ['a negative count', -1, 'got -1'],
    ['a fraction', 1.5, 'got 1.5'],
    ['a string', '3', 'got "3"'],
    ['a boolean', true, 'got true'],
  ])('rejects %s in a count cell', (_name, value, got) => {
    const doc = withCell(seed(), 'reviews.reconsideration.total', value as number);
    const [first, ...rest] = issues(doc);
    expect(rest).toEqual([]);
    expect(first).toContain('reviews.reconsideration.total（行政复议·总计）: expected a whole number ≥ 0');
    expect(first).toContain(got);
  });

  it.each([
    ['a count above 10^9', 'reviews.reconsideration.total', 1e9 + 1, 'expected a whole number from 0 to 1000000000, got 1000000001'],
    ['a number beyond safe integers', 'reviews.reconsideration.total', 2 ** 53 + 2, 'expected a whole number from 0 to 1000000000, got 9007199254740994'],
    ['an amount above 10^10 万元', 'active.fees.amount', 1e10 + 0.5, 'expected an amount from 0 to 10000000000 (万元), got 10000000000.5'],
    ['an amount of 1e20', 'active.fees.amount', 1e20, 'expected an amount from 0 to 10000000000 (万元), got 100000000000000000000'],
    ['an amount of 1e300', 'active.fees.amount', 1e300, 'expected an amount from 0 to 10000000000 (万元), got 1e+300'],
    ['an amount above 2^53', 'active.fees.amount', 2 ** 53 + 2, 'expected an amount from 0 to 10000000000 (万元), got 9007199254740994'],
  ])('rejects %s, naming the limit', (_name, cell, value, message) => {
    expect(issues(withCell(seed(), cell, value))).toEqual([expect.stringMatching(new RegExp(`^${cell.replaceAll('.', '\\.')}（.*）: ${message.replace(/[()+]/g, '\\$&')}$`))]);
  });

  it('accepts values at the limits: 10^9 items, 10^10 万元, a change of ±10^9', () => {
    expect(issues(withCell(seed(), 'reviews.reconsideration.total', 1e9))).toEqual([]);
    expect(issues(withCell(seed(), 'active.fees.amount', 1e10))).toEqual([]);
    const r2019 = blankReport('2019', { agency: 'x', year: 2020 });
    expect(issues(withCell(r2019, 'active.licensing.change', -1e9))).toEqual([]);
    expect(issues(withCell(r2019, 'active.licensing.change', 1e9))).toEqual([]);
    expect(issues(withCell(r2019, 'active.licensing.change', -1e9 - 1))).toEqual([
      expect.stringContaining('expected a whole number from -1000000000 to 1000000000, got -1000000001'),
    ]);
  });

  it('says a missing cell is missing, and rejects unknown cells and rows', () => {
    const doc = clone(seed()) as unknown as { requests: Record<string, Record<string, unknown>> };
    delete (doc.requests.granted as Record<string, unknown>).total;
    (doc.requests.granted as Record<string, unknown>).totl = 0;
    doc.requests.bogus = {};
    expect(issues(doc)).toEqual([
      'requests.granted.total（（一）予以公开·总计）: missing; expected a whole number ≥ 0 or null',
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
    expect(first).toBe(`active.fees.amount（行政事业性收费·本年收费金额（单位：万元））: expected an amount ≥ 0, ${got}`);
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

describe('validateReport never throws', () => {
  const rootIssue = (doc: unknown) => {
    let result: ReturnType<typeof validateReport> | undefined;
    expect(() => (result = validateReport(doc))).not.toThrow();
    expect(result?.ok).toBe(false);
    return result && !result.ok ? result.issues : [];
  };

  it('reports a getter that throws as one issue at the root', () => {
    const doc = { ...seed() } as Record<string, unknown>;
    Object.defineProperty(doc, 'format', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(rootIssue(doc)).toEqual([{ path: '', message: 'not a readable report document: reading it threw an error: boom' }]);
    // Deeper, where zod reads it: a cell, a section.
    const deep = clone(seed()) as unknown as { requests: { granted: Record<string, unknown> }; sections: Record<string, unknown> };
    Object.defineProperty(deep.requests.granted, 'total', { enumerable: true, get: () => { throw new TypeError('no'); } });
    expect(rootIssue(deep)).toEqual([{ path: '', message: 'not a readable report document: reading it threw a TypeError: no' }]);
    const section = clone(seed()) as unknown as { sections: Record<string, unknown> };
    Object.defineProperty(section.sections, 'overview', { enumerable: true, get: () => { throw new Error('x'); } });
    expect(rootIssue(section)).toHaveLength(1);
  });

  it('reports a getter that throws only when read again (naming the bad value) as one issue', () => {
    const doc = clone(seed()) as unknown as { requests: { granted: Record<string, unknown> } };
    let reads = 0;
    Object.defineProperty(doc.requests.granted, 'total', {
      enumerable: true,
      get: () => {
        if (reads++) throw new Error('second read');
        return -1;
      },
    });
    expect(rootIssue(doc)).toHaveLength(1);
  });

  it('survives a thrown value that is itself hostile', () => {
    const hostile = new Proxy({}, { getPrototypeOf: () => { throw new Error('again'); }, get: () => { throw new Error('again'); } });
    const doc = { get format(): string { throw hostile; } };
    expect(rootIssue(doc)).toEqual([{ path: '', message: 'not a readable report document: reading it threw' }]);
  });

  it('reports a Proxy whose traps throw, and a revoked Proxy', () => {
    const boom = () => { throw new Error('trap'); };
    for (const trap of ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf'] as const) {
      const doc = new Proxy(clone(seed()) as object, { [trap]: boom });
      const result = validateReport(doc);
      expect(result.ok, trap).toBe(false);
    }
    const { proxy, revoke } = Proxy.revocable(clone(seed()) as object, {});
    revoke();
    expect(rootIssue(proxy)).toEqual([{ path: '', message: expect.stringMatching(/^not a readable report document: reading it threw a TypeError/) }]);
    // A Proxy that only reads through is validated like the object behind it.
    expect(validateReport(new Proxy(clone(seed()) as object, {})).ok).toBe(true);
  });

  it('handles cyclic documents', () => {
    const top = { ...clone(seed()) } as Record<string, unknown>;
    top.self = top; // other metadata may be added at the top: a cycle there is kept as it is
    expect(validateReport(top).ok).toBe(true);
    const inTable = clone(seed()) as unknown as { requests: Record<string, unknown> };
    inTable.requests.granted = inTable.requests;
    expect(issues(inTable).length).toBeGreaterThan(0);
    const inCell = clone(seed()) as unknown as { requests: { granted: Record<string, unknown> } };
    inCell.requests.granted.total = inCell;
    expect(issues(inCell)).toEqual([expect.stringMatching(/^requests\.granted\.total（.*）: expected a whole number ≥ 0, got an object$/)]);
  });

  it('handles deep nesting, a bigint, a symbol and a function without throwing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(issues(withCell(seed(), 'requests.granted.total', deep as number))[0]).toMatch(/got an object$/);
    expect(validateReport({ ...seed(), extra: deep }).ok).toBe(true);
    expect(issues({ ...seed(), requests: deep })[0]).toMatch(/^requests/);
    let list: unknown = [];
    for (let i = 0; i < 100_000; i++) list = [list];
    expect(issues({ ...seed(), sections: list })[0]).toMatch(/^sections/);
    expect(issues(withCell(seed(), 'requests.granted.total', 1n as unknown as number))[0]).toMatch(/got 1n$/);
    expect(issues(withCell(seed(), 'requests.granted.total', Symbol('s') as unknown as number))[0]).toMatch(/got a symbol$/);
    expect(issues({ ...seed(), title: () => 1 })[0]).toMatch(/^title: .*got a function/);
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

  it('lets a non-JS validator enforce the limits: 10^9 items, 10^10 万元, changes within ±10^9', () => {
    expect(validate(withCell(seed(), 'active.fees.amount', 1e10))).toBe(true);
    for (const amount of [1e10 + 1, 1e20, 1e300, 2 ** 53 + 2]) expect(validate(withCell(seed(), 'active.fees.amount', amount)), String(amount)).toBe(false);
    expect(validate(withCell(seed(), 'requests.granted.total', 1e9 + 1))).toBe(false);
    const r2019 = blankReport('2019', { agency: 'x', year: 2020 });
    expect(validate(withCell(r2019, 'active.licensing.change', -1e9))).toBe(true);
    expect(validate(withCell(r2019, 'active.licensing.change', -1e9 - 1))).toBe(false);
    expect(validate(withCell(r2019, 'active.licensing.decisions', 1e9 + 1))).toBe(false);
  });

  it('lets a non-JS validator check bodyType', () => {
    expect(validate({ ...seed(), bodyType: 'government' })).toBe(true);
    expect(validate({ ...seed(), bodyType: 'department' })).toBe(true);
    expect(validate({ ...seed(), bodyType: 'ministry' })).toBe(false);
    expect(validate({ ...seed(), bodyType: null })).toBe(false);
  });
});
