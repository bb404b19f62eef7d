import { describe, expect, it } from 'vitest';
import { parseValue } from '../src/index.js';
import { cellValueLimits } from '../src/values.js';

describe('parseValue', () => {
  it.each([
    ['１２', 'count', 12],
    ['1,234', 'count', 1234],
    ['  7 ', 'count', 7],
    ['', 'count', null],
    ['—', 'count', null],
    ['251000元', 'amount', 25.1],
    ['25.1234', 'amount', 25.1234],
    ['-3', 'change', -3],
    ['减3', 'change', -3],
  ] as const)('reads %j as a %s: %j', (text, kind, value) => {
    const r = parseValue(text, kind);
    expect(r.ok && r.value).toBe(value);
  });

  it.each([
    ['若干', 'count', 'not-a-number'],
    ['-1', 'count', 'negative'],
    ['1.5', 'count', 'not-whole'],
    ['1.5', 'change', 'not-integer'],
    ['-2', 'amount', 'negative'],
    ['3元', 'count', 'unit-count'],
    ['3件', 'amount', 'unit-amount'],
    ['1'.repeat(201), 'count', 'too-long'],
  ] as const)('refuses %j in a %s cell with the code %s', (text, kind, code) => {
    const r = parseValue(text, kind);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.reason.length).toBeGreaterThan(5);
    }
  });
});

describe('amounts to the 分', () => {
  it('keeps every decimal printed; strict refuses more than 4 (the code decimals)', () => {
    expect(parseValue('4166.241619', 'amount')).toMatchObject({ ok: true, value: 4166.241619 });
    expect(parseValue('73802895.90元', 'amount')).toMatchObject({ ok: true, value: 7380.28959 });
    expect(parseValue('1.00001', 'amount', undefined, true)).toMatchObject({ ok: false, code: 'decimals' });
    expect(parseValue('1.0001', 'amount', undefined, true)).toMatchObject({ ok: true, value: 1.0001 });
  });
});

describe('digits apart: a thousands grouping or a refusal, never run together', () => {
  it.each([
    ['1 234', 'count', 1234],
    ['1 234 567', 'count', 1234567],
    ['1\u3000234', 'count', 1234], // ideographic space
    ['１　２３４', 'count', 1234], // full-width digits and ideographic space
    ['1\u00a0234\u00a0567', 'count', 1234567], // no-break space
    ['1\u202f234', 'count', 1234], // narrow no-break space
    ['1\u2009234', 'count', 1234], // thin space
    ['1 234.5', 'amount', 1234.5],
    ['1 234 567元', 'amount', 123.4567],
    ['减 1 234', 'change', -1234],
    ['- 3', 'change', -3],
    [' 12 件 ', 'count', 12],
    ['25.1 万元', 'amount', 25.1],
  ] as const)('reads %j as a %s: %j (a grouping of three, or space around the number)', (text, kind, value) => {
    const r = parseValue(text, kind);
    expect(r).toMatchObject({ ok: true, value });
    if (/\d\s+\d/.test(text.normalize('NFKC'))) expect(r.ok && r.notes.map((n) => n.code)).toContain('thousands-separator');
  });

  it.each([
    ['1 2', 'count'],
    ['1 2', 'amount'],
    ['1 2', 'change'],
    ['1\u30002', 'count'],
    ['１　２', 'count'],
    ['1\u00a02', 'amount'],
    ['12 3', 'count'],
    ['1 23', 'count'],
    ['1 234 5', 'count'],
    ['1  234', 'count'], // two spaces: not a grouping
    ['1\t234', 'count'],
    ['1\n234', 'count'],
    ['1.2 3', 'amount'],
    ['1,234 567', 'count'], // mixed separators
    ['1 2元', 'amount'],
    ['减1 2', 'change'],
  ] as const)('refuses %j in a %s cell (spaced-digits)', (text, kind) => {
    expect(parseValue(text, kind)).toMatchObject({ ok: false, code: 'spaced-digits' });
  });
});

describe('never rounded, never beyond the limits', () => {
  it('refuses a decimal a float64 cannot hold digit for digit (inexact)', () => {
    for (const text of ['9999999.99999999999', '0.12345678901234567', '1234567.12345678901', '9999999999.999999', '0.10000000000000000555']) {
      expect(parseValue(text, 'amount'), text).toMatchObject({ ok: false, code: 'inexact' });
    }
  });

  it('keeps exact decimals, trailing zeros aside, at any magnitude within the limit', () => {
    for (const [text, value] of [
      ['4166.241619', 4166.241619],
      ['0.1', 0.1],
      ['1.50000', 1.5],
      ['0.000001', 0.000001],
      ['1234567.123456', 1234567.123456],
      ['9999999999.99999', 9999999999.99999],
      ['0000012.50', 12.5],
      ['0.001元', 1e-7],
      ['1元', 0.0001],
    ] as const) {
      expect(parseValue(text, 'amount'), text).toMatchObject({ ok: true, value });
    }
  });

  it('refuses 99999999999999.9999, which a float64 would round to 1e14 (and which is beyond the limit)', () => {
    expect(parseValue('99999999999999.9999', 'amount')).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('bounds amounts at 10^10 万元 and counts and changes at 10^9', () => {
    expect(cellValueLimits).toEqual({ count: 1e9, amount: 1e10, change: 1e9 });
    expect(parseValue('10000000000', 'amount')).toMatchObject({ ok: true, value: 1e10 });
    expect(parseValue('10,000,000,000.00', 'amount')).toMatchObject({ ok: true, value: 1e10 });
    expect(parseValue('1000000000', 'count')).toMatchObject({ ok: true, value: 1e9 });
    expect(parseValue('-1000000000', 'change')).toMatchObject({ ok: true, value: -1e9 });
    for (const [text, kind] of [
      ['10000000000.01', 'amount'],
      ['100000000000000000000', 'amount'], // 1e20
      ['1000000000000000元', 'amount'], // 1e11 万元
      [`1${'0'.repeat(150)}`, 'amount'],
      ['1000000001', 'count'],
      ['9007199254740993', 'count'], // 2^53 + 1
      ['1,000,000,001', 'count'],
      ['1000000001', 'change'],
      ['-1000000001', 'change'],
      ['减1000000001', 'change'],
    ] as const) {
      expect(parseValue(text, kind), text).toMatchObject({ ok: false, code: 'too-large' });
    }
  });

  it('strict counts decimals in the text, so large amounts with 4 decimals are not refused by float noise', () => {
    expect(parseValue('9999999999.9999', 'amount', undefined, true)).toMatchObject({ ok: true, value: 9999999999.9999 });
    expect(parseValue('1.50000', 'amount', undefined, true)).toMatchObject({ ok: true, value: 1.5 });
    expect(parseValue('1.5元', 'amount', undefined, true)).toMatchObject({ ok: false, code: 'decimals' });
    expect(parseValue('15元', 'amount', undefined, true)).toMatchObject({ ok: true, value: 0.0015 });
  });
});
