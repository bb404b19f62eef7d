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
  | 'unit-count'
  | 'unit-amount'
  | 'negative'
  | 'not-whole'
  | 'not-integer'
  | 'decimals';

export type ParsedValue =
  | { ok: true; value: number | null; notes: ValueNote[] }
  | { ok: false; code: RefusalCode; reason: string };

const refuse = (code: RefusalCode, reason: string): ParsedValue => ({ ok: false, code, reason });

/** Texts that mean "left blank" in published tables. */
const BLANK_MARK = /^(?:[-—–/\\－─_]{1,3}|空|\/)$/;

/** Shifts a decimal string by `places` to the left without float noise (251000 → 25.1). */
function shiftDecimal(digits: string, places: number): number {
  const [int = '0', frac = ''] = digits.split('.');
  const all = int.padStart(places + 1, '0') + frac;
  const point = all.length - frac.length - places;
  return Number(`${all.slice(0, point)}.${all.slice(point)}`);
}

/** Whether the text looks like a value (a number, blank, a blank mark) rather than a label. */
export function looksLikeValue(text: string): boolean {
  const t = compact(text);
  return t === '' || BLANK_MARK.test(t) || /^[+-]?[\d,]+(?:\.\d+)?(?:万元|元|件|个|项|条|次)?$/.test(t);
}

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
  let t = compact(raw);
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
  if (/^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(t)) {
    t = t.replace(/,/g, '');
    notes.push({ code: 'thousands-separator', message: `thousands separators removed from 「${raw.trim()}」` });
  }
  const num = /^([+-]?)(\d{1,15}(?:\.\d{1,12})?)$/.exec(t);
  if (!num) return refuse('not-a-number', `「${raw.trim()}」 is not a number`);
  const s = sign || (num[1] === '-' ? '-' : '');
  const digits = num[2] as string;
  let value: number;
  if (unit === '元') {
    if (kind !== 'amount') return refuse('unit-count', `「${raw.trim()}」 is an amount in 元, the cell counts items`);
    value = shiftDecimal(digits, 4);
    notes.push({ code: 'unit-converted', message: `「${raw.trim()}」${unitMatch ? '' : ' 元 (the column header says 元)'} converted to ${value} 万元` });
  } else {
    value = Number(digits);
    if (unit === '万元' && kind !== 'amount') return refuse('unit-count', `「${raw.trim()}」 is an amount, the cell counts items`);
    if (unit && unit !== '万元' && kind === 'amount') return refuse('unit-amount', `「${raw.trim()}」 is a count, the cell is an amount in 万元`);
    if (unit) notes.push({ code: 'unit-stripped', message: `unit 「${unit}」 removed from 「${raw.trim()}」` });
  }
  if (s === '-' && value !== 0) value = -value;
  if (kind === 'count' && value < 0) return refuse('negative', `「${raw.trim()}」 is not a whole number ≥ 0`);
  if (kind === 'count' && !Number.isSafeInteger(value)) return refuse('not-whole', `「${raw.trim()}」 is not a whole number ≥ 0`);
  if (kind === 'change' && !Number.isSafeInteger(value)) return refuse('not-integer', `「${raw.trim()}」 is not a whole number`);
  if (kind === 'amount') {
    if (value < 0) return refuse('negative', `「${raw.trim()}」 is negative`);
    if (strict && Math.abs(value * 1e4 - Math.round(value * 1e4)) > 1e-6) return refuse('decimals', `「${raw.trim()}」 has more than 4 decimals in 万元`);
  }
  return { ok: true, value, notes };
}
