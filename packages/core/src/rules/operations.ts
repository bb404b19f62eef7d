/**
 * The two custom JSON-logic operations the rules use, where JSON-logic has no way at all
 * to say it (regular expressions, text similarity). Documented in rules/README.md so
 * other implementations can add them; plain functions so json-logic-js can register them.
 */

const patterns = new Map<string, { re: RegExp; text: string | null; value: number | null }>();

/**
 * `{"textNumber": [text, pattern]}`: the first capture group of the first match of
 * `pattern` (a regular expression without flags) in `text`, as a number; null when
 * `text` is not a string or nothing matches.
 */
export function textNumber(text: unknown, pattern: unknown): number | null {
  if (typeof text !== 'string' || typeof pattern !== 'string') return null;
  let compiled = patterns.get(pattern);
  if (!compiled) {
    compiled = { re: new RegExp(pattern), text: null, value: null };
    patterns.set(pattern, compiled);
  }
  // A rule asks twice for the same text (null? equal?): scan a long text once.
  if (compiled.text === text) return compiled.value;
  const m = compiled.re.exec(text);
  const value = m?.[1] === undefined ? null : Number.parseInt(m[1], 10);
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
  const x = a.replace(/\s+/g, '');
  const y = b.replace(/\s+/g, '');
  if (x.length < Math.max(min, 2) || y.length < Math.max(min, 2)) return 0;
  if (x === y) return 1;
  const gx = bigrams(x);
  const gy = bigrams(y);
  let common = 0;
  for (const [g, count] of gx) common += Math.min(count, gy.get(g) ?? 0);
  return (2 * common) / (x.length - 1 + (y.length - 1));
}

/** The custom operations by name, ready for `jsonLogic.add_operation(name, fn)`. */
export const customOperations = { textNumber, textSimilarity } as const;
