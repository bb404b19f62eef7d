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

/**
 * How a label was matched: exact, a known variant, a prefix (truncated or extended), or by
 * similarity (`fuzzy`: characters missing, wrong or added, as typed by hand).
 */
export type MatchKind = 'exact' | 'variant' | 'extended' | 'truncated' | 'fuzzy';
const score: Record<MatchKind, number> = { exact: 5, variant: 4, extended: 3, truncated: 2, fuzzy: 1 };

/** Length of the longest common subsequence of two short strings (labels: at most {@link MAX_LABEL}). */
export function lcsLength(a: string, b: string): number {
  if (!a.length || !b.length) return 0;
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = ca === b.charCodeAt(j - 1) ? (prev[j - 1] as number) + 1 : Math.max(prev[j] as number, cur[j - 1] as number);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] as number;
}

/**
 * Whether `text` is `label` with a few characters missing, wrong or added: the characters they
 * share in order cover ≥ 75% of the longer and their Dice-like overlap is ≥ 0.8. Both are
 * normalised labels without numbering, at least 4 characters long (shorter labels such as
 * 规章 differ in too few characters to tell a typo from another label).
 */
export function similarLabels(text: string, label: string): number {
  if (text.length < 4 || label.length < 4 || text.length > 80 || label.length > 80) return 0;
  const longer = Math.max(text.length, label.length);
  // Cheap bound first: characters of the text found in the label.
  let shared = 0;
  for (const ch of text) if (label.includes(ch)) shared++;
  if (shared < 0.75 * longer) return 0;
  const l = lcsLength(text, label);
  const ratio = (2 * l) / (text.length + label.length);
  return l >= 0.75 * longer && ratio >= 0.8 ? ratio : 0;
}

/** The numbering at the start of a normalised label (`2.`, `三、`, `(六)`), or ''. */
function numberingOf(n: string): string {
  return NUMBERING.exec(n)?.[0] ?? '';
}

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
  numbering: string;
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
        numbering: numberingOf(n),
        variants: (labelVariants[c.label] ?? []).map(norm),
      };
    });
  }

  /** Similarity comparisons left (each is quadratic in the label length): bounds the work on hostile input. */
  private fuzzyBudget = 20000;

  /**
   * Every candidate matching `n` with the best score (several when ambiguous). With `fuzzy`, a
   * label that matches nothing else is compared by similarity; the most similar candidate is
   * taken only when it is clearly the most similar one.
   */
  matchAll(n: string, allowTruncated = false, fuzzy = false): Match<T>[] {
    if (!n || n.length > MAX_LABEL) return [];
    const sn = stripNumbering(n);
    let best = 0;
    let out: Match<T>[] = [];
    this.matchExact(n, sn, allowTruncated, (m, s) => {
      if (s > best) {
        best = s;
        out = [m];
      } else if (s === best) out.push(m);
    });
    if (out.length || !fuzzy || sn.length < 4 || sn.length > 80 || !/[\u4e00-\u9fff]/.test(sn)) return out;
    const numbering = numberingOf(n);
    let first: { it: Prepared<T>; r: number } | undefined;
    let second = 0;
    for (const it of this.items) {
      // A numbered label is another row than a label numbered otherwise (2. vs 3.).
      if (numbering && it.numbering && numbering !== it.numbering) continue;
      if (this.fuzzyBudget <= 0) break;
      this.fuzzyBudget--;
      const r = Math.max(similarLabels(sn, it.stripped), ...it.variants.map((v) => similarLabels(sn, stripNumbering(v))));
      if (!r) continue;
      if (!first || r > first.r) {
        second = first?.r ?? 0;
        first = { it, r };
      } else if (r > second) second = r;
    }
    if (!first || first.r - second < 0.05) return [];
    return [{ value: first.it.value, label: first.it.label, kind: 'fuzzy' }];
  }

  private matchExact(n: string, sn: string, allowTruncated: boolean, add: (m: Match<T>, score: number) => void): void {
    for (const it of this.items) {
      let kind: MatchKind | undefined;
      if (n === it.n) kind = 'exact';
      else if (it.variants.includes(n) || it.variants.includes(sn)) kind = 'variant';
      else if (sn === it.stripped && sn.length >= 2) kind = 'variant';
      else if (sn.length > it.stripped.length && it.stripped.length >= 2 && sn.startsWith(it.stripped) && extensionOk(sn.slice(it.stripped.length)))
        kind = 'extended';
      else if (allowTruncated && sn.length >= 2 && it.stripped.length > sn.length && it.stripped.startsWith(sn)) kind = 'truncated';
      if (!kind) continue;
      add({ value: it.value, label: it.label, kind }, score[kind]);
    }
  }

  /** The one best match, or undefined when none or ambiguous. */
  match(n: string, allowTruncated = false, fuzzy = false): Match<T> | undefined {
    const all = this.matchAll(n, allowTruncated, fuzzy);
    return all.length === 1 ? all[0] : undefined;
  }
}

/** What may follow a label in a header: a unit, a colon, a count word. */
function extensionOk(rest: string): boolean {
  return /^(?:\((?:单位:)?(?:万元|元|件|个|项)\)|:|数量|数|\(件\)|件数)$/.test(rest);
}
