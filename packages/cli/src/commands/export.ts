import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Lang, type Report, batchColumns, batchCsvLines, batchNdjsonLines, printCss, toCsv, toHtml, toJson } from '@disclosure-report/core';
import { expandPaths } from '../files.js';
import { type Io, InputError, UsageError, exitCodes } from '../io.js';
import { loadReport } from '../load.js';
import { fileLine, messages } from '../messages.js';
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

const forms = ['html', 'docx', 'json', 'csv', 'ndjson'] as const;
type Form = (typeof forms)[number];

/** Runs `export`; returns the exit code. */
export async function runExport(args: string[], io: Io, lang: Lang = 'zh-CN'): Promise<number> {
  const m = messages(lang);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { to: { type: 'string' }, out: { type: 'string', short: 'o' }, page: { type: 'boolean' } },
  });
  const to = values.to as Form;
  if (!forms.includes(to)) throw new UsageError(m.badForm(forms, values.to ?? ''));
  if (positionals.length === 0) throw new UsageError(m.needsFiles('export'));

  const files: string[] = [];
  for await (const f of expandPaths(positionals)) files.push(f);
  const batch = files.length > 1 || positionals.some((p) => p !== files[0]);

  if (to === 'docx' && !values.out) throw new UsageError(m.docxNeedsOut);
  if (!batch) {
    const file = files[0] as string;
    try {
      const report = await loadReport(file, false, lang);
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
          throw asOutputError(e, out, lang) ?? e;
        });
      }
      else if (typeof text === 'string') io.stdout(text);
      return exitCodes.ok;
    } catch (e) {
      // A file that cannot be written (-o, or the stylesheet beside a page) is named, as a source that cannot be read.
      const unwritable = asOutputError(e, undefined, lang);
      if (unwritable) {
        io.stderr(`${fileLine(m, unwritable.file, unwritable.message)}\n`);
        return exitCodes.input;
      }
      if (!(e instanceof InputError)) throw e;
      io.stderr(`${fileLine(m, e.file, e.message, e.located)}\n`);
      return exitCodes.input;
    }
  }

  if (to !== 'csv' && to !== 'ndjson') throw new UsageError(m.batchForms);
  // Streamed, with back-pressure (a file: each write waits for 'drain'; standard output is written
  // synchronously): a whole region's reports never sit in memory together. The file is opened
  // first, so a bad -o is said before any report is read.
  let sink: FileSink | undefined;
  let failed = 0;
  try {
    if (values.out) sink = await openOutput(values.out, lang);
    const emit = async (text: string) => (sink ? sink.write(text) : io.stdout(text));
    if (to === 'csv') await emit(`\uFEFF${batchColumns.join(',')}\r\n`);
    for (const file of files) {
      let text: string;
      try {
        const report = await loadReport(file, false, lang);
        const lines = to === 'csv' ? batchCsvLines(file, report, lang) : batchNdjsonLines(file, report, lang);
        text = `${lines.join(to === 'csv' ? '\r\n' : '\n')}${to === 'csv' ? '\r\n' : '\n'}`;
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        failed++;
        io.stderr(`${fileLine(m, e.file, e.message, e.located)}\n`);
        continue;
      }
      await emit(text);
    }
    await sink?.end();
  } catch (e) {
    const unwritable = asOutputError(e, values.out, lang);
    if (!unwritable) throw e;
    io.stderr(`${fileLine(m, unwritable.file, unwritable.message)}${sink ? m.incomplete : ''}\n`);
    return exitCodes.input;
  }
  return failed ? exitCodes.input : exitCodes.ok;
}
