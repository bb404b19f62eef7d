/** Typed text → cell value (core's `parseValue`), with the reason for a refusal in the UI language. */
import { type CellKind, type RefusalCode, parseValue } from '@disclosure-report/core';
import type { DisclosureStrings } from '../i18n.js';

export type CellInput = { ok: true; value: number | null } | { ok: false; reason: string };

/** Core's refusal code as a message in the UI language. */
export function refusalReason(code: RefusalCode, text: string, kind: CellKind, s: DisclosureStrings): string {
  switch (code) {
    case 'too-long':
      return s.refusedTooLong;
    case 'spaced-digits':
      return s.refusedSpacedDigits;
    case 'too-large':
      return s.refusedTooLarge;
    case 'inexact':
      return s.refusedInexact;
    case 'unit-count':
      return s.refusedUnitCount;
    case 'unit-amount':
      return s.refusedUnitAmount;
    case 'decimals':
      return s.refusedDecimals;
    case 'negative':
      return s.refusedNegative;
    case 'not-whole':
      return s.refusedNotWhole;
    case 'not-integer':
      return s.refusedNotInteger;
    case 'not-a-number':
      // 1.5 in a count cell reads as a number to a person: say what is wrong with it.
      if (kind !== 'amount' && /^\s*[+-]?\d+[.．]\d+\s*$/.test(text.normalize('NFKC'))) return kind === 'count' ? s.refusedNotWhole : s.refusedNotInteger;
      return s.refusedNotNumber;
  }
}

/** Reads what a person typed into a cell of this kind. */
export function readCellInput(text: string, kind: CellKind, s: DisclosureStrings): CellInput {
  const parsed = parseValue(text, kind);
  if (parsed.ok) return { ok: true, value: parsed.value };
  return { ok: false, reason: refusalReason(parsed.code, text, kind, s) };
}
