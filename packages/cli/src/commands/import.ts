import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { expandPaths } from '../files.js';
import { type Io, InputError, UsageError, exitCodes } from '../io.js';
import { importFile } from '../load.js';
import { Progress } from '../progress.js';

export const importUsage = `disclosure-report import <file|dir…> [-o out.json | --out-dir dir] [--details]

Reads reports as they are published (extracted text, portal HTML, .docx, PDF; UTF-8 or
GB18030) and writes report documents. One file without -o goes to standard output. A
directory is imported file by file; one bad file never stops the rest.

  -o, --out <file>   write the document of a single source here
  --out-dir <dir>    write one <name>.json per source (sub-folders kept; <name>.<ext>.json when
                     two sources of one folder share a name)
  --details          write { report, form, encoding, provenance, notes, missing, completeness }
                     instead of the bare document
  --strict           refuse a source on its first cell, row or label that differs from the national
                     format (default: keep every cell that can be read; a cell that cannot is null,
                     with a warning note saying where and why)
  --quiet            no notes on standard error

Each source's notes and completeness (cells read / cells of the format) go to standard error.
Exit status: 0 all imported, 2 some source could not be imported (no report table in it; each is named).`;

/** Runs `import`; returns the exit code. */
export async function runImport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      'out-dir': { type: 'string' },
      details: { type: 'boolean' },
      strict: { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
  });
  if (positionals.length === 0) throw new UsageError('import needs at least one file or directory');
  if (values.out && values['out-dir']) throw new UsageError('give either -o or --out-dir, not both');

  const files: { file: string; base: string }[] = [];
  for (const input of positionals) {
    for await (const file of expandPaths([input])) files.push({ file, base: file === input ? dirname(input) : input });
  }
  const single = files.length === 1 && !values['out-dir'];
  if (!single && !values['out-dir']) throw new UsageError('several sources need --out-dir');

  const progress = new Progress(io, files.length, !single);
  // report.docx and report.pdf in one folder must not both become report.json.
  const written = new Set<string>();
  const targetFor = (file: string, base: string): string => {
    const folder = join(values['out-dir'] as string, relative(base, dirname(file)));
    let target = join(folder, `${basename(file, extname(file))}.json`);
    if (written.has(target)) target = join(folder, `${basename(file)}.json`);
    written.add(target);
    return target;
  };
  let imported = 0;
  const failed: string[] = [];
  for (const [i, { file, base }] of files.entries()) {
    progress.update(i, file);
    try {
      const result = await importFile(file, values.strict === true);
      const out = values.details ? result : result.report;
      const json = `${JSON.stringify(out, null, 2)}\n`;
      if (single && !values.out) io.stdout(json);
      else {
        const target = values.out ? resolve(values.out) : targetFor(file, base);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, json);
      }
      if (!values.quiet) {
        const { read, expected } = result.completeness;
        progress.log(`${file}: ${read} of ${expected} cells read${read < expected ? ` (${expected - read} left blank: see the warnings)` : ''}`);
        for (const note of result.notes) {
          progress.log(`${file}: ${note.level === 'warning' ? 'warning ' : ''}${note.code}${note.cell ? ` ${note.cell}` : ''}: ${note.message}`);
        }
      }
      imported++;
    } catch (e) {
      // Whatever goes wrong with one file is that file's failure; the run goes on.
      failed.push(file);
      progress.log(`${file}: ${e instanceof InputError ? e.message : `unexpected failure: ${(e as Error).message}`}`);
    }
  }
  progress.done();
  if (!single || failed.length) {
    io.stderr(`imported ${imported} of ${files.length}${failed.length ? `; failed: ${failed.length}` : ''}\n`);
    for (const f of failed) io.stderr(`  failed: ${f}\n`);
  }
  return failed.length ? exitCodes.input : exitCodes.ok;
}
