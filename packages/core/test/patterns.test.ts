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

  /** `text` cut at the given places (any, empty parts too), as a rule's sections joined by cat are. */
  const cutAt = (text: string, cuts: number[]) => {
    const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
    return [...at, text.length].map((end, i) => text.slice(i ? at[i - 1] : 0, end)).concat(cuts.length % 3 ? [] : ['']);
  };
  const cuts = fc.array(fc.nat(), { maxLength: 6 });

  it('finds in parts the group 1 it finds in them joined, for random patterns of the syntax', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(pattern as fc.Arbitrary<string>, fc.array(fc.tuple(text, cuts), { minLength: 1, maxLength: 6 }), (p, texts) => {
        let mine: ReturnType<typeof compilePattern>;
        try {
          mine = compilePattern(p);
        } catch {
          return;
        }
        for (const [t, c] of texts) {
          const parts = cutAt(t, c);
          expect(mine.firstGroupJoined(parts), `${p} on ${JSON.stringify(parts)}`).toBe(mine.firstGroup(parts.join('')));
        }
      }),
      { numRuns: 3000, seed: 20_261_201 },
    );
  });

  it('finds in parts what it finds joined for the shipped patterns, their words cut anywhere', () => {
    const words = ['收到', '新收', '受理', '申请', '行政复议', '行政诉讼', '件', '12', '0', '3', ' ', '，', '。', '共', '政府信息公开', '\n', '\u3000'];
    const text = fc.array(fc.constantFrom(...words), { maxLength: 40 }).map((w) => w.join(''));
    for (const pattern of Object.values(quotedFigurePatterns)) {
      const mine = compilePattern(pattern);
      fc.assert(
        fc.property(text, cuts, (t, c) => {
          const parts = cutAt(t, c);
          expect(mine.firstGroupJoined(parts), JSON.stringify(parts)).toBe(native(pattern, t));
        }),
        { numRuns: 1000 },
      );
    }
  });

  it('finds in parts a match longer than the window it copies, and one at the 100,000th character', () => {
    const received = compilePattern(quotedFigurePatterns.received);
    // Figures and white space that run on past the few hundred characters copied at first.
    const long = `前言。${'收到意见。'.repeat(80)}共收到\n申请${'1'.repeat(2000)}${' '.repeat(700)}件。`;
    for (const c of [[3], [5, 405], [406, 407, 2500], [long.length - 3]]) {
      const parts = cutAt(long, c);
      expect(received.firstGroupJoined(parts)).toBe('1'.repeat(2000));
    }
    // A match that begins right where the first window copied ends (a place where none began before it).
    const next = `收到${'无'.repeat(254)}收到申请5件`;
    for (const c of [[1], [256], [300]]) expect(received.firstGroupJoined(cutAt(next, c))).toBe('5');
    // Whether the match ends inside the searched 100,000 characters decides it, joined or not.
    const pad = '无'.repeat(99_980);
    for (const tail of ['收到申请12件', '收到申请1234567890123件', '收到申请12345678901234567890件']) {
      const t = pad + tail;
      expect(received.firstGroupJoined([pad.slice(0, 50_000), pad.slice(50_000), tail.slice(0, 3), tail.slice(3)])).toBe(received.firstGroup(t));
    }
    // With ^ or $ (true at the ends of the whole text only), the parts are matched joined.
    const anchored = compilePattern('^收到(\\d+)');
    expect(anchored.firstGroupJoined(['收', '到12'])).toBe('12');
    expect(anchored.firstGroupJoined(['前', '收到12'])).toBeUndefined();
  });

  it('searches the first 100,000 characters: $ matches there', () => {
    expect(patternLimits.text).toBe(100_000);
    const text = `${'a'.repeat(99_998)}12${'b'.repeat(10)}`;
    expect(compilePattern('(\\d+)$').firstGroup(text)).toBe('12');
    expect(compilePattern('(\\d+)b').firstGroup(text)).toBeUndefined();
  });
});
