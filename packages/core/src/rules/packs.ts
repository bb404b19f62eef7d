/**
 * Rule packs: a province's or a city's own rules, as data (rules/README.md, "Rule packs"). A
 * pack is checked here once, as a whole, with errors that name the pack, the rule and the path
 * in the file; the engine then compiles its rules like the national ones, under the same limits.
 * Written by hand rather than with zod: the element loads packs too, and zod stays out of its
 * first script.
 */
import { type FormatId, type Lang, formatIds, taxonomy } from '../taxonomy.js';
import { compile } from './compile.js';
import { rulesFor } from './engine.js';
import { RuleCompileError, checkedPacks } from './errors.js';
import type { JsonLogic, Rule, RulePack, Severity } from './types.js';

/** What a pack may hold. */
export const packLimits = {
  /** Rules in one pack. */
  rules: 2000,
  /** Characters of a string field (a message, a target, a title). */
  text: 2000,
} as const;

/** A pack that cannot be used, with what is wrong and where. */
export class RulePackError extends Error {
  override readonly name = 'RulePackError';
  /**
   * @param pack The pack's name, when it has one.
   * @param path Where in the pack: `rules[3].condition`, `severity["blank-cel"]`, or empty for the whole.
   * @param rule The id of the rule concerned, when there is one.
   * @param source The file or URL the pack came from, when known.
   */
  constructor(
    message: string,
    readonly pack: string | undefined,
    readonly path: string,
    readonly rule?: string,
    readonly source?: string,
  ) {
    super(message);
  }
}

const severities: readonly Severity[] = ['error', 'warning', 'info'];
const namePattern = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const versionPattern = /^\d{1,9}\.\d{1,9}\.\d{1,9}(?:[-+][0-9A-Za-z.-]{1,64})?$/;
const segment = '[A-Za-z0-9][A-Za-z0-9_-]{0,63}';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);


/** Whether an expression reads last year's report (a `var` path prev or prev.…). */
function readsPrev(expr: JsonLogic, depth = 0): boolean {
  if (depth > 64 || expr === null || typeof expr !== 'object') return false;
  if (Array.isArray(expr)) return expr.some((e) => readsPrev(e, depth + 1));
  for (const [op, arg] of Object.entries(expr)) {
    if (op === 'var') {
      const path = Array.isArray(arg) ? arg[0] : arg;
      if (typeof path === 'string' && (path === 'prev' || path.startsWith('prev.'))) return true;
      if (path !== null && typeof path === 'object' && readsPrev(path, depth + 1)) return true;
    } else if (readsPrev(arg, depth + 1)) return true;
  }
  return false;
}

/**
 * Checks a rule pack (parsed JSON) and returns it typed. Throws {@link RulePackError} naming
 * the pack, the rule and the path (`rules[3].condition: unknown JSON-logic operation "regex"
 * (at and[1])`) for anything the engine could not run or would run differently than meant:
 * unknown fields, an id outside the pack's namespace, a cell that is not in the format, a
 * condition reading last year's report without `requires: ["prev"]`, a severity for a rule that
 * does not exist. Expressions are compiled under the engine's limits (`ruleLimits`, the
 * pattern syntax and `patternLimits`).
 */
export function parseRulePack(doc: unknown, source?: string): RulePack {
  let packName: string | undefined;
  const fail = (path: string, what: string, rule?: string): never => {
    const where = [source, packName ? `rule pack "${packName}"` : 'rule pack'].filter(Boolean).join(': ');
    throw new RulePackError(`${where}: ${path ? `${path}: ` : ''}${what}`, packName, path, rule, source);
  };
  if (!isRecord(doc)) return fail('', 'a rule pack is a JSON object { "name", "version", "formats", "rules" }');
  for (const key of Object.keys(doc)) {
    if (!['$schema', 'name', 'version', 'title', 'source', 'formats', 'rules', 'severity'].includes(key)) fail(JSON.stringify(key), 'unknown field');
  }
  const { name, version, title, formats, rules, severity } = doc;
  if (typeof name !== 'string' || !namePattern.test(name)) return fail('name', 'lower-case letters, digits and - (1 to 64), e.g. "sz-2025"');
  packName = name;
  if (typeof version !== 'string' || !versionPattern.test(version)) fail('version', 'major.minor.patch, e.g. "1.0.0"');
  if (title !== undefined) {
    if (!isRecord(title)) fail('title', 'an object { "zh-CN": …, "en": … }');
    for (const [lang, text] of Object.entries(title as Record<string, unknown>)) {
      if (lang !== 'zh-CN' && lang !== 'en') fail(`title[${JSON.stringify(lang)}]`, 'languages are zh-CN and en');
      if (typeof text !== 'string' || text.length > packLimits.text) fail(`title[${JSON.stringify(lang)}]`, `text of at most ${packLimits.text} characters`);
    }
  }
  if (doc.source !== undefined && (typeof doc.source !== 'string' || doc.source.length > packLimits.text)) fail('source', `text of at most ${packLimits.text} characters`);
  if (!Array.isArray(formats) || formats.length === 0) return fail('formats', `a list of the formats the pack applies to: ${formatIds.map((f) => `"${f}"`).join(', ')}`);
  formats.forEach((f, i) => {
    if (!formatIds.includes(f as FormatId)) fail(`formats[${i}]`, `${JSON.stringify(f)} is not a format (${formatIds.join(', ')})`);
    if (formats.indexOf(f) !== i) fail(`formats[${i}]`, `${JSON.stringify(f)} twice`);
  });
  const packFormats = formats as FormatId[];
  if (!Array.isArray(rules)) return fail('rules', 'a list of rules (may be empty)');
  if (rules.length > packLimits.rules) fail('rules', `more than ${packLimits.rules} rules`);
  const idPattern = new RegExp(`^local\\.${name.replace(/-/g, '\\-')}(?:\\.${segment}){1,4}$`);
  const instances = new Set<string>();
  const out: Rule[] = rules.map((raw, i): Rule => {
    const at = `rules[${i}]`;
    if (!isRecord(raw)) return fail(at, 'a rule is an object { "id", "target", "severity", "cells", "condition", "message" }');
    const id = raw.id;
    if (typeof id !== 'string' || !idPattern.test(id)) {
      return fail(`${at}.id`, `${JSON.stringify(id)}: a pack's rule ids are local.${name}.<rule> (letters, digits, _ and -), so that they never clash with the national ids or another pack's`);
    }
    const failRule = (path: string, what: string): never => fail(`${at}.${path}`, what, id);
    for (const key of Object.keys(raw)) {
      if (!['id', 'target', 'severity', 'cells', 'requires', 'condition', 'expected', 'actual', 'message'].includes(key)) failRule(JSON.stringify(key), 'unknown field');
    }
    const { target, cells, requires, message } = raw;
    if (typeof target !== 'string' || !target || target.length > packLimits.text) failRule('target', 'which instance the rule is about (a section, a cell id, a row): a non-empty string');
    if (instances.has(`${id}[${target}]`)) failRule('target', `${id}[${target as string}] twice`);
    instances.add(`${id}[${target as string}]`);
    if (!severities.includes(raw.severity as Severity)) failRule('severity', `"error", "warning" or "info", not ${JSON.stringify(raw.severity)}`);
    if (!Array.isArray(cells)) return failRule('cells', 'a list of cell ids (may be empty)');
    cells.forEach((c, k) => {
      for (const format of packFormats) {
        if (typeof c !== 'string' || !taxonomy(format).cellById.has(c)) failRule(`cells[${k}]`, `${JSON.stringify(c)} is not a cell of the ${format} format`);
      }
    });
    if (requires !== undefined && !(Array.isArray(requires) && requires.length <= 1 && requires.every((r) => r === 'prev'))) {
      failRule('requires', '["prev"] (the rule needs last year\'s report), or left out');
    }
    const expressions: Partial<Record<'condition' | 'expected' | 'actual', JsonLogic>> = {};
    for (const key of ['condition', 'expected', 'actual'] as const) {
      if (!(key in raw)) {
        if (key === 'condition') failRule(key, 'missing: JSON-logic that is true when the report passes');
        continue;
      }
      const expr = raw[key] as JsonLogic;
      try {
        compile(expr);
      } catch (e) {
        if (e instanceof RuleCompileError) failRule(key, e.message);
        throw e;
      }
      if (readsPrev(expr) && !(Array.isArray(requires) && requires.includes('prev'))) {
        failRule(key, 'reads last year\'s report (prev.…): add "requires": ["prev"], so that the rule is skipped when there is none');
      }
      expressions[key] = expr;
    }
    if (!isRecord(message)) return failRule('message', 'an object { "zh-CN": …, "en": … }');
    for (const lang of ['zh-CN', 'en'] as const) {
      const text = message[lang];
      if (typeof text !== 'string' || !text || text.length > packLimits.text) failRule(`message["${lang}"]`, `the message in ${lang}: a non-empty string of at most ${packLimits.text} characters`);
    }
    for (const key of Object.keys(message)) if (key !== 'zh-CN' && key !== 'en') failRule(`message[${JSON.stringify(key)}]`, 'languages are zh-CN and en');
    return {
      id,
      target: target as string,
      severity: raw.severity as Severity,
      cells: cells as string[],
      ...(requires !== undefined ? { requires: ['prev'] as 'prev'[] } : {}),
      condition: expressions.condition as JsonLogic,
      ...(expressions.expected !== undefined ? { expected: expressions.expected } : {}),
      ...(expressions.actual !== undefined ? { actual: expressions.actual } : {}),
      message: { 'zh-CN': message['zh-CN'] as string, en: message.en as string },
    };
  });
  let overrides: Record<string, Severity | 'off'> | undefined;
  if (severity !== undefined) {
    if (!isRecord(severity)) fail('severity', 'an object { "<rule id>": "error" | "warning" | "info" | "off" }');
    const known = new Set<string>();
    for (const format of packFormats) {
      for (const r of rulesFor(format).rules) {
        known.add(r.id);
        known.add(`${r.id}[${r.target}]`);
      }
    }
    overrides = {};
    for (const [key, value] of Object.entries(severity as Record<string, unknown>)) {
      const path = `severity[${JSON.stringify(key)}]`;
      if (!known.has(key) && !/^local\./.test(key)) fail(path, `no national rule ${JSON.stringify(key)} in the ${packFormats.join(' or ')} format (a rule id, or one instance as id[target])`);
      if (value !== 'off' && !severities.includes(value as Severity)) fail(path, `"error", "warning", "info" or "off", not ${JSON.stringify(value)}`);
      overrides[key] = value as Severity | 'off';
    }
  }
  const pack: RulePack = {
    name,
    version: version as string,
    ...(title !== undefined ? { title: title as Partial<Record<Lang, string>> } : {}),
    ...(typeof doc.source === 'string' ? { source: doc.source } : {}),
    formats: packFormats,
    rules: out,
    ...(overrides ? { severity: overrides } : {}),
  };
  checkedPacks.add(pack);
  return pack;
}

/** The JSON Schema of a rule pack (`rules/pack.schema.json`): the shape; `parseRulePack` checks the rest. */
export function rulePackJsonSchema(): Record<string, unknown> {
  const text = { type: 'string', minLength: 1, maxLength: packLimits.text };
  const jsonLogic = { description: 'JSON-logic (https://jsonlogic.com) with the custom operations of rules/README.md' };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/disclosure-report/disclosure-report/packages/core/rules/pack.schema.json',
    title: 'disclosure-report rule pack',
    description: "A province's or a city's own rules for 政府信息公开工作年度报告, run by the same engine as the national rules (rules/README.md, \"Rule packs\").",
    type: 'object',
    additionalProperties: false,
    required: ['name', 'version', 'formats', 'rules'],
    properties: {
      $schema: { type: 'string' },
      name: { type: 'string', pattern: namePattern.source, description: 'The namespace of the rule ids: local.<name>.<rule>' },
      version: { type: 'string', pattern: versionPattern.source },
      title: { type: 'object', additionalProperties: false, properties: { 'zh-CN': text, en: text } },
      source: { ...text, description: 'Where the rules come from: the notice, its date and number' },
      formats: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...formatIds] } },
      rules: {
        type: 'array',
        maxItems: packLimits.rules,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'target', 'severity', 'cells', 'condition', 'message'],
          properties: {
            id: { type: 'string', pattern: `^local\\.[a-z0-9-]+(?:\\.${segment}){1,4}$`, description: 'local.<pack name>.<rule>' },
            target: text,
            severity: { enum: [...severities] },
            cells: { type: 'array', items: { type: 'string' }, description: 'Cell ids of the format (cells-2021.csv)' },
            requires: { type: 'array', items: { const: 'prev' }, maxItems: 1 },
            condition: jsonLogic,
            expected: jsonLogic,
            actual: jsonLogic,
            message: {
              type: 'object',
              additionalProperties: false,
              required: ['zh-CN', 'en'],
              properties: { 'zh-CN': text, en: text },
              description: 'Templates: {expected}, {actual} and {difference} are filled in',
            },
          },
        },
      },
      severity: {
        type: 'object',
        description: 'National rules made stricter, milder or switched off, by id or one instance id[target]',
        additionalProperties: { enum: [...severities, 'off'] },
      },
    },
  };
}
