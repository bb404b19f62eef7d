import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Lang, type Report, batchColumns, batchCsvLines, batchNdjsonLines, printCss, toCsv, toHtml, toJson } from '@disclosure-report/core';
import { expandPaths } from '../files.js';
import { type Io, InputError, UsageError, exitCodes } from '../io.js';
import { loadReport } from '../load.js';
import { type FileSink, asOutputError, openOutput } from '../output.js';

/**
 * The stylesheet of a page written to `out` (`report.html` → `report.css` beside it): linked
 * rather than inline, so the page keeps its styles under `Content-Security-Policy: style-src 'self'`.
 */
function stylesheetBeside(out: string): { path: string; href: string } {
  let name = `${basename(out, extname(out))}.css`;
  if (resolve(dirname(out), name) === resolve(out)) name = `${basename(out)}.css`;
  // A URL relative to the page: `#`, `?`, `%` and spaces in a file name must not change it.
  return { path: join(dirname(out), name), href: encodeURIComponent(name) };
}

/** The Word writer, loaded on demand: only a Word export pays for it. */
async function toDocx(report: Report, lang: Lang): Promise<Uint8Array> {
  const docx = await import('@disclosure-report/docx');
  return docx.toDocx(report, { lang });
}

export const exportUsage = `disclosure-report export <file|dir…> --to html|docx|csv|ndjson|json [-o out] [--lang zh|en] [--page]

Writes a report (a document or any source the importers read) in another form:
  html     static HTML: the national tables with accessibility markup and no script; a fragment
           to paste into a content system (with --page: a whole page with a print stylesheet,
           which with -o x.html is written to x.css beside it, for pages under a strict CSP)
  docx     a Word document with the national table layout on A4 (needs -o)
  json     the report document (safe to paste into <script type="application/json">:
           < > & U+2028 U+2029 written as \u003c …)
  csv      id,table,row,column,value with the national labels (UTF-8 with BOM for Excel/WPS);
           several reports or a folder: one line per report and cell,
           file,agency,year,format,id,table,row,column,value
  ndjson   one JSON object per report and cell, as the batch CSV

  -o, --out <file>   write here instead of standard output
  --lang zh|en       labels in Chinese (default, the national labels) or English
  --page             html: a whole page rather than a fragment

Exit status: 0 written, 2 some source could not be read (each is named; the rest is written)
or the output file could not be written (named, with the reason).`;

const forms = ['html', 'docx', 'json', 'csv', 'ndjson'] as const;
type Form = (typeof forms)[number];

/** Runs `export`; returns the exit code. */
export async function runExport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { to: { type: 'string' }, out: { type: 'string', short: 'o' }, lang: { type: 'string' }, page: { type: 'boolean' } },
  });
  const to = values.to as Form;
  if (!forms.includes(to)) throw new UsageError(`--to must be one of ${forms.join(', ')}, got "${values.to ?? ''}"`);
  if (positionals.length === 0) throw new UsageError('export needs at least one file or directory');
  if (values.lang && values.lang !== 'zh' && values.lang !== 'en') throw new UsageError(`--lang must be zh or en, got "${values.lang}"`);
  const lang: Lang = values.lang === 'en' ? 'en' : 'zh-CN';

  const files: string[] = [];
  for await (const f of expandPaths(positionals)) files.push(f);
  const batch = files.length > 1 || positionals.some((p) => p !== files[0]);

  if (to === 'docx' && !values.out) throw new UsageError('--to docx needs -o <file.docx>');
  if (!batch) {
    const file = files[0] as string;
    try {
      const report = await loadReport(file);
      const text =
        to === 'docx'
          ? await toDocx(report, lang)
          : to === 'html'
            ? `${toHtml(report, { lang, page: values.page ?? false, ...(values.page && values.out ? { stylesheet: stylesheetBeside(values.out).href } : {}) })}\n`
            : to === 'json'
              ? `${toJson(report, { space: 2 })}\n`
              : to === 'csv'
                ? toCsv(report, { lang })
                : `${batchNdjsonLines(file, report, lang).join('\n')}\n`;
      if (to === 'html' && values.page && values.out) await writeFile(stylesheetBeside(values.out).path, printCss());
      if (values.out) {
        const out = values.out;
        await writeFile(out, text).catch((e: unknown) => {
          throw asOutputError(e, out) ?? e;
        });
      }
      else if (typeof text === 'string') io.stdout(text);
      return exitCodes.ok;
    } catch (e) {
      // A file that cannot be written (-o, or the stylesheet beside a page) is named, as a source that cannot be read.
      const unwritable = asOutputError(e);
      if (unwritable) {
        io.stderr(`${unwritable.file}: ${unwritable.message}\n`);
        return exitCodes.input;
      }
      if (!(e instanceof InputError)) throw e;
      io.stderr(`${e.file}: ${e.message}\n`);
      return exitCodes.input;
    }
  }

  if (to !== 'csv' && to !== 'ndjson') throw new UsageError('several reports export to csv or ndjson (one line per report and cell)');
  // Streamed, with back-pressure (a file: each write waits for 'drain'; standard output is written
  // synchronously): a whole region's reports never sit in memory together. The file is opened
  // first, so a bad -o is said before any report is read.
  let sink: FileSink | undefined;
  let failed = 0;
  try {
    if (values.out) sink = await openOutput(values.out);
    const emit = async (text: string) => (sink ? sink.write(text) : io.stdout(text));
    if (to === 'csv') await emit(`\uFEFF${batchColumns.join(',')}\r\n`);
    for (const file of files) {
      let text: string;
      try {
        const report = await loadReport(file);
        const lines = to === 'csv' ? batchCsvLines(file, report, lang) : batchNdjsonLines(file, report, lang);
        text = `${lines.join(to === 'csv' ? '\r\n' : '\n')}${to === 'csv' ? '\r\n' : '\n'}`;
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        failed++;
        io.stderr(`${e.file}: ${e.message}\n`);
        continue;
      }
      await emit(text);
    }
    await sink?.end();
  } catch (e) {
    const unwritable = asOutputError(e, values.out);
    if (!unwritable) throw e;
    io.stderr(`${unwritable.file}: ${unwritable.message}${sink ? ' (the file is incomplete)' : ''}\n`);
    return exitCodes.input;
  }
  return failed ? exitCodes.input : exitCodes.ok;
}
