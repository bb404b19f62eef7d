/** Checking one file: shared by the main process and the worker processes of `check --jobs`. */
import { stat } from 'node:fs/promises';
import { type Finding, type Lang, type Report, check } from '@disclosure-report/core';
import { expandPaths } from './files.js';
import { InputError } from './io.js';
import { loadReport, loadSource } from './load.js';
import { messages } from './messages.js';

/** What every file of one `check` run is checked with. */
export interface CheckJob {
  lang: Lang;
  /** Last year's report (a file), or a folder of last year's reports matched by agency. */
  prev?: string;
  /** Refuse a published source on its first difference from the national format (no partial import). */
  strict?: boolean;
}

/** The outcome for one file, as printed. */
export interface FileResult {
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
}

/**
 * Last year's reports: one file for every report, or a folder indexed by agency (only
 * names and paths are kept; a report is read when a file of its agency comes up).
 */
export class PreviousReports {
  private single?: Promise<Report>;
  private index?: Promise<Map<string, string>>;
  private cache = new Map<string, Promise<Report | undefined>>();

  constructor(
    private readonly path: string,
    private readonly lang: Lang = 'zh-CN',
  ) {}

  private async buildIndex(): Promise<Map<string, string>> {
    const byAgency = new Map<string, string>();
    for await (const file of expandPaths([this.path])) {
      try {
        const r = await loadReport(file, false, this.lang);
        byAgency.set(`${r.agency}|${r.year}`, file);
      } catch {
        // An unreadable last-year report only means no across-year checks for its agency.
      }
    }
    return byAgency;
  }

  async isFolder(): Promise<boolean> {
    try {
      return (await stat(this.path)).isDirectory();
    } catch {
      return false;
    }
  }

  /** Loads the single previous report up front, so a bad --prev fails the run at once. */
  async validate(): Promise<void> {
    if (await this.isFolder()) return;
    this.single = loadReport(this.path, false, this.lang);
    await this.single;
  }

  /** Last year's report for this report, if there is one. */
  async for(report: Report): Promise<Report | undefined> {
    if (this.single) return this.single;
    this.index ??= this.buildIndex();
    const file = (await this.index).get(`${report.agency}|${report.year - 1}`);
    if (!file) return undefined;
    let r = this.cache.get(file);
    if (!r) {
      r = loadReport(file, false, this.lang).catch(() => undefined);
      if (this.cache.size > 64) this.cache.clear();
      this.cache.set(file, r);
    }
    return r;
  }
}

/** Loads and checks one file; never throws: whatever goes wrong is this file's error. */
export async function checkFile(file: string, job: CheckJob, previous?: PreviousReports): Promise<FileResult> {
  const m = messages(job.lang);
  let loaded: Awaited<ReturnType<typeof loadSource>>;
  try {
    loaded = await loadSource(file, job.strict, job.lang);
  } catch (e) {
    if (e instanceof InputError) return { file, findings: [], error: e.message, ...(e.located ? { located: true } : {}) };
    return { file, findings: [], error: m.unexpectedFailure((e as Error).message) };
  }
  const { report, imported } = loaded;
  const prev = previous ? await previous.for(report) : undefined;
  const options = { lang: job.lang, ...(prev ? { previous: prev } : {}) };
  let findings: Finding[];
  if (imported) {
    // What was read is checked; what could not be read is reported as import.* findings.
    const { checkImported } = await import('@disclosure-report/import');
    findings = checkImported(imported, options);
  } else findings = check(report, options);
  const title = m.reportTitle(report.agency || '—', report.year, report.format);
  return {
    file,
    title,
    key: `${report.agency}|${report.year}|${report.format}`,
    findings,
    ...(imported ? { completeness: { read: imported.completeness.read, expected: imported.completeness.expected } } : {}),
  };
}
