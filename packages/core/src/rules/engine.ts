/**
 * The rules engine: evaluates the rule set of a report's format (and, given last year's
 * report, the across-year rules) and returns findings a person can act on.
 */
import type { Report } from '../report.js';
import type { FormatId, Lang } from '../taxonomy.js';
import { type Compiled, compile } from './compile.js';
import { generateRules } from './generate.js';
import type { Finding, Rule, RuleSet, Severity } from './types.js';

/** Options for {@link check}. */
export interface CheckOptions {
  /** Last year's report of the same agency: enables the `prev.*` rules. */
  previous?: Report | null;
  /** Language of the messages (default zh-CN). */
  lang?: Lang;
  /** Only rules of these severities (default all). */
  severities?: readonly Severity[];
}

interface CompiledRule {
  rule: Rule;
  condition: Compiled;
  expected?: Compiled;
  actual?: Compiled;
  needsPrev: boolean;
}

/** A rule set compiled once for repeated checking (every keystroke, a whole province). */
export interface Checker {
  readonly ruleSet: RuleSet;
  check(report: Report, options?: CheckOptions): Finding[];
}

function round(value: unknown): number | string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 1e4) / 1e4 : value;
  if (value === null || value === undefined) return null;
  return String(value);
}

function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : value === null ? '—' : String(value);
  });
}

/** Compiles a rule set. Throws RuleCompileError for a rule it cannot run. */
export function createChecker(ruleSet: RuleSet): Checker {
  const compiled: CompiledRule[] = ruleSet.rules.map((rule) => ({
    rule,
    condition: compile(rule.condition),
    ...(rule.expected !== undefined ? { expected: compile(rule.expected) } : {}),
    ...(rule.actual !== undefined ? { actual: compile(rule.actual) } : {}),
    needsPrev: rule.requires?.includes('prev') ?? false,
  }));
  return {
    ruleSet,
    check(report, options = {}) {
      const lang = options.lang ?? 'zh-CN';
      const previous = options.previous ?? null;
      const severities = options.severities;
      const data = previous ? { ...report, prev: previous } : report;
      const findings: Finding[] = [];
      for (const c of compiled) {
        if (c.needsPrev && !previous) continue;
        if (severities && !severities.includes(c.rule.severity)) continue;
        const v = c.condition(data);
        if (Array.isArray(v) ? v.length > 0 : v) continue;
        const finding: Finding = {
          rule: c.rule.id,
          target: c.rule.target,
          severity: c.rule.severity,
          message: '',
          cells: c.rule.cells,
        };
        if (c.expected) finding.expected = round(c.expected(data));
        if (c.actual) finding.actual = round(c.actual(data));
        const difference =
          typeof finding.expected === 'number' && typeof finding.actual === 'number'
            ? round(Math.abs(finding.expected - finding.actual))
            : undefined;
        finding.message = fill(c.rule.message[lang], { expected: finding.expected, actual: finding.actual, difference });
        findings.push(finding);
      }
      return findings;
    },
  };
}

const ruleSets = new Map<FormatId, RuleSet>();
const checkers = new Map<FormatId, Checker>();

/** The expanded rules of a format (the same as `rules/rules-<format>.json`). */
export function rulesFor(format: FormatId): RuleSet {
  let set = ruleSets.get(format);
  if (!set) {
    set = generateRules(format);
    ruleSets.set(format, set);
  }
  return set;
}

/** The shared compiled checker of a format. */
export function checkerFor(format: FormatId): Checker {
  let c = checkers.get(format);
  if (!c) {
    c = createChecker(rulesFor(format));
    checkers.set(format, c);
  }
  return c;
}

/** Checks a (schema-valid) report and returns its findings in rule order. */
export function check(report: Report, options?: CheckOptions): Finding[] {
  return checkerFor(report.format).check(report, options);
}

/** Counts findings by severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** `rule[target]: message`, the way the CLI and the spec print a finding. */
export function formatFinding(finding: Finding): string {
  return `${finding.rule}[${finding.target}]: ${finding.message}`;
}
