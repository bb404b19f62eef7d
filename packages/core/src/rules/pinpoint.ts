/**
 * Pinpointing: which cell is wrong. The sum rules are linear equations over the cells; when
 * some fail, a wrong cell leaves a signature — every equation it is in fails, by the same
 * difference, and no other. Table 三 puts every cell in a row and a column equation, so one
 * wrong figure is identified exactly; a swapped pair of adjacent figures is recognised as such.
 * Only a unique explanation becomes a `suspect.cell` finding; otherwise the failing sums get a
 * note that says why no cell can be named.
 *
 * The equations are read from the rules themselves (`==` of two linear sides), so any rule set
 * written the same way is pinpointed too.
 */
import { type CellDef, type FormatId, type Lang, cellName, taxonomy } from '../taxonomy.js';
import { cellValueLimits } from '../values.js';
import type { CellFix, Finding, JsonLogic, Rule } from './types.js';

/** Bounds on the search, so a report with errors everywhere costs little and says so. */
export const pinpointLimits = {
  /** From this many failing equations on, no explanation is attempted. */
  failing: 24,
  /** Search steps for the smallest explanation. */
  steps: 4_000,
  /** Alternative explanations kept. */
  covers: 24,
} as const;

/** A linear form Σ coef·var + constant. */
interface Linear {
  coef: Map<string, number>;
  constant: number;
}

/** An equation from a rule: residual = actual − expected = 0 when the rule holds. */
export interface Equation {
  /** Index of the rule in the rule set. */
  rule: number;
  key: string;
  terms: { name: string; slot: number; coef: number }[];
  constant: number;
}

const EPS = 1e-6;

function linear(e: JsonLogic, slots: ReadonlyMap<string, number>): Linear | null {
  if (typeof e === 'number') return { coef: new Map(), constant: e };
  if (!e || typeof e !== 'object' || Array.isArray(e)) return null;
  const ops = Object.keys(e);
  if (ops.length !== 1) return null;
  const op = ops[0] as string;
  const arg = (e as Record<string, JsonLogic>)[op] as JsonLogic;
  if (op === 'var') return typeof arg === 'string' && slots.has(arg) ? { coef: new Map([[arg, 1]]), constant: 0 } : null;
  // `{or: [{var}, 0]}`: a blank cell counts as 0 (rules.md).
  if (op === 'or') return Array.isArray(arg) && arg.length === 2 && arg[1] === 0 ? linear(arg[0] as JsonLogic, slots) : null;
  if ((op === '+' || op === '-') && Array.isArray(arg) && arg.length > 0) {
    const parts = arg.map((a) => linear(a, slots));
    if (parts.some((p) => p === null)) return null;
    const out: Linear = { coef: new Map(), constant: 0 };
    (parts as Linear[]).forEach((p, i) => {
      const sign = op === '-' && (i > 0 || parts.length === 1) ? -1 : 1;
      if (op === '-' && i > 1) return; // json-logic's "-" takes one or two arguments
      out.constant += sign * p.constant;
      for (const [k, c] of p.coef) out.coef.set(k, (out.coef.get(k) ?? 0) + sign * c);
    });
    return out;
  }
  return null;
}

/** The rules that are linear equations (`{"==": [expected, actual]}` over cells), with their terms. */
export function equationsOf(rules: readonly Rule[], slots: ReadonlyMap<string, number>): Equation[] {
  const out: Equation[] = [];
  rules.forEach((rule, i) => {
    if (rule.expected === undefined || rule.actual === undefined) return;
    const cond = rule.condition;
    if (!cond || typeof cond !== 'object' || Array.isArray(cond) || !('==' in cond)) return;
    if (JSON.stringify(cond) !== JSON.stringify({ '==': [rule.expected, rule.actual] })) return;
    const a = linear(rule.actual, slots);
    const x = linear(rule.expected, slots);
    if (!a || !x) return;
    const coef = new Map(a.coef);
    for (const [k, c] of x.coef) coef.set(k, (coef.get(k) ?? 0) - c);
    const terms = [...coef].filter(([, c]) => c !== 0).map(([name, c]) => ({ name, slot: slots.get(name) as number, coef: c }));
    if (terms.length) out.push({ rule: i, key: `${rule.id}[${rule.target}]`, terms, constant: a.constant - x.constant });
  });
  return out;
}

/** One way to explain some failing equations: one cell, or two cells together. */
interface Hypothesis {
  fix: { name: string; from: number | null; to: number }[];
  /** Equations the cells are in (they must all agree with the fix). */
  support: number[];
  /** The failing ones among them: what this hypothesis explains. */
  covers: number[];
  weight: number;
  kind: 'cell' | 'swap' | 'pair';
}

interface Position {
  table: string;
  row: number;
  column: number;
}

/** Where each cell sits in its grid (for "adjacent"). */
function positions(format: FormatId): Map<string, Position> {
  const t = taxonomy(format);
  const out = new Map<string, Position>();
  for (const c of t.cells) {
    const grid = c.table === 'requests' ? t.requests : c.table === 'reviews' ? t.reviews : null;
    if (grid) out.set(c.id, { table: c.table, row: grid.rows.indexOf(c.row), column: grid.columns.indexOf(c.column) });
  }
  return out;
}

const valueOf = (v: unknown): number => (v === null || v === undefined ? 0 : typeof v === 'number' ? v : Number.NaN);
const same = (a: number, b: number) => Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
const tidy = (x: number) => (Number.isInteger(x) ? x : Number(x.toFixed(8)));

/** What pinpointing adds to the findings of one check. */
export interface Pinpointed {
  suspects: Finding[];
  /** Notes for failing equations no suspect explains, by rule index. */
  notes: Map<number, string>;
}

const words = {
  'zh-CN': {
    cell: (name: string, from: string, to: string) => `${name} 可能有误：填 ${from}，按各项合计应为 ${to}`,
    blankCell: (name: string, to: string) => `${name} 可能有误：未填写，按各项合计应为 ${to}`,
    blank: '空白',
    swap: (a: string, b: string, fa: string, fb: string) => `${a} 与 ${b} 可能填反了：填 ${fa} 和 ${fb}，应为 ${fb} 和 ${fa}`,
    pair: (a: string, b: string, fa: string, fb: string, ta: string, tb: string) =>
      `${a} 和 ${b} 可能有误：填 ${fa} 和 ${fb}，按各项合计应为 ${ta} 和 ${tb}`,
    oneEquation: '只有这一个合计关系涉及这些数字，无法确定是哪一格有误，请逐一核对',
    lastYear: (name: string) => `本年表格的各项合计相符，差异可能出自上年报告的「${name}」`,
    ambiguous: (names: string) => `${names}都能解释这一差异，无法确定是哪一格有误`,
    unexplained: '不是一两个数字之误所能解释的，无法确定是哪一格有误',
    tooMany: '不一致之处过多，未逐格定位',
    many: '多处数字',
    or: '；',
    and: '和',
  },
  en: {
    cell: (name: string, from: string, to: string) => `${name} may be wrong: it says ${from}, the sums say it should be ${to}`,
    blankCell: (name: string, to: string) => `${name} may be wrong: it is blank, the sums say it should be ${to}`,
    blank: 'blank',
    swap: (a: string, b: string, fa: string, fb: string) => `${a} and ${b} may be swapped: they say ${fa} and ${fb}, should be ${fb} and ${fa}`,
    pair: (a: string, b: string, fa: string, fb: string, ta: string, tb: string) =>
      `${a} and ${b} may be wrong: they say ${fa} and ${fb}, the sums say ${ta} and ${tb}`,
    oneEquation: 'only this one sum involves these figures, so which one is wrong cannot be told; check each',
    lastYear: (name: string) => `this year's sums agree; the difference may be in last year's report ("${name}")`,
    ambiguous: (names: string) => `${names} each explain this difference, so which is wrong cannot be told`,
    unexplained: 'no one or two wrong figures explain this, so no cell can be named',
    tooMany: 'too many sums disagree to name cells',
    many: 'many figures',
    or: '; ',
    and: ' and ',
  },
} satisfies Record<Lang, unknown>;

/**
 * Pinpoints for one format's equations. Built once per checker; `run` is called only when
 * some equation failed.
 */
export function pinpointer(format: FormatId, rules: readonly Rule[], slots: ReadonlyMap<string, number>) {
  const equations = equationsOf(rules, slots);
  const t = taxonomy(format);
  const where = positions(format);
  const cellOf = (name: string): CellDef | undefined => t.cellById.get(name.startsWith('prev.') ? name.slice(5) : name);
  const validValue = (name: string, x: number) => {
    const c = cellOf(name);
    if (!c) return false;
    const limit = cellValueLimits[c.kind];
    if (c.kind === 'amount') return x >= -EPS && x <= limit;
    return Number.isInteger(Math.round(x)) && same(x, Math.round(x)) && x <= limit && (c.kind === 'change' ? x >= -limit : x >= 0);
  };
  const adjacent = (a: string, b: string) => {
    const p = where.get(a);
    const q = where.get(b);
    if (!p || !q || p.table !== q.table) return false;
    return (p.row === q.row && Math.abs(p.column - q.column) === 1) || (p.column === q.column && Math.abs(p.row - q.row) === 1);
  };

  /**
   * @param failedRules indices of the rules that failed in this check
   * @param ran whether a rule ran in this check (some need last year's report)
   * @param cells the cell values as read for the check (slots as in `slots`)
   */
  // Which equations ran and the equations each variable is in: the same for every check with
  // the same options, so worked out once per set of rules run.
  const structures = new WeakMap<ReadonlySet<number>, { active: number[]; inEquations: Map<string, { eq: number; coef: number }[]> }>();
  const structureFor = (ran: ReadonlySet<number>) => {
    let s = structures.get(ran);
    if (!s) {
      const active: number[] = [];
      const inEquations = new Map<string, { eq: number; coef: number }[]>();
      equations.forEach((e, i) => {
        if (!ran.has(e.rule)) return;
        active.push(i);
        for (const term of e.terms) {
          let list = inEquations.get(term.name);
          if (!list) inEquations.set(term.name, (list = []));
          list.push({ eq: i, coef: term.coef });
        }
      });
      s = { active, inEquations };
      structures.set(ran, s);
    }
    return s;
  };

  /**
   * @param failedRules indices of the rules that failed in this check
   * @param ran indices of the rules that ran in this check (some need last year's report)
   * @param cells the cell values as read for the check (slots as in `slots`)
   */
  function run(failedRules: ReadonlySet<number>, ran: ReadonlySet<number>, cells: readonly unknown[], lang: Lang): Pinpointed {
    const w = words[lang];
    const notes = new Map<number, string>();
    const { active, inEquations } = structureFor(ran);
    const failing = active.filter((i) => failedRules.has((equations[i] as Equation).rule));
    if (!failing.length) return { suspects: [], notes };
    if (failing.length >= pinpointLimits.failing) {
      for (const i of failing) notes.set((equations[i] as Equation).rule, w.tooMany);
      return { suspects: [], notes };
    }
    // Typed arrays by equation index: this runs on every check of a report with a broken sum.
    // A residual is worked out when first asked for: the failing equations' and those of their
    // cells (a few), not every equation's (summing them all was half of a run).
    const residuals = new Float64Array(equations.length);
    const known = new Uint8Array(equations.length);
    const residual = {
      get(i: number): number {
        if (known[i] === 0) {
          const e = equations[i] as Equation;
          let r = e.constant;
          for (const term of e.terms) r += term.coef * valueOf(cells[term.slot]);
          residuals[i] = r;
          known[i] = 1;
        }
        return residuals[i] as number;
      },
    };
    const failingMask = new Uint8Array(equations.length);
    const failingList = failing.filter((i) => Number.isFinite(residual.get(i)));
    for (const i of failingList) failingMask[i] = 1;
    const isFailing = { has: (i: number) => failingMask[i] === 1, [Symbol.iterator]: () => failingList[Symbol.iterator]() };
    const printed = (name: string): number | null => {
      const v = cells[slots.get(name) as number];
      return typeof v === 'number' ? v : null;
    };
    const candidates = new Set<string>();
    for (const i of isFailing) for (const term of (equations[i] as Equation).terms) candidates.add(term.name);

    const hypotheses: Hypothesis[] = [];
    // One cell: every equation it is in fails by coef × the same error, and its value stays valid.
    for (const name of candidates) {
      const list = inEquations.get(name) ?? [];
      const first = list[0];
      if (!first || !list.every((x) => isFailing.has(x.eq))) continue;
      const delta = (residual.get(first.eq) as number) / first.coef;
      if (!list.every((x) => same((residual.get(x.eq) as number) / x.coef, delta))) continue;
      const from = valueOf(cells[slots.get(name) as number]);
      const to = tidy(from - delta);
      if (!Number.isFinite(to) || !validValue(name, to)) continue;
      const support = list.map((x) => x.eq);
      hypotheses.push({ fix: [{ name, from: printed(name), to }], support, covers: support, weight: 1, kind: 'cell' });
    }
    // Two cells whose equations meet (a pair in one row or column): their errors can cancel in
    // the equation they share, which no single cell explains — a transposition above all.
    // Only where single cells leave a failing equation unexplained, and only pairs with a cell in it.
    const uncovered = [...isFailing].filter((eq) => !hypotheses.some((h) => h.covers.includes(eq)));
    const inUncovered = new Set(uncovered.flatMap((eq) => (equations[eq] as Equation).terms.map((t) => t.name)));
    const names = uncovered.length ? [...candidates].filter((n) => Number.isFinite(valueOf(cells[slots.get(n) as number]))) : [];
    const index = new Map(names.map((n, i) => [n, i]));
    const tried = new Set<number>();
    const order = (n: string) => cellOf(n)?.index ?? Number.MAX_SAFE_INTEGER;
    // One cell of the pair is in an equation no single cell explains.
    for (const first of names) {
      if (!inUncovered.has(first)) continue;
      const lFirst = inEquations.get(first) ?? [];
      // A cell's equations that hold must be shared with its partner (else its error would be 0):
      // partners come from those, or from any of its equations when all fail.
      const holding = lFirst.filter((x) => !isFailing.has(x.eq));
      const partners = (holding.length ? [holding[0] as (typeof holding)[number]] : lFirst).flatMap((x) =>
        (equations[x.eq] as Equation).terms.map((t) => t.name),
      );
      for (const second of partners) {
        const i = index.get(second);
        const j = index.get(first) as number;
        if (i === undefined || second === first) continue;
        const key = Math.min(i, j) * names.length + Math.max(i, j);
        if (tried.has(key)) continue;
        tried.add(key);
        if (holding.length > 1 && !holding.every((x) => (inEquations.get(second) ?? []).some((y) => y.eq === x.eq))) continue;
        const [na, nb] = order(first) <= order(second) ? [first, second] : [second, first];
        const la = inEquations.get(na) ?? [];
        const lb = inEquations.get(nb) ?? [];
        const shared = la.filter((x) => lb.some((y) => y.eq === x.eq));
        if (!shared.length) continue; // disjoint: two singles say the same
        const onlyA = la.find((x) => !lb.some((y) => y.eq === x.eq));
        const onlyB = lb.find((y) => !la.some((x) => x.eq === y.eq));
        if (!onlyA || !onlyB) continue;
        const da = (residual.get(onlyA.eq) as number) / onlyA.coef;
        const db = (residual.get(onlyB.eq) as number) / onlyB.coef;
        if (same(da, 0) || same(db, 0)) continue;
        const coefIn = (list: typeof la, eq: number) => list.find((x) => x.eq === eq)?.coef ?? 0;
        const support = [...new Set([...la, ...lb].map((x) => x.eq))];
        if (!support.every((eq) => same(residual.get(eq) as number, coefIn(la, eq) * da + coefIn(lb, eq) * db))) continue;
        const fa = valueOf(cells[slots.get(na) as number]);
        const fb = valueOf(cells[slots.get(nb) as number]);
        const ta = tidy(fa - da);
        const tb = tidy(fb - db);
        if (!validValue(na, ta) || !validValue(nb, tb)) continue;
        const swap = same(ta, fb) && same(tb, fa) && adjacent(na, nb);
        hypotheses.push({
          fix: [
            { name: na, from: printed(na), to: ta },
            { name: nb, from: printed(nb), to: tb },
          ],
          support,
          covers: support.filter((eq) => isFailing.has(eq)),
          weight: swap ? 1 : 2,
          kind: swap ? 'swap' : 'pair',
        });
      }
    }

    // The smallest sets of hypotheses with disjoint equations that explain every failing
    // equation some hypothesis can explain; the rest is "unexplained".
    const coverable = [...isFailing].filter((eq) => hypotheses.some((h) => h.covers.includes(eq))).sort((x, y) => x - y);
    const byEquation = new Map<number, Hypothesis[]>(coverable.map((eq) => [eq, hypotheses.filter((h) => h.covers.includes(eq))]));
    let best = Number.POSITIVE_INFINITY;
    let covers: Hypothesis[][] = [];
    // More smallest explanations than are kept: none of them can be called unique.
    let overflow = false;
    let steps = 0;
    let exhausted = false;
    const used = new Set<number>();
    const chosen: Hypothesis[] = [];
    const search = (weight: number) => {
      if (++steps > pinpointLimits.steps) {
        exhausted = true;
        return;
      }
      if (weight > best) return;
      const next = coverable.find((eq) => !used.has(eq));
      if (next === undefined) {
        if (weight < best) {
          best = weight;
          covers = [];
          overflow = false;
        }
        if (covers.length < pinpointLimits.covers) covers.push([...chosen]);
        else overflow = true;
        return;
      }
      for (const h of byEquation.get(next) as Hypothesis[]) {
        if (h.support.some((eq) => used.has(eq))) continue;
        for (const eq of h.support) used.add(eq);
        chosen.push(h);
        search(weight + h.weight);
        chosen.pop();
        for (const eq of h.support) used.delete(eq);
        if (exhausted) return;
      }
    };
    if (coverable.length) search(0);

    const suspects: Finding[] = [];
    const ruleOf = (eq: number) => (equations[eq] as Equation).rule;
    const nameOf = (n: string) => {
      const c = cellOf(n);
      return c ? cellName(c, lang) : n;
    };
    const show = (v: number | null) => (v === null ? w.blank : String(v));
    const explained = new Set<number>();
    if (!exhausted && !overflow && covers.length) {
      const inAll = (covers[0] as Hypothesis[]).filter((h) => covers.every((c) => c.includes(h)));
      for (const h of inAll) {
        for (const eq of h.covers) explained.add(eq);
        const a = h.fix[0] as Hypothesis['fix'][number];
        const b = h.fix[1];
        if (h.fix.some((f) => f.name.startsWith('prev.'))) {
          // Last year's figure explains it: this year's report has nothing to fix.
          for (const eq of h.covers) notes.set(ruleOf(eq), w.lastYear(h.fix.map((f) => nameOf(f.name)).join('、')));
          continue;
        }
        const fix: CellFix[] = h.fix.map((f) => ({ cell: f.name, from: f.from, to: f.to }));
        const message = !b
          ? a.from === null
            ? w.blankCell(nameOf(a.name), String(a.to))
            : w.cell(nameOf(a.name), show(a.from), String(a.to))
          : h.kind === 'swap'
            ? w.swap(nameOf(a.name), nameOf(b.name), show(a.from), show(b.from))
            : w.pair(nameOf(a.name), nameOf(b.name), show(a.from), show(b.from), String(a.to), String(b.to));
        suspects.push({
          rule: 'suspect.cell',
          target: fix.map((f) => f.cell).join(','),
          severity: 'warning',
          message,
          cells: fix.map((f) => f.cell),
          ...(h.kind === 'cell' ? { expected: a.to, actual: a.from } : {}),
          fix,
          explains: h.covers.map((eq) => (equations[eq] as Equation).key),
        });
      }
    }
    for (const eq of isFailing) {
      if (explained.has(eq) || notes.has(ruleOf(eq))) continue;
      let note: string = w.unexplained;
      if (exhausted) note = w.tooMany;
      else if (overflow && coverable.includes(eq)) note = w.ambiguous(w.many);
      else if (coverable.includes(eq)) {
        const options = [...new Set(covers.flatMap((c) => c.filter((h) => h.covers.includes(eq))))];
        const onlyThis = options.length > 1 && options.every((h) => h.kind === 'cell' && h.support.length === 1);
        if (onlyThis) note = w.oneEquation;
        else {
          const quote = (n: string) => (lang === 'en' ? `"${nameOf(n)}"` : `「${nameOf(n)}」`);
          const named = options.slice(0, 3).map((h) => h.fix.map((f) => quote(f.name)).join(w.and));
          note = w.ambiguous(named.join(w.or) + (options.length > 3 ? (lang === 'en' ? ' …' : '等') : ''));
        }
      }
      notes.set(ruleOf(eq), note);
    }
    return { suspects, notes };
  }
  return { equations, run };
}
