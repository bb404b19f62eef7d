/**
 * From a {@link SourceDoc} (lines and tables of any form) to a report document: finds the
 * six sections, the metadata and every cell, matching labels from the taxonomy.
 */
import { type BodyType, type CellDef, type ColumnDef, type FormatId, type HeaderNode, type Report, type TableId, blankReport, compact, defaultTitle, formatSchemaIssue, inferBodyType, looksLikeValue, parseValue, sections as sectionDefs, taxonomy, validateReport } from '@disclosure-report/core';
import { textLimits } from './limits.js';
import type { Item, Loc, SourceDoc, Token } from './model.js';
import { LabelSet, type Match, hasNumbering, lcsLength, norm, stripNumbering } from './normalize.js';
import { headingVariants } from './variants.js';
import { type ImportLocation, ImportError, type ImportNote, type ImportOptions, type ImportResult, type Provenance } from './types.js';

const tableNames: Record<TableId, string> = {
  active: '二、主动公开政府信息情况',
  requests: '三、收到和处理政府信息公开申请情况',
  reviews: '四、政府信息公开行政复议、行政诉讼情况',
};

/** What was read for one cell. */
interface Reading {
  token: Token | undefined;
  /** Row and column labels, for error messages. */
  row: string;
  column: string;
  /** The column header states the unit 元 (values are converted to 万元). */
  yuan?: boolean;
  /** The cell's row was found but its figure could not be placed (a `warning` note says why): it stays `null`. */
  unread?: boolean;
  /** A figure printed once for several rows, split by {@link splitMerged} (its note is already made). */
  value?: number | null;
  /** The row's and the column's labels as the source prints them (for provenance), when it prints them. */
  printed?: PrintedLabels;
}

/** A cell's row and column labels as printed, each level joined by {@link LABEL_JOIN}. */
interface PrintedLabels {
  row?: string;
  column?: string;
}

/** Between the levels of a printed label (a row under 三、本年度办理结果 and （三）不予公开). */
const LABEL_JOIN = '｜';

/** Chinese characters and full-width punctuation: a space next to one of them is layout, not text. */
const WIDE = '[\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef]';
const LAYOUT_SPACE = new RegExp(`\\s+(?=${WIDE})|(?<=${WIDE})\\s+`, 'g');

/**
 * A label's text as printed, with whitespace normalised: none at the ends, none next to a Chinese
 * character (a header wrapped inside its cell, 「商业 企业」 or 「1.<br>属于国家秘密」, reads as one:
 * Chinese puts no spaces between words), other runs one space. Nothing else is changed: a typo stays.
 */
function printedText(text: string): string {
  return text.replace(LAYOUT_SPACE, '').replace(/\s+/g, ' ').trim();
}

/**
 * The printed labels of the levels of a row or column, outermost first, joined; undefined when the
 * source printed none of them (never the national label in their place: provenance says what the
 * source says). A level printed in the same cell as the next (an HTML cell reused) is not repeated.
 */
function printedLabel(tokens: readonly (Token | undefined)[]): string | undefined {
  const parts: string[] = [];
  for (const t of tokens) {
    const text = t ? printedText(t.text) : '';
    if (text && parts.at(-1) !== text) parts.push(text);
  }
  return parts.length ? parts.join(LABEL_JOIN) : undefined;
}

/** The printed tokens of a row's or column's outer levels (its national label path but the last), where they were seen. */
function outerTokens(labels: readonly { 'zh-CN': string }[], seen: ReadonlyMap<string, Token>): (Token | undefined)[] {
  return labels.slice(0, -1).map((l) => seen.get(l['zh-CN']));
}

interface Ctx {
  doc: SourceDoc;
  format: FormatId;
  /** Refuse on the first difference from the national format (the behaviour before tolerant reading). */
  strict: boolean;
  readings: Map<string, Reading>;
  notes: ImportNote[];
  errors: { code: string; message: string; location: ImportLocation }[];
}

/**
 * A problem with some cells: strict, an error that refuses the report; otherwise a `warning` note,
 * and the cells stay `null` (recorded as read-but-unread so they are counted apart from rows not printed).
 */
function problem(
  ctx: Ctx,
  e: Ctx['errors'][number],
  cells: readonly string[],
  rowLabel: string,
  column = '',
  text?: string,
): void {
  if (ctx.strict) {
    ctx.errors.push(e);
    return;
  }
  const note: ImportNote = { code: cells.length > 1 ? 'row-unread' : 'unread-cell', level: 'warning', message: `${e.message}; ${cells.length > 1 ? 'the row is' : 'the cell is'} left blank`, ...(e.location.line !== undefined ? { line: e.location.line } : {}) };
  if (cells[0]) note.cell = cells[0];
  if (text !== undefined) note.text = text;
  if (cells.length > 1) note.cells = [...cells];
  if (e.location.page !== undefined) note.page = e.location.page;
  ctx.notes.push(note);
  for (const id of cells) if (!ctx.readings.has(id)) ctx.readings.set(id, { token: undefined, row: rowLabel, column, unread: true });
}

// ---------------------------------------------------------------- headings and sections

/** The section's number in the numbering styles headings use: 五、 5. (五). */
function sectionNumberings(heading: string): string[] {
  const numeral = /^([一二三四五六]+)、/.exec(heading)?.[1] ?? '';
  const digit = String('一二三四五六'.indexOf(numeral) + 1);
  return [`${numeral}、`, `${digit}.`, `(${numeral})`];
}

function headingMatcher(heading: string): (n: string, tolerant: boolean) => boolean {
  const forms = [heading, ...(headingVariants[heading] ?? [])].map(norm);
  const stripped = forms.map(stripNumbering);
  const numberings = sectionNumberings(norm(heading));
  return (n: string, tolerant: boolean) => {
    if (!n || n.length > 40) return false;
    for (const h of forms) {
      if (n === h) return true;
      if (n.startsWith(h) && n.length - h.length <= 1 && /[:。.]$/.test(n)) return true;
    }
    // Other numbering styles (1. / （一）), or none: Word's automatic list numbers are not text.
    const sn = stripNumbering(n).replace(/[:。.]$/, '');
    if (stripped.includes(sn)) return true;
    // Worded otherwise (the 2019 format's 「五、政府信息公开工作存在的主要问题及改进情况」), or a
    // character off: only with the section's own number, and holding nearly all of its words.
    if (!tolerant || !numberings.some((p) => n.startsWith(p)) || sn.length > (stripped[0] as string).length + 12) return false;
    return stripped.some((h) => lcsLength(sn, h) >= Math.max(4, Math.ceil(0.8 * h.length)));
  };
}

const headingMatchers = sectionDefs.map((s) => headingMatcher(s.heading['zh-CN']));
/** The first two characters of every heading without its numbering: a line without one of them is no heading. */
const headingKeys = [
  ...new Set(sectionDefs.flatMap((s) => [s.heading['zh-CN'], ...(headingVariants[s.heading['zh-CN']] ?? [])]).map((h) => stripNumbering(norm(h)).slice(0, 2))),
];
function mayBeHeading(text: string): boolean {
  if (headingKeys.some((k) => text.includes(k))) return true;
  return /\s/.test(text) && headingKeys.some((k) => text.replace(/\s+/g, '').includes(k));
}

/** Index in `items` of each section heading (−1 when not found); `tolerant` also takes headings worded otherwise. */
function findHeadings(items: readonly Item[], tolerant = true): number[] {
  const found = sectionDefs.map(() => -1);
  let next = 0;
  for (let i = 0; i < items.length && next < found.length; i++) {
    const it = items[i] as Item;
    if (it.kind !== 'line' || it.text.length > 80) continue;
    // Headings are short and hold their words: skip other lines before normalising.
    if (it.text.length > 48 || !mayBeHeading(it.text)) continue;
    const n = norm(it.text);
    if (n.length > 40) continue;
    for (let k = next; k < found.length; k++) {
      if ((headingMatchers[k] as (n: string, tolerant: boolean) => boolean)(n, tolerant)) {
        found[k] = i;
        next = k + 1;
        break;
      }
    }
  }
  return found;
}

/** The items of the first and last section headings, when at least two are found (to find the article in a page). */
export function articleSpan(items: readonly Item[]): [number, number] | undefined {
  const found = findHeadings(items).filter((i) => i >= 0);
  if (found.length < 2) return undefined;
  return [found[0] as number, found[found.length - 1] as number];
}

// ---------------------------------------------------------------- text tables

/** Splits extracted-text lines of a table section into cells. */
export function tokenizeLines(lines: readonly { text: string; loc: Loc }[]): Token[] {
  return tokenizeLinesEach(lines).flat();
}

/** The cells of each line (at most {@link textLimits.cells} in all: a report has under 2,000). */
function tokenizeLinesEach(lines: readonly { text: string; loc: Loc }[]): Token[][] {
  const each: Token[][] = [];
  const hasPipe = lines.some((l) => l.text.includes('|'));
  const hasTab = !hasPipe && lines.some((l) => l.text.includes('\t'));
  let cellCount = 0;
  for (const [k, l] of lines.entries()) {
    if (k > 0) {
      cellCount += (each[k - 1] as Token[]).length;
      if (cellCount > textLimits.cells) {
        throw new ImportError('too-complex', `the report's tables have more than ${textLimits.cells} cells (a report has under 2,000)`, { ...(l.loc.line !== undefined ? { line: l.loc.line } : {}), ...(l.loc.page !== undefined ? { page: l.loc.page } : {}) });
      }
    }
    const out: Token[] = [];
    each.push(out);
    const raw = l.text.replace(/\r$/, '');
    const line = l.loc.line ?? 0;
    /** Row identity: the line number, or (PDF lines) the line's place. */
    const rowId = l.loc.line ?? -(k + 1);
    const base: Loc = l.loc.line !== undefined ? { line } : { ...l.loc };
    if (hasPipe && /^\s*\|+\s*$/.test(raw)) {
      const n = (raw.match(/\|/g) ?? []).length;
      for (let f = 0; f < n; f++) out.push({ text: '', n: '', filler: true, run: n, loc: base });
      continue;
    }
    let cells: string[];
    if (hasPipe && raw.includes('|')) {
      if (/^\s*\|?\s*:?-{3,}/.test(raw) && /^[\s|:-]+$/.test(raw)) continue; // markdown rule
      cells = raw.split('|');
      const markdown = raw.startsWith('|') && raw.endsWith('|') && cells.length > 2;
      if (markdown) cells.shift();
      if (raw.endsWith('|')) cells.pop();
    } else if (hasTab && raw.includes('\t')) {
      cells = raw.split('\t');
    } else if (!hasPipe && !hasTab) {
      if (!raw.trim()) continue;
      cells = splitSpaced(raw.trim());
    } else {
      if (!raw.trim()) continue;
      cells = [raw];
    }
    const trimmed = cells.map((c) => c.trim());
    if (trimmed.length === 1) {
      out.push({ text: trimmed[0] as string, n: norm(trimmed[0] as string), loc: base });
    } else {
      trimmed.forEach((c, i) => out.push({ text: c, n: norm(c), row: rowId, loc: { ...base, column: i + 1 } }));
    }
  }
  return each;
}

const VALUE_PART = /^(?:[+-]?[\d０-９][\d０-９,，.]*(?:万元|元|件)?|[-—/])$/;

/**
 * Cells of a line of text without separators (copied from a page, or `pdftotext -layout`):
 * runs of two or more spaces separate cells; else the numbers at the end are cells and the
 * words before them labels.
 */
function splitSpaced(line: string): string[] {
  if (line.length > 2000) return [line];
  const wide = line.split(/\s{2,}|\u3000+/);
  if (wide.length > 1) return wide;
  const parts = line.split(/\s+/);
  if (parts.length < 2) return [line];
  let v = parts.length;
  while (v > 0 && VALUE_PART.test(parts[v - 1] as string)) v--;
  const words = parts.slice(0, v);
  const values = parts.slice(v);
  // Words split only when each could be a label of its own (not 商业 企业).
  const split = words.length > 1 && words.every((w) => w.length >= 2 && !/^\d+$/.test(w)) && words.some((w) => w.length >= 4);
  return [...(split ? words : words.length ? [words.join(' ')] : []), ...values];
}

// ---------------------------------------------------------------- format detection

const markers2019 = ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '政府集中采购', '采购项目数量', '采购总金额'].map(norm);
const markers2021 = ['本年制发件数', '本年废止件数', '现行有效件数', '本年收费金额', '逾期不补正', '缴纳费用'].map(norm);

function detectFormat(tokens: readonly Token[], year: number | undefined): { format: FormatId; why: string } {
  let s19 = 0;
  let s21 = 0;
  for (const t of tokens) {
    if (!t.n || t.n.length > 80) continue;
    for (const m of markers2019) if (t.n.includes(m)) s19++;
    for (const m of markers2021) if (t.n.includes(m)) s21++;
  }
  // 2019: （六）其他处理 is one row, without the 2021 format's numbered items under it.
  const other = norm('（六）其他处理');
  if (s21 === 0 && tokens.some((t) => t.n === other)) s19++;
  if (s19 > s21) return { format: '2019', why: `table labels of the 2019 format (${s19} against ${s21})` };
  if (s21 > s19) return { format: '2021', why: `table labels of the 2021 format (${s21} against ${s19})` };
  if (year !== undefined && year <= 2020) return { format: '2019', why: `the year ${year} (tables did not tell)` };
  return { format: '2021', why: 'default (tables did not tell)' };
}

// ---------------------------------------------------------------- reading rows

/** Normalised text that is a number (not a label): skipped cheaply when looking for labels. */
const NUMERIC = /^[\d.,+-]{1,40}$/;

function interiorNodes(nodes: readonly HeaderNode[]): HeaderNode[] {
  const out: HeaderNode[] = [];
  for (const n of nodes)
    if (n.children?.length) {
      out.push(n);
      out.push(...interiorNodes(n.children));
    }
  return out;
}

/**
 * Whether a row label may be a truncated one (a label cut short in a PDF cell): four characters
 * at least, without the numbering when reading tolerantly (「三、本年」 is no row's beginning).
 */
function truncatable(ctx: Ctx, tok: Token): boolean {
  return ctx.strict ? tok.n.length >= 4 : stripNumbering(tok.n).length >= 4;
}

/** The cells after a row label: its row's cells (tables with rows), or the next `k` cells (one cell per line). */
function rowValues(tokens: readonly Token[], i: number, k: number, isLabel: (t: Token) => boolean, wrapped = false): Token[] {
  const t = tokens[i] as Token;
  const out: Token[] = [];
  if (t.row !== undefined) {
    for (let j = i + 1; j < tokens.length && (tokens[j] as Token).row === t.row; j++) out.push(tokens[j] as Token);
    return out;
  }
  for (let j = i + 1; j < tokens.length && out.length < k; j++) {
    const u = tokens[j] as Token;
    const value = u.filler || looksLikeValue(u.text);
    if (!value && isLabel(u)) break;
    // A label cut short (wrapped in a PDF): fragments of wrapped labels come before its values.
    if (!value && wrapped && out.length === 0) continue;
    out.push(u);
  }
  return out;
}

interface ColumnSlot {
  key: string;
  label: string;
  header?: Token | undefined;
}

/** Whether two extents share more than a border (grid columns or PDF points). */
function overlaps(s: readonly [number, number], t: readonly [number, number]): boolean {
  return Math.min(s[1], t[1]) - Math.max(s[0], t[0]) > 0.5;
}

function center(s: readonly [number, number]): number {
  return (s[0] + s[1]) / 2;
}

/**
 * Assigns a row's value cells to columns: by position under the column headers when the
 * source has geometry (grid columns, PDF x), else in national order. Cells that cannot be
 * placed are left out of the map and reported (strict: an error; else a `warning` note and
 * the cells recorded as unread).
 */
function assignColumns(
  ctx: Ctx,
  values: Token[],
  slots: readonly ColumnSlot[],
  where: { table: TableId; row: string; rowKey: string; label?: Token | undefined },
): Map<string, Token | undefined> | undefined {
  const out = new Map<string, Token | undefined>();
  const cellId = (key: string) => `${where.table}.${where.rowKey}.${key}`;
  const geometric =
    slots.every((s) => s.header?.span) && values.every((v) => v.span) && (values.length > 0 || where.label?.span !== undefined);
  if (geometric) {
    const intervals = columnIntervals(ctx, slots);
    const filledValues = values.filter((v) => compact(v.text) !== '');
    const ambiguous: { slot: ColumnSlot; filled: Token[] }[] = [];
    const placed = new Set<Token>();
    for (const [idx, s] of slots.entries()) {
      const [a, b] = intervals[idx] as [number, number];
      const inside = values.filter((v) => overlaps(v.span as [number, number], [a, b]));
      const filled = inside.filter((v) => compact(v.text) !== '');
      for (const v of filled) placed.add(v);
      if (filled.length > 1) ambiguous.push({ slot: s, filled });
      else out.set(s.key, filled[0] ?? inside[0]);
    }
    // Merged cells that do not line up with the header's (the 2019 Word template's table 二): as
    // many figures as columns, but not one under each header. Placed in order, with a warning.
    const aligned = !ambiguous.length && filledValues.every((v) => placed.has(v)) && [...out.values()].every((v) => v === undefined || placed.has(v) || compact(v.text) === '');
    const oneEach = filledValues.length === slots.length && slots.every((s) => out.get(s.key) && compact((out.get(s.key) as Token).text) !== '');
    // One figure a column, padding after them at most: a blank cell between figures is meant.
    const lastFilled = values.findLastIndex((v) => compact(v.text) !== '');
    const inOrder = filledValues.length === slots.length && values.slice(0, lastFilled + 1).every((v) => compact(v.text) !== '');
    if (!ctx.strict && !oneEach && inOrder && (ambiguous.length || !aligned || slots.some((s) => !out.get(s.key)))) {
      const ordered = [...filledValues].sort((x, y) => (x.span as [number, number])[0] - (y.span as [number, number])[0]);
      slots.forEach((s, k) => out.set(s.key, ordered[k]));
      ctx.notes.push({
        code: 'columns-realigned',
        level: 'warning',
        text: ordered.map((v) => v.text).join(' '),
        message: `${tableNames[where.table]}: row 「${where.row}」: its ${ordered.length} figures do not line up with the column headers; read in order (${slots.map((s, k) => `${s.label} ${(ordered[k] as Token).text}`).join(', ')})`,
        cell: cellId((slots[0] as ColumnSlot).key),
        cells: slots.map((s) => cellId(s.key)),
        ...lineOf(ordered[0]),
      });
      return out;
    }
    if (ambiguous.length) {
      for (const { slot, filled } of ambiguous) {
        problem(
          ctx,
          {
            code: 'cell-ambiguous',
            message: `${tableNames[where.table]}: row 「${where.row}」 has ${filled.length} values (${filled.map((v) => `「${v.text}」`).join(', ')}) under the column 「${slot.label}」`,
            location: { table: tableNames[where.table], row: where.row, column: slot.label, ...lineOf(filled[0]), ...pageOf(filled[0]) },
          },
          [cellId(slot.key)],
          where.row,
          slot.label,
          filled.map((v) => v.text).join(' '),
        );
        if (ctx.strict) return undefined;
      }
    }
    return out;
  }
  let vals = values;
  // Words left of the values (the rest of a label split on spaces).
  while (vals.length > slots.length && !looksLikeValue((vals[0] as Token).text)) vals = vals.slice(1);
  if (vals.length > slots.length) {
    // Padding after the row's values (merged cells printed as empty cells).
    const extra = vals.slice(slots.length);
    if (extra.every((v) => compact(v.text) === '')) vals = vals.slice(0, slots.length);
  }
  if (vals.length !== slots.length) {
    const got = vals.filter((v) => !v.filler).length;
    problem(
      ctx,
      {
        code: 'row-incomplete',
        message: `${tableNames[where.table]}: row 「${where.row}」 has ${got} value cell(s), expected ${slots.length}`,
        location: { table: tableNames[where.table], row: where.row, ...lineOf(vals[0]), ...pageOf(vals[0]) },
      },
      slots.map((s) => cellId(s.key)),
      where.row,
      '',
      vals.map((v) => v.text).join(' '),
    );
    return undefined;
  }
  slots.forEach((s, k) => out.set(s.key, vals[k]));
  return out;
}

function pageOf(t: Token | undefined): { page?: number } {
  return t?.loc.page !== undefined ? { page: t.loc.page } : {};
}

/** Column intervals: the header cells' extents (grid columns, or PDF cell borders). */
function columnIntervals(_ctx: Ctx, slots: readonly ColumnSlot[]): [number, number][] {
  return slots.map((s) => {
    const span = s.header?.span as readonly [number, number];
    return [span[0], span[1]];
  });
}

function lineOf(t: Token | undefined): { line?: number } {
  return t?.loc.line !== undefined ? { line: t.loc.line } : {};
}

function labelNote(ctx: Ctx, m: Match<unknown>, t: Token, what: string, cell?: string): void {
  if (m.kind === 'exact') return;
  if (m.kind === 'fuzzy') {
    // A guess by similarity (a character missing or wrong): a person should confirm it.
    ctx.notes.push({
      code: 'label-matched',
      level: 'warning',
      text: t.text,
      label: m.label,
      message: `${what}: 「${t.text}」 is not a label of the national format; read as the most similar one, 「${m.label}」`,
      ...(cell ? { cell } : {}),
      ...lineOf(t),
      ...pageOf(t),
    });
    return;
  }
  ctx.notes.push({
    code: m.kind === 'truncated' ? 'label-truncated' : 'label-variant',
    text: t.text,
    label: m.label,
    message: `${what}: 「${t.text}」 read as 「${m.label}」`,
    ...(cell ? { cell } : {}),
    ...lineOf(t),
  });
}

function record(
  ctx: Ctx,
  table: TableId,
  rowKey: string,
  rowLabel: string,
  assigned: Map<string, Token | undefined>,
  columns: readonly ColumnDef[],
  slots: readonly ColumnSlot[] = [],
  printedRow?: string,
  printedColumns?: ReadonlyMap<string, string | undefined>,
) {
  for (const c of columns) {
    const id = `${table}.${rowKey}.${c.key}`;
    if (ctx.readings.has(id)) continue;
    const header = slots.find((s) => s.key === c.key)?.header;
    const yuan = c.kind === 'amount' && !!header && YUAN_HEADER.test(header.n);
    const printed = printedLabels(printedRow, printedColumns?.get(c.key));
    ctx.readings.set(id, { token: assigned.get(c.key), row: rowLabel, column: c.labels.map((l) => l['zh-CN']).join('/'), ...(yuan ? { yuan } : {}), ...(printed ? { printed } : {}) });
  }
}

function printedLabels(row: string | undefined, column: string | undefined): PrintedLabels | undefined {
  if (row === undefined && column === undefined) return undefined;
  return { ...(row !== undefined ? { row } : {}), ...(column !== undefined ? { column } : {}) };
}

/** A header that gives the amount in 元 (not 万元): 采购总金额（元）, 金额(单位:元). */
const YUAN_HEADER = /(?:\(|单位:)元\)?$/;

// ---------------------------------------------------------------- table 二

function readActive(ctx: Ctx, tokens: readonly Token[]): void {
  const t = taxonomy(ctx.format).active;
  const rows = new LabelSet(
    t.blocks.flatMap((b) => b.rows.map((r) => ({ value: { block: b, row: r }, label: (r.labels.at(-1) as { 'zh-CN': string })['zh-CN'] }))),
  );
  const allColumns = t.blocks.flatMap((b) => b.columns);
  const cols = new LabelSet(allColumns.map((c) => ({ value: c.key, label: (c.labels[0] as { 'zh-CN': string })['zh-CN'] })));
  const blocks = new LabelSet(t.blocks.map((b) => ({ value: b, label: b.label['zh-CN'] })));
  const heading = norm(t.rowHeading['zh-CN']);
  const isLabel = (u: Token) => u.n === heading || !!blocks.match(u.n) || !!cols.match(u.n) || !!rows.match(u.n);
  /** The latest header cell of each column label. */
  const headers = new Map<string, Token>();
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    if (!tok.n || tok.n === heading || tok.n.length > 80 || NUMERIC.test(tok.n)) continue;
    if (blocks.match(tok.n)) continue;
    const cm = cols.matchAll(tok.n);
    if (cm.length) {
      for (const m of cm) headers.set(m.label, tok);
      if (cm[0]) labelNote(ctx, cm[0], tok, '二 column');
      continue;
    }
    const rm = rows.match(tok.n, truncatable(ctx, tok), !ctx.strict);
    if (!rm) continue;
    const { block, row } = rm.value;
    if (seen.has(row.key)) continue;
    seen.add(row.key);
    labelNote(ctx, rm, tok, '二 row', `active.${row.key}.${(block.columns[0] as ColumnDef).key}`);
    const slots: ColumnSlot[] = block.columns.map((c) => {
      const label = (c.labels[0] as { 'zh-CN': string })['zh-CN'];
      return { key: c.key, label, header: headers.get(label) };
    });
    const values = rowValues(tokens, i, slots.length, isLabel, rm.kind === 'truncated');
    const assigned = assignColumns(ctx, values, slots, { table: 'active', row: rm.label, rowKey: row.key, label: tok });
    // Table 二's columns have one level; its block headings (第二十条第（一）项) head the block, not the row.
    const printedColumns = new Map(slots.map((s) => [s.key, printedLabel([s.header])]));
    if (assigned) record(ctx, 'active', row.key, `${block.label['zh-CN']}/${rm.label}`, assigned, block.columns, slots, printedLabel([tok]), printedColumns);
  }
}

// ---------------------------------------------------------------- table 三

function readRequests(ctx: Ctx, tokens: readonly Token[]): void {
  const t = taxonomy(ctx.format).requests;
  const rows = new LabelSet(t.rows.map((r) => ({ value: r, label: (r.labels.at(-1) as { 'zh-CN': string })['zh-CN'] })));
  const groups = new LabelSet(interiorNodes(t.rowTree).map((n) => ({ value: n, label: n.label['zh-CN'] })));
  const cols = new LabelSet(t.columns.map((c) => ({ value: c.key, label: (c.labels.at(-1) as { 'zh-CN': string })['zh-CN'] })));
  const colGroups = new LabelSet(
    [t.columnsHeading, ...interiorNodes(t.columnTree).map((n) => n.label)].map((l) => ({ value: 0, label: l['zh-CN'] })),
  );
  const note = norm(t.note['zh-CN']);
  const isLabel = (u: Token) =>
    u.n === note || !!rows.match(u.n) || !!groups.match(u.n) || !!cols.match(u.n) || !!colGroups.match(u.n);
  const headers = new Map<string, Token>();
  /** The printed cells of the outer levels seen so far, by national label (法人或其他组织; 三、本年度办理结果, （三）不予公开). */
  const columnGroupTokens = new Map<string, Token>();
  const rowGroupTokens = new Map<string, Token>();
  let inRows = false;
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    if (!tok.n || tok.n.length > 120 || NUMERIC.test(tok.n)) continue;
    if (!inRows) {
      const cm = cols.match(tok.n);
      if (cm) {
        if (!headers.has(cm.value)) headers.set(cm.value, tok);
        labelNote(ctx, cm, tok, '三 column');
        continue;
      }
      const gm = colGroups.match(tok.n);
      if (gm && !columnGroupTokens.has(gm.label)) columnGroupTokens.set(gm.label, tok);
    }
    /** The printed labels of the columns: their group's cell (when over the column) and their own. */
    const printedColumns = () =>
      new Map(
        t.columns.map((c) => {
          const own = headers.get(c.key);
          const outer = outerTokens(c.labels, columnGroupTokens).map((g) => (g && own?.span && g.span && !overlaps(g.span, own.span) ? undefined : g));
          return [c.key, printedLabel([...outer, own])] as const;
        }),
      );
    const slots: ColumnSlot[] = t.columns.map((c) => ({
      key: c.key,
      label: (c.labels.at(-1) as { 'zh-CN': string })['zh-CN'],
      header: headers.get(c.key),
    }));
    const rm = rows.match(tok.n, truncatable(ctx, tok), !ctx.strict);
    if (!rm) {
      const gm = groups.match(tok.n);
      if (gm) rowGroupTokens.set(gm.label, tok);
      // A row of the other format: （六）其他处理 as one row (2019) in a 2021 table, or its 2021 items in a 2019 table.
      const other = ctx.strict ? undefined : otherFormatRows.match(tok.n, false, true);
      if (!other || other.value.format === ctx.format) continue;
      const values = rowValues(tokens, i, slots.length, isLabel);
      if (!values.some((v) => !v.filler && compact(v.text) !== '' && looksLikeValue(v.text)) || values.some((v) => !looksLikeValue(v.text) && isLabel(v))) continue;
      inRows = true;
      labelNote(ctx, other, tok, '三 row');
      const assigned = assignColumns(ctx, values, slots, { table: 'requests', row: other.label, rowKey: other.value.keys[0] as string });
      if (assigned) {
        // The row stands where the rows it is read into would: their printed outer levels (三、本年度办理结果) are its own.
        const path = t.rows.find((r) => r.key === other.value.keys[0])?.labels ?? [];
        const printedRow = printedLabel([...path.map((l) => rowGroupTokens.get(l['zh-CN'])).filter((g) => g !== tok), tok]);
        otherFormatRow(ctx, other.value, tok, other.label, assigned, t.columns, printedRow, printedColumns());
      }
      continue;
    }
    inRows = true;
    if (seen.has(rm.value.key)) {
      ctx.notes.push({ code: 'duplicate-row', level: 'warning', message: `三: row 「${rm.label}」 appears again (「${tok.text}」); the first one was kept`, ...lineOf(tok) });
      continue;
    }
    seen.add(rm.value.key);
    labelNote(ctx, rm, tok, '三 row', `requests.${rm.value.key}.total`);
    const values = rowValues(tokens, i, slots.length, isLabel, rm.kind === 'truncated');
    const assigned = assignColumns(ctx, values, slots, { table: 'requests', row: rm.label, rowKey: rm.value.key, label: tok });
    if (assigned) record(ctx, 'requests', rm.value.key, rm.label, assigned, t.columns, [], printedLabel([...outerTokens(rm.value.labels, rowGroupTokens), tok]), printedColumns());
  }
}

/** Table 三's rows of one format that the other format prints differently: （六）其他处理. */
interface OtherFormatRow {
  /** The format whose row this label is. */
  format: FormatId;
  /** The rows of the format being read that this row stands for. */
  keys: string[];
}

/**
 * 2019's single （六）其他处理 row stands for 2021's three items under it; each of 2021's items
 * is part of 2019's one row.
 */
const otherFormatRows = (() => {
  const t19 = taxonomy('2019').requests;
  const t21 = taxonomy('2021').requests;
  const one = t19.rows.find((r) => r.key === 'otherHandling');
  const items = t21.rows.filter((r) => r.key.startsWith('otherHandling.'));
  const out: { value: OtherFormatRow; label: string }[] = [];
  if (one) out.push({ value: { format: '2019', keys: items.map((r) => r.key) }, label: (one.labels.at(-1) as { 'zh-CN': string })['zh-CN'] });
  for (const r of items) out.push({ value: { format: '2021', keys: ['otherHandling'] }, label: (r.labels.at(-1) as { 'zh-CN': string })['zh-CN'] });
  return new LabelSet(out);
})();

/**
 * Records a row of the other format. One figure for several rows (2019's （六）其他处理 in a 2021
 * table) splits exactly only when it is 0 or blank; otherwise it goes to the catch-all item
 * 3.其他, with a warning. Several rows for one (2021's items in a 2019 table) are added up.
 */
function otherFormatRow(
  ctx: Ctx,
  row: OtherFormatRow,
  tok: Token,
  label: string,
  assigned: Map<string, Token | undefined>,
  columns: readonly ColumnDef[],
  printedRow?: string,
  printedColumns?: ReadonlyMap<string, string | undefined>,
): void {
  const t = taxonomy(ctx.format).requests;
  if (row.keys.length > 1) {
    const rowLabels = row.keys.map((k) => t.rows.find((r) => r.key === k)?.labels.map((l) => l['zh-CN']).join('/') ?? k);
    const moved: string[] = [];
    for (const c of columns) {
      const cellTok = assigned.get(c.key);
      const parsed = parseValue(cellTok?.text ?? '', c.kind);
      const value = parsed.ok ? parsed.value : undefined;
      // The items are （六）'s, so the figure always shares out (a text that is no figure is reported cell by cell).
      const shares = value === undefined ? undefined : shareOut(value, row.keys.map((k) => `requests.${k}.${c.key}`));
      for (const k of row.keys) {
        const id = `requests.${k}.${c.key}`;
        if (ctx.readings.has(id)) continue;
        const v = shares?.values.get(id);
        const printed = printedLabels(printedRow, printedColumns?.get(c.key));
        ctx.readings.set(id, { token: cellTok, row: rowLabels[row.keys.indexOf(k)] as string, column: c.labels.map((l) => l['zh-CN']).join('/'), ...(v === undefined ? {} : { value: v }), ...(printed ? { printed } : {}) });
      }
      if (value) moved.push(`${c.labels.at(-1)?.['zh-CN']} ${value}`);
    }
    const cells = row.keys.flatMap((k) => columns.map((c) => `requests.${k}.${c.key}`));
    ctx.notes.push(
      moved.length
        ? {
            code: 'rows-merged',
            level: 'warning',
            text: tok.text,
            message: `三: 「${tok.text}」 is printed as one row (the 2019 format), not as the 2021 format's ${row.keys.length} items; its figures (${moved.join(', ')}) were put under 「${rowLabels.at(-1)}」 and the other items set to 0 — check against the register`,
            cell: cells[0] as string,
            cells,
            ...lineOf(tok),
            ...pageOf(tok),
          }
        : {
            code: 'rows-merged',
            text: tok.text,
            message: `三: 「${tok.text}」 is printed as one row (the 2019 format), not as the 2021 format's ${row.keys.length} items; it is 0 (or blank), so each item is too`,
            cell: cells[0] as string,
            cells,
            ...lineOf(tok),
            ...pageOf(tok),
          },
    );
    return;
  }
  // An item of 2021's （六） in a 2019 table: add it to the one row.
  const key = row.keys[0] as string;
  for (const c of columns) {
    const id = `requests.${key}.${c.key}`;
    const cellTok = assigned.get(c.key);
    const parsed = parseValue(cellTok?.text ?? '', c.kind);
    const prev = ctx.readings.get(id);
    const sum = (a: number | null | undefined, b: number | null) => (a === null || a === undefined ? b : b === null ? a : a + b);
    const value = parsed.ok ? sum(prev ? (prev.value === undefined ? null : prev.value) : undefined, parsed.value) : undefined;
    // The cell's provenance is its first item's (the figure it shows first), labels included.
    const printed = prev ? prev.printed : printedLabels(printedRow, printedColumns?.get(c.key));
    ctx.readings.set(id, { token: prev?.token ?? cellTok, row: (t.rows.find((r) => r.key === key)?.labels ?? []).map((l) => l['zh-CN']).join('/'), column: c.labels.map((l) => l['zh-CN']).join('/'), ...(value === undefined ? { unread: true } : { value }), ...(printed ? { printed } : {}) });
  }
  ctx.notes.push({
    code: 'rows-merged',
    text: tok.text,
    message: `三: 「${tok.text}」 (an item of the 2021 format) is added to 「${label}」's one row of the 2019 format`,
    cell: `requests.${key}.total`,
    ...lineOf(tok),
  });
}

// ---------------------------------------------------------------- table 四

function readReviews(ctx: Ctx, tokens: readonly Token[]): void {
  const t = taxonomy(ctx.format).reviews;
  const groupSet = new LabelSet(t.rows.map((r) => ({ value: r.key, label: (r.labels.at(-1) as { 'zh-CN': string })['zh-CN'] })));
  const parents = new LabelSet(interiorNodes(t.rowTree).map((n) => ({ value: 0, label: n.label['zh-CN'] })));
  const colSet = new LabelSet(t.columns.map((c) => ({ value: c.key, label: (c.labels.at(-1) as { 'zh-CN': string })['zh-CN'] })));
  const colKeys = t.columns.map((c) => c.key);
  const groupTokens: { key: string; tok: Token; i: number }[] = [];
  const colTokens: { matches: Match<string>[]; tok: Token; i: number }[] = [];
  /** The printed cells of the groups' outer level (行政诉讼), by national label. */
  const parentTokens = new Map<string, Token>();
  let lastHeader = -1;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    if (!tok.n || tok.n.length > 40 || NUMERIC.test(tok.n) || looksLikeValue(tok.text)) continue;
    const g = groupSet.match(tok.n);
    if (g) {
      if (!groupTokens.some((x) => x.key === g.value)) groupTokens.push({ key: g.value, tok, i });
      labelNote(ctx, g, tok, '四 group');
      lastHeader = i;
      continue;
    }
    const pm = parents.match(tok.n);
    if (pm) {
      if (!parentTokens.has(pm.label)) parentTokens.set(pm.label, tok);
      lastHeader = i;
      continue;
    }
    const cm = colSet.matchAll(tok.n, true);
    if (cm.length) {
      colTokens.push({ matches: cm, tok, i });
      lastHeader = i;
    }
  }
  if (lastHeader < 0) return;
  // Table 四's rows are its groups: a group's printed label is its parent's cell (行政诉讼) and its
  // own; a column's is its header cell. Printed across (the national layout), the parent counts only
  // when it stands over the group; printed as rows, it stands beside them.
  const printedRow = (key: string, own: Token | undefined, across = true): string | undefined => {
    const path = t.rows.find((r) => r.key === key)?.labels ?? [];
    const outer = outerTokens(path, parentTokens).map((p) => (across && p && own?.span && p.span && !overlaps(p.span, own.span) ? undefined : p));
    return own ? printedLabel([...outer, own]) : undefined;
  };
  const printedColumns = (resolved: ReadonlyMap<string, Token> | undefined) => new Map(colKeys.map((k) => [k, printedLabel([resolved?.get(k)])]));

  // Groups printed as rows (行政复议 | 0 | 0 | …): read them like table 三.
  const transposed =
    groupTokens.length > 0 &&
    groupTokens.every((g) => g.tok.row !== undefined && (tokens[g.i + 1] as Token | undefined)?.row === g.tok.row && looksLikeValue((tokens[g.i + 1] as Token).text));
  if (transposed) {
    const headerCols = resolveColumns(ctx, colTokens.filter((c) => c.i < (groupTokens[0] as { i: number }).i).slice(0, colKeys.length), colKeys);
    for (const g of groupTokens) {
      const slots: ColumnSlot[] = t.columns.map((c) => ({
        key: c.key,
        label: (c.labels.at(-1) as { 'zh-CN': string })['zh-CN'],
        header: headerCols?.get(c.key),
      }));
      const label = groupLabel(t.rows, g.key);
      const values = rowValues(tokens, g.i, slots.length, () => false);
      const assigned = assignColumns(ctx, values, slots, { table: 'reviews', row: label, rowKey: g.key, label: g.tok });
      if (assigned) record(ctx, 'reviews', g.key, label, assigned, t.columns, [], printedRow(g.key, g.tok, false), printedColumns(headerCols));
    }
    return;
  }

  // The national layout: groups across, one row of 15 values under the header rows.
  const values: Token[] = [];
  const need = t.rows.length * colKeys.length;
  const headerTok = tokens[lastHeader] as Token;
  let j = lastHeader + 1;
  if (headerTok.row !== undefined) while (j < tokens.length && (tokens[j] as Token).row === headerTok.row) j++;
  // Padding of the last header row (a line of several `|`); a single `|` is a blank value.
  while (j < tokens.length && (tokens[j] as Token).filler && ((tokens[j] as Token).run ?? 0) > 1) j++;
  const dataRow = (tokens[j] as Token | undefined)?.row;
  for (; j < tokens.length && values.length < need; j++) {
    const u = tokens[j] as Token;
    if (dataRow !== undefined && u.row !== dataRow && u.span) break;
    values.push(u);
  }
  const geometric = groupTokens.length > 0 && values.every((v) => v.span) && groupTokens.every((g) => g.tok.span) && colTokens.every((c) => c.tok.span);
  const groupOrder = groupTokens.length === t.rows.length ? groupTokens : undefined;
  if (!groupOrder) {
    ctx.notes.push({ code: 'header-assumed', level: 'warning', message: '四: group headers not all found; the national order 行政复议, 未经复议直接起诉, 复议后起诉 was assumed' });
  }
  const order = groupOrder ? groupOrder.map((g) => g.key) : t.rows.map((r) => r.key);
  if (geometric && groupOrder) {
    const sorted = [...groupOrder].sort((a, b) => center(a.tok.span as [number, number]) - center(b.tok.span as [number, number]));
    const bounds = columnIntervals(ctx, sorted.map((g) => ({ key: g.key, label: '', header: g.tok })));
    sorted.forEach((g, gi) => {
      const [a, b] = bounds[gi] as [number, number];
      const within = (s: readonly [number, number]) => s[0] >= a - 0.5 && s[1] <= b + 0.5;
      const inGroup = (s: readonly [number, number]) => overlaps(s, g.tok.span as [number, number]);
      const myCols = colTokens.filter((c) => within(c.tok.span as [number, number]) && inGroup(c.tok.span as [number, number]));
      // Keep the lowest header row's cells (the leaf headers).
      const resolved = resolveColumns(ctx, leafHeaderCells(myCols), colKeys);
      const label = groupLabel(t.rows, g.key);
      const slots: ColumnSlot[] = t.columns.map((c) => ({ key: c.key, label: (c.labels.at(-1) as { 'zh-CN': string })['zh-CN'], header: resolved?.get(c.key) }));
      const mine = values.filter((v) => inGroup(v.span as [number, number]));
      const assigned = resolved ? assignColumns(ctx, mine, slots, { table: 'reviews', row: label, rowKey: g.key, label: g.tok }) : undefined;
      if (assigned) record(ctx, 'reviews', g.key, label, assigned, t.columns, [], printedRow(g.key, g.tok), printedColumns(resolved));
    });
    return;
  }
  if (values.length < need) {
    problem(
      ctx,
      {
        code: 'row-incomplete',
        message: `${tableNames.reviews}: ${values.length} value cell(s) found, expected ${need}`,
        location: { table: tableNames.reviews, ...lineOf(values[0] ?? headerTok), ...pageOf(values[0] ?? headerTok) },
      },
      taxonomy(ctx.format).cells.filter((c) => c.table === 'reviews').map((c) => c.id),
      tableNames.reviews,
    );
    return;
  }
  const perGroup = colTokens.length === need ? order.map((_, gi) => colTokens.slice(gi * colKeys.length, (gi + 1) * colKeys.length)) : undefined;
  order.forEach((key, gi) => {
    const resolved = perGroup ? resolveColumns(ctx, perGroup[gi] as typeof colTokens, colKeys) : undefined;
    const colOrder = resolved ? [...resolved.entries()].sort((x, y) => tokens.indexOf(x[1]) - tokens.indexOf(y[1])).map((e) => e[0]) : colKeys;
    if (!resolved && gi === 0) ctx.notes.push({ code: 'header-assumed', level: 'warning', message: '四: column headers not all readable; the national column order was assumed' });
    const assigned = new Map<string, Token | undefined>();
    colOrder.forEach((k, ci) => assigned.set(k, values[gi * colKeys.length + ci]));
    const label = groupLabel(t.rows, key);
    // Labels only where the values were placed by them: an assumed order has no printed label to show.
    record(ctx, 'reviews', key, label, assigned, t.columns, [], groupOrder ? printedRow(key, groupOrder[gi]?.tok) : undefined, printedColumns(resolved));
  });
}

function groupLabel(rows: readonly { key: string; labels: readonly { 'zh-CN': string }[] }[], key: string): string {
  const r = rows.find((x) => x.key === key);
  return r ? r.labels.map((l) => l['zh-CN']).join('/') : key;
}

/** A row's place from the top (HTML rows count down; PDF rows are keyed by page and height). */
function rowOrder(t: Token): number {
  return t.loc.page !== undefined ? t.loc.page * 1e6 - ((t.row as number) % 1e6) : (t.row as number);
}

/**
 * Of header cells stacked over the same columns, the lowest row's. (Quadratic: a group has a
 * handful; hundreds are no header of the national table, and are left as they are — too many to
 * resolve into its five columns.)
 */
function leafHeaderCells<T extends { tok: Token }>(cells: T[]): T[] {
  if (cells.length > 256) return cells;
  return cells.filter(
    (c) =>
      !cells.some(
        (d) =>
          d !== c &&
          d.tok.row !== undefined &&
          c.tok.row !== undefined &&
          rowOrder(d.tok) > rowOrder(c.tok) &&
          overlaps(d.tok.span as [number, number], c.tok.span as [number, number]),
      ),
  );
}

/**
 * Resolves a group's column headers (in reading order) to column keys. A truncated header
 * (`结果` for 结果纠正) that fits several columns takes the one at its position.
 */
function resolveColumns(ctx: Ctx, cells: { matches: Match<string>[]; tok: Token }[], colKeys: readonly string[]): Map<string, Token> | undefined {
  if (cells.length !== colKeys.length) return undefined;
  const out = new Map<string, Token>();
  const sorted = cells[0]?.tok.span ? [...cells].sort((a, b) => (a.tok.span as [number, number])[0] - (b.tok.span as [number, number])[0]) : cells;
  for (const [pos, c] of sorted.entries()) {
    let m: Match<string> | undefined = c.matches.length === 1 ? c.matches[0] : c.matches.find((x) => x.value === colKeys[pos]);
    if (!m) return undefined;
    if (out.has(m.value)) return undefined;
    out.set(m.value, c.tok);
    if (m.kind !== 'exact') labelNote(ctx, m, c.tok, '四 column');
  }
  return out;
}

// ---------------------------------------------------------------- table classification (no headings)

const tableMarkers: Record<TableId, string[]> = {
  active: ['第二十条', '信息内容', '规章', '行政许可'].map(norm),
  requests: ['本年新收', '申请人情况', '予以公开', '结转下年度'].map(norm),
  reviews: ['行政复议', '行政诉讼', '结果维持', '尚未审结'].map(norm),
};

function classifyTable(tokens: readonly Token[]): TableId | undefined {
  let best: TableId | undefined;
  let bestScore = 0;
  for (const id of Object.keys(tableMarkers) as TableId[]) {
    let s = 0;
    for (const m of tableMarkers[id]) if (tokens.some((t) => t.n.length < 60 && t.n.includes(m))) s++;
    if (id === 'reviews' && tokens.some((t) => t.n.includes(norm('本年新收')))) s = 0;
    if (s > bestScore) {
      bestScore = s;
      best = id;
    }
  }
  return bestScore >= 2 ? best : undefined;
}

// ---------------------------------------------------------------- metadata

const TITLE_WORDS = norm('政府信息公开工作年度报告');

interface TitleInfo {
  agency?: string;
  year?: number;
  title: string;
}

function parseTitle(text: string): TitleInfo | undefined {
  const raw = text.replace(/\s+/g, '').slice(0, 200);
  // 「二〇二三年度」 is 2023 (same length, so the title keeps its own characters).
  const n = raw.normalize('NFKC').replace(/[〇零一二三四五六七八九]{4}(?=年)/g, (y) => [...y].map((c) => String('〇一二三四五六七八九'.indexOf(c === '零' ? '〇' : c))).join(''));
  // The title ends with the report's name or the year after it; a page <title> may add the site's name.
  const upTo = (m: RegExpExecArray) => (n.length === raw.length ? raw.slice(0, m.index + m[0].length) : m[0]);
  const core = '政府信息公开(?:工作)?年度报告';
  let m = new RegExp(`^(?:关于)?(.*?)(\\d{4})年度?${core}`).exec(n);
  if (m && m[1]) return { agency: m[1], year: Number(m[2]), title: upTo(m) };
  m = new RegExp(`^(\\d{4})年度?(.*?)${core}`).exec(n);
  if (m && m[2]) return { agency: m[2], year: Number(m[1]), title: upTo(m) };
  m = new RegExp(`^(.*?)${core}\\(?(\\d{4})年?度?\\)?`).exec(n);
  if (m) return { ...(m[1] ? { agency: m[1] } : {}), year: Number(m[2]), title: upTo(m) };
  m = new RegExp(`^(\\d{4})年度?${core}`).exec(n);
  if (m) return { year: Number(m[1]), title: upTo(m) };
  m = new RegExp(`^(.*?)${core}`).exec(n);
  if (m) return { ...(m[1] ? { agency: m[1] } : {}), title: upTo(m) };
  return undefined;
}

/**
 * An agency's name is short and has no sentence in it: a line of prose that happens to say
 * 年度报告 (「本报告根据《条例》…编制」) is no title.
 */
function plausibleAgency(agency: string | undefined): boolean {
  return agency === undefined || (agency.length <= 40 && !/[《》〈〉,，。;；:：!！?？]|根据|本报告|编制/.test(agency));
}

/** Reports exist from 2008 (the first 条例) on; other four-digit numbers are not the year. */
function plausibleYear(info: TitleInfo | undefined): TitleInfo | undefined {
  if (info && !plausibleAgency(info.agency)) return undefined;
  if (!info?.year || (info.year >= 2008 && info.year <= 2100)) return info;
  const { year: _drop, ...rest } = info;
  return rest;
}

function titleFromLines(lines: readonly string[]): TitleInfo | undefined {
  const idx = lines.findIndex((l) => norm(l).includes(norm('年度报告')));
  if (idx < 0) return undefined;
  const windows: [number, number][] = [
    [idx - 1, idx + 1],
    [idx, idx + 1],
    [idx - 1, idx],
    [idx, idx],
  ];
  let fallback: TitleInfo | undefined;
  for (const [a, b] of windows) {
    if (a < 0 || b >= lines.length) continue;
    const info = plausibleYear(parseTitle(lines.slice(a, b + 1).join('')));
    if (info?.agency && info.year) return info;
    fallback ??= info;
  }
  return fallback;
}

function findDate(lines: readonly { text: string; loc: Loc }[]): { date: string; loc: Loc; text: string } | undefined {
  const re = /(?:发布日期|发布时间|发布于|公开日期|发文日期|PubDate)\s*[:：]?\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/;
  for (const l of lines) {
    if (l.text.length > 2000) continue;
    const m = re.exec(l.text);
    if (!m) continue;
    const date = `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
    const d = new Date(`${date}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().startsWith(date)) return { date, loc: l.loc, text: m[0] };
  }
  return undefined;
}

// ---------------------------------------------------------------- the whole document

function tokensOf(doc: SourceDoc, items: readonly Item[]): Token[] {
  const tables = items.filter((i): i is Extract<Item, { kind: 'table' }> => i.kind === 'table');
  const lines = items.filter((i): i is Extract<Item, { kind: 'line' }> => i.kind === 'line');
  if (!tables.length) return tokenizeLines(lines);
  if (doc.form !== 'pdf' || !lines.length) {
    const out: Token[] = [];
    for (const t of tables) for (const tok of t.tokens) out.push(tok);
    return out;
  }
  // PDF: cells found by their borders, and lines of text drawn without borders, in page order.
  const perLine = tokenizeLinesEach(lines);
  const out: Token[] = [];
  let k = 0;
  // Loops, not push(...tokens): a spread of a huge table overflows the stack.
  for (const it of items) {
    for (const t of it.kind === 'table' ? it.tokens : (perLine[k++] ?? [])) out.push(t);
  }
  return out;
}

/**
 * Figures merged over several rows (an HTML rowspan): every row it covers read the same cell.
 * A 0 or a blank splits exactly; a larger figure over （六）其他处理's items goes to 3.其他 with
 * a warning; any other larger figure cannot be split, and its cells are left unread.
 */
/**
 * How one figure printed for several cells is shared out between them: a 0 or a blank exactly
 * (each cell is the same); a larger figure over （六）其他处理's items goes to the catch-all 3.其他
 * and the others are 0 (`guessed`); any other larger figure cannot be split (undefined).
 */
function shareOut(value: number | null, ids: readonly string[]): { values: Map<string, number | null>; guessed: boolean } | undefined {
  if (value === null || value === 0) return { values: new Map(ids.map((id) => [id, value])), guessed: false };
  const catchAll = ids.find((id) => id.startsWith('requests.otherHandling.other.'));
  if (!catchAll || !ids.every((id) => id.startsWith('requests.otherHandling.'))) return undefined;
  return { values: new Map(ids.map((id) => [id, id === catchAll ? value : 0])), guessed: true };
}

function splitMerged(ctx: Ctx): void {
  const groups = new Map<Token, string[]>();
  for (const r of ctx.readings.values()) if (r.token?.mergedFrom) groups.set(r.token.mergedFrom, []);
  if (!groups.size) return;
  for (const [id, r] of ctx.readings) {
    const origin = r.token?.mergedFrom ?? r.token;
    if (origin && groups.has(origin)) (groups.get(origin) as string[]).push(id);
  }
  const cellById = taxonomy(ctx.format).cellById;
  for (const [origin, ids] of groups) {
    if (ids.length < 2) continue;
    const cell = cellById.get(ids[0] as string) as CellDef;
    const first = ctx.readings.get(ids[0] as string) as Reading;
    const parsed = parseValue(origin.text, cell.kind, first.yuan ? '元' : undefined);
    if (!parsed.ok) continue; // Reported as unreadable, cell by cell.
    const rows = ids.map((id) => `「${(ctx.readings.get(id) as Reading).row}」`).join(', ');
    const where = { cell: ids[0] as string, cells: ids, text: origin.text, ...lineOf(origin), ...pageOf(origin) };
    const value = parsed.value;
    const shares = shareOut(value, ids);
    if (shares) for (const [id, v] of shares.values) (ctx.readings.get(id) as Reading).value = v;
    if (shares && !shares.guessed) {
      ctx.notes.push({ code: 'rows-merged', message: `「${origin.text}」 is printed once for the rows ${rows}; each of them is ${value === null ? 'blank' : '0'}`, ...where });
      continue;
    }
    if (shares) {
      ctx.notes.push({
        code: 'rows-merged',
        level: 'warning',
        message: `「${origin.text}」 is printed once for the rows ${rows}; it was put under 「3.其他」 and the other items set to 0 — check against the register`,
        ...where,
      });
      continue;
    }
    for (const id of ids) (ctx.readings.get(id) as Reading).unread = true;
    ctx.notes.push({
      code: 'rows-merged',
      level: 'warning',
      message: `「${origin.text}」 is printed once for the rows ${rows}: how it splits between them cannot be told; the cells are left blank`,
      ...where,
    });
  }
}

function provenanceOf(doc: SourceDoc, r: Reading): Provenance {
  const t = r.token;
  const p: Provenance = { form: doc.form, text: t?.text ?? '' };
  if (t) for (const k of ['line', 'page', 'table', 'row', 'column'] as const) if (t.loc[k] !== undefined) p[k] = t.loc[k];
  if (r.printed?.row !== undefined) p.rowLabel = r.printed.row;
  if (r.printed?.column !== undefined) p.columnLabel = r.printed.column;
  return p;
}

/** Reads a source document into a report. Throws {@link ImportError} only. */
export function extractReport(doc: SourceDoc, options: ImportOptions = {}): ImportResult {
  const items = doc.items;
  const heads = findHeadings(items, options.strict !== true);
  const notes: ImportNote[] = [...doc.notes];

  // Section ranges.
  const sectionItems = (k: number): Item[] => {
    const start = heads[k] as number;
    if (start < 0) return [];
    let end = items.length;
    for (let j = k + 1; j < heads.length; j++)
      if ((heads[j] as number) > start) {
        end = heads[j] as number;
        break;
      }
    return items.slice(start + 1, end);
  };

  // Metadata.
  const firstHeading = heads.find((h) => h >= 0) ?? items.length;
  const preamble = items.slice(0, firstHeading).filter((i): i is Extract<Item, { kind: 'line' }> => i.kind === 'line').map((i) => i.text);
  let info = titleFromLines(preamble.slice(-12));
  for (const cand of doc.titles) {
    if (info?.agency && info.year) break;
    const other = plausibleYear(parseTitle(cand));
    if (other && (other.agency || other.year)) info = { ...other, ...(info ?? {}), agency: info?.agency ?? other.agency, year: info?.year ?? other.year } as TitleInfo;
  }
  // The page's ContentSource (the office that compiled it) when no title names the agency.
  const agency = options.meta?.agency ?? info?.agency ?? doc.publisher ?? '';
  if (!options.meta?.agency && !info?.agency && doc.publisher) notes.push({ code: 'metadata', level: 'warning', message: `the agency 「${doc.publisher}」 is taken from the page's source (ContentSource); no title names it` });
  const date = options.meta?.publishedOn !== undefined ? undefined : findDate(doc.dateLines);
  let year = options.meta?.year ?? info?.year;
  if (year === undefined && !options.strict && date) {
    // Reports are published early in the year after the one they report on.
    year = Number(date.date.slice(0, 4)) - 1;
    notes.push({ code: 'year-inferred', level: 'warning', message: `no title states the year reported on; ${year} is the year before the publication date ${date.date}` });
  }

  // Tables.
  const sectionTokens = new Map<TableId, Token[]>();
  const tableIds: TableId[] = ['active', 'requests', 'reviews'];
  sectionDefs.forEach((s, k) => {
    if (s.kind === 'table') sectionTokens.set(s.key as TableId, tokensOf(doc, sectionItems(k)));
  });
  // Tables outside their headings (or pages without the headings): classify by content.
  // (Tokens added by a set and in place: copying the list for each of thousands of small tables is quadratic.)
  const inSection = new Map<TableId, Set<Token>>();
  for (const it of items) {
    if (it.kind !== 'table') continue;
    const id = classifyTable(it.tokens);
    if (!id) continue;
    const cur = sectionTokens.get(id) ?? [];
    if (!cur.length || (heads[sectionDefs.findIndex((s) => s.key === id)] as number) < 0) {
      let has = inSection.get(id);
      let list = cur;
      if (!has) {
        // A copy once, then added to in place.
        inSection.set(id, (has = new Set(cur)));
        sectionTokens.set(id, (list = cur.slice()));
      }
      if (!has.has(it.tokens[0] as Token)) {
        for (const t of it.tokens) {
          list.push(t);
          has.add(t);
        }
      }
    }
  }
  const allTokens = tableIds.flatMap((id) => sectionTokens.get(id) ?? []);
  const detected = detectFormat(allTokens, year);
  const format = detected.format;
  const strict = options.strict === true;
  const ctx: Ctx = { doc, format, strict, readings: new Map(), notes, errors: [] };
  // Strict reading knows nothing of figures merged over rows.
  const tokensFor = (id: TableId) => (sectionTokens.get(id) ?? []).filter((t) => !strict || !t.mergedFrom);
  readActive(ctx, tokensFor('active'));
  readRequests(ctx, tokensFor('requests'));
  readReviews(ctx, tokensFor('reviews'));
  if (!strict) splitMerged(ctx);
  const readTables = new Set([...ctx.readings.keys()].map((id) => id.slice(0, id.indexOf('.'))));
  const missingTables = tableIds.filter((id) => !readTables.has(id));
  if (missingTables.length === tableIds.length && !ctx.errors.length) {
    throw new ImportError(
      'tables-missing',
      `no report tables found: missing ${missingTables.map((id) => tableNames[id]).join('; ')}`,
      { table: missingTables.map((id) => tableNames[id]).join('; ') },
    );
  }
  notes.push({ code: 'format-detected', message: `${detected.format} format, from ${detected.why}` });
  if (year === undefined) {
    throw new ImportError('metadata-missing', 'the year reported on was not found (no title like 「…政府信息公开工作年度报告（2023年度）」); pass it as meta.year');
  }

  const tax = taxonomy(format);
  const report = blankReport(format, { agency, year }) as unknown as Record<string, unknown>;
  const provenance: Record<string, Provenance> = {};
  const missing: string[] = [];
  const unread: string[] = [];
  for (const cell of tax.cells) {
    const r = ctx.readings.get(cell.id);
    if (!r) {
      missing.push(cell.id);
      continue;
    }
    if (r.unread) {
      unread.push(cell.id);
      continue;
    }
    if (r.value !== undefined) {
      setPath(report, cell.id, r.value);
      provenance[cell.id] = provenanceOf(doc, r);
      continue;
    }
    const parsed = parseValue(r.token?.text ?? '', cell.kind, r.yuan ? '元' : undefined, strict);
    if (!parsed.ok) {
      problem(
        ctx,
        {
          code: 'cell-unreadable',
          message: `${tableNames[cell.table]}: cell 「${r.row}」 × 「${r.column}」 (${cell.id}): ${parsed.reason}`,
          location: {
            table: tableNames[cell.table],
            row: r.row,
            column: r.column,
            ...lineOf(r.token),
            ...pageOf(r.token),
          },
        },
        [cell.id],
        r.row,
        r.column,
        r.token?.text ?? '',
      );
      unread.push(cell.id);
      continue;
    }
    for (const n of parsed.notes) notes.push({ ...n, cell: cell.id, ...lineOf(r.token) });
    setPath(report, cell.id, parsed.value);
    provenance[cell.id] = provenanceOf(doc, r);
  }
  if (ctx.errors.length) {
    const [first, ...rest] = ctx.errors as [Ctx['errors'][number], ...Ctx['errors']];
    throw new ImportError(first.code, first.message, first.location, rest.map((e) => e.message));
  }
  if (missing.length) {
    const byTable = summarizeMissing(tax.cells.filter((c) => missing.includes(c.id)));
    const level = strict ? {} : ({ level: 'warning' } as const);
    if (missingTables.length) {
      notes.push({
        code: 'table-not-found',
        ...level,
        message: `not found: ${missingTables.map((id) => tableNames[id]).join('; ')}${strict ? '' : '; its cells are left blank'}`,
        ...(strict ? {} : { cells: tax.cells.filter((c) => missingTables.includes(c.table)).map((c) => c.id) }),
      });
    }
    for (const m of byTable) {
      if (!strict && missingTables.includes((tax.cellById.get(m.cells[0] as string) as CellDef).table)) continue;
      notes.push({ code: 'row-not-found', ...level, message: strict ? m.message : `${m.message}: not printed; its cells are left blank`, cell: m.cells[0] as string, ...(strict ? {} : { cells: m.cells }) });
    }
    if (strict && !options.partial) {
      const what = missingTables.length
        ? `missing ${missingTables.map((id) => tableNames[id]).join('; ')}`
        : `rows not found: ${byTable.map((m) => m.label).join('; ')}`;
      throw new ImportError(
        missingTables.length ? 'table-missing' : 'rows-missing',
        `the report's tables are incomplete: ${what} (${missing.length} of ${tax.cells.length} cells)`,
        {
          table: missingTables.length ? missingTables.map((id) => tableNames[id]).join('; ') : tableNames[(tax.cellById.get(missing[0] as string) as CellDef).table],
          ...(byTable[0] && !missingTables.length ? { row: byTable[0].label } : {}),
        },
        byTable.map((m) => m.message),
      );
    }
  }

  // Text sections.
  const sectionsOut: Record<string, string> = {};
  sectionDefs.forEach((s, k) => {
    if (s.kind !== 'text') return;
    if ((heads[k] as number) < 0) {
      notes.push({ code: 'section-not-found', message: `heading 「${s.heading['zh-CN']}」 not found; the section is empty` });
      sectionsOut[s.key] = '';
      return;
    }
    const paragraphs: string[] = [];
    for (const i of sectionItems(k)) {
      if (i.kind !== 'line') continue;
      const t = i.text.trim();
      if (!t) continue;
      // Lines wrapped in a PDF are one paragraph again.
      if (i.cont && paragraphs.length) paragraphs[paragraphs.length - 1] += t;
      else paragraphs.push(t);
    }
    sectionsOut[s.key] = paragraphs.join('\n');
  });
  report.sections = sectionsOut;

  // Title and publication date.
  let title = options.meta?.title;
  if (!title) {
    const canonical = defaultTitle(agency, year);
    if (!info?.year || norm(info.title) === norm(canonical) || !norm(info.title).includes(TITLE_WORDS)) title = canonical;
    else title = info.title;
    if (!info) notes.push({ code: 'title', message: `no title found; 「${canonical}」 was used` });
  }
  report.title = title;
  report.publishedOn = options.meta?.publishedOn ?? date?.date ?? null;
  if (date) notes.push({ code: 'metadata', message: `publishedOn ${date.date} from 「${date.text}」`, ...(date.loc.line ? { line: date.loc.line } : {}) });
  if (!agency) notes.push({ code: 'metadata', message: 'the agency was not found in the title' });
  const bodyType = options.meta?.bodyType ?? (strict ? undefined : bodyTypeOf(agency, title, notes));
  const withBody = bodyType ? placeBodyType(report, bodyType) : report;

  const valid = validateReport(withBody);
  if (!valid.ok) {
    throw new ImportError('invalid-report', `the imported report is not valid:\n${valid.issues.map((i) => formatSchemaIssue(i)).join('\n')}`, undefined, valid.issues.map((i) => formatSchemaIssue(i)));
  }
  const notRead = new Set([...missing, ...unread]);
  const completeness = { read: tax.cells.length - notRead.size, expected: tax.cells.length, unread: tax.cells.filter((c) => notRead.has(c.id)).map((c) => c.id) };
  if (completeness.read === 0) {
    // Headings, or a table cut off before its figures, but not one cell: nothing to check.
    const why = notes.filter((n) => n.level === 'warning').map((n) => n.message);
    throw new ImportError('tables-missing', `no cell of the report's tables could be read${why[0] ? `: ${why[0]}` : ''}`, undefined, why.slice(1));
  }
  const result: ImportResult = { report: withBody as unknown as Report, form: doc.form, provenance, notes, missing, completeness };
  if (doc.encoding) result.encoding = doc.encoding;
  return result;
}

/**
 * The body type the agency's name (and the title) tells; a guess is a `warning` note for a person
 * to confirm. Not recorded where the rules already read it from the name (an agency ending in
 * 人民政府 is a government by their definition), so such documents stay as they were.
 */
function bodyTypeOf(agency: string, title: string, notes: ImportNote[]): BodyType | undefined {
  const guess = inferBodyType({ agency, title }, 'en');
  if (guess?.certain && guess.bodyType === 'government' && agency.endsWith('人民政府')) return undefined;
  if (!guess) {
    if (agency) notes.push({ code: 'body-type', level: 'warning', message: `whether 「${agency}」 is a government or a department cannot be told from its name; set bodyType to check the deadline` });
    return undefined;
  }
  if (!guess.certain) notes.push({ code: 'body-type', level: 'warning', message: `bodyType ${guess.bodyType}: ${guess.why}` });
  return guess.bodyType;
}

/** The report with `bodyType` after `publishedOn`, where a reader of the JSON looks for it. */
function placeBodyType(report: Record<string, unknown>, bodyType: BodyType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(report)) {
    out[k] = v;
    if (k === 'publishedOn') out.bodyType = bodyType;
  }
  return out;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys[keys.length - 1] as string] = value;
}

function summarizeMissing(cells: readonly CellDef[]): { label: string; message: string; cells: string[] }[] {
  const byRow = new Map<string, CellDef[]>();
  for (const c of cells) {
    const key = `${c.table}.${c.row.key}`;
    byRow.set(key, [...(byRow.get(key) ?? []), c]);
  }
  return [...byRow.values()].map((cs) => {
    const c = cs[0] as CellDef;
    const label = `${tableNames[c.table].slice(0, 1)}: ${c.row.labels.map((l) => l['zh-CN']).join('/')}`;
    return { label, message: `${tableNames[c.table]}: row 「${c.row.labels.map((l) => l['zh-CN']).join('/')}」 not found (${cs.length} cells)`, cells: cs.map((x) => x.id) };
  });
}
