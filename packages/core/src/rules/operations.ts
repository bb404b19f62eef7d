/**
 * The two custom JSON-logic operations the rules use, where JSON-logic has no way at all
 * to say it (regular expressions, text similarity). Documented in rules/README.md so
 * other implementations can add them; plain functions so json-logic-js can register them.
 */
import { type Pattern, compilePattern } from './pattern.js';

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
  let compiled = patterns.get(pattern);
  if (!compiled) {
    if (patterns.size >= cachedPatterns) patterns.clear();
    compiled = { pattern: compilePattern(pattern), text: null, value: null };
    patterns.set(pattern, compiled);
  }
  // Asked again for the same text (json-logic-js evaluates a figure in the condition twice, the
  // engine rechecks an unchanged report): scan a long text once.
  if (compiled.text === text) return compiled.value;
  const group = compiled.pattern.firstGroup(text);
  const value = group === undefined ? null : Number.parseInt(group, 10);
  compiled.text = text;
  compiled.value = value === null || Number.isNaN(value) ? null : value;
  return compiled.value;
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

function features(text: string): TextFeatures {
  const x = compared(text);
  const n = x.length - 1;
  if (n < 1) return { length: x.length, grams: new Uint32Array(0), counts: new Uint32Array(0), table: new Int32Array(4), shift: 30 };
  // Count into a table sized for every bigram being distinct…
  let bits = tableBits(n);
  let size = 1 << bits;
  if (scratchTable.length < size) scratchTable = new Int32Array(size);
  if (scratchGrams.length < n) {
    scratchGrams = new Uint32Array(Math.max(n, scratchGrams.length * 2));
    scratchCounts = new Uint32Array(scratchGrams.length);
  }
  let table = scratchTable.subarray(0, size);
  table.fill(0);
  let mask = size - 1;
  let shift = 32 - bits;
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const g = x.charCodeAt(i) * 65536 + x.charCodeAt(i + 1);
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
  // …then keep a table sized for the distinct ones (prose repeats many bigrams).
  const grams = scratchGrams.slice(0, distinct);
  const counts = scratchCounts.slice(0, distinct);
  bits = tableBits(distinct);
  size = 1 << bits;
  table = new Int32Array(size);
  mask = size - 1;
  shift = 32 - bits;
  for (let k = 0; k < distinct; k++) {
    let h = slotOf(grams[k] as number, shift);
    while (table[h] !== 0) h = (h + 1) & mask;
    table[h] = k + 1;
  }
  return { length: x.length, grams, counts, table, shift };
}

/**
 * Features of the texts seen lately, keyed by the text itself (a string is its value: an
 * edited text is another key, so nothing stale is ever served). Last year's sections are
 * compared with every keystroke of the editor and with every report of a CLI run; each is
 * read once. Least recently used first, so that the Map's order is the eviction order.
 */
const featureCache = new Map<string, TextFeatures>();
let cachedCharacters = 0;

/**
 * Bounds of the cache of text features behind `textSimilarity`. A text is kept as its own
 * key (2 bytes a character), and its features take at most 24 bytes per character of it:
 * `characters` bounds both (about 10 MB at most; six 3,000-character sections take 18,000).
 * A longer text is not kept: it is compared as it always was, its bigrams counted each time.
 */
export const textFeatureCacheLimits = { entries: 64, characters: 400_000 } as const;

function featuresOf(text: string): TextFeatures {
  const hit = featureCache.get(text);
  if (hit) {
    // Most recently used last: delete and set again.
    featureCache.delete(text);
    featureCache.set(text, hit);
    return hit;
  }
  const computed = features(text);
  if (text.length > textFeatureCacheLimits.characters) return computed;
  featureCache.set(text, computed);
  cachedCharacters += text.length;
  while (featureCache.size > textFeatureCacheLimits.entries || cachedCharacters > textFeatureCacheLimits.characters) {
    const oldest = featureCache.keys().next().value as string;
    featureCache.delete(oldest);
    cachedCharacters -= oldest.length;
  }
  return computed;
}

/** The cache of text features, for tests and for a host that wants the memory back. */
export const textFeatureCache = {
  /** Texts whose features are kept. */
  get size(): number {
    return featureCache.size;
  },
  /** Characters of the texts kept (their keys). */
  get characters(): number {
    return cachedCharacters;
  },
  /** Forgets every text. */
  clear(): void {
    featureCache.clear();
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

/** How many characters of each text (white space removed) `textSimilarity` compares. */
export const textSimilarityLimit = 50_000;

/** The custom operations by name, ready for `jsonLogic.add_operation(name, fn)`. */
export const customOperations = { textNumber, textSimilarity } as const;
