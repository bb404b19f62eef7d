/**
 * zod schemas for the report document, built from the taxonomy (never from a hand-kept
 * list of cells), and error messages that name the path and the national label.
 */
import { z } from 'zod';
import type { Report } from './report.js';
import {
  type CellKind,
  type FormatId,
  type Lang,
  type TableId,
  cellName,
  findCell,
  formatIds,
  tableIds,
  textSectionKeys,
} from './taxonomy.js';
import { type TableTree, fastValidReport, isCalendarDate, isValidCellValue, isoDatePattern, tableTree } from './validate-fast.js';
import { cellValueLimits } from './values.js';

export { isValidCellValue };

const kindText: Record<CellKind, Record<Lang, string>> = {
  count: { 'zh-CN': '应为不小于 0 的整数', en: 'expected a whole number ≥ 0' },
  amount: { 'zh-CN': '应为不小于 0 的金额', en: 'expected an amount ≥ 0' },
  change: { 'zh-CN': '应为整数（可为负数）', en: 'expected a whole number (may be negative)' },
};

// For a number beyond the kind's limit (cellValueLimits): the range, in words.
const rangeText: Record<CellKind, Record<Lang, string>> = {
  count: { 'zh-CN': `应为 0 至 ${cellValueLimits.count} 之间的整数`, en: `expected a whole number from 0 to ${cellValueLimits.count}` },
  amount: { 'zh-CN': `应为 0 至 ${cellValueLimits.amount} 万元之间的金额`, en: `expected an amount from 0 to ${cellValueLimits.amount} (万元)` },
  change: {
    'zh-CN': `应为 -${cellValueLimits.change} 至 ${cellValueLimits.change} 之间的整数`,
    en: `expected a whole number from -${cellValueLimits.change} to ${cellValueLimits.change}`,
  },
};

/** What a cell of this kind must be, in words. */
export function describeKind(kind: CellKind, lang: Lang = 'en'): string {
  return kindText[kind][lang];
}

// Plain zod number checks so that the generated JSON Schema carries them too (with the
// limits as maximum and minimum); the refinement adds what JSON Schema cannot say (-0).
function cellSchema(kind: CellKind) {
  const limit = cellValueLimits[kind];
  const base =
    kind === 'count'
      ? z.number().int().nonnegative().max(limit)
      : kind === 'change'
        ? z.number().int().min(-limit).max(limit)
        : z.number().nonnegative().max(limit);
  return base.refine((v) => isValidCellValue(kind, v), { error: kindText[kind].en }).nullable();
}

// Tables are strict: an unknown cell is a mistake (a misspelt id would otherwise vanish).
// Built from the same tree as the fast path of validateReport (validate-fast.ts).
function toZod(tree: TableTree): z.ZodType {
  return z.strictObject(
    Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, typeof v === 'string' ? cellSchema(v) : toZod(v)])),
  );
}

// Pure annotation: a bundle that never validates (the web component) drops zod entirely.
const isoDate = /* @__PURE__ */ z.string().regex(isoDatePattern, { error: 'expected an ISO date YYYY-MM-DD or null' }).refine(
  isCalendarDate,
  { error: 'not a calendar date' },
);

function reportSchema(format: FormatId) {
  const tables = tableTree(format);
  // The document is loose at the top: other metadata may be added (spec README).
  return z.looseObject({
    format: z.literal(format),
    agency: z.string(),
    year: z.number().int().min(1990).max(2200),
    title: z.string(),
    publishedOn: isoDate.nullable(),
    // Absent when unknown (not null: a document either says whose report it is or does not).
    bodyType: z.enum(['government', 'department']).optional(),
    sections: z.strictObject(Object.fromEntries(textSectionKeys.map((k) => [k, z.string()]))),
    active: toZod(tables.active as TableTree),
    requests: toZod(tables.requests as TableTree),
    reviews: toZod(tables.reviews as TableTree),
  });
}

const built = new Map<FormatId, ReturnType<typeof reportSchema>>();
let union: z.ZodType | undefined;

function prepare(): void {
  // In browsers zod's JIT probes `new Function`, which a strict CSP reports as a violation
  // even though zod catches it: validate without the JIT there (Node keeps it, for speed).
  if (built.size === 0 && typeof document !== 'undefined') z.config({ jitless: true });
}

/** The zod schema of one format's report document (built on first use, then shared). */
export function reportSchemaFor(format: FormatId) {
  let schema = built.get(format);
  if (!schema) {
    prepare();
    schema = reportSchema(format);
    built.set(format, schema);
  }
  return schema;
}

/** The zod schema of a report in either format, discriminated on `format` (built on first use). */
export function reportSchemaAny(): z.ZodType {
  union ??= z.discriminatedUnion('format', [reportSchemaFor('2021'), reportSchemaFor('2019')]);
  return union;
}

/** One problem found when validating a document. */
export interface SchemaIssue {
  /** Dotted path into the document (`requests.denied.stateSecret.naturalPerson`), `""` for the root. */
  path: string;
  /** The cell's national labels when the path is a cell. */
  label?: string;
  /** What is wrong, with the value found. */
  message: string;
}

export type ValidationResult = { ok: true; report: Report } | { ok: false; issues: SchemaIssue[] };

/** The words of schema issues in each language (English is the documented default). */
const issueWords = {
  en: {
    got: (v: string) => `got ${v}`,
    missing: 'missing',
    missingOr: (expected: string) => `missing; ${expected} or null`,
    notObject: (v: string) => `expected a report object, got ${v}`,
    format: (v: string) => `expected "2021" or "2019", got ${v}`,
    unknown: (what: string, format: string) => `unknown ${what} (not in the ${format} format)`,
    unreadable: (why: string) => `not a readable report document: ${why}`,
    what: { section: 'section', cell: 'cell or row', key: 'key' },
    sep: ', ',
  },
  'zh-CN': {
    got: (v: string) => `填写的是 ${v}`,
    missing: '缺少',
    missingOr: (expected: string) => `缺少；${expected}，或 null（空白）`,
    notObject: (v: string) => `应为一个报告对象（JSON 对象），实际是 ${v}`,
    format: (v: string) => `应为 "2021" 或 "2019"，实际是 ${v}`,
    unknown: (what: string, format: string) => `${what}不存在（${format} 年格式中没有）`,
    unreadable: (why: string) => `无法读取此报告文档：${why}`,
    what: { section: '此部分', cell: '此单元格或行', key: '此字段' },
    sep: '，',
  },
} satisfies Record<Lang, unknown>;

/** What a metadata field should be, in Chinese (zod's own messages are English). */
const fieldZh: Record<string, string> = {
  agency: '应为文字（发布机关名称）',
  year: '应为 1990 至 2200 之间的年份（整数）',
  title: '应为文字（标题）或 null',
  publishedOn: '应为 YYYY-MM-DD 格式的日期或 null',
  bodyType: '应为 "government"（政府）或 "department"（部门），或省略',
  sections: '应为文字',
};

/** A short, safe description of a value found where something else belongs (never recurses deeply). */
function show(value: unknown, lang: Lang = 'en'): string {
  const zh = lang === 'zh-CN';
  if (value === undefined) return zh ? '空' : 'nothing';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (Array.isArray(value)) return value.length ? (zh ? `含 ${value.length} 项的列表` : `a list of ${value.length} items`) : '[]';
  if (value !== null && typeof value === 'object') return zh ? '一个对象' : 'an object';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function' || typeof value === 'symbol') return zh ? `一个 ${typeof value}` : `a ${typeof value}`;
  const s = JSON.stringify(value);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v = doc;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function unknownWhat(top: PropertyKey | undefined): 'section' | 'cell' | 'key' {
  if (top === 'sections') return 'section';
  return tableIds.includes(top as TableId) ? 'cell' : 'key';
}

/** What was thrown while reading a document, in a few safe words (the thrown value may itself be hostile). */
function describeThrown(e: unknown, lang: Lang): string {
  const zh = lang === 'zh-CN';
  try {
    if (e instanceof RangeError) return zh ? '嵌套过深或过大，无法读取' : 'it is nested too deeply or too large to read';
    if (e instanceof Error && typeof e.message === 'string') {
      const m = e.message.replace(/\s+/g, ' ');
      const cut = m.length > 80 ? `${m.slice(0, 79)}…` : m;
      return zh ? `读取时出错：${cut}` : `reading it threw ${e.name === 'TypeError' ? 'a TypeError' : 'an error'}: ${cut}`;
    }
  } catch {}
  return zh ? '读取时出错' : 'reading it threw';
}

/**
 * Validates a document against the schema of its format. Never throws: bad input gives
 * issues that name the path, the national label and the value found; a document that
 * cannot be read (a getter or a Proxy that throws, a revoked Proxy) gives one issue at the root.
 */
export function validateReport(doc: unknown, lang: Lang = 'en'): ValidationResult {
  try {
    return validate(doc, lang);
  } catch (e) {
    return { ok: false, issues: [{ path: '', message: issueWords[lang].unreadable(describeThrown(e, lang)) }] };
  }
}

function validate(doc: unknown, lang: Lang): ValidationResult {
  const w = issueWords[lang];
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, issues: [{ path: '', message: w.notObject(show(doc, lang)) }] };
  }
  const format = (doc as { format?: unknown }).format;
  if (!formatIds.includes(format as FormatId)) {
    return {
      ok: false,
      issues: [{ path: 'format', message: w.format(show(format, lang)) }],
    };
  }
  // The hot path: a valid document is accepted in one walk, as zod would accept it (the
  // same copy). Whatever it does not accept, or cannot read, zod decides and words.
  let report: Report | undefined;
  try {
    report = fastValidReport(doc, format as FormatId);
  } catch {}
  if (report) return { ok: true, report };
  const parsed = reportSchemaFor(format as FormatId).safeParse(doc);
  if (parsed.success) return { ok: true, report: parsed.data as unknown as Report };
  const issues = parsed.error.issues.flatMap((issue): SchemaIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...issue.path, key].join('.'),
        message: w.unknown(w.what[unknownWhat(issue.path[0])], format as string),
      }));
    }
    const path = issue.path.join('.');
    const value = valueAt(doc, issue.path);
    const cell = findCell(path, format as FormatId);
    if (cell) {
      const beyond = typeof value === 'number' && Number.isFinite(value) && Math.abs(value) > cellValueLimits[cell.kind];
      const expected = beyond ? rangeText[cell.kind][lang] : describeKind(cell.kind, lang);
      const message = value === undefined ? w.missingOr(expected) : `${expected}${w.sep}${w.got(show(value, lang))}`;
      // The label stays the national (Chinese) one: it is what the user sees in the table.
      return [{ path, label: cellName(cell), message }];
    }
    const got = value === undefined ? w.missing : w.got(show(value, lang));
    if (lang === 'en') return [{ path, message: `${issue.message} (${got})` }];
    const field = fieldZh[String(issue.path[0])];
    return [{ path, message: field ? `${field}（${got}）` : `不符合格式（${got}）` }];
  });
  // One issue per path: a value can fail several checks (nonnegative and the refinement).
  const seen = new Set<string>();
  return { ok: false, issues: issues.filter((i) => !seen.has(i.path) && !!seen.add(i.path)) };
}

/** One line per issue: `path（label）: message` (`path（label）：message` in Chinese). */
export function formatSchemaIssue(issue: SchemaIssue, lang: Lang = 'en'): string {
  const zh = lang === 'zh-CN';
  return `${issue.path || (zh ? '（整个文档）' : '(document)')}${issue.label ? `（${issue.label}）` : ''}${zh ? '：' : ': '}${issue.message}`;
}

/** Thrown by {@link parseReport} for an invalid document. */
export class ReportValidationError extends Error {
  readonly issues: SchemaIssue[];
  constructor(issues: SchemaIssue[], source?: string) {
    super(
      `${source ? `${source}: ` : ''}invalid report document:\n${issues.map((i) => `  ${formatSchemaIssue(i)}`).join('\n')}`,
    );
    this.name = 'ReportValidationError';
    this.issues = issues;
  }
}

/** Validates and returns the report, or throws {@link ReportValidationError}. */
export function parseReport(doc: unknown, source?: string): Report {
  const result = validateReport(doc);
  if (!result.ok) throw new ReportValidationError(result.issues, source);
  return result.report;
}

/** The JSON Schema (draft 2020-12) of the report document, for systems that do not run JS. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(reportSchemaAny(), { unrepresentable: 'any' }) as Record<string, unknown>;
}
