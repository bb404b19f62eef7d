/**
 * Totals the element can fill in: each total cell with the cells it adds up, read from the
 * sum rules (total ← items), and filled in an order where parts come before their total.
 */
import { rulesFor } from './rules/engine.js';
import { type CellValue, type Report, getCell, withCell } from './report.js';
import type { FormatId } from './taxonomy.js';

/** A total and the cells it adds up (blank counts as 0, as in the rules). */
export interface TotalDefinition {
  total: string;
  items: string[];
  /** The rule that checks this sum. */
  rule: string;
}

/** Rules whose first cell is a total and the rest its items. */
const sumRules = new Set(['requests.row-total', 'requests.results-sum', 'reviews.total']);
const cache = new Map<FormatId, TotalDefinition[]>();

/**
 * The totals of a format, ordered so that a total that is an item of another (a row's
 * 总计 inside （七）总计) comes first. A cell that two rules total (（七）总计 · 总计) appears once,
 * from the first rule; both agree whenever the parts are consistent.
 */
export function totalDefinitions(format: FormatId): readonly TotalDefinition[] {
  let defs = cache.get(format);
  if (defs) return defs;
  const byTotal = new Map<string, TotalDefinition>();
  for (const rule of rulesFor(format).rules) {
    if (!sumRules.has(rule.id)) continue;
    const [total, ...items] = rule.cells as [string, ...string[]];
    if (!byTotal.has(total)) byTotal.set(total, { total, items, rule: rule.id });
  }
  // Topological order: a total after every total among its items.
  const ordered: TotalDefinition[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (d: TotalDefinition) => {
    if (state.get(d.total) === 'done') return;
    if (state.get(d.total) === 'visiting') throw new Error(`circular totals at ${d.total}`);
    state.set(d.total, 'visiting');
    for (const item of d.items) {
      const sub = byTotal.get(item);
      if (sub) visit(sub);
    }
    state.set(d.total, 'done');
    ordered.push(d);
  };
  for (const d of byTotal.values()) visit(d);
  defs = ordered;
  cache.set(format, defs);
  return defs;
}

/** Whether a cell is a total the element can fill in. */
export function isTotalCell(format: FormatId, id: string): boolean {
  return totalDefinitions(format).some((d) => d.total === id);
}

/**
 * Fills every total from its parts. Returns the new report and the ids of the cells whose
 * value changed. A total whose parts are all blank stays blank: blank is not 0.
 */
export function fillTotals<R extends Report>(report: R): { report: R; filled: string[] } {
  let out = report;
  const filled: string[] = [];
  for (const d of totalDefinitions(report.format)) {
    let sum = 0;
    let any = false;
    for (const item of d.items) {
      const v = getCell(out, item);
      if (typeof v === 'number') {
        sum += v;
        any = true;
      }
    }
    const value: CellValue = any ? sum : null;
    if (getCell(out, d.total) !== value) {
      out = withCell(out, d.total, value);
      filled.push(d.total);
    }
  }
  return { report: out, filled };
}
