/**
 * Importers: read published reports (extracted text, portal HTML, Word .docx, PDF, JSON)
 * into report documents, with the provenance of every cell and notes on what was converted.
 * Runs in Node and in browsers: takes bytes or strings, never paths; mammoth and pdfjs-dist
 * are loaded only when a .docx or PDF comes in.
 */
import { formatSchemaIssue, taxonomy, validateReport } from '@disclosure-report/core';
import { decodeText, detectForm } from './decode.js';
import { articleSpan, extractReport } from './extract.js';
import { htmlDoc } from './html.js';
import { textDoc } from './text.js';
import { ImportError, type ImportOptions, type ImportResult, type SourceForm } from './types.js';

export { ImportError } from './types.js';
export type { ImportCompleteness, ImportLocation, ImportNote, ImportNoteLevel, ImportOptions, ImportResult, Provenance, SourceForm } from './types.js';
export { decodeText, detectForm } from './decode.js';
export { checkImported, describeImportError, importFindings, noteCells } from './findings.js';
export { htmlLimits } from './html.js';
export { docxLimits, textLimits } from './limits.js';
export { labelVariants } from './variants.js';
export { type LedgerWorkbook, ledgerFromXlsx, ledgerTemplateXlsx } from './xlsx.js';
export { parseValue } from '@disclosure-report/core';

function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw asImportError(e);
  }
}

function asImportError(e: unknown): ImportError {
  if (e instanceof ImportError) return e;
  if (e instanceof RangeError) return new ImportError('too-complex', `the source is too complex to read (${e.message})`);
  return new ImportError('internal', `the importer failed: ${e instanceof Error ? e.message : String(e)}`);
}

/** Imports extracted text (one cell per line ending in ` |`, or one row per line with cells joined by ` | `). */
export function importText(text: string, options: ImportOptions = {}): ImportResult {
  return guard(() => extractReport(textDoc(text), options));
}

/** Imports a portal page or an HTML fragment. */
export function importHtml(html: string, options: ImportOptions = {}, form: SourceForm = 'html'): ImportResult {
  return guard(() => extractReport(htmlDoc(html, form, articleSpan), options));
}

/** Imports a report document (JSON): validated against the schema of its format. */
export function importJson(json: string): ImportResult {
  return guard(() => {
    let doc: unknown;
    try {
      doc = JSON.parse(json);
    } catch (e) {
      throw new ImportError('json-syntax', `not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    const v = validateReport(doc);
    if (!v.ok) {
      const lines = v.issues.map((i) => formatSchemaIssue(i));
      throw new ImportError('invalid-report', `invalid report document:\n${lines.join('\n')}`, undefined, lines);
    }
    const expected = taxonomy(v.report.format).cells.length;
    return { report: v.report, form: 'json', provenance: {}, notes: [], missing: [], completeness: { read: expected, expected, unread: [] } };
  });
}

/**
 * Imports a Word (.docx) file (via mammoth, loaded on demand). The archive is checked first
 * ({@link docxLimits}): an entry or the whole inflating past its limit, or more XML markup than a
 * report has, is an ImportError `docx-too-large`.
 */
export async function importDocx(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  try {
    const { docxToHtml } = await import('./docx.js');
    const html = await docxToHtml(bytes);
    return importHtml(html, options, 'docx');
  } catch (e) {
    throw asImportError(e);
  }
}

/** Imports a PDF (via pdfjs-dist, loaded on demand). */
export async function importPdf(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  try {
    const { pdfDoc } = await import('./pdf.js');
    const doc = await pdfDoc(bytes);
    return extractReport(doc, options);
  } catch (e) {
    throw asImportError(e);
  }
}

/** Files that are not read (old Word, RTF, images): a clear ImportError rather than garbage. */
function unsupported(bytes: Uint8Array): void {
  const starts = (...b: number[]) => b.every((x, i) => bytes[i] === x);
  const what = starts(0xd0, 0xcf, 0x11, 0xe0)
    ? 'an old Word/WPS/Excel file (.doc, .wps, .xls): save it as .docx or PDF'
    : starts(0x7b, 0x5c, 0x72, 0x74, 0x66)
      ? 'an RTF file: save it as .docx or PDF'
      : starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46)
        ? 'an image (a scan?): the report must be text, HTML, .docx or PDF'
        : undefined;
  if (what) throw new ImportError('unsupported-format', `this is ${what}`);
}

/**
 * Detects the form (file name, magic bytes, BOM, markup, JSON) and imports. Never throws
 * anything but {@link ImportError}.
 */
export async function importReport(input: Uint8Array | string, options: ImportOptions = {}): Promise<ImportResult> {
  try {
    if (typeof input !== 'string') unsupported(input);
    const form = options.form ?? detectForm(input, options.fileName ? { fileName: options.fileName } : {});
    if (form === 'pdf' || form === 'docx') {
      if (typeof input === 'string') throw new ImportError('not-binary', `a ${form} source must be given as bytes`);
      return form === 'pdf' ? await importPdf(input, options) : await importDocx(input, options);
    }
    const { text, encoding } = typeof input === 'string' ? { text: input, encoding: undefined } : decodeText(input);
    let result: ImportResult;
    if (form === 'json') result = importJson(text);
    else if (form === 'html') result = importHtml(text, options);
    else result = importText(text, options);
    if (encoding) {
      result.encoding = encoding;
      if (encoding !== 'utf-8') result.notes.unshift({ code: 'encoding', message: `decoded as ${encoding}` });
    }
    return result;
  } catch (e) {
    throw asImportError(e);
  }
}
