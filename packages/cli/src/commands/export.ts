import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type Lang, type Report, batchColumns, batchCsvLines, batchNdjsonLines, toCsv, toHtml } from '@disclosure-report/core';
import { expandPaths } from '../files.js';
import { type Io, InputError, UsageError, exitCodes } from '../io.js';
import { loadReport } from '../load.js';

/** The Word writer, loaded on demand: only a Word export pays for it. */
async function toDocx(report: Report, lang: Lang): Promise<Uint8Array> {
  const docx = await import('@disclosure-report/docx');
  return docx.toDocx(report, { lang });
}

export const exportUsage = `disclosure-report export <file|dir…> --to html|docx|csv|ndjson|json [-o out] [--lang zh|en] [--page]

Writes a report (a document or any source the importers read) in another form:
  html     static HTML: the national tables with accessibility markup and no script; a fragment
           to paste into a content system (with --page: a whole page with a print stylesheet)
  docx     a Word document with the national table layout on A4 (needs -o)
  json     the report document
  csv      id,table,row,column,value with the national labels (UTF-8 with BOM for Excel/WPS);
           several reports or a folder: one line per report and cell,
           file,agency,year,format,id,table,row,column,value
  ndjson   one JSON object per report and cell, as the batch CSV

  -o, --out <file>   write here instead of standard output
  --lang zh|en       labels in Chinese (default, the national labels) or English
  --page             html: a whole page rather than a fragment

Exit status: 0 written, 2 some source could not be read (each is named; the rest is written).`;

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
            ? `${toHtml(report, { lang, page: values.page ?? false })}\n`
            : to === 'json'
              ? `${JSON.stringify(report, null, 2)}\n`
              : to === 'csv'
                ? toCsv(report, { lang })
                : `${batchNdjsonLines(file, report, lang).join('\n')}\n`;
      if (values.out) await writeFile(values.out, text);
      else if (typeof text === 'string') io.stdout(text);
      return exitCodes.ok;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.stderr(`${e.file}: ${e.message}\n`);
      return exitCodes.input;
    }
  }

  if (to !== 'csv' && to !== 'ndjson') throw new UsageError('several reports export to csv or ndjson (one line per report and cell)');
  // Streamed: a whole region's reports never sit in memory together.
  const stream = values.out ? createWriteStream(values.out) : undefined;
  const emit = (text: string) => (stream ? stream.write(text) : io.stdout(text));
  if (to === 'csv') emit(`\uFEFF${batchColumns.join(',')}\r\n`);
  let failed = 0;
  for (const file of files) {
    try {
      const report = await loadReport(file);
      const lines = to === 'csv' ? batchCsvLines(file, report, lang) : batchNdjsonLines(file, report, lang);
      emit(`${lines.join(to === 'csv' ? '\r\n' : '\n')}${to === 'csv' ? '\r\n' : '\n'}`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      failed++;
      io.stderr(`${e.file}: ${e.message}\n`);
    }
  }
  if (stream) await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return failed ? exitCodes.input : exitCodes.ok;
}
