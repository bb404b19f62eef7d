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
  // A rule asks twice for the same text (null? equal?): scan a long text once.
  if (compiled.text === text) return compiled.value;
  const group = compiled.pattern.firstGroup(text);
  const value = group === undefined ? null : Number.parseInt(group, 10);
  compiled.text = text;
  compiled.value = value === null || Number.isNaN(value) ? null : value;
  return compiled.value;
}

// Bigrams as numbers (two UTF-16 units): no substring per position.
function bigrams(s: string): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/**
 * `{"textSimilarity": [a, b, minLength]}`: how alike two texts are, from 0 to 1 (the Dice
 * coefficient of their character bigrams, white space removed). 0 when either is not a
 * string or has fewer than `minLength` characters, so that short stock answers (无) never
 * count as copied.
 */
export function textSimilarity(a: unknown, b: unknown, minLength: unknown = 0): number {
  if (typeof a !== 'string' || typeof b !== 'string') return 0;
  const min = typeof minLength === 'number' ? minLength : 0;
  // Removing white space only shortens: a text already too short needs no scan of the other.
  if (a.length < Math.max(min, 2) || b.length < Math.max(min, 2)) return 0;
  // A section is a few thousand characters; the first 50,000 of each (after white space) say
  // whether it was copied, and keep a hostile 15 MB text from filling memory with bigrams.
  const x = a.replace(/\s+/g, '').slice(0, textSimilarityLimit);
  const y = b.replace(/\s+/g, '').slice(0, textSimilarityLimit);
  if (x.length < Math.max(min, 2) || y.length < Math.max(min, 2)) return 0;
  if (x === y) return 1;
  const gx = bigrams(x);
  const gy = bigrams(y);
  let common = 0;
  for (const [g, count] of gx) common += Math.min(count, gy.get(g) ?? 0);
  return (2 * common) / (x.length - 1 + (y.length - 1));
}

/** How many characters of each text (white space removed) `textSimilarity` compares. */
export const textSimilarityLimit = 50_000;

/** The custom operations by name, ready for `jsonLogic.add_operation(name, fn)`. */
export const customOperations = { textNumber, textSimilarity } as const;
