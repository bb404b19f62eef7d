/** Checking one entry: shared by the main process and the worker processes of `check --jobs`. */
import { stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { type Finding, type Lang, type RegionSum, type Report, type ReportSummaryLine, type RulePack, AggregateError, RulePackError, check, parseRulePack, summaryFindings } from '@disclosure-report/core';
import type { ImportResult } from '@disclosure-report/import';
import { expandPaths } from './files.js';
import { InputError, type Io, exitCodes } from './io.js';
import { asReport, jsonText, loadReport, loadSource, parseJson, readTransient, utf8JsonText } from './load.js';
import { type Messages, fileLine, messages } from './messages.js';
import type { Source } from './sources.js';

/** What every file of one `check` run is checked with. */
export interface CheckJob {
  lang: Lang;
  /** Last year's report (a file), or a folder of last year's reports matched by agency. */
  prev?: string;
  /** Refuse a published source on its first difference from the national format (no partial import). */
  strict?: boolean;
  /** Rule packs (files), run with the national rules; read and checked once per process. */
  rules?: readonly string[];
  /**
   * The reports a summary report summarises, summed (`--parts`): each report checked gets
   * `region.sum` findings against it. In this process only (never sent to a worker).
   */
  parts?: RegionSum;
}

const packCache = new Map<string, RulePack[]>();

/**
 * The rule packs of a job, read and checked once per process (the same objects every time, so
 * the engine compiles them once). Throws RulePackError for a pack that cannot be used, and the
 * read and JSON errors of `parseJson`.
 */
export function packsOf(job: Pick<CheckJob, 'rules' | 'lang'>): RulePack[] | undefined {
  if (!job.rules?.length) return undefined;
  const key = job.rules.join('\0');
  let packs = packCache.get(key);
  if (!packs) {
    const m = messages(job.lang);
    packs = job.rules.map((file) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new InputError(file, m.cannotRead((e as Error).message));
      }
      return parseRulePack(parseJson(file, text, m), file);
    });
    packCache.set(key, packs);
  }
  return packs;
}

/** Who, which year, when and from where, for `--expect`. */
const summaryLine = (name: string, report: Report): ReportSummaryLine => ({
  agency: report.agency,
  year: report.year,
  publishedOn: report.publishedOn ?? null,
  ...(report.bodyType ? { bodyType: report.bodyType } : {}),
  source: name,
});

/** The `region.sum` findings of a summary report against the job's parts (none without `--parts`). */
function partsFindings(report: Report, job: CheckJob): Finding[] {
  if (!job.parts) return [];
  try {
    return summaryFindings(report, job.parts, { lang: job.lang });
  } catch (e) {
    if (e instanceof AggregateError) throw new InputError('--parts', e.message);
    throw e;
  }
}

/**
 * What stops `check` or `report` before any report is read (a file given with `--prev`,
 * `--expect` or `--parts` that cannot be read, a rule pack that cannot be used): said on stderr,
 * and the exit code for it. Anything else is thrown again.
 */
export function refusedBeforeRun(e: unknown, io: Io, m: Messages): number {
  if (e instanceof InputError) io.stderr(`${fileLine(m, e.file, e.message, e.located)}\n`);
  else if (e instanceof RulePackError) io.stderr(`disclosure-report: ${m.packRefused(e.message)}\n`);
  else throw e;
  return exitCodes.input;
}

/** The outcome for one report, as printed. */
export interface FileResult {
  /** The file, or the entry of a stream or array: `reports.ndjson:17`, `reports.json[3]`. */
  file: string;
  /** `agency year（2021年格式）` of a readable report, in the run's language. */
  title?: string;
  /** For a published source: cells read / cells of the format. */
  completeness?: { read: number; expected: number };
  /** agency|year|format, to notice the same report twice in a batch. */
  key?: string;
  findings: Finding[];
  /** Why the file could not be checked, in the run's language. */
  error?: string;
  /** The error begins with the place in the file (`line 3, column 14: …`): printed without a colon after the file. */
  located?: boolean;
  /** An earlier file of the same run with the same agency, year and format. */
  duplicateOf?: string;
  /** Who, which year and when, for `--expect` (not printed). */
  meta?: ReportSummaryLine;
}

/** Finds last year's report for a report: in this process, or asked of the main one by a worker. */
export interface PreviousLookup {
  for(report: Report): Promise<Report | undefined>;
}

const prevKey = (agency: string, year: number) => `${agency}|${year}`;

/**
 * Last year's parsed reports kept at most (a few, for the same agency coming up again in a row:
 * duplicates, or last year's report for a worker asking again).
 */
const recentLimit = 16;

/** Bytes of last year's validated reports kept (as UTF-8 JSON, outside the heap); past them only the file is kept. */
export const prevKeepBytes = 64 * 1024 * 1024;

/**
 * Last year's reports: one file for every report, or a folder indexed by agency and year. Each
 * file of the folder is read and validated once, up front: its report is kept as compact JSON
 * (no revalidation when matched) up to {@link prevKeepBytes}, past that only its path (read again
 * when matched). A file that cannot be used is named once, to `skipped`.
 */
export class PreviousReports implements PreviousLookup {
  private single?: Report;
  private singleText?: string;
  private readonly index = new Map<string, Uint8Array | string>();
  private kept = 0;
  private readonly recent = new Map<string, Promise<Report | undefined>>();

  private constructor(private readonly lang: Lang) {}

  /** Reads last year's report (a file: an InputError if it cannot be used) or indexes a folder. */
  static async open(path: string, lang: Lang, skipped: (e: InputError) => void): Promise<PreviousReports> {
    const previous = new PreviousReports(lang);
    let folder = false;
    try {
      folder = (await stat(path)).isDirectory();
    } catch {
      // Not there: said by the reader, with the file's name.
    }
    if (!folder) previous.single = await loadReport(path, false, lang);
    else {
      const encoder = new TextEncoder();
      for await (const file of expandPaths([path])) {
        let report: Report;
        try {
          report = await loadReport(file, false, lang);
        } catch (e) {
          // Only means no across-year checks for its agency; said once.
          if (e instanceof InputError) skipped(e);
          continue;
        }
        const key = prevKey(report.agency, report.year);
        const earlier = previous.index.get(key);
        if (earlier instanceof Uint8Array) previous.kept -= earlier.length;
        const bytes = encoder.encode(JSON.stringify(report));
        // The last file for an agency and year wins, as files come in sorted order.
        if (previous.kept + bytes.length <= prevKeepBytes) {
          previous.index.set(key, bytes);
          previous.kept += bytes.length;
        } else previous.index.set(key, file);
      }
    }
    return previous;
  }

  /** Last year's report for this report, if there is one. */
  for(report: Report): Promise<Report | undefined> {
    if (this.single) return Promise.resolve(this.single);
    return this.byKey(prevKey(report.agency, report.year - 1));
  }

  /** Whether one report is last year's for every report (--prev named a file). */
  get one(): boolean {
    return this.single !== undefined;
  }

  /** Last year's report for this agency and year as JSON text (what a worker asks for). */
  async textFor(agency: string, year: number): Promise<string | undefined> {
    if (this.single) return (this.singleText ??= JSON.stringify(this.single));
    const entry = this.index.get(prevKey(agency, year - 1));
    if (entry instanceof Uint8Array) return new TextDecoder().decode(entry);
    const report = await this.byKey(prevKey(agency, year - 1));
    return report && JSON.stringify(report);
  }

  private byKey(key: string): Promise<Report | undefined> {
    const entry = this.index.get(key);
    if (entry === undefined) return Promise.resolve(undefined);
    let r = this.recent.get(key);
    if (!r) {
      r =
        typeof entry === 'string'
          ? loadReport(entry, false, this.lang).catch(() => undefined)
          : Promise.resolve(JSON.parse(new TextDecoder().decode(entry)) as Report);
      if (this.recent.size >= recentLimit) this.recent.delete(this.recent.keys().next().value as string);
      this.recent.set(key, r);
    }
    return r;
  }
}

/** The result of an entry that could not be checked. */
function failure(name: string, e: unknown, m: Messages): FileResult {
  if (e instanceof InputError) return { file: name, findings: [], error: e.message, ...(e.located ? { located: true } : {}) };
  return { file: name, findings: [], error: m.unexpectedFailure((e as Error).message) };
}

/** Checks one report, read from `name`; never throws. */
async function checkReport(name: string, report: Report, imported: ImportResult | undefined, job: CheckJob, previous?: PreviousLookup): Promise<FileResult> {
  try {
    return await checkReportOrThrow(name, report, imported, job, previous);
  } catch (e) {
    return failure(name, e, messages(job.lang));
  }
}

async function checkReportOrThrow(name: string, report: Report, imported: ImportResult | undefined, job: CheckJob, previous?: PreviousLookup): Promise<FileResult> {
  const prev = previous ? await previous.for(report) : undefined;
  if (!imported) return checkDocument(name, report, job, prev);
  const m = messages(job.lang);
  const packs = packsOf(job);
  const options = { lang: job.lang, ...(prev ? { previous: prev } : {}), ...(packs ? { packs } : {}) };
  // What was read is checked; what could not be read is reported as import.* findings.
  const { checkImported } = await import('@disclosure-report/import');
  const findings = [...checkImported(imported, options), ...partsFindings(report, job)];
  return {
    file: name,
    title: m.reportTitle(report.agency || '—', report.year, report.format),
    key: `${report.agency}|${report.year}|${report.format}`,
    findings,
    completeness: { read: imported.completeness.read, expected: imported.completeness.expected },
    meta: summaryLine(name, report),
  };
}

/** Checks a report document (not an imported source) with last year's report, if found; throws what the rules throw. */
function checkDocument(name: string, report: Report, job: CheckJob, prev: Report | undefined): FileResult {
  const packs = packsOf(job);
  const findings = check(report, { lang: job.lang, ...(prev ? { previous: prev } : {}), ...(packs ? { packs } : {}) });
  if (job.parts) findings.push(...partsFindings(report, job));
  return {
    file: name,
    title: messages(job.lang).reportTitle(report.agency || '—', report.year, report.format),
    key: `${report.agency}|${report.year}|${report.format}`,
    findings,
    meta: summaryLine(name, report),
  };
}

/** A report of a JSON text, to be checked, with the name it is known by. */
interface Entry {
  entry: string;
  report: Report;
}

/** A parsed JSON text, or why it could not be parsed (the entry's result). */
type Parsed = { doc: unknown } | { failed: FileResult };

/**
 * Parses a JSON text. Its own frame, so that the text (some 60 KB for a report of Chinese text)
 * is garbage once parsed, not held while the reports are validated and checked: held, it
 * survived the young generation's collections, and V8, counting what survives, grew the young
 * generation to its largest after some 20,000 files (the peak memory then grew with the number
 * of files).
 */
function parseText(name: string, text: string, line: boolean, m: Messages): Parsed {
  try {
    return { doc: parseJson(name, text, m, line) };
  } catch (e) {
    return { failed: failure(name, e, m) };
  }
}

/** A report file read, decoded and parsed (see {@link parseText}); undefined when it is not UTF-8. */
function parseFileNow(file: string, regular: boolean | undefined, m: Messages): Parsed | undefined {
  let text: string | undefined;
  try {
    text = utf8JsonText(readTransient(file, m, regular));
  } catch (e) {
    return { failed: failure(file, e, m) };
  }
  return text === undefined ? undefined : parseText(file, text, false, m);
}

/** Bytes of a report (one line of NDJSON, standard input) decoded and parsed; undefined when not UTF-8. */
function parseBytesNow(name: string, bytes: Uint8Array, line: boolean, m: Messages): Parsed | undefined {
  const text = utf8JsonText(bytes);
  return text === undefined ? undefined : parseText(name, text, line, m);
}

/**
 * The reports of a parsed JSON text: the document, or each element of a top-level array
 * (`name[i]`, each let go once yielded), or the entry's failure. One line of NDJSON is one
 * document. A generator, so that the same walk serves the synchronous and the asynchronous checks.
 */
function* jsonEntries(name: string, parsed: Parsed, line: boolean, m: Messages): Generator<Entry | FileResult> {
  if ('failed' in parsed) {
    yield parsed.failed;
    return;
  }
  const doc = parsed.doc;
  if (!line && Array.isArray(doc)) {
    // Named, not silently nothing: a file given to be checked that holds no report.
    if (doc.length === 0) {
      yield failure(name, new InputError(name, m.emptyArray), m);
      return;
    }
    for (let i = 0; i < doc.length; i++) {
      const entry = `${name}[${i}]`;
      const element: unknown = doc[i];
      doc[i] = undefined;
      try {
        yield { entry, report: asReport(entry, element, m) };
      } catch (e) {
        yield failure(entry, e, m);
      }
    }
    return;
  }
  try {
    yield { entry: name, report: asReport(name, doc, m) };
  } catch (e) {
    yield failure(name, e, m);
  }
}

const isEntry = (x: Entry | FileResult): x is Entry => 'report' in x;

/** The results of a parsed JSON text, checked here and now (no last year's reports to look up). */
function checkJsonNow(name: string, parsed: Parsed, line: boolean, job: CheckJob): FileResult[] {
  const m = messages(job.lang);
  const results: FileResult[] = [];
  for (const x of jsonEntries(name, parsed, line, m)) {
    if (!isEntry(x)) results.push(x);
    else {
      try {
        results.push(checkDocument(x.entry, x.report, job, undefined));
      } catch (e) {
        results.push(failure(x.entry, e, m));
      }
    }
  }
  return results;
}

/** The results of a JSON text, looking up last year's report for each. */
async function checkJson(name: string, text: string, line: boolean, job: CheckJob, previous?: PreviousLookup): Promise<FileResult[]> {
  const m = messages(job.lang);
  const parsed = parseText(name, text, line, m);
  if (!previous) return checkJsonNow(name, parsed, line, job);
  const results: FileResult[] = [];
  for (const x of jsonEntries(name, parsed, line, m)) results.push(isEntry(x) ? await checkReport(x.entry, x.report, undefined, job, previous) : x);
  return results;
}

const isJsonFile = (file: string) => file.toLowerCase().endsWith('.json');

/**
 * {@link checkSource} without a promise, for what needs nothing asynchronous: a report document
 * (a .json file or a line of NDJSON) in UTF-8, with no last year's reports to look up; over a
 * batch of small documents the promises cost as much as the checks. Undefined for any other
 * entry (then {@link checkSource}). Never throws.
 */
export function checkSourceNow(source: Source, job: CheckJob, previous?: PreviousLookup): FileResult[] | undefined {
  if (previous) return undefined;
  const m = messages(job.lang);
  if (source.kind === 'bytes') {
    const parsed = parseBytesNow(source.name, source.bytes, source.line, m);
    return parsed && checkJsonNow(source.name, parsed, source.line, job);
  }
  if (source.kind !== 'file' || !isJsonFile(source.file)) return undefined;
  // Not UTF-8 (rare): undefined, for the importers' detection, asynchronous, which reads it again.
  const parsed = parseFileNow(source.file, source.regular, m);
  return parsed && checkJsonNow(source.file, parsed, false, job);
}

/**
 * Loads and checks one entry: its reports' results (one, or one per element of a JSON array).
 * Never throws: whatever goes wrong is this entry's error.
 */
export async function checkSource(source: Source, job: CheckJob, previous?: PreviousLookup): Promise<FileResult[]> {
  return checkSourceNow(source, job, previous) ?? checkSourceLater(source, job, previous);
}

/** {@link checkSource} for an entry {@link checkSourceNow} left (it is not tried again: a file is not read twice more). */
export async function checkSourceLater(source: Source, job: CheckJob, previous?: PreviousLookup): Promise<FileResult[]> {
  const m = messages(job.lang);
  if (source.kind === 'error') return [{ file: source.name, findings: [], error: source.error, ...(source.located ? { located: true } : {}) }];
  const name = source.kind === 'file' ? source.file : source.name;
  try {
    if (source.kind === 'bytes') return await checkJson(name, await jsonText(name, source.bytes, m), source.line, job, previous);
    if (isJsonFile(name)) return await checkJson(name, await jsonText(name, readTransient(name, m, source.regular), m), false, job, previous);
    const loaded = await loadSource(name, job.strict, job.lang);
    return [await checkReport(name, loaded.report, loaded.imported, job, previous)];
  } catch (e) {
    return [failure(name, e, m)];
  }
}
