/**
 * textNumber's linear-time matcher gives what JavaScript's RegExp gives, for every pattern
 * of the documented syntax (rules/README.md): character sets code unit by code unit, and
 * random patterns on random texts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RuleCompileError } from '../src/index.js';
import { quotedFigurePatterns } from '../src/rules/generate.js';
import { compilePattern, patternLimits } from '../src/rules/pattern.js';

const native = (pattern: string, text: string) => new RegExp(pattern).exec(text)?.[1];

describe('the textNumber matcher', () => {
  it('reads \\d \\D \\s \\S \\w \\W . and classes as JavaScript does, for every UTF-16 code unit', { timeout: 60_000 }, () => {
    const sets = ['\\d', '\\D', '\\s', '\\S', '\\w', '\\W', '.', '[^。；;，,\\d]', '[\\s\\d-]', '[a-z\\u4e00-\\u9fa5]', '[^\\S\\n]'];
    for (const set of sets) {
      const mine = compilePattern(`(${set})`);
      const theirs = new RegExp(`^(${set})$`);
      const differ: number[] = [];
      for (let c = 0; c <= 0xffff; c++) {
        const ch = String.fromCharCode(c);
        if ((mine.firstGroup(ch) === ch) !== theirs.test(ch)) differ.push(c);
      }
      expect(differ, set).toEqual([]);
    }
  });

  it('finds the same group 1 as RegExp for the shipped patterns on texts built from their words', () => {
    const words = ['收到', '新收', '受理', '申请', '行政复议', '行政诉讼', '件', '12', '0', '3', ' ', '，', '。', '共', '政府信息公开', '\n', '\u3000'];
    const text = fc.array(fc.constantFrom(...words), { maxLength: 30 }).map((w) => w.join(''));
    for (const pattern of Object.values(quotedFigurePatterns)) {
      const mine = compilePattern(pattern);
      fc.assert(fc.property(text, (t) => mine.firstGroup(t) === native(pattern, t)), { numRuns: 500 });
    }
  });

  // Random patterns of the syntax: single characters and classes, repeated; flat groups repeated;
  // any group at most once (when it cannot match empty text); alternatives; anchors.
  const single = fc.oneof(
    fc.constantFrom('a', 'b', '1', '2', ' ', '件', '\\d', '\\D', '\\s', '\\S', '\\w', '\\W', '.', '\\.', '\\(', '\\n'),
    fc.constantFrom('[ab]', '[^a]', '[a-c1]', '[^\\d ]', '[\\s\\d]', '[-a]', '[b-]', '[^件]'),
  );
  const quantifier = fc.constantFrom('', '', '*', '+', '?', '{0,2}', '{1,3}', '{2}', '{1,}', '*?', '+?', '??', '{0,2}?');
  const repeatedSingle = fc.tuple(single, quantifier).map(([a, q]) => a + q);
  const flatGroup = fc
    .tuple(fc.constantFrom('(', '(?:'), fc.array(single, { minLength: 1, maxLength: 3 }), quantifier)
    .map(([open, body, q]) => `${open}${body.join('')})${q}`);
  const leaf = fc.oneof({ weight: 4, arbitrary: repeatedSingle }, { weight: 2, arbitrary: flatGroup }, { weight: 1, arbitrary: fc.constantFrom('^', '$') });
  const { pattern } = fc.letrec((tie) => ({
    seq: fc
      .array(fc.oneof({ depthSize: 'small', maxDepth: 3 }, { weight: 5, arbitrary: leaf }, { weight: 1, arbitrary: tie('group') }), { minLength: 1, maxLength: 5 })
      .map((items) => (items as string[]).join('')),
    alt: fc.array(tie('seq'), { minLength: 1, maxLength: 3 }).map((options) => (options as string[]).join('|')),
    group: fc
      .tuple(fc.constantFrom('(', '(?:'), tie('alt'), fc.constantFrom('', '?', '??', '{0,1}', '{1}'))
      .map(([open, body, q]) => `${open}${body as string})${q}`),
    // Wrapped in a capturing group when it has none (RegExp counts them: `p|` matches "").
    pattern: fc.tuple(tie('alt'), fc.boolean()).map(([p, wrap]) => (wrap || (new RegExp(`${p as string}|`).exec('') as RegExpExecArray).length === 1 ? `(${p as string})` : (p as string))),
  }));
  const text = fc.array(fc.constantFrom('a', 'b', 'c', '1', '2', ' ', '件', '\n', '.', '('), { maxLength: 20 }).map((c) => c.join(''));

  it('finds the same group 1 as RegExp for random patterns of the syntax on random texts', { timeout: 60_000 }, () => {
    let compared = 0;
    let refused = 0;
    fc.assert(
      fc.property(pattern as fc.Arbitrary<string>, fc.array(text, { minLength: 1, maxLength: 8 }), (p, texts) => {
        let mine: ReturnType<typeof compilePattern>;
        try {
          mine = compilePattern(p);
        } catch (e) {
          // Only what the syntax leaves out: a repeated group that can match empty text, a
          // pattern or program too large.
          expect(e).toBeInstanceOf(RuleCompileError);
          expect((e as Error).message).toMatch(/must not match empty text|steps once|longer than/);
          refused++;
          return;
        }
        compared++;
        for (const t of texts) expect(mine.firstGroup(t), `${p} on ${JSON.stringify(t)}`).toBe(native(p, t));
      }),
      { numRuns: 3000, seed: 20_240_601 },
    );
    expect(compared).toBeGreaterThan(refused);
  });

  it('searches the first 100,000 characters: $ matches there', () => {
    expect(patternLimits.text).toBe(100_000);
    const text = `${'a'.repeat(99_998)}12${'b'.repeat(10)}`;
    expect(compilePattern('(\\d+)$').firstGroup(text)).toBe('12');
    expect(compilePattern('(\\d+)b').firstGroup(text)).toBeUndefined();
  });
});
