/**
 * The rules engine: evaluates the rule set of a report's format (and, given last year's
 * report, the across-year rules) and returns findings a person can act on.
 */
import type { Report } from '../report.js';
import { type FormatId, type Lang, taxonomy } from '../taxonomy.js';
import { type CellSweep, type MemoSlots, type ScopedCompiled, cellTests, compileWithCells, ruleLimits } from './compile.js';
import { generateRules } from './generate.js';
import { checkedPacks } from './errors.js';
import { pinpointer } from './pinpoint.js';
import type { Finding, JsonLogic, Rule, RulePack, RuleSet, Severity } from './types.js';

/** Options for {@link check}. */
export interface CheckOptions {
  /** Last year's report of the same agency: enables the `prev.*` rules. */
  previous?: Report | null;
  /** Language of the messages (default zh-CN). */
  lang?: Lang;
  /** Only rules of these severities (default all). */
  severities?: readonly Severity[];
  /**
   * Name the cell that is probably wrong when the failing sums point at one (`suspect.cell`
   * findings, listed first), and say on the sums why when they do not (default true; not done
   * when `severities` leaves out warnings).
   */
  pinpoint?: boolean;
  /**
   * Cells whose value is not known (an importer could not read them; they are blank in the
   * report). A rule that reads one is not run, so a missing part never becomes a false sum
   * error or a `blank-cell`; pinpointing neither names them nor reasons from them.
   */
  unknownCells?: Iterable<string>;
  /**
   * Rule packs (a province's or a city's own rules, from {@link parseRulePack}) run with the
   * national rules, in order: their rules after the national ones, their `severity` changes
   * applied (a later pack's win). A pack for other formats does nothing to this report.
   */
  packs?: readonly RulePack[];
}

interface CompiledRule {
  /** Index in the rule set (the equations of pinpointing refer to it). */
  index: number;
  rule: Rule;
  condition: ScopedCompiled;
  expected?: ScopedCompiled;
  actual?: ScopedCompiled;
  needsPrev: boolean;
  /** This year's cells the rule reads (its `cells` and every cell its JSON-logic names). */
  reads: string[];
  message: Record<Lang, Template>;
  /** Its condition's cell test, when it only tests one cell (see `cellTests`). */
  cellTest?: { slot: number; key: string; sweep: CellSweep };
}

/**
 * Rules in check order, with each run of rules that test one cell each with the same test (the
 * same key: the 200 `cell.type` rules, the 200 `blank-cell` ones) as one step: one sweep of the
 * first one's test over their cells, soon optimised, where each rule's own closure, called once a
 * check, stays in V8's slow tiers in an editor (measured in chromium, a keystroke on the seed
 * report: the check 0.41 → 0.27 ms). In a batch, a sweep with its test written in its loop (no
 * call per cell) took 2–3 µs off a check of all rules (of 47–50).
 */
type Step = CompiledRule | { rules: CompiledRule[]; slots: Int32Array; sweep: CellSweep };

function stepsOf(list: readonly CompiledRule[]): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < list.length; ) {
    const first = list[i] as CompiledRule;
    const cellTest = first.cellTest;
    let j = i + 1;
    if (cellTest) while (j < list.length && (list[j] as CompiledRule).cellTest?.key === cellTest.key) j++;
    if (cellTest && j - i > 1) {
      const rules = list.slice(i, j);
      steps.push({ rules, slots: Int32Array.from(rules, (c) => (c.cellTest as { slot: number }).slot), sweep: cellTest.sweep });
    } else steps.push(first);
    i = j;
  }
  return steps;
}

/**
 * Reads every cell of a report into an array in one pass, row object by row object, so
 * that each nested object is looked up once rather than once per rule that reads it.
 */
function cellReader(
  format: FormatId,
  rules: readonly Rule[],
): {
  slots: Map<string, number>;
  read: (report: unknown, previous: unknown) => unknown[];
} {
  const cells = taxonomy(format).cells;
  const size = cells.length;
  // Last year's cells are read as `prev.<id>`, and only those the rules use (a handful).
  const used = new Set<string>();
  // Each object once and no deeper than compiling goes: a rule nested too deep (or sharing
  // subtrees without end) is left for the compiler to refuse with a RuleCompileError.
  const seen = new Set<object>();
  const collect = (e: unknown, depth = 0): void => {
    if (!e || typeof e !== 'object' || seen.has(e) || depth > ruleLimits.depth) return;
    seen.add(e);
    if (Array.isArray(e)) for (const item of e) collect(item, depth + 1);
    else {
      for (const [op, arg] of Object.entries(e)) {
        if (op === 'var' && typeof arg === 'string') used.add(arg);
        else collect(arg, depth + 1);
      }
    }
  };
  for (const r of rules) for (const e of [r.condition, r.expected, r.actual]) collect(e);
  const prevCells = cells.filter((c) => used.has(`prev.${c.id}`));
  const slots = new Map<string, number>([
    ...cells.map((c, i) => [c.id, i] as const),
    ...prevCells.map((c, i) => [`prev.${c.id}`, size + i] as const),
  ]);
  // Rows of the report (a path to an object, and which of its keys go to which slot), as flat
  // arrays: reading is a fifth of an error-rules check, and destructuring each [key, slot] pair
  // cost more than the property reads themselves.
  const planFor = (list: readonly { id: string }[]) => {
    const rows = new Map<string, { path: string[]; keys: string[]; slots: number[] }>();
    list.forEach((c, i) => {
      const keys = c.id.split('.');
      const parent = keys.slice(0, -1).join('.');
      let row = rows.get(parent);
      if (!row) rows.set(parent, (row = { path: keys.slice(0, -1), keys: [], slots: [] }));
      row.keys.push(keys[keys.length - 1] as string);
      row.slots.push(i);
    });
    return [...rows.values()];
  };
  const plan = planFor(cells);
  const prevPlan = planFor(prevCells);
  const readInto = (out: unknown[], report: unknown, offset: number, plan: ReturnType<typeof planFor>) => {
    for (let r = 0; r < plan.length; r++) {
      const { path, keys, slots } = plan[r] as (typeof plan)[number];
      let obj: unknown = report;
      for (let k = 0; k < path.length && obj !== null && obj !== undefined; k++) obj = (obj as Record<string, unknown>)[path[k] as string];
      if (obj !== null && typeof obj === 'object') {
        const row = obj as Record<string, unknown>;
        for (let j = 0; j < keys.length; j++) out[offset + (slots[j] as number)] = row[keys[j] as string];
      } else for (let j = 0; j < keys.length; j++) out[offset + (slots[j] as number)] = undefined;
    }
  };
  return {
    slots,
    read(report, previous) {
      const out: unknown[] = new Array(previous ? size + prevCells.length : size);
      readInto(out, report, 0, plan);
      if (previous) readInto(out, previous, size, prevPlan);
      return out;
    },
  };
}

/** This year's cells a rule reads: its `cells` and the cell ids its JSON-logic names. */
function cellsReadBy(rule: Rule, slots: ReadonlyMap<string, number>): string[] {
  const out = new Set<string>(rule.cells);
  const seen = new Set<object>();
  const walk = (e: unknown, depth: number): void => {
    if (!e || typeof e !== 'object' || seen.has(e) || depth > ruleLimits.depth) return;
    seen.add(e);
    if (Array.isArray(e)) for (const item of e) walk(item, depth + 1);
    else
      for (const [op, arg] of Object.entries(e)) {
        if (op === 'var' && typeof arg === 'string') {
          if (slots.has(arg) && !arg.startsWith('prev.')) out.add(arg);
        } else walk(arg, depth + 1);
      }
  };
  for (const e of [rule.condition, rule.expected, rule.actual]) walk(e, 0);
  return [...out];
}

/** A rule set compiled once for repeated checking (every keystroke, a whole province). */
export interface Checker {
  readonly ruleSet: RuleSet;
  check(report: Report, options?: CheckOptions): Finding[];
}

/** A value for a finding: numbers without binary floating-point noise, exact to 8 decimals (amounts keep the 分). */
function round(value: unknown): number | string | null {
  if (typeof value === 'number') return Number.isFinite(value) && !Number.isInteger(value) ? Number(value.toFixed(8)) : value;
  if (value === null || value === undefined) return null;
  return String(value);
}

type Placeholder = 'expected' | 'actual' | 'difference';
/** A message template split once into text and placeholders. */
type Template = (string | { name: Placeholder })[];

function parseTemplate(template: string): Template {
  return template.split(/(\{(?:expected|actual|difference)\})/).map((part) =>
    /^\{(expected|actual|difference)\}$/.test(part) ? { name: part.slice(1, -1) as Placeholder } : part,
  );
}

function fill(template: Template, values: Record<Placeholder, unknown>): string {
  let out = '';
  for (const part of template) {
    if (typeof part === 'string') out += part;
    else {
      const value = values[part.name];
      out += value === undefined ? `{${part.name}}` : value === null ? '—' : String(value);
    }
  }
  return out;
}

/** Compiles a rule set. Throws RuleCompileError for a rule it cannot run. */
export function createChecker(ruleSet: RuleSet): Checker {
  const reader = cellReader(ruleSet.format, ruleSet.rules);
  // One set of memo slots for all the rules: the three figure rules join the same sections
  // (one `cat`) and read a figure two or three times each; once per check is enough.
  const memo: MemoSlots = new Map();
  const compile = (e: Rule['condition']) => compileWithCells(e, reader.slots, memo);
  const compiled: CompiledRule[] = ruleSet.rules.map((rule, index) => ({
    index,
    rule,
    condition: compile(rule.condition),
    ...(rule.expected !== undefined ? { expected: compile(rule.expected) } : {}),
    ...(rule.actual !== undefined ? { actual: compile(rule.actual) } : {}),
    needsPrev: rule.requires?.includes('prev') ?? false,
    reads: cellsReadBy(rule, reader.slots),
    message: { 'zh-CN': parseTemplate(rule.message['zh-CN']), en: parseTemplate(rule.message.en) },
  }));
  for (const c of compiled) {
    const t = cellTests.get(c.condition);
    if (t) c.cellTest = t;
  }
  // The rules to run for each combination of options, selected once rather than per report.
  const selections = new Map<string, { list: CompiledRule[]; steps: Step[]; ran: Set<number> }>();
  const select = (withPrev: boolean, severities: readonly Severity[] | undefined) => {
    const key = `${withPrev}|${severities?.join() ?? ''}`;
    let selection = selections.get(key);
    if (!selection) {
      const list = compiled.filter((c) => (withPrev || !c.needsPrev) && (!severities || severities.includes(c.rule.severity)));
      selection = { list, steps: stepsOf(list), ran: new Set(list.map((c) => c.index)) };
      selections.set(key, selection);
    }
    return selection;
  };
  const pinpoint = pinpointer(ruleSet.format, ruleSet.rules, reader.slots);
  const equationRules = new Set(pinpoint.equations.map((e) => e.rule));
  return {
    ruleSet,
    check(report, options = {}) {
      const lang = options.lang ?? 'zh-CN';
      const previous = options.previous ?? null;
      // A fresh memo per check: a report mutated between checks is read afresh.
      const scope = { data: report, prev: previous, cells: reader.read(report, previous), memo: [] };
      const findings: Finding[] = [];
      let selection = select(previous !== null, options.severities);
      const unknown = options.unknownCells ? new Set(options.unknownCells) : null;
      if (unknown?.size) {
        const list = selection.list.filter((c) => !c.reads.some((id) => unknown.has(id)));
        selection = { list, steps: stepsOf(list), ran: new Set(list.map((c) => c.index)) };
      }
      // Made when a rule fails: most reports pass every rule, and a Set and a Map per check were
      // a good part of what a passing check allocated (and collected).
      let failedEquations: Set<number> | undefined;
      let byRule: Map<number, Finding> | undefined;
      const fail = (c: CompiledRule): void => {
        if (equationRules.has(c.index)) (failedEquations ??= new Set()).add(c.index);
        const finding: Finding = {
          rule: c.rule.id,
          target: c.rule.target,
          severity: c.rule.severity,
          message: '',
          cells: c.rule.cells,
        };
        if (c.expected) finding.expected = round(c.expected(scope));
        if (c.actual) finding.actual = round(c.actual(scope));
        const difference =
          typeof finding.expected === 'number' && typeof finding.actual === 'number'
            ? round(Math.abs(finding.expected - finding.actual))
            : undefined;
        finding.message = fill(c.message[lang], { expected: finding.expected, actual: finding.actual, difference });
        findings.push(finding);
        (byRule ??= new Map()).set(c.index, finding);
      };
      const { cells } = scope;
      const steps = selection.steps;
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i] as Step;
        if ('sweep' in step) {
          const failed = step.sweep(cells, step.slots);
          if (failed) for (const k of failed) fail(step.rules[k] as CompiledRule);
        } else {
          const v = step.condition(scope);
          if (!(Array.isArray(v) ? v.length > 0 : v)) fail(step);
        }
      }
      // Pinpointing speaks in warnings (its suspects; the sums' notes come with them): a check
      // for errors alone, the fast path of a batch, skips it.
      if (!failedEquations || options.pinpoint === false || (options.severities && !options.severities.includes('warning'))) return findings;
      const { suspects, notes } = pinpoint.run(failedEquations, selection.ran, scope.cells, lang);
      for (const [index, note] of notes) {
        const finding = byRule?.get(index);
        if (finding) finding.note = note;
      }
      return suspects.length ? [...suspects, ...findings] : findings;
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

/** The custom operations an expression uses. */
function operationsIn(expr: JsonLogic | undefined, into: Set<string>, depth = 0): void {
  if (depth > ruleLimits.depth || expr === null || typeof expr !== 'object') return;
  if (Array.isArray(expr)) for (const e of expr) operationsIn(e, into, depth + 1);
  else
    for (const [op, arg] of Object.entries(expr)) {
      if (op.startsWith('text')) into.add(op);
      operationsIn(arg, into, depth + 1);
    }
}

/**
 * The national rules of a format with packs applied: severities changed or rules switched off
 * (by id, or one instance as `id[target]`; a later pack's word wins), then the packs' rules.
 */
export function rulesWithPacks(format: FormatId, packs: readonly RulePack[]): RuleSet {
  const national = rulesFor(format);
  for (const pack of packs) {
    if (!checkedPacks.has(pack)) throw new TypeError(`rule pack ${JSON.stringify((pack as { name?: unknown }).name)}: give the engine packs from parseRulePack (it checks them once)`);
  }
  const applicable = packs.filter((p) => p.formats.includes(format));
  if (!applicable.length) return national;
  const changed = new Map<string, Severity | 'off'>();
  const rules: Rule[] = [...national.rules];
  for (const pack of applicable) {
    for (const [key, value] of Object.entries(pack.severity ?? {})) changed.set(key, value);
    rules.push(...pack.rules);
  }
  const out: Rule[] = [];
  for (const r of rules) {
    const severity = changed.get(`${r.id}[${r.target}]`) ?? changed.get(r.id);
    if (severity === 'off') continue;
    out.push(severity && severity !== r.severity ? { ...r, severity } : r);
  }
  const operations = new Set(national.customOperations);
  for (const pack of applicable) for (const r of pack.rules) for (const e of [r.condition, r.expected, r.actual]) operationsIn(e, operations);
  return { format, customOperations: [...operations], rules: out };
}

/** Checkers with packs, by format and then by each pack in turn (the packs' objects). */
interface PackedCheckers {
  checker?: Checker;
  next: WeakMap<RulePack, PackedCheckers>;
}
const packedCheckers = new Map<FormatId, PackedCheckers>();

/**
 * The shared compiled checker of a format, or of a format with rule packs: compiled once for
 * the same pack objects in the same order (a CLI run, an element's every keystroke).
 */
export function checkerFor(format: FormatId, packs: readonly RulePack[] = []): Checker {
  if (!packs.length) {
    let c = checkers.get(format);
    if (!c) {
      c = createChecker(rulesFor(format));
      checkers.set(format, c);
    }
    return c;
  }
  let node: PackedCheckers | undefined = packedCheckers.get(format);
  if (!node) packedCheckers.set(format, (node = { next: new WeakMap() }));
  for (const pack of packs) {
    let next: PackedCheckers | undefined = node.next.get(pack);
    if (!next) node.next.set(pack, (next = { next: new WeakMap() }));
    node = next;
  }
  node.checker ??= createChecker(rulesWithPacks(format, packs));
  return node.checker;
}

/**
 * Checks a (schema-valid) report and returns its findings: the `suspect.cell` findings first
 * (which cell is probably wrong), then the rules' findings in rule order.
 */
export function check(report: Report, options?: CheckOptions): Finding[] {
  return checkerFor(report.format, options?.packs).check(report, options);
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
