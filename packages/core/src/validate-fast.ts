/**
 * The hot path of `validateReport`: whether a document is valid, decided in one walk over it
 * without zod, from the same taxonomy the zod schema is built from. It only ever accepts what
 * the schema accepts, and returns what zod's `safeParse` returns then (a copy, in the schema's
 * key order); anything else is left to zod, which finds the issues and words them. So the
 * walk reads the document as zod's object parsing does: each declared key by `doc[key]` then
 * `key in doc`, then every key `for…in` yields (strict objects: none undeclared).
 */
import type { Report } from './report.js';
import { type CellKind, type FormatId, taxonomy, textSectionKeys } from './taxonomy.js';
import { cellValueLimits } from './values.js';

/** Whether a value fits a cell of this kind (`null`, blank, always fits). */
export function isValidCellValue(kind: CellKind, value: unknown): value is number | null {
  if (value === null) return true;
  if (typeof value !== 'number' || !Number.isFinite(value) || Object.is(value, -0)) return false;
  if (Math.abs(value) > cellValueLimits[kind]) return false;
  // Any number of decimals: reports print 万元 exact to the 分 (4166.241619), and more.
  if (kind === 'amount') return value >= 0;
  if (!Number.isSafeInteger(value)) return false;
  return kind === 'change' || value >= 0;
}

/** Whether a string `YYYY-MM-DD` (already matched) names a day of the calendar. */
export function isCalendarDate(s: string): boolean {
  return !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

/** The form of `publishedOn` (the zod schema's regular expression). */
export const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** A format's tables as nested objects with the cells' kinds at the leaves, in the taxonomy's order. */
export type TableTree = { [key: string]: TableTree | CellKind };

/** The tables of a format as a tree (the zod schema and the fast walk are both built from it). */
export function tableTree(format: FormatId): TableTree {
  const tree: TableTree = {};
  for (const cell of taxonomy(format).cells) {
    const keys = cell.id.split('.');
    let obj = tree;
    for (const key of keys.slice(0, -1)) obj = (obj[key] ??= {}) as TableTree;
    obj[keys[keys.length - 1] as string] = cell.kind;
  }
  return tree;
}

/** A strict object to walk: its keys in the schema's order, each a cell (kind) or an object. */
interface ObjectPlan {
  keys: string[];
  kinds: (CellKind | undefined)[];
  children: (ObjectPlan | undefined)[];
  known: Set<string>;
}

function planOf(tree: TableTree): ObjectPlan {
  // Object.keys: the order zod takes a shape's keys in (and the order of its output).
  const keys = Object.keys(tree);
  const at = (k: string) => tree[k] as TableTree | CellKind;
  return {
    keys,
    kinds: keys.map((k) => (typeof at(k) === 'string' ? (at(k) as CellKind) : undefined)),
    children: keys.map((k) => (typeof at(k) === 'string' ? undefined : planOf(at(k) as TableTree))),
    known: new Set(keys),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of a strict object that fits the plan, or undefined. */
function walk(input: unknown, plan: ObjectPlan): Record<string, unknown> | undefined {
  if (!isObject(input)) return undefined;
  const out: Record<string, unknown> = {};
  const { keys, kinds, children, known } = plan;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = input[key];
    const kind = kinds[i];
    let parsed: unknown = value;
    if (kind !== undefined) {
      if (!isValidCellValue(kind, value)) return undefined;
    } else {
      parsed = walk(value, children[i] as ObjectPlan);
      if (parsed === undefined) return undefined;
    }
    if (!(key in input)) return undefined;
    out[key] = parsed;
  }
  // Strict: no other key, inherited enumerable ones included (zod reads them with for…in).
  for (const key in input) if (!known.has(key)) return undefined;
  return out;
}

interface FormatPlan {
  sections: ObjectPlan;
  active: ObjectPlan;
  requests: ObjectPlan;
  reviews: ObjectPlan;
}

const plans = new Map<FormatId, FormatPlan>();

function planFor(format: FormatId): FormatPlan {
  let plan = plans.get(format);
  if (!plan) {
    const tree = tableTree(format);
    const sections: ObjectPlan = { keys: [...textSectionKeys], kinds: [], children: [], known: new Set(textSectionKeys) };
    plan = {
      sections,
      active: planOf(tree.active as TableTree),
      requests: planOf(tree.requests as TableTree),
      reviews: planOf(tree.reviews as TableTree),
    };
    plans.set(format, plan);
  }
  return plan;
}

/** The keys the schema declares at the top (the rest is other metadata, kept as it is). */
const topKeys = /* @__PURE__ */ new Set(['format', 'agency', 'year', 'title', 'publishedOn', 'bodyType', 'sections', 'active', 'requests', 'reviews']);

/** The sections: a strict object of strings. */
function sectionsOf(input: unknown, plan: ObjectPlan): Record<string, unknown> | undefined {
  if (!isObject(input)) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of plan.keys) {
    const value = input[key];
    if (typeof value !== 'string' || !(key in input)) return undefined;
    out[key] = value;
  }
  for (const key in input) if (!plan.known.has(key)) return undefined;
  return out;
}

/**
 * The report zod's schema of `format` makes of `doc` when it accepts it (a copy: the
 * declared keys in the schema's order, then the other metadata as `for…in` yields it, but
 * `__proto__`), or undefined when the document is not plainly valid: then zod decides, and
 * words the issues. May throw where reading the document throws (a getter, a Proxy).
 */
export function fastValidReport(doc: unknown, format: FormatId): Report | undefined {
  if (!isObject(doc)) return undefined;
  const plan = planFor(format);
  const out: Record<string, unknown> = {};
  // Each declared key as the schema has them, in its order: read, check, then `in`.
  const formatValue = doc.format;
  if (formatValue !== format || !('format' in doc)) return undefined;
  out.format = formatValue;
  const agency = doc.agency;
  if (typeof agency !== 'string' || !('agency' in doc)) return undefined;
  out.agency = agency;
  const year = doc.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1990 || year > 2200 || !('year' in doc)) return undefined;
  out.year = year;
  const title = doc.title;
  if (typeof title !== 'string' || !('title' in doc)) return undefined;
  out.title = title;
  const publishedOn = doc.publishedOn;
  if (publishedOn !== null && (typeof publishedOn !== 'string' || !isoDatePattern.test(publishedOn) || !isCalendarDate(publishedOn))) return undefined;
  if (!('publishedOn' in doc)) return undefined;
  out.publishedOn = publishedOn;
  // Optional: absent, it is not in the report; present, it is copied (undefined included).
  const bodyType = doc.bodyType;
  if ('bodyType' in doc) {
    if (bodyType !== undefined && bodyType !== 'government' && bodyType !== 'department') return undefined;
    out.bodyType = bodyType;
  }
  const sections = sectionsOf(doc.sections, plan.sections);
  if (sections === undefined || !('sections' in doc)) return undefined;
  out.sections = sections;
  const active = walk(doc.active, plan.active);
  if (active === undefined || !('active' in doc)) return undefined;
  out.active = active;
  const requests = walk(doc.requests, plan.requests);
  if (requests === undefined || !('requests' in doc)) return undefined;
  out.requests = requests;
  const reviews = walk(doc.reviews, plan.reviews);
  if (reviews === undefined || !('reviews' in doc)) return undefined;
  out.reviews = reviews;
  // Loose at the top: other metadata is kept, but never an own `__proto__` (it would set
  // the copy's prototype), as zod does.
  for (const key in doc) {
    if (topKeys.has(key) || key === '__proto__') continue;
    const value = doc[key];
    if (!(key in doc)) return undefined;
    out[key] = value;
  }
  return out as unknown as Report;
}
