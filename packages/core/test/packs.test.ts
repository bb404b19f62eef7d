/**
 * Rule packs (issue 16): a province's or a city's own rules as data, checked once with errors
 * that say what and where, run by the engine beside the national rules under the same limits.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import {
  type Report,
  type RulePack,
  RulePackError,
  check,
  compile,
  checkerFor,
  customOperations,
  packLimits,
  parseRulePack,
  rulePackJsonSchema,
  rulesFor,
  rulesWithPacks,
  textCount,
  textCountLimit,
  textLength,
  withCell,
} from '../src/index.js';
import { consistentReport } from './arbitraries.js';
import { clone, expectedReport } from './shared.js';

const packsDir = join(import.meta.dirname, '..', 'rules', 'packs');
const examplePack = (name: string): unknown => JSON.parse(readFileSync(join(packsDir, `${name}.json`), 'utf8'));

/** A small valid pack, to be broken one field at a time. */
const minimal = () => ({
  name: 'sz-2025',
  version: '1.0.0',
  formats: ['2021'],
  rules: [
    {
      id: 'local.sz-2025.overview.length',
      target: 'overview',
      severity: 'warning',
      cells: [],
      condition: { '<=': [{ textLength: [{ var: 'sections.overview' }] }, 100] },
      expected: 100,
      actual: { textLength: [{ var: 'sections.overview' }] },
      message: { 'zh-CN': '总体情况 {actual} 字，超过 {expected} 字', en: 'overview: {actual} characters, more than {expected}' },
    },
  ],
});

/** The error parseRulePack throws for a document (fails the test when it throws none). */
function refusal(doc: unknown, source?: string): RulePackError {
  try {
    parseRulePack(doc, source);
  } catch (e) {
    if (e instanceof RulePackError) return e;
    throw e;
  }
  throw new Error('accepted');
}

const seed = (): Report => expectedReport('chenjiaba-2023');
const withOverview = (r: Report, overview: string): Report => ({ ...r, sections: { ...r.sections, overview } });

describe('parseRulePack: what a valid pack is', () => {
  it('accepts the example packs and a minimal pack, typed, and keeps their rules as written', () => {
    for (const name of ['example-city-notice', 'example-scoring']) {
      const pack = parseRulePack(examplePack(name), `${name}.json`);
      expect(pack.name).toBe(name);
      expect(pack.rules.length).toBeGreaterThan(0);
      for (const r of pack.rules) expect(r.id.startsWith(`local.${name}.`)).toBe(true);
    }
    const pack = parseRulePack(minimal());
    expect(pack.rules[0]).toEqual(minimal().rules[0]);
  });

  const broken: [string, (d: ReturnType<typeof minimal> & Record<string, unknown>) => void, string, RegExp][] = [
    ['not an object', () => {}, '', /JSON object/],
    ['an unknown field (a typo)', (d) => (d.rule = []), '"rule"', /unknown field/],
    ['a name with capitals', (d) => (d.name = 'SZ'), 'name', /lower-case/],
    ['no version', (d) => delete (d as Record<string, unknown>).version, 'version', /major\.minor\.patch/],
    ['no formats', (d) => (d.formats = []), 'formats', /formats/],
    ['an unknown format', (d) => (d.formats = ['2021', '2022']), 'formats[1]', /"2022" is not a format/],
    ['an id outside the namespace', (d) => ((d.rules[0] as Record<string, unknown>).id = 'requests.balance'), 'rules[0].id', /local\.sz-2025\.<rule>/],
    ['another pack\'s namespace', (d) => ((d.rules[0] as Record<string, unknown>).id = 'local.other.x'), 'rules[0].id', /never clash/],
    ['a severity that is not one', (d) => ((d.rules[0] as Record<string, unknown>).severity = 'fatal'), 'rules[0].severity', /"fatal"/],
    ['a cell that is not in the format', (d) => ((d.rules[0] as Record<string, unknown>).cells = ['requests.newReceived.total', 'requests.nope.total']), 'rules[0].cells[1]', /not a cell of the 2021 format/],
    ['an unknown operation', (d) => ((d.rules[0] as Record<string, unknown>).condition = { and: [true, { regex: ['a', 'b'] }] }), 'rules[0].condition', /unknown JSON-logic operation "regex" \(at and\[1\]\)/],
    ['a pattern outside the syntax', (d) => ((d.rules[0] as Record<string, unknown>).condition = { '==': [{ textNumber: [{ var: 'sections.overview' }, '(a+)+(\\d)'] }, null] }), 'rules[0].condition', /textNumber pattern/],
    ['an unbounded textCount pattern', (d) => ((d.rules[0] as Record<string, unknown>).condition = { '>': [{ textCount: [{ var: 'sections.other' }, '\\d+元'] }, 0] }), 'rules[0].condition', /textCount pattern "\\\\d\+元": unbounded repetition/],
    ['last year read without requires', (d) => ((d.rules[0] as Record<string, unknown>).condition = { '<': [{ textSimilarity: [{ var: 'sections.other' }, { var: 'prev.sections.other' }, 30] }, 0.5] }), 'rules[0].condition', /requires/],
    ['a message in one language', (d) => ((d.rules[0] as Record<string, unknown>).message = { 'zh-CN': '缺少' }), 'rules[0].message["en"]', /message in en/],
    ['the same instance twice', (d) => d.rules.push(clone(d.rules[0] as (typeof d.rules)[number])), 'rules[1].target', /twice/],
    ['a severity for a rule that does not exist', (d) => (d.severity = { 'blank-cel': 'error' }), 'severity["blank-cel"]', /no national rule "blank-cel"/],
    ['a severity that is not one (override)', (d) => (d.severity = { 'blank-cell': 'fatal' }), 'severity["blank-cell"]', /"off"/],
  ];
  for (const [what, breakIt, path, message] of broken) {
    it(`refuses ${what}, naming the path`, () => {
      const doc = what === 'not an object' ? [] : (minimal() as ReturnType<typeof minimal> & Record<string, unknown>);
      if (!Array.isArray(doc)) breakIt(doc);
      const e = refusal(doc, 'packs/sz.json');
      expect(e.path).toBe(path);
      expect(e.message).toMatch(message);
      // What and where: the file, the pack, the path.
      expect(e.message.startsWith('packs/sz.json: rule pack')).toBe(true);
      if (path.startsWith('rules[0]') && path !== 'rules[0].id') expect(e.rule).toBe('local.sz-2025.overview.length');
    });
  }

  it('refuses hostile packs with a RulePackError, never a crash or a hang', () => {
    const deep = (n: number): unknown => (n === 0 ? true : { and: [deep(n - 1)] });
    const hostile: unknown[] = [
      { ...minimal(), rules: Array.from({ length: packLimits.rules + 1 }, (_, i) => ({ ...minimal().rules[0], target: `t${i}` })) },
      { ...minimal(), rules: [{ ...minimal().rules[0], condition: deep(200) }] },
      { ...minimal(), rules: [{ ...minimal().rules[0], condition: { constructor: [] } }] },
      { ...minimal(), rules: [{ ...minimal().rules[0], condition: { __proto__: [] } }] },
      JSON.parse('{"name":"sz-2025","version":"1.0.0","formats":["2021"],"rules":[],"__proto__":{"polluted":true}}'),
      { ...minimal(), rules: [{ ...minimal().rules[0], message: { 'zh-CN': 'x'.repeat(packLimits.text + 1), en: 'x' } }] },
      { ...minimal(), rules: [{ ...minimal().rules[0], condition: { '==': [{ textNumber: [{ var: 'a' }, `(${'a?'.repeat(300)}a)`] }, null] } }] },
      { ...minimal(), rules: [null] },
      { ...minimal(), name: 'x'.repeat(100) },
    ];
    for (const doc of hostile) expect(refusal(doc)).toBeInstanceOf(RulePackError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the engine runs only checked packs (a pack made by hand is refused with a clear error)', () => {
    const handMade = minimal() as unknown as RulePack;
    expect(() => check(seed(), { packs: [handMade] })).toThrow(/parseRulePack/);
  });

  it('publishes a JSON Schema that the committed rules/pack.schema.json matches, with the formats and severities', () => {
    const schema = rulePackJsonSchema();
    expect(JSON.parse(readFileSync(join(packsDir, '..', 'pack.schema.json'), 'utf8'))).toEqual(schema);
    const props = schema.properties as Record<string, { items?: { enum?: unknown[]; properties?: Record<string, { enum?: unknown[] }> } }>;
    expect(props.formats?.items?.enum).toEqual(['2021', '2019']);
    expect(props.rules?.items?.properties?.severity?.enum).toEqual(['error', 'warning', 'info']);
    // The example packs say which schema they follow.
    expect((examplePack('example-scoring') as { $schema: string }).$schema).toBe('../pack.schema.json');
  });
});

describe('packs in the engine', () => {
  it('adds the pack\'s findings after the national ones, with their messages filled in', () => {
    const pack = parseRulePack(minimal());
    const long = withOverview(seed(), '政务公开'.repeat(40));
    const findings = check(long, { packs: [pack] });
    const local = findings.filter((f) => f.rule.startsWith('local.'));
    expect(local).toEqual([
      { rule: 'local.sz-2025.overview.length', target: 'overview', severity: 'warning', cells: [], expected: 100, actual: 160, message: '总体情况 160 字，超过 100 字' },
    ]);
    expect(findings.indexOf(local[0] as (typeof local)[number])).toBe(findings.length - 1);
    // Passing: 100 characters exactly (white space not counted).
    expect(check(withOverview(seed(), `${'政务公开'.repeat(25)} \n\u3000`), { packs: [pack] }).some((f) => f.rule.startsWith('local.'))).toBe(false);
    // The same report without the pack: no local finding.
    expect(check(long).some((f) => f.rule.startsWith('local.'))).toBe(false);
  });

  it('changes a national rule\'s severity, switches rules or single instances off, and a later pack wins', () => {
    const r = withCell(seed(), 'requests.newReceived.commercial', null);
    const blank = (fs: ReturnType<typeof check>) => fs.filter((f) => f.rule === 'blank-cell').map((f) => f.severity);
    expect(blank(check(r))).toEqual(['warning']);
    const stricter = parseRulePack({ ...minimal(), severity: { 'blank-cell': 'error' } });
    expect(blank(check(r, { packs: [stricter] }))).toEqual(['error']);
    const off = parseRulePack({ name: 'quiet', version: '1.0.0', formats: ['2021'], rules: [], severity: { 'blank-cell': 'off' } });
    expect(blank(check(r, { packs: [off] }))).toEqual([]);
    expect(blank(check(r, { packs: [stricter, off] }))).toEqual([]);
    expect(blank(check(r, { packs: [off, stricter] }))).toEqual(['error']);
    // One instance only.
    const oneCell = parseRulePack({ name: 'one', version: '1.0.0', formats: ['2021'], rules: [], severity: { 'blank-cell[requests.newReceived.commercial]': 'info' } });
    expect(blank(check(r, { packs: [oneCell] }))).toEqual(['info']);
    expect(blank(check(withCell(r, 'requests.newReceived.research', null), { packs: [oneCell] }))).toEqual(['info', 'warning']);
    // The national rule set itself is untouched.
    expect(rulesFor('2021').rules.find((x) => x.id === 'blank-cell')?.severity).toBe('warning');
  });

  it('does nothing to a report of a format the pack is not for', () => {
    const only2019 = parseRulePack({ ...minimal(), formats: ['2019'], rules: [], severity: { 'blank-cell': 'off' } });
    expect(rulesWithPacks('2021', [only2019])).toBe(rulesFor('2021'));
    const r = withCell(seed(), 'requests.newReceived.commercial', null);
    expect(check(r, { packs: [only2019] })).toEqual(check(r));
  });

  it('compiles a pack set once and reuses it for the same pack objects', () => {
    const pack = parseRulePack(minimal());
    expect(checkerFor('2021', [pack])).toBe(checkerFor('2021', [pack]));
    expect(checkerFor('2021', [pack])).not.toBe(checkerFor('2021'));
    expect(checkerFor('2021', [pack]).ruleSet.customOperations).toEqual(['textNumber', 'textSimilarity', 'textLength']);
  });
});

describe('the custom operations packs add: textLength and textCount', () => {
  const jsCount = (text: string, pattern: string) => Math.min((text.slice(0, 100_000).match(new RegExp(pattern, 'g')) ?? []).length, textCountLimit);
  it('textCount counts as JavaScript\'s match with the g flag does, empty matches included', () => {
    const patterns = ['收取|收费', '(?:未|没有|不|无)(?:收取|收费)', '\\d{1,12}(?:\\.\\d{1,6})?\\s{0,3}(?:万元|元)', 'a?', 'ab|a', '(a)(b)?', '^a', 'a$', '[^。]{0,3}?。', ''];
    const text = fc.array(fc.constantFrom('a', 'b', '收取', '未收取', '收费', '12', '.5', '元', '万元', ' ', '。', '\n'), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...patterns), text, (p, t) => {
        expect(textCount(t, p), JSON.stringify([p, t])).toBe(jsCount(t, p));
      }),
      { numRuns: 2000 },
    );
    expect(textCount(null, '收取')).toBe(0);
    // At most textCountLimit, past the limit the count says "at least".
    expect(textCount('元'.repeat(1000), '元')).toBe(textCountLimit);
  });

  it('a compiled comparison of textCount with a number counts no further than it must, with json-logic-js\'s results', () => {
    jsonLogic.add_operation('textCount', textCount);
    const ops = ['<', '<=', '>', '>=', '==', '===', '!=', '!=='];
    const text = fc.array(fc.constantFrom('元', '收取', 'a', '。', '12元'), { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom(...ops), fc.oneof(fc.integer({ min: -2, max: 6 }), fc.constantFrom(0.5, 2.5, -0.5, 1e9)), fc.boolean(), (t, op, k, first) => {
        const count = { textCount: [{ var: 't' }, '元|收取'] };
        const expr = { [op]: first ? [k, count] : [count, k] };
        expect(compile(expr)({ t }), JSON.stringify([t, expr])).toBe(jsonLogic.apply(expr as never, { t }));
      }),
      { numRuns: 1000 },
    );
  });

  it('textLength counts characters (a surrogate pair as one) without white space', () => {
    expect(textLength('政务 公开\n\u3000')).toBe(4);
    expect(textLength('𠀀a😀')).toBe(3);
    expect(textLength('\ud800')).toBe(1);
    expect(textLength(undefined)).toBe(0);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (s) => {
        expect(textLength(s)).toBe([...s.replace(/\s/g, '')].length);
      }),
    );
  });

  it('json-logic-js with the exported operations finds what the engine finds, for the example packs', () => {
    for (const [name, fn] of Object.entries(customOperations)) jsonLogic.add_operation(name, fn as (...args: unknown[]) => unknown);
    const packs = ['example-city-notice', 'example-scoring'].map((n) => parseRulePack(examplePack(n)));
    const texts = fc.constantFrom('', '无', '本年度未收取信息处理费。', '本年度收取信息处理费 120.50 元。', '本年度按规定收取信息处理费。', '全年主动公开政府信息1136条，受理政府信息公开申请21件。', '政务公开'.repeat(300));
    fc.assert(
      fc.property(consistentReport('2021'), texts, texts, texts, (r, overview, other, prevOther) => {
        const report = { ...r, sections: { ...r.sections, overview, other, problems: other } } as Report;
        const previous = { ...report, year: report.year - 1, sections: { ...report.sections, other: prevOther, problems: prevOther } } as Report;
        const ours = check(report, { packs, previous, pinpoint: false }).map((f) => `${f.rule}[${f.target}]`);
        const rules = rulesWithPacks('2021', packs).rules;
        const theirs = rules.filter((x) => !jsonLogic.truthy(jsonLogic.apply(x.condition as never, { ...report, prev: previous }))).map((x) => `${x.id}[${x.target}]`);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the example packs on real wording', () => {
  const cityNotice = () => parseRulePack(examplePack('example-city-notice'));
  const scoring = () => parseRulePack(examplePack('example-scoring'));
  const local = (r: Report, packs: RulePack[], previous?: Report) =>
    check(r, { packs, ...(previous ? { previous } : {}) })
      .filter((f) => f.rule.startsWith('local.') || f.rule === 'blank-cell')
      .map((f) => `${f.severity} ${f.rule}[${f.target}]`);

  it('the seed report (a township\'s): its overview states no figures, 六 says 无', () => {
    expect(local(seed(), [cityNotice()])).toEqual([
      'warning local.example-city-notice.overview.counts[active]',
      'warning local.example-city-notice.overview.counts[requests]',
    ]);
  });

  it('fees: charged without an amount is found; not charged, or with the amount, passes', () => {
    const other = (text: string) => ({ ...seed(), sections: { ...seed().sections, other: text } });
    const fee = (text: string) => local(other(text), [cityNotice()]).filter((f) => f.includes('fee'));
    expect(fee('本年度按规定收取信息处理费。')).toEqual(['warning local.example-city-notice.fee.amount[other]']);
    expect(fee('2023 年，区政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费 0 元。')).toEqual([]);
    expect(fee('2024年，无收取信息处理费情况。')).toEqual([]);
    expect(fee('本机关未收取任何费用。')).toEqual([]);
    expect(fee('无')).toEqual([]);
  });

  it('the overview\'s length and named counts, in the wording of real overviews', () => {
    const stated = '2023年，我区在政府网站平台主动公开政府信息1136条。2023年全区受理政府信息公开申请21件，均在法定期限答复。';
    expect(local(withOverview(seed(), stated), [cityNotice()])).toEqual([]);
    expect(local(withOverview(seed(), '通过实验区政府门户网站累计主动公开政府信息7700余条。全年办理政府信息公开申请218件。'), [cityNotice()])).toEqual([]);
    expect(local(withOverview(seed(), `${stated}${'持续深化政务公开。'.repeat(120)}`), [cityNotice()])).toEqual(['warning local.example-city-notice.overview.length[overview]']);
  });

  it('scoring: 五 or 六 more than half the same as last year\'s is found; rewritten, it passes', () => {
    const problems = '2023年，政府信息公开工作取得一定成效，但依申请公开工作规范性还有待提高、政务公开内容的深度和广度还有待提升。下一步将全面梳理和优化工作流程，健全工作机制。';
    const r = { ...seed(), sections: { ...seed().sections, problems } };
    const previous = { ...seed(), year: seed().year - 1, sections: { ...seed().sections, problems: problems.replace('2023', '2022').replace('一定成效', '新的成效') } };
    expect(local(r, [scoring()], previous)).toEqual(['warning local.example-scoring.same-as-last-year[problems]']);
    const rewritten = { ...previous, sections: { ...previous.sections, problems: '去年我们主要围绕乡村振兴和民生保障领域推进重点信息公开，公开栏更新十二次，回应群众关切，办理申请三件。' } };
    expect(local(r, [scoring()], rewritten)).toEqual([]);
    // Without last year's report the rule is skipped, not failed.
    expect(local(r, [scoring()])).toEqual([]);
  });
});
