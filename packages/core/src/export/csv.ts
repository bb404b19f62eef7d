/**
 * CSV of a report for evaluators' spreadsheets: one line per cell with the exact national
 * labels (`id,table,row,column,value`), preceded by the metadata and the text sections so
 * that the CSV reads back into the same document.
 */
import { type CellValue, type Report, blankReport, getCell, withCell } from '../report.js';
import { validateReport, formatSchemaIssue } from '../schema.js';
import { type FormatId, type Lang, isFormatId, labelPath, sections, taxonomy, textSectionKeys } from '../taxonomy.js';
import { scriptSafeJson } from './json.js';

/** The columns of the per-report CSV. */
export const csvColumns = ['id', 'table', 'row', 'column', 'value'] as const;
/** The columns of the batch CSV / NDJSON (one line per report and cell). */
export const batchColumns = ['file', 'agency', 'year', 'format', ...csvColumns] as const;

// Excel, WPS and LibreOffice evaluate a cell that starts with one of = + - @ tab CR as a formula
// (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`), quoted or not. Apostrophes before one are counted
// too, so that the prefix below can always be told from text that starts with an apostrophe.
const formulaStart = /^'*[=+\-@\t\r]/;
// What String(number) writes: a negative cell value (the 2019 format's 比上年增减) stays a number.
const plainNumber = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Text made inert for spreadsheets: a field that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (after any apostrophes) gets one more apostrophe in front, so Excel and WPS
 * show it as text instead of evaluating it as a formula. Numbers (`-3`, `1e-7`) are left as
 * they are. {@link readCsvSafeText} undoes it exactly.
 */
export function csvSafeText(text: string): string {
  return formulaStart.test(text) && !plainNumber.test(text) ? `'${text}` : text;
}

/** The text a {@link csvSafeText} field stands for: one leading apostrophe off a field that starts with apostrophes and then `=`, `+`, `-`, `@`, tab or CR. */
export function readCsvSafeText(field: string): string {
  return field.startsWith("'") && formulaStart.test(field) ? field.slice(1) : field;
}

/**
 * A CSV field: made inert for spreadsheets ({@link csvSafeText}), then quoted when it has to
 * be (RFC 4180).
 */
export function csvField(value: string): string {
  const text = csvSafeText(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const metaKeys = ['format', 'agency', 'year', 'title', 'publishedOn'] as const;
const metaLabels: Record<(typeof metaKeys)[number] | 'bodyType', Record<Lang, string>> = {
  format: { 'zh-CN': '格式', en: 'Format' },
  agency: { 'zh-CN': '机关名称', en: 'Agency' },
  year: { 'zh-CN': '年度', en: 'Year' },
  title: { 'zh-CN': '标题', en: 'Title' },
  publishedOn: { 'zh-CN': '发布日期', en: 'Published on' },
  bodyType: { 'zh-CN': '发布机关类型', en: 'Body type' },
};

/** One record per line of the CSV: metadata, sections, then every cell in national order. */
export interface CsvRecord {
  id: string;
  table: string;
  row: string;
  column: string;
  value: string;
}

/** The report's records, labels in the given language (default: the national Chinese labels). */
export function csvRecords(report: Report, lang: Lang = 'zh-CN'): CsvRecord[] {
  const t = taxonomy(report.format);
  const heading = (key: string) => sections.find((s) => s.key === key)?.heading[lang] ?? key;
  const records: CsvRecord[] = metaKeys.map((k) => ({
    id: k,
    table: '',
    row: metaLabels[k][lang],
    column: '',
    value: report[k] === null ? '' : String(report[k]),
  }));
  // Only when stated: absent means unknown, and a CSV without the line reads back without it.
  if (report.bodyType) records.push({ id: 'bodyType', table: '', row: metaLabels.bodyType[lang], column: '', value: report.bodyType });
  for (const key of textSectionKeys) {
    records.push({ id: `sections.${key}`, table: '', row: heading(key), column: '', value: report.sections[key] });
  }
  for (const cell of t.cells) {
    const value = getCell(report, cell.id);
    records.push({
      id: cell.id,
      table: heading(cell.table),
      row: `${cell.group ? `${cell.group[lang]}/` : ''}${labelPath(cell.row.labels, lang)}`,
      column: labelPath(cell.column.labels, lang),
      value: value === null || value === undefined ? '' : String(value),
    });
  }
  return records;
}

export interface CsvOptions {
  lang?: Lang;
  /** Start with a UTF-8 byte order mark so that Excel and WPS read the Chinese right (default true). */
  bom?: boolean;
}

/** The report as CSV (CRLF line ends, as spreadsheets expect). */
export function toCsv(report: Report, options: CsvOptions = {}): string {
  const lines = [csvColumns.join(',')];
  for (const r of csvRecords(report, options.lang)) lines.push(csvColumns.map((c) => csvField(r[c])).join(','));
  return `${options.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`;
}

/** Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new CsvError(`unterminated quoted field on line ${rows.length + 1}`);
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * The fields of one CSV line (RFC 4180: quotes, doubled quotes inside), or null when its quotes
 * do not close on the line. For lists and ledgers read line by line, where a bad line is named
 * and the rest still read ({@link parseCsv} reads a whole document, fields across lines included).
 */
export function csvLineFields(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let field = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        field += line.slice(i, q);
        if (line[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(field);
      if (i < line.length && line[i] !== ',') return null;
    } else {
      const comma = line.indexOf(',', i);
      out.push(line.slice(i, comma < 0 ? line.length : comma));
      i = comma < 0 ? line.length : comma;
    }
    if (i >= line.length) return out;
    i++;
  }
}

/** A CSV that cannot be read back, with the line. */
export class CsvError extends Error {
  override name = 'CsvError';
}

/**
 * Reads a per-report CSV (as written by {@link toCsv}) back into a report document. Labels
 * are not trusted: the `id` column decides. Throws CsvError naming the line.
 */
export function fromCsv(text: string): Report {
  const rows = parseCsv(text).filter((r) => r.length > 1 || r[0] !== '');
  const header = rows.shift();
  const col = (name: string) => header?.indexOf(name) ?? -1;
  const idCol = col('id');
  const valueCol = col('value');
  if (idCol < 0 || valueCol < 0) throw new CsvError('line 1: expected a header with the columns id and value');
  const values = new Map<string, { value: string; line: number }>();
  // Fields that toCsv made inert for spreadsheets (a leading apostrophe) read back to the text.
  rows.forEach((r, i) => values.set(readCsvSafeText(r[idCol] ?? ''), { value: readCsvSafeText(r[valueCol] ?? ''), line: i + 2 }));
  const format = values.get('format')?.value;
  if (!isFormatId(format)) throw new CsvError(`format: expected 2021 or 2019, got "${format ?? ''}"`);
  const year = Number(values.get('year')?.value);
  const publishedOn = values.get('publishedOn')?.value;
  const bodyType = values.get('bodyType')?.value;
  let report: Report = {
    ...blankReport(format as FormatId),
    agency: values.get('agency')?.value ?? '',
    year,
    title: values.get('title')?.value ?? '',
    publishedOn: publishedOn ? publishedOn : null,
  };
  // Validated below with the rest (an unknown body type is named there).
  if (bodyType) report = { ...report, bodyType: bodyType as Report['bodyType'] };
  report = { ...report, sections: Object.fromEntries(textSectionKeys.map((k) => [k, values.get(`sections.${k}`)?.value ?? ''])) as Report['sections'] };
  const known = new Set(['format', 'agency', 'year', 'title', 'publishedOn', 'bodyType', ...textSectionKeys.map((k) => `sections.${k}`)]);
  for (const [id, { value, line }] of values) {
    if (known.has(id)) continue;
    const cell = taxonomy(format as FormatId).cellById.get(id);
    if (!cell) throw new CsvError(`line ${line}: "${id}" is not a cell of the ${format} format`);
    const n: CellValue = value.trim() === '' ? null : Number(value);
    if (n !== null && !Number.isFinite(n)) throw new CsvError(`line ${line}: ${id}: "${value}" is not a number`);
    report = withCell(report, id, n);
  }
  const checked = validateReport(report);
  if (!checked.ok) throw new CsvError(checked.issues.map((i) => formatSchemaIssue(i)).join('\n'));
  return checked.report;
}

/**
 * Lines of the batch CSV for one report (no header): `file,agency,year,format,id,table,row,column,value`.
 * Every field, the file name included, is made inert for spreadsheets ({@link csvField}).
 */
export function batchCsvLines(file: string, report: Report, lang: Lang = 'zh-CN'): string[] {
  const lead = [file, report.agency, String(report.year), report.format].map(csvField).join(',');
  return taxonomyRecords(report, lang).map((r) => `${lead},${csvColumns.map((c) => csvField(r[c])).join(',')}`);
}

/** NDJSON lines for one report: one JSON object per cell (safe inside HTML: {@link scriptSafeJson}). */
export function batchNdjsonLines(file: string, report: Report, lang: Lang = 'zh-CN'): string[] {
  return taxonomyRecords(report, lang).map((r) =>
    scriptSafeJson({ file, agency: report.agency, year: report.year, format: report.format, id: r.id, table: r.table, row: r.row, column: r.column, value: r.value === '' ? null : Number(r.value) }),
  );
}

// The batch files compare cells across reports: metadata is on every line already.
function taxonomyRecords(report: Report, lang: Lang): CsvRecord[] {
  return csvRecords(report, lang).filter((r) => r.table !== '');
}
