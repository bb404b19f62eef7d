/**
 * The text operations' caches (issue 15): a text's bigrams counted once and kept, the joined
 * sections and their figures evaluated once per check. Same results as the plain reference
 * (the code before the caches), never a stale one, and a cache that stays within its bounds.
 */
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { type Report, check, compile, rulesFor, textSimilarityLimit } from '../src/index.js';
import {
  type SimilarityComparison,
  alignedReach,
  bucketOf,
  bucketsSettleBelow,
  isSpace,
  nativeUnits,
  textFeatureCache,
  textFeatureCacheLimits,
  textNumber,
  textSimilarity,
  textSimilarityCompare,
  unitsByCharCode,
  unitsByWords,
} from '../src/rules/operations.js';
import { compilePattern } from '../src/rules/pattern.js';
import { consistentReport } from './arbitraries.js';

/** textSimilarity as it was before the cache: bigram maps of both texts on every call. */
function referenceSimilarity(a: unknown, b: unknown, minLength: unknown = 0): number {
  if (typeof a !== 'string' || typeof b !== 'string') return 0;
  const min = typeof minLength === 'number' ? minLength : 0;
  if (a.length < Math.max(min, 2) || b.length < Math.max(min, 2)) return 0;
  const x = a.replace(/\s+/g, '').slice(0, textSimilarityLimit);
  const y = b.replace(/\s+/g, '').slice(0, textSimilarityLimit);
  if (x.length < Math.max(min, 2) || y.length < Math.max(min, 2)) return 0;
  if (x === y) return 1;
  const bigrams = (s: string) => {
    const out = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const gx = bigrams(x);
  const gy = bigrams(y);
  let common = 0;
  for (const [g, count] of gx) common += Math.min(count, gy.get(g) ?? 0);
  return (2 * common) / (x.length - 1 + (y.length - 1));
}

/** textNumber without any memo: the pattern compiled afresh, the text scanned. */
function referenceNumber(text: unknown, pattern: unknown): number | null {
  if (typeof text !== 'string' || typeof pattern !== 'string') return null;
  const group = compilePattern(pattern).firstGroup(text);
  const value = group === undefined ? null : Number.parseInt(group, 10);
  return value === null || Number.isNaN(value) ? null : value;
}

// Report prose: phrases that repeat (as real sections do), figures, white space of every kind,
// characters outside the BMP (two UTF-16 units each) and the odd control character.
const phrase = fc.constantFrom(
  '本年度', '我局', '政务公开', '共收到申请', '行政复议', '行政诉讼', '依申请公开', '，', '。', '件',
  ' ', '\n', '\t', '\u3000', '\u00a0', '𠀀', '😀', '\u0000', 'ab', 'AB',
);
const prose = (maxLength: number) =>
  fc.oneof(
    fc.array(fc.oneof(phrase, fc.nat(999).map(String)), { maxLength: Math.ceil(maxLength / 3) }).map((parts) => parts.join('')),
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
  );
/** A text and one near it: the same, a character changed, added or removed, white space moved. */
const pair = fc
  .tuple(prose(400), fc.nat(), fc.constantFrom('same', 'change', 'insert', 'delete', 'space', 'other'), prose(400), fc.string({ maxLength: 1 }))
  .map(([a, at, edit, other, ch]) => {
    const i = a.length ? at % a.length : 0;
    const b =
      edit === 'same' ? `${a}` : edit === 'change' ? a.slice(0, i) + (ch || 'x') + a.slice(i + 1)
      : edit === 'insert' ? a.slice(0, i) + (ch || 'y') + a.slice(i)
      : edit === 'delete' ? a.slice(0, i) + a.slice(i + 1)
      : edit === 'space' ? `${a.slice(0, i)} \n${a.slice(i)}`
      : other;
    return [a, b] as const;
  });
/** Report prose as published: sentences of a register that repeats its phrases, with figures. */
const corpusLike = Array.from(
  { length: 40 },
  (_, i) => `${i % 4 ? '本机关' : '我局'}${i % 3 ? '主动公开' : '依申请公开'}政府信息${(i * 37) % 101}条，较上年增长${i % 9}%。${i % 5 ? '' : '\n\u3000\u3000'}`,
).join('');
/** One edit of a copy: where, what, how many characters, and the words put in. */
const edit = fc.tuple(fc.nat(), fc.constantFrom('change', 'insert', 'delete', 'space', 'move', 'repeat'), fc.nat(40), prose(12));
/** A text and a copy edited in a few places: figures changed, words added and dropped, passages moved or repeated, white space in one only. */
const copiedPair = fc.tuple(fc.oneof(prose(1500), fc.constantFrom(corpusLike)), fc.array(edit, { minLength: 1, maxLength: 12 })).map(([a, edits]) => {
  let b = a;
  for (const [at, kind, n, s] of edits) {
    const i = b.length ? at % b.length : 0;
    const cut = b.slice(i, i + n);
    if (kind === 'change') b = b.slice(0, i) + (s || '改') + b.slice(i + Math.max(1, s.length));
    else if (kind === 'insert') b = b.slice(0, i) + (s || '增') + b.slice(i);
    else if (kind === 'delete') b = b.slice(0, i) + b.slice(i + n);
    else if (kind === 'space') b = `${b.slice(0, i)}${s.length % 2 ? '\n' : '\u3000 '}${b.slice(i)}`;
    else if (kind === 'move') {
      const rest = b.slice(0, i) + b.slice(i + n);
      const to = rest.length ? (at * 7) % rest.length : 0;
      b = rest.slice(0, to) + cut + rest.slice(to);
    } else b = b.slice(0, i) + cut + cut + b.slice(i + n);
  }
  return [a, b] as const;
});
const minLength = fc.oneof(fc.constantFrom(0, 2, 3, 30, Number.NaN, -1, Number.POSITIVE_INFINITY, undefined, '30', null), fc.nat(50));

describe('textSimilarity with the cache of text features', () => {
  it('gives what the reference gives, to the bit, whatever is cached', () => {
    fc.assert(
      fc.property(pair, minLength, fc.boolean(), ([a, b], min, clear) => {
        if (clear) textFeatureCache.clear();
        const expected = referenceSimilarity(a, b, min);
        // Object.is: NaN and -0 (reachable with a NaN minLength) are compared too.
        expect(Object.is(textSimilarity(a, b, min), expected)).toBe(true);
        // Again (both now cached), and the other way round.
        expect(Object.is(textSimilarity(a, b, min), expected)).toBe(true);
        expect(Object.is(textSimilarity(b, a, min), referenceSimilarity(b, a, min))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('gives what the reference gives for tiny texts and odd minimums (NaN lets them through)', () => {
    const tiny = ['', ' ', '  ', 'a', ' a', 'a ', 'b', 'ab', ' ab', 'abc', '\u3000a\n', '😀', ' 😀'];
    for (const min of [Number.NaN, 0, 1, 2, -1, undefined]) {
      for (const clear of [true, false]) {
        for (const a of tiny) {
          for (const b of tiny) {
            if (clear) textFeatureCache.clear();
            expect(Object.is(textSimilarity(a, b, min), referenceSimilarity(a, b, min)), `${JSON.stringify([a, b, min])}`).toBe(true);
          }
        }
      }
    }
  });

  it('compares at most the first 50,000 characters (after white space), cached or not', () => {
    const base = '政务公开信息'.repeat(10_000);
    const a = `${base}甲乙丙丁`;
    const b = `${base}戊己庚辛`;
    textFeatureCache.clear();
    expect(textSimilarity(a, b, 30)).toBe(referenceSimilarity(a, b, 30));
    expect(textSimilarity(a, b, 30)).toBe(1);
    const c = `${' '.repeat(10)}${base.slice(0, 49_990)}不同的结尾部分`;
    expect(textSimilarity(c, b, 30)).toBe(referenceSimilarity(c, b, 30));
    expect(textSimilarity(b, c, 30)).toBe(referenceSimilarity(b, c, 30));
  });

  it('never serves a stale result: a text one character apart is another text', () => {
    fc.assert(
      fc.property(prose(300), prose(300), fc.nat(), (a, b, at) => {
        textSimilarity(a, b, 2); // cached
        // A character changed at the start, at the end and anywhere: the same length, another text.
        for (const i of [0, Math.max(a.length - 1, 0), a.length ? at % a.length : 0]) {
          const changed = `${a.slice(0, i)}${a[i] === '改' ? '动' : '改'}${a.slice(i + 1)}`;
          expect(Object.is(textSimilarity(changed, b, 2), referenceSimilarity(changed, b, 2))).toBe(true);
          expect(Object.is(textSimilarity(b, changed, 2), referenceSimilarity(b, changed, 2))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the cache within its bounds over many distinct texts', () => {
    textFeatureCache.clear();
    const { entries, characters } = textFeatureCacheLimits;
    for (let i = 0; i < entries * 8; i++) {
      const text = `第${i}段：${'本年度政务公开工作稳步推进。'.repeat(1 + (i % 400))}`;
      textSimilarity(text, '本年度政务公开工作稳步推进，回应关切。', 2);
      expect(textFeatureCache.size).toBeLessThanOrEqual(entries);
      expect(textFeatureCache.characters).toBeLessThanOrEqual(characters);
    }
    expect(textFeatureCache.size).toBeGreaterThan(0);
    // A text beyond the budget on its own is compared but not kept.
    textFeatureCache.clear();
    const huge = '字'.repeat(characters + 1);
    expect(textSimilarity(huge, huge.slice(1), 2)).toBe(referenceSimilarity(huge, huge.slice(1), 2));
    expect(textFeatureCache.characters).toBe(characters);
    expect(textFeatureCache.size).toBe(1);
  });

  it('keeps what is used: last year\'s texts stay while this year\'s come and go', () => {
    textFeatureCache.clear();
    const last = '上年度，我局认真贯彻落实政务公开工作要点，全面推进决策、执行、管理、服务、结果公开。'.repeat(20);
    for (let i = 0; i < textFeatureCacheLimits.entries * 3; i++) {
      const now = `${last.slice(0, 100)}第${i}次修改`;
      expect(textSimilarity(now, last, 30)).toBe(referenceSimilarity(now, last, 30));
    }
    expect(textFeatureCache.size).toBeLessThanOrEqual(textFeatureCacheLimits.entries);
  });
});

describe('a similarity compared with a threshold, settled by a bound where it can be', () => {
  const ops: SimilarityComparison[] = ['<', '<=', '>', '>='];
  const plain = (s: number, op: SimilarityComparison, t: number) => (op === '<' ? s < t : op === '<=' ? s <= t : op === '>' ? s > t : s >= t);
  // Thresholds on both sides of the similarities texts give, exact fractions among them (2/3 of
  // 2·common/(n−1+m−1) is reached exactly by some pairs), and odd ones.
  const threshold = fc.oneof(fc.double({ min: 0, max: 1.2, noNaN: true }), fc.constantFrom(0.9, 0.5, 2 / 3, 1, 1 + Number.EPSILON, 1e300, 0, -1, 1e-9, Number.NaN, Number.POSITIVE_INFINITY));

  it('white space is exactly what the regular expression removes, for every UTF-16 unit', () => {
    for (let c = 0; c < 65_536; c++) expect(isSpace(c), `U+${c.toString(16)}`).toBe(/\s/.test(String.fromCharCode(c)));
  });

  it('gives the plain comparison of the reference similarity, cached or not', () => {
    fc.assert(
      fc.property(pair, minLength, threshold, fc.constantFrom(...ops), fc.boolean(), ([a, b], min, t, op, clear) => {
        if (clear) textFeatureCache.clear();
        const expected = plain(referenceSimilarity(a, b, min), op, t);
        expect(textSimilarityCompare(a, b, min, op, t), JSON.stringify([a, b, min, op, t])).toBe(expected);
        expect(textSimilarityCompare(b, a, min, op, t)).toBe(plain(referenceSimilarity(b, a, min), op, t));
      }),
      { numRuns: 1000 },
    );
  });

  it('is exact right at the threshold: pairs whose similarity is the threshold itself', () => {
    // 'abcd' against 'abce': 2 of 3 bigrams shared each, similarity 2·2/(3+3) = 2/3 exactly.
    const a = 'abcd'.repeat(1);
    const b = 'abce';
    textFeatureCache.clear();
    const s = referenceSimilarity(a, b, 2);
    expect(s).toBe(2 / 3);
    for (const op of ops) {
      textFeatureCache.clear();
      expect(textSimilarityCompare(a, b, 2, op, s)).toBe(plain(s, op, s));
      for (const t of [s - Number.EPSILON, s + Number.EPSILON, 0.66, 0.67]) {
        textFeatureCache.clear();
        expect(textSimilarityCompare(a, b, 2, op, t), `${op} ${t}`).toBe(plain(s, op, t));
      }
    }
  });

  it('long texts far from, near and at a copy: the same answers as counting every bigram', () => {
    const sentence = (i: number) => `第${i}项：本年度${i % 3 ? '主动公开' : '依申请公开'}政府信息${(i * 37) % 101}条，办理${i % 7}件。`;
    const text = (from: number, n: number) => Array.from({ length: n }, (_, k) => sentence(from + k)).join('');
    const base = text(0, 120);
    const cases = [
      [base, text(500, 120)], // other sentences in the same register
      [base, `${text(0, 60)}${text(900, 60)}`], // half the same
      [base, `${base.slice(0, -5)}改动一下`], // nearly copied
      [base, base.replace(/。/g, '。\n')], // the same but for white space
      ['字'.repeat(60_000), '字'.repeat(50_001)], // one bigram counted 49,999 times, past the 50,000-character limit
      [`${base}${'尾'.repeat(50_000)}`, `${base}${'端'.repeat(50_000)}`], // different only past the limit
      // The bigram of two U+FFFF, all ones as a number (a counting table's empty mark): counted like any other.
      [`${base}${'\uffff'.repeat(40)}`, `${base.slice(0, 200)}${'\uffff'.repeat(60)}${base.slice(200)}`],
      [`${'\uffff'.repeat(300)}${base}`, `${base}${'\uffff'.repeat(300)}`],
    ] as const;
    for (const [a, b] of cases) {
      const s = referenceSimilarity(a, b, 30);
      for (const t of [0.5, 0.9, 0.99, 1, s]) {
        for (const op of ops) {
          textFeatureCache.clear();
          expect(textSimilarityCompare(a, b, 30, op, t), `${op} ${t} (${s})`).toBe(plain(s, op, t));
        }
      }
    }
  });

  it('copies edited in many places (read side by side): the same answers as counting every bigram', () => {
    // Around a high threshold, where a copy is told by reading the two texts side by side: figures
    // changed, words added and dropped, passages moved or repeated, white space only in one.
    const high = fc.oneof(fc.double({ min: 0.75, max: 1, noNaN: true }), fc.constantFrom(0.75, 0.8, 0.9, 0.95, 0.99, 1));
    fc.assert(
      fc.property(copiedPair, high, fc.constantFrom(...ops), fc.constantFrom(2, 30), ([a, b], t, op, min) => {
        const s = referenceSimilarity(a, b, min);
        for (const [x, y] of [[a, b], [b, a]] as const) {
          textFeatureCache.clear();
          expect(textSimilarityCompare(x, y, min, op, t), `${op} ${t} (${s})`).toBe(plain(s, op, t));
        }
        // Right at its own similarity: the threshold reached exactly, or missed by a hair.
        textFeatureCache.clear();
        expect(textSimilarityCompare(a, b, min, op, s)).toBe(plain(s, op, s));
        // Just above it: one shared bigram short, which a count that paired one too many would miss.
        const above = s * (1 + 1e-9);
        textFeatureCache.clear();
        expect(textSimilarityCompare(a, b, min, op, above), `${op} just above ${s}`).toBe(plain(s, op, above));
      }),
      { numRuns: 1500 },
    );
  });

  it('read side by side, a copy is shown to reach a threshold only when its similarity does', () => {
    // Directly, not through the bound before it, which settles most pairs below a threshold first.
    const belowFor = (t: number, strict: boolean) => (bound: number) => (strict ? bound < t : bound <= t);
    fc.assert(
      fc.property(copiedPair, fc.constantFrom(2, 30), fc.boolean(), ([a, b], min, strict) => {
        const s = referenceSimilarity(a, b, min);
        for (const t of [0.75, 0.9, s, s * (1 + 1e-9)]) {
          if (!(t >= 0.75 && t <= 1)) continue;
          for (const [x, y] of [[a, b], [b, a]] as const) {
            if (alignedReach(x, y, min, t, belowFor(t, strict))) expect(strict ? s >= t : s > t, `${t} (${s})`).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
    // It does show most copies: a figure changed in each of a few sentences.
    const edited = corpusLike.replace(/\d+条/gu, (m, at: number) => (at % 3 ? m : '九条'));
    expect(alignedReach(corpusLike, edited, 30, 0.9, belowFor(0.9, true))).toBe(true);
    // Long enough as given but not without its white space: a similarity of 0, however alike.
    const short = `${'公开'.repeat(14)}\u3000\u3000`;
    expect(alignedReach(short, short, 30, 0.75, belowFor(0.75, true))).toBe(false);
    expect(textSimilarityCompare(short, short, 30, '>=', 0.75)).toBe(false);
    // Texts of white space, or of one character in it: settled at once (this once never returned).
    for (const [x, y] of [['\u3000\u3000\u3000', '\n \n'], ['  甲  ', '  甲  '], ['    ', '甲乙丙丁']] as const) {
      for (const op of ops) expect(textSimilarityCompare(x, y, 2, op, 0.9)).toBe(plain(0, op, 0.9));
      expect(alignedReach(x, y, 2, 0.9, belowFor(0.9, true))).toBe(false);
    }
  });

  it('read side by side, a pair after a difference starts no bigram, and white space is no character', () => {
    // Runs of four equal characters between single differing ones: three shared bigrams in five,
    // 0.6; a reading that carried its run over the difference would count four (0.8).
    const blocks = Array.from({ length: 60 }, (_, i) => String.fromCharCode(0x4e00 + 4 * i, 0x4e01 + 4 * i, 0x4e02 + 4 * i, 0x4e03 + 4 * i));
    const a = blocks.map((s, i) => `${s}${String.fromCharCode(0x7000 + i)}`).join('');
    const b = blocks.map((s, i) => `${s}${String.fromCharCode(0x8000 + i)}`).join('');
    // The same text with white space in both at the same places: a space is not a character, so
    // the bigram around it is the two characters beside it, in both.
    const spaced = (s: string) => s.replace(/(.)(.)/gu, '$1 \u3000$2');
    for (const [x, y] of [[a, b], [spaced(a), spaced(b)], [a, spaced(b)]] as const) {
      const s = referenceSimilarity(x, y, 2);
      // Read side by side directly (through textSimilarityCompare the bound settles 0.6 first).
      for (const t of [0.75, 0.8]) expect(alignedReach(x, y, 2, t, (bound) => bound < t), `${t} (${s})`).toBe(false);
      for (const t of [0.75, 0.8, s, s * (1 + 1e-9)]) {
        for (const op of ops) {
          textFeatureCache.clear();
          expect(textSimilarityCompare(x, y, 2, op, t), `${op} ${t} (${s})`).toBe(plain(s, op, t));
        }
      }
    }
  });

  it('a text long as given but short without its white space is too short, however many of its bigrams are shared', () => {
    const a = 'ab'.repeat(20);
    const b = `ab${' '.repeat(40)}ab`;
    expect(referenceSimilarity(a, b, 30)).toBe(0);
    for (const op of ops) {
      textFeatureCache.clear();
      expect(textSimilarityCompare(a, b, 30, op, 0.05), op).toBe(plain(0, op, 0.05));
      textFeatureCache.clear();
      expect(textSimilarityCompare(b, a, 30, op, 0.05), op).toBe(plain(0, op, 0.05));
    }
  });

  it('compiled rules take the comparison over in any order of operands, with json-logic-js\'s results', () => {
    jsonLogic.add_operation('textSimilarity', referenceSimilarity);
    fc.assert(
      fc.property(pair, threshold.filter(Number.isFinite), fc.constantFrom(...ops), fc.boolean(), ([a, b], t, op, literalFirst) => {
        const sim = { textSimilarity: [{ var: 'a' }, { var: 'b' }, 2] };
        const expr = { [op]: literalFirst ? [t, sim] : [sim, t] };
        textFeatureCache.clear();
        expect(compile(expr)({ a, b })).toBe(jsonLogic.apply(expr as never, { a, b }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the bound over a text\'s units read two at a time', () => {
  /** Where the compared part of a text ends (as the bound reads it): at most 50,000 characters after white space. */
  const comparedEnd = (text: string) => {
    let n = 0;
    if (text.length > textSimilarityLimit) for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i)) && ++n === textSimilarityLimit) return i + 1;
    return text.length;
  };
  /** The bound as it was written first: a unit a step, by charCodeAt, into the same buckets. */
  function referenceBound(counted: string, scanned: string, lbMost: number, threshold: number, settledBelow: (b: number) => boolean): boolean {
    const b = new Uint16Array(1 << 14);
    const bigrams = (text: string, each: (k: number) => boolean): number => {
      let n = 0;
      let prev = -1;
      for (let i = 0, end = comparedEnd(text); i < end; i++) {
        const c = text.charCodeAt(i);
        if (isSpace(c)) continue;
        n++;
        if (prev >= 0 && each(bucketOf((prev << 16) | c))) return -1;
        prev = c;
      }
      return n;
    };
    const la = bigrams(counted, (k) => {
      b[k] = (b[k] as number) + 1;
      return false;
    });
    if (la < 2) return false;
    const dMost = la - 1 + (lbMost - 1);
    let need = 0;
    while (settledBelow((2 * need) / dMost)) need++;
    const allowed = lbMost - 1 - need;
    if (allowed < 0) return true;
    let missing = 0;
    return (
      bigrams(scanned, (k) => {
        if ((b[k] as number) > 0) b[k] = (b[k] as number) - 1;
        else missing++;
        return missing > allowed;
      }) === -1
    );
  }
  type Bound = (counted: string, scanned: string, lbMost: number, threshold: number, settledBelow: (b: number) => boolean) => boolean;
  /** The bound's answer read by charCodeAt (as in a browser), and from words that Node's Buffer copied. */
  const bothWays = (f: (bound: Bound) => boolean): [boolean, boolean] => [
    f((...args) => bucketsSettleBelow(unitsByCharCode, ...args)),
    f((...args) => bucketsSettleBelow(unitsByWords, ...args)),
  ];
  const below = (t: number, strictly: boolean) => (b: number) => (strictly ? b < t : b <= t);
  const high = fc.oneof(fc.double({ min: 0.75, max: 1, noNaN: true }), fc.constantFrom(0.75, 0.8, 0.9, 0.95, 1));
  // Up to three units of white space first (a text starting at an odd unit or an even one), and a
  // last unit or not (an odd length or an even one).
  const shifted = fc.tuple(fc.oneof(pair, copiedPair), fc.nat(3), fc.nat(3), fc.boolean()).map(([[a, b], lead, leadB, tail]) => [' '.repeat(lead) + a + (tail ? '字' : ''), '\n'.repeat(leadB) + b] as const);

  it('Node reads the units through Buffer here (the other way is the browser\'s)', () => {
    expect(nativeUnits).toBe(true);
  });

  it('settles what a unit a step settles, read natively or by charCodeAt, at any alignment of the texts', () => {
    fc.assert(
      fc.property(shifted, high, fc.boolean(), ([a, b], t, strictly) => {
        for (const [x, y] of [[a, b], [b, a]] as const) {
          const lbMost = Math.min(y.length, textSimilarityLimit);
          const expected = referenceBound(x, y, lbMost, t, below(t, strictly));
          expect(bothWays((bound) => bound(x, y, lbMost, t, below(t, strictly))), JSON.stringify([x, y, t, strictly])).toEqual([expected, expected]);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('never settles a pair below a threshold its similarity reaches', () => {
    fc.assert(
      fc.property(shifted, high, ([a, b], t) => {
        const [byCharCodeAt, natively] = bothWays((bound) => bound(a, b, Math.min(b.length, textSimilarityLimit), t, below(t, true)));
        if (byCharCodeAt || natively) expect(referenceSimilarity(a, b, 2)).toBeLessThan(t);
      }),
      { numRuns: 1500 },
    );
  });

  it('settles unrelated sections at once, white space in either half of a word or both', () => {
    const sentence = (i: number) => `第${i}项：本年度${i % 3 ? '主动公开' : '依申请公开'}政府信息${(i * 37) % 101}条，办理${i % 7}件。`;
    const text = (from: number, n: number, gap: string) => Array.from({ length: n }, (_, k) => sentence(from + k)).join(gap);
    for (const gap of ['', '\n', ' \n', '\u3000\u3000', ' 字', '字 ']) {
      for (const lead of ['', ' ', '  ']) {
        const a = lead + text(0, 80, gap);
        // Other characters altogether, in the same layout.
        const b = text(5000, 80, gap.split('').reverse().join('')).replace(/[^\s]/g, (c) => String.fromCharCode(0x8000 + (c.charCodeAt(0) % 4096)));
        expect(referenceSimilarity(a, b, 2)).toBeLessThan(0.1);
        expect(bothWays((bound) => bound(a, b, b.length, 0.9, below(0.9, true))), JSON.stringify([gap, lead])).toEqual([true, true]);
        // And a copy, the same but for where white space falls, is never settled below.
        const copy = a.replace(/\s/g, '') + ' ';
        expect(bothWays((bound) => bound(a, copy, copy.length, 0.9, below(0.9, true)))).toEqual([false, false]);
      }
    }
  });

  it('reads a text longer than its kept space (mostly white space) as well, and the next one after it', () => {
    const words = '本机关主动公开政府信息，办理依申请公开事项。'.repeat(1500);
    const sparse = words.split('').join('   ');
    expect(sparse.length).toBeGreaterThan(2 * 65_536);
    const other = '我局全面推进政务公开标准化规范化建设工作。'.repeat(1500);
    for (const [x, y] of [[sparse, words], [words, sparse], [sparse, other], [other, sparse]] as const) {
      const expected = referenceBound(x, y, y.length, 0.9, below(0.9, true));
      expect(bothWays((bound) => bound(x, y, y.length, 0.9, below(0.9, true)))).toEqual([expected, expected]);
    }
    expect(bothWays((bound) => bound(other, words, words.length, 0.9, below(0.9, true)))).toEqual([true, true]);
  });
});

describe('textNumber and the joined sections, once per check', () => {
  const patterns = ['(?:收到|新收|受理)[^。；;，,\\d]{0,12}?申请[^。；;，,\\d]{0,4}?(\\d+)\\s*件', '行政复议[^。；;，,\\d]{0,6}?(\\d+)\\s*件', '(\\d+)'];
  it('textNumber gives what a fresh scan gives, called again or with another text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(prose(200), fc.constantFrom(...patterns)), { minLength: 1, maxLength: 6 }), (calls) => {
        for (const [text, pattern] of [...calls, ...calls]) expect(textNumber(text, pattern)).toBe(referenceNumber(text, pattern));
      }),
    );
  });

  it('compile() evaluates a repeated text operation once, with each its own value', () => {
    const expr = {
      '+': [
        { textNumber: [{ cat: [{ var: 'a' }, '件'] }, '(\\d+)件'] },
        { textNumber: [{ cat: [{ var: 'b' }, '件'] }, '(\\d+)件'] },
        { textNumber: [{ cat: [{ var: 'a' }, '件'] }, '(\\d+)件'] },
        { textNumber: [{ cat: [{ var: 'a' }, 1, '件'] }, '(\\d+)件'] },
        { textNumber: [{ cat: [{ var: 'a' }, '1', '件'] }, '(\\d+)件'] },
      ],
    };
    const f = compile(expr);
    expect(f({ a: '1', b: '20' })).toBe(1 + 20 + 1 + 11 + 11);
    // A new evaluation reads the data afresh (the memo is per evaluation).
    expect(f({ a: '3', b: '40' })).toBe(3 + 40 + 3 + 31 + 31);
  });

  it('compile() searches texts joined by cat as joined, without joining them', () => {
    const f = compile({ textNumber: [{ cat: [{ var: 'a' }, { var: 'b' }, { var: 'c' }] }, '(?:收到|受理)[^。]{0,4}?(\\d+)件'] });
    // A match across the parts, a word of its start cut between two, a part that is no text.
    expect(f({ a: '本年共收', b: '到申请1', c: '2件。' })).toBe(12);
    expect(f({ a: '收', b: null, c: '到3件' })).toBe(3);
    expect(f({ a: '受理', b: 4, c: '件' })).toBe(4);
    expect(f({ a: '收到', b: '。', c: '5件' })).toBeNull();
    expect(f({ a: ['收到', 6], b: '件' })).toBe(6);
    // In a report: the figure quoted where 存在的主要问题 ends and 其他需要报告的事项 begins
    // (the sections are joined with a line break), found as json-logic-js finds it.
    const [r] = fc.sample(consistentReport('2021'), { numRuns: 1, seed: 7 }) as [Report];
    r.sections = { ...r.sections, overview: '本机关认真贯彻条例。', problems: '工作仍有不足。全年共收到', other: '申请999件。' };
    const quoted = check(r).filter((x) => x.rule === 'sections.figures-match' && x.target === 'requests.newReceived');
    expect(quoted.map((x) => x.actual)).toEqual([999]);
  });

  // Sections with quoted figures (some matching the table, some not), and last year's
  // sections copied or not: the text rules decide, compared with json-logic-js running the
  // reference operations over rules/*.json.
  const withSections = fc
    .tuple(
      consistentReport('2021'),
      consistentReport('2021'),
      fc.array(fc.oneof(phrase, fc.constantFrom('共收到申请', '行政复议', '行政诉讼'), fc.nat(30).map((n) => `${n}件`)), { maxLength: 300 }),
      fc.constantFrom('same', 'edited', 'other'),
    )
    .map(([r, prev, parts, copied]) => {
      const text = parts.join('');
      const sections = { overview: `${text}。本年度政务公开工作考核、社会评议和责任追究情况良好。`, problems: text.slice(0, 200), other: `${text.slice(50)}处理费` };
      const prevSections =
        copied === 'same' ? { ...sections } : copied === 'edited' ? { ...sections, overview: `${sections.overview}另有新增` } : prev.sections;
      return [{ ...r, sections }, { ...prev, sections: prevSections }] as const;
    });

  it('the engine finds what json-logic-js with the reference operations finds, on long varied texts', () => {
    jsonLogic.add_operation('textNumber', referenceNumber);
    jsonLogic.add_operation('textSimilarity', referenceSimilarity);
    fc.assert(
      fc.property(withSections, fc.boolean(), ([r, prev], withPrev) => {
        const data = withPrev ? { ...r, prev } : r;
        const reference = rulesFor(r.format)
          .rules.filter((rule) => (!rule.requires || withPrev) && !jsonLogic.truthy(jsonLogic.apply(rule.condition as never, data)))
          .map((rule) => [rule.id, rule.target, rule.id === 'sections.figures-match' ? jsonLogic.apply(rule.actual as never, data) : null]);
        const engine = check(r, withPrev ? { previous: prev } : {})
          .filter((f) => f.rule !== 'suspect.cell')
          .map((f) => [f.rule, f.target, f.rule === 'sections.figures-match' ? f.actual : null]);
        expect(engine).toEqual(reference);
      }),
      { numRuns: 80 },
    );
  });

  it('a report object changed between checks is checked as it is now', () => {
    const [r, last] = fc.sample(consistentReport('2021'), { numRuns: 2, seed: 3 }) as [Report, Report];
    const prevText = '本年度，我局认真贯彻落实政务公开工作要点，全面推进决策、执行、管理、服务、结果公开，主动公开政府信息一百二十条。';
    const previous: Report = { ...last, sections: { ...last.sections, problems: prevText } };
    const report: Report = { ...r, sections: { ...r.sections } };
    const copied = () => check(report, { previous }).filter((f) => f.rule === 'prev.copied-text').map((f) => f.target);
    const quoted = () => check(report, { previous }).filter((f) => f.rule === 'sections.figures-match').map((f) => f.actual);
    expect(copied()).toEqual([]);
    report.sections.problems = prevText; // copied
    expect(copied()).toEqual(['problems']);
    report.sections.problems = `${prevText.slice(0, 10)}今年另写了完全不同的内容，围绕乡村振兴和民生保障推进信息公开。`;
    expect(copied()).toEqual([]);
    report.sections.problems = `${prevText.slice(0, -1)}！`; // one character apart: still copied
    expect(copied()).toEqual(['problems']);

    const received = report.requests.newReceived.total as number;
    report.sections.overview = `本年度共收到申请${received + 1}件。`;
    expect(quoted()).toEqual([received + 1]);
    report.sections.overview = `本年度共收到申请${received + 2}件。`;
    expect(quoted()).toEqual([received + 2]);
    report.sections.overview = `本年度共收到申请${received}件。`;
    expect(quoted()).toEqual([]);
  });
});
