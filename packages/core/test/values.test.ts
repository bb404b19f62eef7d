import { describe, expect, it } from 'vitest';
import { parseValue } from '../src/index.js';

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
