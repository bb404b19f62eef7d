/** Text normalisation and label matching against the taxonomy's national labels. */
import { labelVariants } from './variants.js';

/** Labels longer than this are not labels (keeps matching linear on adversarial input). */
const MAX_LABEL = 160;

/**
 * The comparable form of a label: NFKC (full-width → ASCII punctuation), no whitespace,
 * no quotes, `1、` → `1.`.
 */
export function norm(text: string): string {
  if (/^\d{0,15}$/.test(text)) return text;
  let s = text.length > 4 * MAX_LABEL ? text.slice(0, 4 * MAX_LABEL) : text;
  s = s.normalize('NFKC').replace(/[\s\u200b\ufeff]+/g, '').replace(/["'“”‘’「」『』＂]/g, '');
  s = s.replace(/^\|+/, '').replace(/\|+$/, '');
  s = s.replace(/^(\d{1,2})[、,]/, '$1.');
  s = s.replace(/^([一二三四五六七八九十]{1,3})[.,]/, '$1、');
  return s;
}

const NUMBERING = /^(?:\d{1,2}\.|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十\d]{1,3}\))/;

/** A normalised label without its leading numbering (`1.`, `一、`, `(一)`). */
export function stripNumbering(n: string): string {
  return n.replace(NUMBERING, '');
}

export function hasNumbering(n: string): boolean {
  return NUMBERING.test(n);
}

/** How a label was matched: exact, a known variant, or a prefix (truncated or extended). */
export type MatchKind = 'exact' | 'variant' | 'extended' | 'truncated';
const score: Record<MatchKind, number> = { exact: 4, variant: 3, extended: 2, truncated: 1 };

export interface Candidate<T> {
  value: T;
  /** The national label (zh-CN). */
  label: string;
}

interface Prepared<T> {
  value: T;
  label: string;
  n: string;
  stripped: string;
  variants: string[];
}

export interface Match<T> {
  value: T;
  label: string;
  kind: MatchKind;
}

/** A set of labels to match cell texts against, prepared once. */
export class LabelSet<T> {
  private readonly items: Prepared<T>[];
  constructor(candidates: readonly Candidate<T>[]) {
    this.items = candidates.map((c) => {
      const n = norm(c.label);
      return {
        value: c.value,
        label: c.label,
        n,
        stripped: stripNumbering(n),
        variants: (labelVariants[c.label] ?? []).map(norm),
      };
    });
  }

  /** Every candidate matching `n` with the best score (several when ambiguous). */
  matchAll(n: string, allowTruncated = false): Match<T>[] {
    if (!n || n.length > MAX_LABEL) return [];
    const sn = stripNumbering(n);
    let best = 0;
    let out: Match<T>[] = [];
    for (const it of this.items) {
      let kind: MatchKind | undefined;
      if (n === it.n) kind = 'exact';
      else if (it.variants.includes(n) || it.variants.includes(sn)) kind = 'variant';
      else if (sn === it.stripped && sn.length >= 2) kind = 'variant';
      else if (sn.length > it.stripped.length && it.stripped.length >= 2 && sn.startsWith(it.stripped) && extensionOk(sn.slice(it.stripped.length)))
        kind = 'extended';
      else if (allowTruncated && sn.length >= 2 && it.stripped.length > sn.length && it.stripped.startsWith(sn)) kind = 'truncated';
      if (!kind) continue;
      const s = score[kind];
      if (s > best) {
        best = s;
        out = [{ value: it.value, label: it.label, kind }];
      } else if (s === best) out.push({ value: it.value, label: it.label, kind });
    }
    return out;
  }

  /** The one best match, or undefined when none or ambiguous. */
  match(n: string, allowTruncated = false): Match<T> | undefined {
    const all = this.matchAll(n, allowTruncated);
    return all.length === 1 ? all[0] : undefined;
  }
}

/** What may follow a label in a header: a unit, a colon, a count word. */
function extensionOk(rest: string): boolean {
  return /^(?:\((?:单位:)?(?:万元|元|件|个|项)\)|:|数量|数|\(件\)|件数)$/.test(rest);
}
