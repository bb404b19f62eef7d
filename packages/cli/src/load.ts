import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { isAscii, isUtf8, transcode } from 'node:buffer';
import { basename } from 'node:path';
import { type Finding, type Lang, type Report, formatSchemaIssue, validateReport } from '@disclosure-report/core';
import type { ImportResult } from '@disclosure-report/import';
import { InputError } from './io.js';
import { jsonFailure } from './json-position.js';
import { type ImportPlace, type Messages, locatedMessage, messages } from './messages.js';

/** File endings the CLI reads: report documents and the published forms the importers read. */
export const sourceExtensions = ['.json', '.txt', '.text', '.html', '.htm', '.shtml', '.docx', '.pdf'];

/** Why a file could not be read, in words. */
export function readReason(e: unknown, m: Messages): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return m.noSuchFile;
  if (code === 'EACCES' || code === 'EPERM') return m.permissionDenied;
  if (code === 'EISDIR') return m.isDirectory;
  return (e as Error).message;
}

/**
 * No published report comes near these; a larger file is refused rather than read. Text
 * forms are small (the seed is 12 KB); Word and PDF files may carry scanned images.
 */
export const maxSourceBytes = { text: 16 * 1024 * 1024, binary: 128 * 1024 * 1024 } as const;
const limitFor = (file: string) => (/\.(docx|pdf)$/i.test(file) ? maxSourceBytes.binary : maxSourceBytes.text);

// Synchronous reads: report files are small, and for a batch of thousands the round trips
// of asynchronous calls cost more than the reading (worker processes give the parallelism).
export async function readBytes(file: string, m: Messages): Promise<Uint8Array> {
  // A plain Uint8Array of its own, not a Buffer: pdf.js refuses Buffers.
  return readFileBytes(file, m, false, (size) => new Uint8Array(size));
}

/**
 * Reads a file whose bytes are used at once and let go (a report document, decoded to text
 * straight away): into a buffer reused from one file to the next, so a batch of thousands
 * neither allocates a buffer per file nor copies it (readFileSync's Buffer, then a plain
 * Uint8Array of it, was two allocations and a copy of each file). The bytes are valid until
 * the next call: copy them to keep them. `regular`: the file is already known to be a regular file (a folder walk's entry),
 * so it is not looked up by name before it is opened (fstat still checks it once open).
 */
export function readTransient(file: string, m: Messages, regular = false): Uint8Array {
  return readFileBytes(file, m, regular, scratchFor);
}

/** Files up to this size are read into the reused buffer; a larger one gets a buffer of its own (not kept). */
const scratchMax = 1024 * 1024;
let scratch = new Uint8Array(64 * 1024);
const scratchFor = (size: number): Uint8Array => {
  if (size > scratchMax) return new Uint8Array(size);
  if (size > scratch.length) scratch = new Uint8Array(Math.min(scratchMax, Math.max(size, 2 * scratch.length)));
  return scratch;
};

function readFileBytes(file: string, m: Messages, regular: boolean, buffer: (size: number) => Uint8Array): Uint8Array {
  let fd: number | undefined;
  try {
    // Only regular files: a FIFO or a device would block or never end (checked before opening,
    // and opened non-blocking, since opening a FIFO itself waits for a writer).
    if (!regular && !statSync(file).isFile()) throw new InputError(file, m.cannotRead(m.notRegularFile));
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = fstatSync(fd);
    if (!info.isFile()) throw new InputError(file, m.cannotRead(m.notRegularFile));
    const limit = limitFor(file);
    if (info.size > limit) {
      throw new InputError(file, m.cannotRead(m.tooLarge((info.size / 1048576).toFixed(1), limit / 1048576)));
    }
    // A size of 0 may not mean empty (some file systems say 0 and have content): read to the end, as readFileSync does.
    if (info.size === 0) {
      const whole = readFileSync(fd);
      const out = buffer(whole.length);
      out.set(whole);
      return out.subarray(0, whole.length);
    }
    // As readFileSync: the size fstat said, or less if the file ends sooner; read straight into
    // the buffer the caller keeps (no copy), with one fstat.
    const out = buffer(info.size);
    let read = 0;
    while (read < info.size) {
      const n = readSync(fd, out, read, info.size - read, null);
      if (n === 0) break;
      read += n;
    }
    return out.length === read ? out : out.subarray(0, read);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, m.cannotRead(readReason(e, m)));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Valid UTF-8 as a string. V8's own UTF-8 decoder (Buffer#toString, TextDecoder) takes some
 * 150 µs for a 29 KB report of Chinese text on Node 20, three times as long as parsing it; ICU's
 * converter to UTF-16 (buffer.transcode) then a copy of the UTF-16 takes a third of that. The
 * bytes are valid UTF-8 (checked before), so both give the same string. ASCII is copied as it
 * is (a one-byte string). Without ICU (a Node built without Intl) the plain decoder is used.
 */
export function utf8Text(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isAscii(buffer)) return buffer.toString('latin1');
  if (typeof transcode !== 'function') return buffer.toString('utf8');
  const utf16 = transcode(buffer, 'utf8', 'utf16le');
  return utf16.toString('utf16le');
}

/**
 * The text of a report document when it is UTF-8 (with or without BOM), as JSON should be;
 * undefined otherwise (for {@link jsonText}'s detection). Synchronous: a batch of documents
 * pays for no promise per file.
 */
export function utf8JsonText(bytes: Uint8Array): string | undefined {
  // Validated, then decoded: both in native code, several times faster than a fatal TextDecoder,
  // which for a batch of report documents cost as much as parsing them.
  // (TextDecoder dropped a BOM itself and the replace a second one: so do both here.)
  if (!isUtf8(bytes)) return undefined;
  const text = utf8Text(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.replace(/^\uFEFF\uFEFF?/, '') : text;
}

/**
 * The text of a report document. UTF-8 (with or without BOM) as JSON should be; otherwise the
 * importers' detection (a UTF-16 or GB18030 BOM, else valid GB18030), and a file that is none
 * of these is refused: never read with U+FFFD in place of its characters.
 */
export async function jsonText(file: string, bytes: Uint8Array, m: Messages): Promise<string> {
  const text = utf8JsonText(bytes);
  if (text !== undefined) return text;
  // Not UTF-8: loaded on demand, as the importers are. (A copy: the bytes may be a reused buffer.)
  const own = bytes.slice();
  const { decodeText } = await import('@disclosure-report/import');
  try {
    return decodeText(own, { form: 'json' }).text;
  } catch (e) {
    throw new InputError(file, m.cannotRead((e as Error).message));
  }
}

/**
 * Parses JSON text. A syntax error is an InputError naming `name`, with the line and column, or
 * for one line of NDJSON (`oneLine`: the line is in the name) the column alone.
 */
export function parseJson(name: string, text: string, m: Messages, oneLine = false): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // With the line and column: V8 says at most the offset, and for a stray token not even that.
    const { at, reason } = jsonFailure(text, e);
    if (!at) throw new InputError(name, m.notJson(reason));
    throw new InputError(name, oneLine ? `${m.atColumn(at.column)}${m.colon}${m.notJson(reason)}` : locatedMessage(m, at, m.notJson(reason)), true);
  }
}

/** A parsed document as a report, or an InputError naming `name` with what is wrong. */
export function asReport(name: string, doc: unknown, m: Messages): Report {
  let result: ReturnType<typeof validateReport>;
  try {
    result = validateReport(doc, m.lang);
  } catch (e) {
    // Pathological documents (nesting deep enough to exhaust the stack) are input errors too.
    throw new InputError(name, `${m.notReport}${m.colon}${(e as Error).message}`);
  }
  if (!result.ok) {
    throw new InputError(name, `${m.notReport}${m.colon.trimEnd()}\n${result.issues.map((i) => `  ${formatSchemaIssue(i, m.lang)}`).join('\n')}`);
  }
  return result.report;
}

async function parseJsonReport(file: string, bytes: Uint8Array, m: Messages): Promise<Report> {
  return asReport(file, parseJson(file, await jsonText(file, bytes, m), m), m);
}

/** ` (table 三…, row …, column …)` for what the message does not already say. */
function where(location: ImportPlace | undefined, message: string, m: Messages): string {
  if (!location) return '';
  const unsaid = Object.fromEntries(Object.entries(location).filter(([, v]) => v !== undefined && !message.includes(String(v)))) as ImportPlace;
  const parts = m.place(unsaid);
  return parts.length ? m.placeJoin(parts) : '';
}

/**
 * Imports any source the importers read (text, HTML, docx, PDF, JSON). Tolerant unless
 * `strict`: cells that cannot be read are null with a note; only a source with no report
 * table in it is refused.
 */
export async function importFile(file: string, strict = false, lang: Lang = 'zh-CN'): Promise<ImportResult> {
  const m = messages(lang);
  const bytes = await readBytes(file, m);
  // Loaded on demand: `check` over JSON documents never pays for the importers.
  const { importReport, ImportError, describeImportError } = await import('@disclosure-report/import');
  try {
    return await importReport(bytes, { fileName: basename(file), ...(strict ? { strict } : {}) });
  } catch (e) {
    if (e instanceof ImportError) {
      const details = e.details.length ? `\n${e.details.map((d) => `  ${d}`).join('\n')}` : '';
      throw new InputError(file, m.cannotImport(`${describeImportError(e, lang)}${where(e.location, e.message, m)}${details}`));
    }
    throw new InputError(file, m.cannotImport((e as Error).message));
  }
}

/** Reads one report: a JSON document directly, any other source through the importers. */
export async function loadReport(file: string, strict = false, lang: Lang = 'zh-CN'): Promise<Report> {
  return (await loadSource(file, strict, lang)).report;
}

/** A report document as it is, or a published source with what its import noted. */
export type Loaded = { report: Report; imported?: undefined } | { report: Report; imported: ImportResult };

/** Reads one report, keeping the import's notes and completeness for a published source. */
export async function loadSource(file: string, strict = false, lang: Lang = 'zh-CN'): Promise<Loaded> {
  const m = messages(lang);
  if (file.toLowerCase().endsWith('.json')) return { report: await parseJsonReport(file, await readBytes(file, m), m) };
  const imported = await importFile(file, strict, lang);
  return { report: imported.report, imported };
}

/**
 * What `import --details` writes and `<disclosure-report>` reads to show where each figure came
 * from: the source's file name (never its path: where it was read from is the importer's
 * business), the import result, and its notes in the run's language (`import.*` findings).
 */
export async function importDetails(file: string, result: ImportResult, lang: Lang): Promise<{ source: string; findings: Finding[] } & ImportResult> {
  const { importFindings } = await import('@disclosure-report/import');
  return { source: basename(file), ...result, findings: importFindings(result, lang) };
}
