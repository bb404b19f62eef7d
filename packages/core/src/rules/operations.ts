/**
 * The custom JSON-logic operations rules use, where JSON-logic has no way at all to say it
 * (regular expressions, text similarity, a text's length). Documented in rules/README.md so
 * other implementations can add them; plain functions so json-logic-js can register them.
 */
import { sentenceEnders } from '../sentence.js';
import { type CountPattern, type Pattern, compileCountPattern, compilePattern, textCountLimit } from './pattern.js';

const patterns = new Map<string, { pattern: Pattern; text: string | null; value: number | null }>();
/** Patterns kept compiled (a rule set uses a handful; a rule pack cannot grow the cache without end). */
const cachedPatterns = 256;

/**
 * `{"textNumber": [text, pattern]}`: the first capture group of the first match of
 * `pattern` in `text`, as a number; null when `text` is not a string or nothing matches.
 * `pattern` is a regular expression of the syntax in rules/README.md (no flags), run in
 * time linear in the text, of which the first 100,000 characters are searched; a pattern
 * outside the syntax throws {@link RuleCompileError} (the engine refuses it when compiling).
 */
export function textNumber(text: unknown, pattern: unknown): number | null {
  if (typeof text !== 'string' || typeof pattern !== 'string') return null;
  const compiled = compiledPattern(pattern);
  // Asked again for the same text (json-logic-js evaluates a figure in the condition twice, the
  // engine rechecks an unchanged report): scan a long text once.
  if (compiled.text === text) return compiled.value;
  compiled.text = text;
  compiled.value = figure(compiled.pattern.firstGroup(text));
  return compiled.value;
}

/**
 * `textNumber` of `parts` joined (as `cat` joins them), without joining them: for the engine,
 * whose rules search the report's sections joined (see {@link Pattern.firstGroupJoined}).
 */
export function textNumberJoined(parts: readonly string[], pattern: string): number | null {
  return figure(compiledPattern(pattern).pattern.firstGroupJoined(parts));
}

function compiledPattern(pattern: string): { pattern: Pattern; text: string | null; value: number | null } {
  let compiled = patterns.get(pattern);
  if (!compiled) {
    if (patterns.size >= cachedPatterns) patterns.clear();
    compiled = { pattern: compilePattern(pattern), text: null, value: null };
    patterns.set(pattern, compiled);
  }
  return compiled;
}

/** A captured figure as a number (null when there is none). */
function figure(group: string | undefined): number | null {
  const value = group === undefined ? Number.NaN : Number.parseInt(group, 10);
  return Number.isNaN(value) ? null : value;
}

/**
 * What `textSimilarity` needs of one text, computed once: the length of the compared text
 * (white space removed, at most {@link textSimilarityLimit} characters) and its bigram
 * multiset as distinct bigrams with their counts, plus an open-addressing table from a bigram
 * to its position, so that comparing two texts is one lookup per distinct bigram of the
 * smaller. A bigram is its two UTF-16 units as one number (`first * 65536 + second`, below
 * 2^32): no substring per position.
 */
interface TextFeatures {
  length: number;
  grams: Uint32Array;
  counts: Uint32Array;
  /** 1 + the position in `grams` of the bigram hashed there (or after, probing on), 0 for none. */
  table: Int32Array;
  /** 32 − log2(table.length): the hash's top bits index the table. */
  shift: number;
}

// Fibonacci hashing: the top bits of the product index a table of a power-of-two size.
const slotOf = (gram: number, shift: number): number => Math.imul(gram, 0x9e3779b1) >>> shift;

/** log2 of the table size for `n` entries: at most half full, and at least 4 slots (a shift of 32 is 0 in JS). */
const tableBits = (n: number): number => Math.max(2, Math.ceil(Math.log2(2 * n)));

// Scratch space for counting a text's bigrams (reused: no allocation per text but the result).
let scratchTable = new Int32Array(0);
let scratchGrams = new Uint32Array(0);
let scratchCounts = new Uint32Array(0);

// A section is a few thousand characters; the first 50,000 of each (after white space) say
// whether it was copied, and keep a hostile 15 MB text from filling memory with bigrams.
const compared = (text: string): string => text.replace(/\s+/g, '').slice(0, textSimilarityLimit);

/**
 * Counts the bigrams of `text` (as `compared` gives it: white space skipped in place, at most the
 * limit) into the scratch table: its features, in arrays valid until the next count. A table
 * sized for every bigram being distinct, at most half full.
 */
function countScratch(text: string): TextFeatures {
  const most = Math.min(text.length, textSimilarityLimit) - 1;
  const bits = tableBits(Math.max(most, 1));
  const size = 1 << bits;
  if (scratchTable.length < size) scratchTable = new Int32Array(size);
  if (scratchGrams.length < most) {
    scratchGrams = new Uint32Array(Math.max(most, scratchGrams.length * 2));
    scratchCounts = new Uint32Array(scratchGrams.length);
  }
  const table = scratchTable.subarray(0, size);
  table.fill(0);
  const mask = size - 1;
  const shift = 32 - bits;
  let distinct = 0;
  let length = 0;
  let prev = -1;
  const end = comparedEnd(text);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (space[c] !== 0) continue;
    length++;
    if (prev >= 0) {
      const g = prev * 65536 + c;
      for (let h = slotOf(g, shift); ; h = (h + 1) & mask) {
        const at = table[h] as number;
        if (at === 0) {
          scratchGrams[distinct] = g;
          scratchCounts[distinct] = 1;
          table[h] = ++distinct;
          break;
        }
        if (scratchGrams[at - 1] === g) {
          (scratchCounts[at - 1] as number)++;
          break;
        }
      }
    }
    prev = c;
  }
  return { length, grams: scratchGrams.subarray(0, distinct), counts: scratchCounts.subarray(0, distinct), table, shift };
}

function features(text: string): TextFeatures {
  const counted = countScratch(text);
  // Kept: a table sized for the distinct bigrams (prose repeats many), arrays of their own.
  const grams = counted.grams.slice();
  const counts = counted.counts.slice();
  const distinct = grams.length;
  const bits = tableBits(distinct);
  const size = 1 << bits;
  const table = new Int32Array(size);
  const mask = size - 1;
  const shift = 32 - bits;
  for (let k = 0; k < distinct; k++) {
    let h = slotOf(grams[k] as number, shift);
    while (table[h] !== 0) h = (h + 1) & mask;
    table[h] = k + 1;
  }
  return { length: counted.length, grams, counts, table, shift };
}

/**
 * Features of the texts seen lately, found by the text itself (a string is its value: an edited
 * text is another text, so nothing stale is ever served). Last year's sections are compared with
 * every keystroke of the editor and with every report of a CLI run; each is read once.
 *
 * Kept by length, not in a Map keyed on the text: a Map hashes a text it has not seen, a pass over
 * every character (about 2 µs for a 3,000-character section), and most texts a batch check sees
 * are new. Texts of another length cannot be the same, so a miss is usually settled without
 * reading the text; a hit compares it with the kept one (in an editor, the same string object: no
 * characters read either). At most {@link textFeatureCacheLimits}`.entries` are kept, so finding
 * the least recently used one to drop is a short scan.
 */
interface Kept {
  text: string;
  features: TextFeatures;
  /** When it was last used (a counter): the smallest is dropped first. */
  used: number;
}
const keptByLength = new Map<number, Kept[]>();
let keptCount = 0;
let cachedCharacters = 0;
let clock = 0;

/**
 * Bounds of the cache of text features behind `textSimilarity`. A text is kept as its own
 * key (2 bytes a character), and its features take at most 24 bytes per character of it:
 * `characters` bounds both (about 10 MB at most; six 3,000-character sections take 18,000).
 * A longer text is not kept: it is compared as it always was, its bigrams counted each time.
 */
export const textFeatureCacheLimits = { entries: 64, characters: 400_000 } as const;

function kept(text: string): Kept | undefined {
  const same = keptByLength.get(text.length);
  if (same) for (const k of same) if (k.text === text) return k;
  return undefined;
}

function dropOldest(): void {
  let oldest: Kept | undefined;
  for (const same of keptByLength.values()) for (const k of same) if (!oldest || k.used < oldest.used) oldest = k;
  if (!oldest) return;
  const same = keptByLength.get(oldest.text.length) as Kept[];
  if (same.length === 1) keptByLength.delete(oldest.text.length);
  else same.splice(same.indexOf(oldest), 1);
  keptCount--;
  cachedCharacters -= oldest.text.length;
}

function featuresOf(text: string): TextFeatures {
  const hit = kept(text);
  if (hit) {
    hit.used = ++clock;
    return hit.features;
  }
  const computed = features(text);
  if (text.length > textFeatureCacheLimits.characters) return computed;
  const entry: Kept = { text, features: computed, used: ++clock };
  const same = keptByLength.get(text.length);
  if (same) same.push(entry);
  else keptByLength.set(text.length, [entry]);
  keptCount++;
  cachedCharacters += text.length;
  while (keptCount > textFeatureCacheLimits.entries || cachedCharacters > textFeatureCacheLimits.characters) dropOldest();
  return computed;
}

/** The cache of text features, for tests and for a host that wants the memory back. */
export const textFeatureCache = {
  /** Texts whose features are kept. */
  get size(): number {
    return keptCount;
  },
  /** Characters of the texts kept (their keys). */
  get characters(): number {
    return cachedCharacters;
  },
  /** Forgets every text. */
  clear(): void {
    keptByLength.clear();
    seenByLength.clear();
    seenOrder.length = 0;
    keptCount = 0;
    cachedCharacters = 0;
  },
};

/**
 * `{"textSimilarity": [a, b, minLength]}`: how alike two texts are, from 0 to 1 (the Dice
 * coefficient of their character bigrams, white space removed). 0 when either is not a
 * string or has fewer than `minLength` characters, so that short stock answers (无) never
 * count as copied. Of each text the first {@link textSimilarityLimit} characters (after
 * white space) are compared; a text's bigrams are counted once and kept for the next call
 * (see {@link textFeatureCacheLimits}).
 */
export function textSimilarity(a: unknown, b: unknown, minLength: unknown = 0): number {
  if (typeof a !== 'string' || typeof b !== 'string') return 0;
  const min = Math.max(typeof minLength === 'number' ? minLength : 0, 2);
  // Removing white space only shortens: a text already too short needs no scan of the other.
  if (a.length < min || b.length < min) return 0;
  const x = featuresOf(a);
  if (x.length < min) return 0;
  const y = featuresOf(b);
  if (y.length < min) return 0;
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) {
    // Only with a NaN minLength: no bigrams on one side, so 0 (or 0/0), unless the texts are the same.
    if (x.length === y.length && compared(a) === compared(b)) return 1;
    return 0 / (x.length - 1 + (y.length - 1));
  }
  // The shared bigrams (the smaller count of each): the smaller text's looked up in the other's table.
  const [small, large] = x.grams.length <= y.grams.length ? [x, y] : [y, x];
  const { grams, counts } = small;
  const { grams: otherGrams, counts: otherCounts, table, shift } = large;
  const mask = table.length - 1;
  let common = 0;
  for (let k = 0; k < grams.length; k++) {
    const g = grams[k] as number;
    for (let h = slotOf(g, shift); ; h = (h + 1) & mask) {
      const at = table[h] as number;
      if (at === 0) break;
      if (otherGrams[at - 1] === g) {
        common += Math.min(counts[k] as number, otherCounts[at - 1] as number);
        break;
      }
    }
  }
  // The same text (white space aside) has every bigram in common: exactly 1, as before.
  return (2 * common) / (x.length - 1 + (y.length - 1));
}

/** A comparison of a similarity with a threshold, as JSON-logic writes it: `similarity op threshold`. */
export type SimilarityComparison = '<' | '<=' | '>' | '>=';

/** `s op threshold`, as JavaScript compares. */
const holds = (s: number, op: SimilarityComparison, threshold: number): boolean =>
  op === '<' ? s < threshold : op === '<=' ? s <= threshold : op === '>' ? s > threshold : s >= threshold;

// JavaScript's \s (what `compared` removes), as a test on one UTF-16 unit: no string is built.
/** @internal Exported for the tests, which hold it to the regular expression. */
export const isSpace = (c: number): boolean =>
  // Ordered so that a CJK character (above U+3000, most of a report) is ruled out in two comparisons.
  c > 0x3000
    ? c === 0xfeff
    : c <= 32
      ? c === 32 || (c >= 9 && c <= 13)
      : c >= 160 && (c < 0x2000 ? c === 160 || c === 0x1680 : c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000);

// Whether each UTF-16 unit is white space, as isSpace says: one load in the loops over a text,
// where isSpace's comparisons cost a quarter of the bound's time (digits and Latin letters among
// CJK defeat the branch predictor). 64 KB, made when the module loads (0.1 ms), and a module
// constant: a table the loops get from a call or a `let` is reloaded per character (a typed array
// can be detached), which cost the count of a text a seventh more (measured). The build must keep
// it a `const` (topLevelVar in vite.config.ts): as a bundler's `var` it cost the bound two fifths more.
const space = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) if (isSpace(c)) space[c] = 1;

/**
 * Where the compared part of `text` ends: its length, or for a text longer than
 * {@link textSimilarityLimit} the position after the limit's last non-space character. The
 * loops over a text then test no count per character (a section is far shorter than the limit).
 */
function comparedEnd(text: string): number {
  if (text.length <= textSimilarityLimit) return text.length;
  let length = 0;
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i)) && ++length === textSimilarityLimit) return i + 1;
  return text.length;
}

/** Texts compared once lately, by length (as `keptByLength`): the second time, their features are kept. */
const seenByLength = new Map<number, string[]>();
const seenOrder: string[] = [];

/** Whether `text` was compared lately; records it when not. */
function seenBefore(text: string): boolean {
  // A text too long to keep is not remembered either.
  if (text.length > textFeatureCacheLimits.characters) return false;
  const same = seenByLength.get(text.length);
  if (same?.some((t) => t === text)) return true;
  if (same) same.push(text);
  else seenByLength.set(text.length, [text]);
  seenOrder.push(text);
  if (seenOrder.length > textFeatureCacheLimits.entries) {
    const oldest = seenOrder.shift() as string;
    const list = seenByLength.get(oldest.length) as string[];
    if (list.length === 1) seenByLength.delete(oldest.length);
    else list.splice(list.indexOf(oldest), 1);
  }
  return false;
}

// How many of each distinct bigram of the counted text the scan has matched (reused; zeroed per call).
let used = new Uint32Array(0);

// A text's bigrams counted into buckets (a bigram's hash picks its bucket; different bigrams may
// share one): 16,384 counters, reused and cleared per call. Up to 49,999 bigrams fit in 16 bits.
const bucketBits = 14;
const buckets = new Uint16Array(1 << bucketBits);
/** @internal Exported for the tests, whose reference bound counts into the same buckets. */
export const bucketOf = (gram: number): number => Math.imul(gram, 0x9e3779b1) >>> (32 - bucketBits);

/**
 * How the bound reads a text's units. `count`: the bigrams of `text` from `from` (its first
 * character that is not white space) to `end`, into the buckets; returns the white space
 * skipped. `scan`: each bigram of `text` (from `from` to `end`) takes one from its bucket;
 * returns whether more than `allowed` found theirs empty.
 *
 * @internal Exported for the tests, which hold both readings to one reference.
 */
export interface UnitReading {
  count(text: string, from: number, end: number): number;
  scan(text: string, from: number, end: number, allowed: number): boolean;
}

/**
 * Whether a bound settles that the similarity of `counted` and `scanned` stays below the
 * threshold (`settledBelow`; `lbMost` the longest `scanned` can be): `counted`'s bigrams are counted into buckets
 * (no table of distinct bigrams: cheaper than counting them exactly), and each bigram of
 * `scanned` takes one from its bucket. The bigrams taken are at least the shared ones (within a
 * bucket the shared are at most the smaller total), so once too many find their bucket empty,
 * the threshold is out of reach. Most texts compared with a high threshold (a copy) are settled here.
 * The units are read as `reading` reads them (see {@link settlingReading}).
 *
 * @internal Exported for its tests (it must never claim too much, and read every unit it should).
 */
export function bucketsSettleBelow(
  reading: UnitReading,
  counted: string,
  scanned: string,
  lbMost: number,
  threshold: number,
  settledBelow: (bound: number) => boolean,
): boolean {
  buckets.fill(0);
  // Each reading starts past the first non-space character, so that it holds a bigram from the
  // start: no test per character for the first (a section is thousands of characters).
  const countedEnd = comparedEnd(counted);
  const from = firstText(counted, countedEnd);
  if (from >= countedEnd) return false;
  const la = countedEnd - from - reading.count(counted, from, countedEnd);
  if (la < 2) return false;
  const allowed = lbMost - 1 - sharedNeeded(la, lbMost, threshold, settledBelow);
  if (allowed < 0) return true;
  const scannedEnd = comparedEnd(scanned);
  const start = firstText(scanned, scannedEnd);
  return start < scannedEnd && reading.scan(scanned, start, scannedEnd, allowed);
}

/**
 * The units read by charCodeAt, one a step (a browser's reading).
 * @internal Exported for the tests.
 */
export const unitsByCharCode: UnitReading = {
  count(text, from, end) {
    let prev = text.charCodeAt(from);
    // White space is rare: counted on its (predicted) branch, the length is the rest.
    let spaces = 0;
    for (let i = from + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      if (space[c] !== 0) {
        spaces++;
        continue;
      }
      const k = bucketOf((prev << 16) | c);
      buckets[k] = (buckets[k] as number) + 1;
      prev = c;
    }
    return spaces;
  },
  scan(text, from, end, allowed) {
    let missing = 0;
    let prev = text.charCodeAt(from);
    for (let i = from + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      if (space[c] !== 0) continue;
      const k = bucketOf((prev << 16) | c);
      const left = buckets[k] as number;
      // Without a branch on whether the bucket is empty (about as often as not on texts near the
      // threshold, so mispredicted): 1 when it holds one, 0 when empty.
      const taken = -left >>> 31;
      buckets[k] = left - taken;
      missing += 1 - taken;
      if (missing > allowed) return true;
      prev = c;
    }
    return false;
  },
};

// Where Node's Buffer is (Node, Deno, Bun) on a little-endian machine, the bound reads a text's
// UTF-16 units from a copy, two to a 32-bit word (the first in the low half): charCodeAt cost its
// loops more than all else they do (it tests the string's kind on every call), where Buffer copies
// the units natively (a tenth of a nanosecond a unit) and a typed array's load is cheap and takes
// two at once. A browser has no native copy (filling the words by charCodeAt cost more than the
// loops saved), so it reads by charCodeAt, and its build leaves this path out (globalThis.Buffer
// defined as undefined). Reused and grown as needed, kept up to `keptWords` (longer ones dropped after).
interface NodeBuffer extends Uint8Array {
  write(text: string, offset: number, length: number, encoding: 'utf16le'): number;
}
const nodeBuffer = (globalThis as { Buffer?: { allocUnsafeSlow(size: number): NodeBuffer } }).Buffer;
/**
 * Whether the bound reads units through Node's Buffer ({@link unitsByWords}) here.
 * @internal Exported for the tests.
 */
export const nativeUnits = nodeBuffer !== undefined && new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const keptWords = 1 << 16;
let words: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
let wordBytes: NodeBuffer | undefined;

/** `text`'s units before `end` as words (valid until the next call; past `end`, whatever was there). Only where {@link nativeUnits}. */
function wordsOf(text: string, end: number): Uint32Array<ArrayBufferLike> {
  let w = words;
  let bytes = wordBytes;
  if (!bytes || w.length < (end + 1) >> 1) {
    const size = Math.max((end + 1) >> 1, 2 * w.length, 2048);
    bytes = (nodeBuffer as NonNullable<typeof nodeBuffer>).allocUnsafeSlow(4 * size);
    w = new Uint32Array(bytes.buffer, bytes.byteOffset, size);
    if (size <= keptWords) [words, wordBytes] = [w, bytes];
  }
  bytes.write(text, 0, 2 * end, 'utf16le');
  return w;
}

/** The unit at `i` of a text as {@link wordsOf} gives it. */
const unitAt = (w: Uint32Array<ArrayBufferLike>, i: number): number => ((w[i >> 1] as number) >>> ((i & 1) << 4)) & 0xffff;

/**
 * The units copied by Node's Buffer and read a word (two units) at a time: the same answers as
 * {@link unitsByCharCode}, on real-sized sections a fifth to a quarter less time. A unit alone
 * up to a word's start, a word a step, and a last unit alone.
 *
 * @internal Exported for its tests (the same answers as the other, at any alignment).
 */
export const unitsByWords: UnitReading = {
  count(text, from, end) {
    const b = buckets;
    const w = wordsOf(text, end);
    let prev = unitAt(w, from);
    let spaces = 0;
    const last = end >> 1;
    for (let i = from + 1; i < end; i++) {
      // At a word's start, the words up to the last whole one; a unit before it (an odd start)
      // and after (an odd end) alone, below.
      if ((i & 1) === 0 && i >> 1 < last) {
        for (let j = i >> 1; j < last; j++) {
          const x = w[j] as number;
          const c0 = x & 0xffff;
          const c1 = x >>> 16;
          if (((space[c0] as number) | (space[c1] as number)) === 0) {
            const k0 = bucketOf((prev << 16) | c0);
            b[k0] = (b[k0] as number) + 1;
            // The word turned round: (c0 << 16) | c1, the bigram as `prev << 16 | c` writes it.
            const k1 = bucketOf((x << 16) | c1);
            b[k1] = (b[k1] as number) + 1;
            prev = c1;
          } else {
            // White space in the word (rare): its units one by one.
            if (space[c0] === 0) prev = countBigram(prev, c0);
            else spaces++;
            if (space[c1] === 0) prev = countBigram(prev, c1);
            else spaces++;
          }
        }
        i = 2 * last;
        if (i >= end) break;
      }
      const c = unitAt(w, i);
      if (space[c] === 0) prev = countBigram(prev, c);
      else spaces++;
    }
    return spaces;
  },
  scan(text, from, end, allowed) {
    const b = buckets;
    const w = wordsOf(text, end);
    let missing = 0;
    let prev = unitAt(w, from);
    const last = end >> 1;
    for (let i = from + 1; i < end; i++) {
      if ((i & 1) === 0 && i >> 1 < last) {
        for (let j = i >> 1; j < last; j++) {
          const x = w[j] as number;
          const c0 = x & 0xffff;
          const c1 = x >>> 16;
          if (((space[c0] as number) | (space[c1] as number)) === 0) {
            // Without a branch on whether a bucket is empty, as in unitsByCharCode.
            const k0 = bucketOf((prev << 16) | c0);
            const left0 = b[k0] as number;
            const taken0 = -left0 >>> 31;
            b[k0] = left0 - taken0;
            const k1 = bucketOf((x << 16) | c1);
            const left1 = b[k1] as number;
            const taken1 = -left1 >>> 31;
            b[k1] = left1 - taken1;
            missing += 2 - taken0 - taken1;
            prev = c1;
          } else {
            // White space in the word (rare): its units one by one.
            if (space[c0] === 0) {
              missing += takeBigram(prev, c0);
              prev = c0;
            }
            if (space[c1] === 0) {
              missing += takeBigram(prev, c1);
              prev = c1;
            }
          }
          if (missing > allowed) return true;
        }
        i = 2 * last;
        if (i >= end) break;
      }
      const c = unitAt(w, i);
      if (space[c] !== 0) continue;
      missing += takeBigram(prev, c);
      if (missing > allowed) return true;
      prev = c;
    }
    return false;
  },
};

/** Counts the bigram (`first`, `second`) into its bucket; returns `second`, the next bigram's first. */
function countBigram(first: number, second: number): number {
  const k = bucketOf((first << 16) | second);
  buckets[k] = (buckets[k] as number) + 1;
  return second;
}

/** Takes one from the bigram's bucket: 0 when it held one, 1 (missing) when it was empty. */
function takeBigram(first: number, second: number): number {
  const k = bucketOf((first << 16) | second);
  const left = buckets[k] as number;
  // Without a branch, as in unitsByCharCode's scan.
  const taken = -left >>> 31;
  buckets[k] = left - taken;
  return 1 - taken;
}

/** How the bound reads units here: through Buffer where it can (left out of a browser's build). */
const settlingReading = nativeUnits ? unitsByWords : unitsByCharCode;

/** How far a failed match looks ahead for the texts to agree again (characters of each). */
const nearAhead = 8;
/** How many characters must agree for the texts to be read side by side again. */
const agreeing = 4;
/** Searches further on in a text (within {@link farSkip}) for where the two agree again, at most, per comparison. */
const farSearches = 16;
/** The most characters such a search skips in one text; past a whole sentence in both beyond. */
const farSkip = 160;

const enders = [...sentenceEnders, '\n'].map((c) => c.charCodeAt(0));

/** The position after the sentence at `i` (after what ends it, or at `end`). */
function sentenceEnd(text: string, i: number, end: number): number {
  for (; i < end; i++) if (enders.includes(text.charCodeAt(i))) return i + 1;
  return end;
}

/**
 * Whether `a` and `b` share enough bigrams to reach the threshold (by `settledBelow`, what staying
 * below it means), shown by pairing equal bigrams in reading order: equal characters side by side
 * (white space skipped), and past a difference, from where the next few characters agree again (a
 * figure updated, a word changed, a sentence added: looked for a few characters ahead, else up to
 * {@link farSkip} on). Such pairs, each position in one, are at most the shared bigrams,
 * so enough of them prove the threshold reached. False proves nothing: given up as soon as the rest
 * could not make up the difference, or after {@link farSearches} searches.
 *
 * @internal Exported for its tests (its answers must never claim too much).
 */
export function alignedReach(a: string, b: string, min: number, threshold: number, settledBelow: (bound: number) => boolean): boolean {
  const aEnd = comparedEnd(a);
  const bEnd = comparedEnd(b);
  let i = firstText(a, aEnd);
  let j = firstText(b, bEnd);
  // Shorter than `min` even with white space: a similarity of 0, nothing to show. (And the
  // lengths below must hold a bigram each, or no count of shared bigrams is ever enough.)
  if (aEnd - i < min || bEnd - j < min) return false;
  // The lengths as given are at most the compared ones: the bigrams needed for them are at least
  // those needed for the true lengths (the similarity falls as the lengths grow).
  const need = Math.max(sharedNeeded(aEnd - i, bEnd - j, threshold, settledBelow), min - 1);
  let matched = 0;
  // Whether the characters before a[i] and b[j] (white space aside) were paired as equal: then an
  // equal pair at (i, j) ends the same bigram in both.
  let run = false;
  let far = 0;
  // One step of each text per character (white space too, skipped here rather than in loops of
  // its own: a third of the time).
  while (i < aEnd && j < bEnd) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (ca === cb) {
      if (space[ca] === 0) {
        if (run && ++matched >= need) return true;
        run = true;
      }
      i++;
      j++;
      continue;
    }
    // White space in one text only: the characters before stay paired.
    if (space[ca] !== 0) {
      i++;
      continue;
    }
    if (space[cb] !== 0) {
      j++;
      continue;
    }
    run = false;
    // Every position left paired would not be enough: give up.
    if (matched + Math.min(aEnd - i, bEnd - j) < need) return false;
    let found = false;
    // Nearest first: past `x` characters of one text and `y` of the other, `x` growing.
    for (let x = 1; x <= nearAhead && !found; x++) {
      for (let y = 0; y <= x && !found; y++) {
        if (agree(a, i + x, b, j + y, aEnd, bEnd)) {
          i += x;
          j += y;
          found = true;
        } else if (y < x && agree(a, i + y, b, j + x, aEnd, bEnd)) {
          i += y;
          j += x;
          found = true;
        }
      }
    }
    if (!found && far < farSearches) {
      // A passage added, dropped or rewritten: on from where the next characters of one appear
      // in the other, if near; else (a sentence moved or rewritten) past the sentence in both.
      far++;
      const skipB = farFind(b, j, bEnd, a.slice(i, i + 2 * agreeing));
      const skipA = farFind(a, i, aEnd, b.slice(j, j + 2 * agreeing));
      if (skipB <= farSkip && skipB <= skipA) j += skipB;
      else if (skipA <= farSkip) i += skipA;
      else {
        i = sentenceEnd(a, i, aEnd);
        j = sentenceEnd(b, j, bEnd);
      }
      found = true;
    }
    if (!found) {
      if (far >= farSearches) return false;
      // Nowhere: read on past one character of each.
      i++;
      j++;
    }
  }
  return false;
}

/**
 * How far on from `from` in `text` (before `end`) `key` begins, within {@link farSkip}; past it,
 * `farSkip + 1`. Searched in that window only: the rest of a rewritten text is not read.
 */
function farFind(text: string, from: number, end: number, key: string): number {
  const at = text.slice(from, Math.min(end, from + farSkip + key.length)).indexOf(key);
  return at < 0 ? farSkip + 1 : at;
}

/** Whether the {@link agreeing} characters from `i` in `a` and from `j` in `b` are the same (and within the compared parts). */
function agree(a: string, i: number, b: string, j: number, aEnd: number, bEnd: number): boolean {
  if (i + agreeing > aEnd || j + agreeing > bEnd) return false;
  for (let k = 0; k < agreeing; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
  return true;
}

/** The position of the first character of `text` before `end` that is not white space (`end` when none). */
function firstText(text: string, end: number): number {
  let i = 0;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Exactly `textSimilarity(a, b, minLength) op threshold` (JavaScript's comparison), for an engine
 * that only needs the comparison, as the rules do (`{"<": [{"textSimilarity": …}, 0.9]}`). Most
 * texts compared are far from the threshold one way or the other. Far below a high threshold is
 * settled by a cheap bound first (`bucketsSettleBelow`). Otherwise one text's bigrams are counted
 * (kept, like textSimilarity's, when it was compared before; else in scratch space, see
 * `onceCompared`) and the other's matched against them one by one: the shared
 * bigrams found so far only grow, and those not found yet are at most the bigrams left, so the
 * scan stops as soon as the threshold is reached or out of reach. The result is always the plain
 * comparison's.
 */
export function textSimilarityCompare(a: unknown, b: unknown, minLength: unknown, op: SimilarityComparison, threshold: number): boolean {
  const exact = () => {
    return holds(textSimilarity(a, b, minLength), op, threshold);
  };
  // What "below" means for `op`: the similarity under the threshold (for < and >=), or at most it (<= and >).
  const settledBelow = (bound: number) => (op === '<' || op === '>=' ? bound < threshold : bound <= threshold);
  const below = op === '<' || op === '<=';
  if (typeof a !== 'string' || typeof b !== 'string' || typeof minLength !== 'number' || Number.isNaN(minLength)) return exact();
  if (!(threshold > 0) || !Number.isFinite(threshold)) return exact();
  // A similarity is at most 1 (a NaN minLength, the one way to NaN, is left to exact above).
  if (threshold > 1) return below;
  const min = Math.max(minLength, 2);
  if (a.length < min || b.length < min) return exact();
  const keptA = kept(a);
  const keptB = kept(b);
  // Both counted already (an editor's keystrokes, a text compared twice): exact is cheap.
  if (keptA && keptB) return exact();
  // The similarity is symmetric: count the one counted before (or else the shorter, kept for
  // next time), scan the other until settled.
  const [counted, scanned] = keptB || (!keptA && b.length < a.length) ? [b, a] : [a, b];
  // The scanned text's length is not known before the scan (white space is left out), but at
  // most its length as given: a bound that the longest possible length settles is settled for
  // the true one (the similarity's bounds grow with it), and no pass is spent measuring it.
  const lbMost = Math.min(scanned.length, textSimilarityLimit);
  // The bound counts the longer text and scans the shorter: of the shorter, less is read before
  // the bound settles (measured on pairs of real-sized sections: a tenth less time).
  if (!keptA && !keptB && threshold >= 0.75) {
    const [longer, shorter] = a.length < b.length ? [b, a] : [a, b];
    if (bucketsSettleBelow(settlingReading, longer, shorter, Math.min(shorter.length, textSimilarityLimit), threshold, settledBelow)) return below;
    // Not settled: mostly the same text (a copy, the case the rule is for). Reading the two side
    // by side usually shows it at a quarter of the cost of counting it exactly.
    if (alignedReach(longer, shorter, min, threshold, settledBelow)) return !below;
  }
  // A text compared a second time (an editor's keystrokes) is counted and kept; one seen once
  // (a batch: most texts) is counted in scratch space, with nothing allocated or kept.
  if (!(keptA || keptB || seenBefore(counted))) return onceCompared(counted, scanned, min, lbMost, op, threshold, settledBelow);
  const f = featuresOf(counted);
  const la = f.length;
  // Too short once white space is gone: the similarity is 0, below any positive threshold.
  if (la < min) return below;
  const need = sharedNeeded(la, lbMost, threshold, settledBelow);
  // More bigrams than this not shared and the threshold is out of reach.
  const allowed = lbMost - 1 - need;
  if (allowed < 0) return below;
  const { grams, counts, table, shift } = f;
  const mask = table.length - 1;
  if (used.length < grams.length) used = new Uint32Array(Math.max(grams.length, 2 * used.length));
  used.fill(0, 0, grams.length);
  let matched = 0;
  let missing = 0;
  let lb = 0;
  let prev = -1;
  const end = comparedEnd(scanned);
  for (let i = 0; i < end; i++) {
    const c = scanned.charCodeAt(i);
    if (space[c] !== 0) continue;
    lb++;
    if (prev >= 0) {
      const g = prev * 65536 + c;
      let found = false;
      for (let h = slotOf(g, shift); ; h = (h + 1) & mask) {
        const at = table[h] as number;
        if (at === 0) break;
        if (grams[at - 1] === g) {
          if ((used[at - 1] as number) < (counts[at - 1] as number)) {
            (used[at - 1] as number)++;
            found = true;
          }
          break;
        }
      }
      if (found) {
        // Reached (once the scanned text is long enough to be compared at all).
        if (++matched >= need && lb >= min) return !below;
      } else if (++missing > allowed) return below;
    }
    prev = c;
  }
  // Scanned whole: the shared bigrams are `matched`, exactly (each matched against a count of
  // the other text's).
  if (lb < min) return below;
  return holds((2 * matched) / (la - 1 + (lb - 1)), op, threshold);
}

/**
 * The fewest shared bigrams with which a text of `la` bigram-counted characters and one of at
 * most `lbMost` reach the threshold (by `settledBelow`, what staying below it means). Started a
 * step low, so that rounding in the product can only make the loop step once more.
 */
function sharedNeeded(la: number, lbMost: number, threshold: number, settledBelow: (bound: number) => boolean): number {
  const dMost = la - 1 + (lbMost - 1);
  let need = Math.max(0, Math.ceil((threshold * dMost) / 2) - 2);
  while (settledBelow((2 * need) / dMost)) need++;
  return need;
}

// A text's bigrams counted exactly for one comparison (reused, sized up as needed): open
// addressing on the bigram itself, each slot two numbers side by side (the bigram, and how many
// of it are left to match), so that a lookup reads one cache line: as two arrays, a quarter slower.
const noGram = -1;
let onceTable = new Int32Array(0);

/**
 * `textSimilarityCompare` for a text compared once (most of a batch): exact, as with kept
 * features, but counted straight into a table keyed by the bigram, each bigram of the other text
 * taking one of its own from it. No list of distinct bigrams is built and no branch depends on
 * whether one is found (about as often as not near a threshold): a fifth less time than counting
 * the text's features (measured on pairs of real-sized sections). The bigram that is all ones
 * (two U+FFFF) is the table's empty mark, so it is counted apart.
 */
function onceCompared(counted: string, scanned: string, min: number, lbMost: number, op: SimilarityComparison, threshold: number, settledBelow: (bound: number) => boolean): boolean {
  const below = op === '<' || op === '<=';
  const countedEnd = comparedEnd(counted);
  // Sized for at most the limit's bigrams, however much white space the text holds.
  const bits = tableBits(Math.max(Math.min(countedEnd, textSimilarityLimit), 2));
  const size = 1 << bits;
  if (onceTable.length < 2 * size) onceTable = new Int32Array(2 * size);
  // Slot h: its bigram at t[2h], what is left of it at t[2h + 1].
  const t = onceTable;
  t.fill(noGram, 0, 2 * size);
  const mask = 2 * size - 1;
  const shift = 32 - bits;
  let i = firstText(counted, countedEnd);
  let la = i < countedEnd ? 1 : 0;
  let ones = 0;
  let prev = la ? counted.charCodeAt(i) : 0;
  for (i++; i < countedEnd; i++) {
    const c = counted.charCodeAt(i);
    if (space[c] !== 0) continue;
    la++;
    const g = (prev << 16) | c;
    prev = c;
    // Counted apart, without a branch (a branch on it, never taken, cost a quarter of the loop).
    // It is still "inserted": its probe stops at the first empty slot, whose key it leaves empty.
    ones += +(g === noGram);
    // Probed here and in the scan below, not in a helper: a call per bigram cost 8%. One branch
    // on "found or empty" (`|`, not `||`): almost always taken, so predicted; a branch on which
    // of the two (a bigram seen before or a new one: as often one as the other) cost a third.
    let h = slotOf(g, shift) << 1;
    let k = t[h] as number;
    while ((+(k === g) | +(k === noGram)) === 0) k = t[(h = (h + 2) & mask)] as number;
    // A slot taken now starts from 0, whatever its count holds (the fill's -1, or what the
    // all-ones bigram left there): `& -+(k === g)` is the count when the bigram is there, else 0,
    // without a branch.
    t[h + 1] = ((t[h + 1] as number) & -+(k === g)) + 1;
    t[h] = g;
  }
  // Too short once white space is gone: the similarity is 0, below any positive threshold.
  if (la < min) return below;
  const need = sharedNeeded(la, lbMost, threshold, settledBelow);
  // More bigrams than this not shared and the threshold is out of reach.
  const allowed = lbMost - 1 - need;
  if (allowed < 0) return below;
  let matched = 0;
  let missing = 0;
  const scannedEnd = comparedEnd(scanned);
  i = firstText(scanned, scannedEnd);
  let lb = i < scannedEnd ? 1 : 0;
  prev = lb ? scanned.charCodeAt(i) : 0;
  for (i++; i < scannedEnd; i++) {
    const c = scanned.charCodeAt(i);
    if (space[c] !== 0) continue;
    lb++;
    const g = (prev << 16) | c;
    prev = c;
    let h = slotOf(g, shift) << 1;
    let k = t[h] as number;
    while ((+(k === g) | +(k === noGram)) === 0) k = t[(h = (h + 2) & mask)] as number;
    // What is left of the bigram, 0 when it is not there (an empty slot holds whatever it held).
    const n = (t[h + 1] as number) & -+(k === g);
    const fromTable = -n >>> 31;
    t[h + 1] = n - fromTable;
    // The all-ones bigram takes from its own count instead (its probe ended on an empty slot,
    // whose count nothing reads): chosen without a branch.
    const isOnes = +(g === noGram);
    const fromOnes = +(ones > 0) & isOnes;
    ones -= fromOnes;
    const taken = (fromTable & (isOnes - 1)) | fromOnes;
    matched += taken;
    missing += 1 - taken;
    // Reached (once the scanned text is long enough to be compared at all), or out of reach.
    if (matched >= need && lb >= min) return !below;
    if (missing > allowed) return below;
  }
  // Scanned whole: the shared bigrams are `matched`, exactly.
  if (lb < min) return below;
  return holds((2 * matched) / (la - 1 + (lb - 1)), op, threshold);
}

/** How many characters of each text (white space removed) `textSimilarity` compares. */
export const textSimilarityLimit = 50_000;

const countPatterns = new Map<string, CountPattern>();

/**
 * `{"textCount": [text, pattern]}`: how many times `pattern` matches in `text` (0 when `text` is
 * not a string), counted as JavaScript's `text.match(new RegExp(pattern, 'g'))` counts them:
 * each match starting where the one before ended, an empty match moving on one character. The
 * pattern syntax is textNumber's, without the need for a group but of a bounded length (no
 * `*`, `+` or `{m,}`); the first 100,000 characters are searched and at most
 * {@link textCountLimit} matches counted (rules say "at least N" well below that).
 */
export function textCount(text: unknown, pattern: unknown): number {
  return textCountUpTo(text, pattern, textCountLimit);
}

/**
 * `textCount`, counting no further than `limit`: a comparison of the count with a number k needs
 * at most k + 1 matches to be decided (the engine compiles `{">": [{"textCount": …}, 0]}` so).
 */
export function textCountUpTo(text: unknown, pattern: unknown, limit: number): number {
  if (typeof text !== 'string' || typeof pattern !== 'string') return 0;
  let compiled = countPatterns.get(pattern);
  if (!compiled) {
    if (countPatterns.size >= cachedPatterns) countPatterns.clear();
    compiled = compileCountPattern(pattern);
    countPatterns.set(pattern, compiled);
  }
  return compiled.count(text, limit);
}

/**
 * `{"textLength": [text]}`: the characters of `text` (Unicode code points) without white space,
 * as a notice counts 字数 (「总体情况不超过1000字」); 0 when `text` is not a string.
 */
export function textLength(text: unknown): number {
  if (typeof text !== 'string') return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (space[c] !== 0) continue;
    // A surrogate pair is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The custom operations by name, ready for `jsonLogic.add_operation(name, fn)`. */
export const customOperations = { textNumber, textSimilarity, textCount, textLength } as const;
