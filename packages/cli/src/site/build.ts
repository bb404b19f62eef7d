/**
 * Builds the region site (`disclosure-report report`): each report is read, checked and written
 * to its page one at a time (a folder of thousands is never held: only each report's overview
 * row is kept), then the overview, the assets and findings.csv. The site is written to a folder
 * beside the target and moved into place at the end, so a run that fails leaves no partial site.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import {
  type Finding,
  type Lang,
  type Report,
  type RulePack,
  check,
  csvField,
  keyFigures,
  printCss,
  reportLateness,
} from '@disclosure-report/core';
import type { PreviousReports } from '../checking.js';
import { expandPaths } from '../files.js';
import { InputError } from '../io.js';
import { type Loaded, asReport, importDetails, jsonText, loadSource, parseJson, readBytes, sourceExtensions } from '../load.js';
import { messages } from '../messages.js';
import { checkSources, isNdjson } from '../sources.js';
import type { Progress } from '../progress.js';
import { type ImportDetails, type OverviewRow, type Unreadable, defaultTitle, overviewPage, reportPage } from './pages.js';
import siteCss from './site.css?raw';
import siteJs from './site.js?raw';
import { siteStrings } from './strings.js';

const favicon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b3d91"/><path d="M4 11V7m4 4V4m4 7V8" stroke="#fff" stroke-width="2"/></svg>\n';

/** The file that marks a folder as a site this command wrote (and may replace). */
export const siteMarker = '.disclosure-report-site';

/** Why the site could not be written (the folder is left as it was). */
export class SiteError extends Error {
  override name = 'SiteError';
}

export interface SiteOptions {
  /** Files and folders of reports: report documents, JSON arrays of them, NDJSON, published sources. */
  inputs: readonly string[];
  /** The site's folder. */
  out: string;
  lang: Lang;
  title?: string;
  strict?: boolean;
  previous?: PreviousReports;
  packs?: RulePack[];
  /** The element's classic script (disclosure-report.classic.js), copied into the site's assets. */
  elementScript: string;
  /** The day the site is dated (YYYY-MM-DD). */
  generatedOn?: string;
  /** A progress bar for this many files: told of each file as it is read, and of each that cannot be read. */
  progress?: (total: number) => Pick<Progress, 'update' | 'log' | 'done'>;
  /** Words for a file that cannot be read (the run's language). */
  fileLine: (file: string, message: string, located?: boolean) => string;
}

export interface SiteResult {
  reports: number;
  unreadable: number;
}

/** The path of the element's classic script in the installed `@disclosure-report/elements`. */
export function elementScriptPath(): string {
  return createRequire(import.meta.url).resolve('@disclosure-report/elements/disclosure-report.classic.js');
}

/** A page name from a file's path under its input: letters, digits and `-_.` kept, the rest `-`. */
function slugOf(file: string, base: string): string {
  const rel = relative(base, file) || basename(file);
  const stem = rel.slice(0, rel.length - extname(rel).length);
  const slug = stem
    .normalize('NFKC')
    .replace(/[\\/]+/g, '__')
    .replace(/[^\p{L}\p{N}_.-]+/gu, '-')
    .replace(/^[.-]+|-+$/g, '')
    .slice(0, 80);
  return slug || 'report';
}

/** The folder a site is written to before it is moved into place, and whether `out` may be replaced. */
function prepare(out: string, notOurs: (dir: string) => string): string {
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new SiteError(notOurs(out));
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes(siteMarker)) throw new SiteError(notOurs(out));
  }
  const partial = join(dirname(resolve(out)), `.${basename(resolve(out))}.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(join(partial, 'reports'), { recursive: true });
  mkdirSync(join(partial, 'assets'), { recursive: true });
  return partial;
}

/** Moves the finished site into place, replacing an earlier site there. */
function commit(partial: string, out: string): void {
  const target = resolve(out);
  if (existsSync(target)) {
    const old = join(dirname(target), `.${basename(target)}.old-${process.pid}`);
    renameSync(target, old);
    renameSync(partial, target);
    rmSync(old, { recursive: true, force: true });
  } else {
    mkdirSync(dirname(target), { recursive: true });
    renameSync(partial, target);
  }
}

/** One report of a file, or why it cannot be had: `part` names it within the file (`[3]`, `:17`). */
type Read = { part: string; loaded: Loaded } | { part: string; error: InputError };

/**
 * The reports of one file: a report document, each element of a JSON array of them, each line
 * of an NDJSON file (as `check` reads them), or a published source, imported.
 */
async function* reportsOf(file: string, strict: boolean, lang: Lang): AsyncGenerator<Read> {
  const m = messages(lang);
  const failed = (part: string, e: unknown): Read => {
    if (e instanceof InputError) return { part, error: e };
    throw e;
  };
  if (isNdjson(file)) {
    for await (const source of checkSources([file], m)) {
      const part = source.kind === 'file' ? '' : source.name.slice(file.length);
      if (source.kind === 'error') yield { part, error: new InputError(source.name, source.error, source.located) };
      else if (source.kind === 'bytes') {
        try {
          yield { part, loaded: { report: asReport(source.name, parseJson(source.name, await jsonText(source.name, source.bytes, m), m, true), m) } };
        } catch (e) {
          yield failed(part, e);
        }
      }
    }
    return;
  }
  if (!file.toLowerCase().endsWith('.json')) {
    try {
      yield { part: '', loaded: await loadSource(file, strict, lang) };
    } catch (e) {
      yield failed('', e);
    }
    return;
  }
  let doc: unknown;
  try {
    doc = parseJson(file, await jsonText(file, await readBytes(file, m), m), m);
  } catch (e) {
    yield failed('', e);
    return;
  }
  if (!Array.isArray(doc)) {
    try {
      yield { part: '', loaded: { report: asReport(file, doc, m) } };
    } catch (e) {
      yield failed('', e);
    }
    return;
  }
  if (doc.length === 0) yield { part: '', error: new InputError(file, m.emptyArray) };
  for (let i = 0; i < doc.length; i++) {
    try {
      yield { part: `[${i}]`, loaded: { report: asReport(`${file}[${i}]`, doc[i], m) } };
    } catch (e) {
      yield failed(`[${i}]`, e);
    }
  }
}

/** Builds the site; throws SiteError (nothing written) when it cannot be. */
export async function buildSite(options: SiteOptions, notOurs: (dir: string) => string, nothing: string): Promise<SiteResult> {
  const { lang } = options;
  const s = siteStrings(lang);
  const files: { file: string; base: string }[] = [];
  for (const input of options.inputs) {
    let folder = false;
    try {
      folder = statSync(input).isDirectory();
    } catch {
      // Not there: said when it is read.
    }
    // As `check` reads them: report documents (or arrays of them), NDJSON, published sources.
    for await (const file of expandPaths([input], [...sourceExtensions, '.ndjson', '.jsonl'])) files.push({ file, base: folder ? input : dirname(input) });
  }
  const partial = prepare(options.out, notOurs);
  const progress = options.progress?.(files.length);
  let committed = false;
  try {
    const rows: OverviewRow[] = [];
    const unreadable: Unreadable[] = [];
    const ruleReports = new Map<string, { severity: 'error' | 'warning'; reports: number }>();
    // No two pages get one name (compared ignoring case, as the file systems of Windows and macOS do).
    const taken = new Set<string>();
    const uniqueSlug = (stem: string): string => {
      let slug = stem;
      for (let n = 2; taken.has(slug.toLowerCase()); n++) slug = `${stem}-${n}`;
      taken.add(slug.toLowerCase());
      return slug;
    };
    const csv = openSync(join(partial, 'findings.csv'), 'w');
    // With a BOM and CRLF, as Excel and WPS open a UTF-8 CSV.
    writeSync(csv, `\uFEFF${s.csvColumns.map(csvField).join(',')}\r\n`);
    const pending: string[] = [];
    const flushCsv = () => {
      if (pending.length) writeSync(csv, pending.join(''));
      pending.length = 0;
    };
    try {
      for (let i = 0; i < files.length; i++) {
        const { file, base } = files[i] as { file: string; base: string };
        progress?.update(i, file);
        for await (const read of reportsOf(file, options.strict === true, lang)) {
          const name = `${file}${read.part}`;
          if ('error' in read) {
            unreadable.push({ file: name, error: read.error.message });
            progress?.log(options.fileLine(read.error.file, read.error.message, read.error.located));
            continue;
          }
          const { report } = read.loaded;
          const previous = options.previous ? await options.previous.for(report) : undefined;
          const checkOptions = { lang, ...(previous ? { previous } : {}), ...(options.packs ? { packs: options.packs } : {}) };
          let findings: Finding[];
          let completeness: OverviewRow['completeness'] = null;
          // For an imported report, where each figure came from (as `import --details` gives it).
          let details: ImportDetails | undefined;
          if (read.loaded.imported) {
            const imported = read.loaded.imported;
            const { checkImported } = await import('@disclosure-report/import');
            findings = checkImported(imported, checkOptions);
            completeness = { read: imported.completeness.read, expected: imported.completeness.expected };
            // The report itself is the page's article: its place, labels, text and notes go with it.
            const { source, provenance, findings: notes } = await importDetails(file, imported, lang);
            details = { source, provenance, findings: notes };
          } else findings = check(report, checkOptions);
          const slug = uniqueSlug(`${slugOf(file, base)}${read.part ? `-${read.part.replace(/\D+/g, '')}` : ''}`);
          const { lateness, deadline, bodyType, inferred } = reportLateness(report);
          const row: OverviewRow = {
            slug,
            file: name,
            name: `${relative(base, file) || basename(file)}${read.part}`,
            agency: report.agency,
            year: report.year,
            format: report.format,
            bodyType,
            bodyTypeInferred: inferred,
            publishedOn: report.publishedOn ?? null,
            lateness,
            deadline,
            errors: findings.filter((f) => f.severity === 'error').length,
            warnings: findings.filter((f) => f.severity === 'warning').length,
            completeness,
            figures: keyFigures(report),
          };
          rows.push(row);
          // Reports with an error or warning of each rule (once a report), the worst severity seen.
          const counted = new Set<string>();
          for (const f of findings) {
            if (f.severity === 'info') continue;
            const entry = ruleReports.get(f.rule) ?? { severity: f.severity, reports: 0 };
            if (!counted.has(f.rule)) entry.reports++;
            if (f.severity === 'error') entry.severity = 'error';
            counted.add(f.rule);
            ruleReports.set(f.rule, entry);
          }
          for (const f of findings) {
            const note = typeof f.note === 'string' ? f.note : '';
            pending.push(`${[name, report.agency, String(report.year), report.format, f.rule, f.severity, f.target, f.message, note].map(csvField).join(',')}\r\n`);
          }
          if (pending.length > 512) flushCsv();
          writeFileSync(join(partial, 'reports', `${slug}.html`), reportPage(row, report, previous, findings, s, lang, details));
        }
      }
      flushCsv();
    } finally {
      closeSync(csv);
      progress?.done();
    }
    if (rows.length === 0) throw new SiteError(nothing);
    const title = options.title ?? defaultTitle(rows, s);
    writeFileSync(
      join(partial, 'index.html'),
      overviewPage({ title, generatedOn: options.generatedOn ?? new Date().toISOString().slice(0, 10), rows, unreadable, ruleReports }, s, lang),
    );
    writeFileSync(join(partial, 'assets', 'site.css'), `${siteCss}\n/* The static tables, before the element upgrades them (core's printCss). */\n${printCss()}`);
    writeFileSync(join(partial, 'assets', 'site.js'), siteJs);
    // A page without an icon makes a served browser ask for /favicon.ico, outside the site's folder.
    writeFileSync(join(partial, 'assets', 'favicon.svg'), favicon);
    writeFileSync(join(partial, 'assets', 'disclosure-report.classic.js'), readFileSync(options.elementScript));
    writeFileSync(join(partial, siteMarker), 'Written by disclosure-report report: this folder is replaced whole when the site is written again.\n');
    commit(partial, options.out);
    committed = true;
    return { reports: rows.length, unreadable: unreadable.length };
  } finally {
    if (!committed) rmSync(partial, { recursive: true, force: true });
  }
}
