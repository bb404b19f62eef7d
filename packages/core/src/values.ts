/** Reading a cell's text as a number of the cell's kind (count, amount in 万元, change). */
import type { CellKind } from './taxonomy.js';

export interface ValueNote {
  code: 'unit-converted' | 'unit-stripped' | 'thousands-separator' | 'blank-mark';
  message: string;
}

/** Why a text is not a value of the cell's kind: stable codes for messages in any language. */
export type RefusalCode =
  | 'too-long'
  | 'not-a-number'
  | 'spaced-digits'
  | 'unit-count'
  | 'unit-amount'
  | 'negative'
  | 'not-whole'
  | 'not-integer'
  | 'decimals'
  | 'too-large'
  | 'inexact';

/**
 * The largest value a cell may hold, by kind (a change may be as negative). Far above any
 * report: 10^9 requests or documents, 10^10 万元 (10^14 元, about the whole country's annual
 * output). Beyond them a value is a mistake (a pasted id, digits run together), and 2^53,
 * where whole numbers stop being exact, stays far away. The schema, the JSON Schema and the
 * rule `cell.type` say the same.
 */
export const cellValueLimits: Readonly<Record<CellKind, number>> = { count: 1e9, amount: 1e10, change: 1e9 };

export type ParsedValue =
  | { ok: true; value: number | null; notes: ValueNote[] }
  | { ok: false; code: RefusalCode; reason: string };

const refuse = (code: RefusalCode, reason: string): ParsedValue => ({ ok: false, code, reason });

/** Texts that mean "left blank" in published tables. */
const BLANK_MARK = /^(?:[-—–/\\－─_]{1,3}|空|\/)$/;

/** Shifts a decimal string by `places` to the left without float noise (251000 → 25.1). */
function shiftDecimal(digits: string, places: number): string {
  const [int = '0', frac = ''] = digits.split('.');
  const all = int.padStart(places + 1, '0') + frac;
  const point = all.length - frac.length - places;
  return `${all.slice(0, point)}.${all.slice(point)}`;
}

/** A non-negative decimal (`0012.50`, `1.5e-7`) as its significant digits and exponent (`125e2`), `0` for zero. */
function canonical(text: string): string {
  const m = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m) return text;
  const int = m[1] ?? '';
  let digits = int + (m[2] ?? '');
  let point = int.length + Number(m[3] ?? 0);
  const lead = /^0*/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(lead).replace(/0+$/, '');
  point -= lead;
  return digits ? `${digits}e${point}` : '0';
}

/** Whether the number is the decimal written, digit for digit (trailing zeros aside): 99999999999999.9999 is not 1e14. */
const exact = (decimal: string, value: number): boolean => canonical(decimal) === canonical(String(value));

/** Decimals of a decimal string once trailing zeros are dropped (1.2500 → 2). */
const decimalPlaces = (decimal: string): number => (decimal.split('.')[1] ?? '').replace(/0+$/, '').length;

/** A thousands grouping by commas or single spaces (1,234,567.5, 1 234 567): the separators, or null. */
const GROUPED = /^[+-]?\d{1,3}(?:(,| )\d{3})(?:\1\d{3})*(?:\.\d+)?$/;

/** Whether the text looks like a value (a number, blank, a blank mark) rather than a label. */
export function looksLikeValue(text: string): boolean {
  const t = compact(text);
  return t === '' || BLANK_MARK.test(t) || /^[+-]?[\d,]+(?:\.\d+)?(?:万元|元|件|个|项|条|次)?$/.test(t);
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

export function compact(text: string): string {
  return (text.length > 200 ? text.slice(0, 200) : text).normalize('NFKC').replace(/[\s\u200b\ufeff]+/g, '');
}

/**
 * Parses a cell; `null` for a blank cell. Never guesses: text that is not a number of the cell's kind fails.
 * Amounts keep every decimal printed (real reports print 万元 exact to the 分, 「4166.241619」); `strict`
 * refuses more than 4 decimals, as the importer did before tolerant reading.
 */
export function parseValue(raw: string, kind: CellKind, headerUnit?: '元', strict = false): ParsedValue {
  if (raw.length > 200) return refuse('too-long', 'text too long for a number');
  // White space goes, except between two digits: there it is a thousands grouping (「1 234」,
  // also with U+3000, NBSP or a thin space, which NFKC makes a plain space) or a refusal
  // (「1 2」 is not 12).
  let t = raw
    .normalize('NFKC')
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/\s+/g, (run: string, at: number, s: string) => (isDigit(s[at - 1]) && isDigit(s[at + run.length]) ? run : ''));
  const notes: ValueNote[] = [];
  if (t === '') return { ok: true, value: null, notes };
  if (BLANK_MARK.test(t)) {
    notes.push({ code: 'blank-mark', message: `「${raw.trim()}」 read as a blank cell` });
    return { ok: true, value: null, notes };
  }
  let sign = '';
  if (kind === 'change') {
    const m = /^(增加|增|减少|减)(.+)$/.exec(t);
    if (m) {
      sign = m[1]?.startsWith('减') ? '-' : '';
      t = m[2] as string;
    }
  }
  const unitMatch = /^(.*?\d)(万元|元|件|个|项|条|次)$/.exec(t);
  let unit = '';
  if (unitMatch) {
    t = unitMatch[1] as string;
    unit = unitMatch[2] as string;
  } else if (headerUnit) unit = headerUnit;
  const grouped = GROUPED.exec(t);
  if (grouped) {
    t = t.replaceAll(grouped[1] as string, '');
    notes.push({ code: 'thousands-separator', message: `thousands separators removed from 「${raw.trim()}」` });
  } else if (/\s/.test(t)) {
    return refuse('spaced-digits', `「${raw.trim()}」 has digits apart (a space only separates groups of three: 1 234)`);
  }
  const num = /^([+-]?)(\d+(?:\.\d+)?)$/.exec(t);
  if (!num) return refuse('not-a-number', `「${raw.trim()}」 is not a number`);
  const s = sign || (num[1] === '-' ? '-' : '');
  let decimal = num[2] as string;
  if (unit === '元') {
    if (kind !== 'amount') return refuse('unit-count', `「${raw.trim()}」 is an amount in 元, the cell counts items`);
    decimal = shiftDecimal(decimal, 4);
  } else {
    if (unit === '万元' && kind !== 'amount') return refuse('unit-count', `「${raw.trim()}」 is an amount, the cell counts items`);
    if (unit && unit !== '万元' && kind === 'amount') return refuse('unit-amount', `「${raw.trim()}」 is a count, the cell is an amount in 万元`);
  }
  let value = Number(decimal);
  if (s === '-' && value !== 0) value = -value;
  if (kind === 'count' && value < 0) return refuse('negative', `「${raw.trim()}」 is not a whole number ≥ 0`);
  if (kind === 'amount' && value < 0) return refuse('negative', `「${raw.trim()}」 is negative`);
  const limit = cellValueLimits[kind];
  if (Math.abs(value) > limit) return refuse('too-large', `「${raw.trim()}」 is beyond ${limit}${kind === 'amount' ? ' 万元' : ''}, the most a cell of this kind may hold`);
  if (kind === 'count' && !Number.isSafeInteger(value)) return refuse('not-whole', `「${raw.trim()}」 is not a whole number ≥ 0`);
  if (kind === 'change' && !Number.isSafeInteger(value)) return refuse('not-integer', `「${raw.trim()}」 is not a whole number`);
  // Never rounded: a decimal a float64 cannot hold digit for digit is refused, not changed.
  if (!exact(decimal, Math.abs(value))) return refuse('inexact', `「${raw.trim()}」 has more digits than can be kept exactly`);
  if (kind === 'amount' && strict && decimalPlaces(decimal) > 4) return refuse('decimals', `「${raw.trim()}」 has more than 4 decimals in 万元`);
  if (unit === '元') {
    notes.push({ code: 'unit-converted', message: `「${raw.trim()}」${unitMatch ? '' : ' 元 (the column header says 元)'} converted to ${Math.abs(value)} 万元` });
  } else if (unit) notes.push({ code: 'unit-stripped', message: `unit 「${unit}」 removed from 「${raw.trim()}」` });
  return { ok: true, value, notes };
}
