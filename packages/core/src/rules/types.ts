import type { FormatId, Lang } from '../taxonomy.js';

/** error: the report contradicts itself or the format; warning: a person should look; info: worth knowing. */
export type Severity = 'error' | 'warning' | 'info';

/** A JSON-logic expression (https://jsonlogic.com): plain JSON data. */
export type JsonLogic = null | boolean | number | string | JsonLogic[] | { [operator: string]: JsonLogic };

/**
 * One rule instance, as shipped in `rules/rules-<format>.json`. Its `condition` holds for a
 * correct report; when it does not, the engine reports a finding.
 */
export interface Rule {
  /** Stable id from the spec's rules.md, e.g. `requests.balance`. Other systems key on it. */
  id: string;
  /** Which instance: a column (`total`), a row (`denied.stateSecret`), a group, a cell id or a section. */
  target: string;
  severity: Severity;
  /** Ids of the cells the rule concerns (the ones a table highlights); may be empty for text rules. */
  cells: string[];
  /** Data the rule needs besides the report: `prev` is last year's report. */
  requires?: 'prev'[];
  /** JSON-logic over the data `{ ...report, prev }`: true when the report passes. */
  condition: JsonLogic;
  /** For comparisons: the value the report should have (e.g. the sum of the parts). */
  expected?: JsonLogic;
  /** For comparisons: the value the report has (e.g. the total it states). */
  actual?: JsonLogic;
  /** Message templates; `{expected}`, `{actual}` and `{difference}` are filled in. */
  message: Record<Lang, string>;
}

/** The rules for one format, as in `rules/rules-<format>.json`. */
export interface RuleSet {
  format: FormatId;
  /** Custom operations the conditions use beyond standard JSON-logic (see rules/README.md). */
  customOperations: string[];
  rules: Rule[];
}

/** A problem found in a report: what is wrong, where, and by how much. */
export interface Finding {
  rule: string;
  target: string;
  severity: Severity;
  message: string;
  cells: string[];
  expected?: number | string | null;
  actual?: number | string | null;
  /**
   * On a `suspect.cell` finding: the change that makes every failing equation it explains agree,
   * one entry per cell (one cell, or the two of a transposition). `from` is what is printed
   * (`null` for blank), `to` what the equations say. Applying it is the one-step fix.
   */
  fix?: CellFix[];
  /** On a `suspect.cell` finding: the failing findings it explains, as `rule[target]`. */
  explains?: string[];
  /**
   * On a failing sum when no cell could be pinpointed: why, in the message's language (several
   * cells explain it equally well; table 四 has one equation per group; last year's report…).
   */
  note?: string;
}

/** One cell of a suggested fix: printed value and the value the equations call for. */
export interface CellFix {
  cell: string;
  from: number | null;
  to: number;
}

/** A rule pack, as `parseRulePack` returns it (the shape of `rules/pack.schema.json`). */
export interface RulePack {
  /** Lower-case letters, digits and `-`: the namespace of the pack's rule ids (`local.<name>.…`). */
  name: string;
  /** `major.minor.patch`, as the pack's author releases it. */
  version: string;
  /** What a person calls the pack, e.g. 「某市2025年度政府信息公开工作年度报告编制要求」. */
  title?: Partial<Record<Lang, string>>;
  /** Where the rules come from (the notice, its date and number). */
  source?: string;
  /** The report formats the pack applies to; for a report of another format it does nothing. */
  formats: FormatId[];
  /** Rules in the shape of the entries of `rules-<format>.json`, with ids `local.<name>.<rule>`. */
  rules: Rule[];
  /**
   * National rules made stricter, milder or switched off (`"off"`), by id (`blank-cell`) or one
   * instance (`published.deadline[deadline]`); a later pack's rules may be named too.
   */
  severity?: Record<string, Severity | 'off'>;
}
