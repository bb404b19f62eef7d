import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scriptSafeJson } from '@disclosure-report/core';
import { expandPaths } from '../files.js';
import { type Io, InputError, UsageError, exitCodes } from '../io.js';
import { importFile } from '../load.js';
import { writeReason } from '../output.js';
import { Progress } from '../progress.js';

export const importUsage = `disclosure-report import <file|dir…> [-o out.json | --out-dir dir [--force]] [--details]

Reads reports as they are published (extracted text, portal HTML, .docx, PDF; UTF-8 or
GB18030) and writes report documents. One file without -o goes to standard output. A
directory is imported file by file; one bad file never stops the rest.

  -o, --out <file>   write the document of a single source here
  --out-dir <dir>    write one <name>.json per source (sub-folders kept; with several inputs, each
                     folder given goes to a folder of its name). Names never collide: <name>.<ext>.json,
                     then <name>-2.json, … when sources share a name (ignoring case). A file already
                     there is not overwritten: that source fails, named, unless --force
  --force            overwrite files already in --out-dir
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
      force: { type: 'boolean' },
    },
  });
  if (positionals.length === 0) throw new UsageError('import needs at least one file or directory');
  if (values.out && values['out-dir']) throw new UsageError('give either -o or --out-dir, not both');

  // Where a source goes under --out-dir: its path relative to the folder given (`base`), under
  // `prefix`: with several inputs, a folder given goes to a folder of its own name, so that
  // a/report.txt and b/report.txt become a/report.json and b/report.json.
  const files: { file: string; base: string; prefix: string }[] = [];
  const prefixes = new Set<string>();
  for (const input of positionals) {
    let prefix = '';
    for await (const file of expandPaths([input])) {
      const isFile = file === input;
      if (!isFile && positionals.length > 1 && !prefix) {
        const name = basename(resolve(input)) || 'input';
        prefix = name;
        for (let n = 2; prefixes.has(nameKey(prefix)); n++) prefix = `${name}-${n}`;
        prefixes.add(nameKey(prefix));
      }
      files.push({ file, base: isFile ? dirname(input) : input, prefix: isFile ? '' : prefix });
    }
  }
  const single = files.length === 1 && !values['out-dir'];
  if (!single && !values['out-dir']) throw new UsageError('several sources need --out-dir');

  const progress = new Progress(io, files.length, !single);
  // No two sources of a run get one name (report.docx and report.pdf in one folder, report.txt given
  // twice from two folders): report.json, report.pdf.json, report-2.json, … Compared ignoring case
  // and Unicode normalisation, as the file systems of Windows and macOS do.
  const taken = new Set<string>();
  const targetFor = (file: string, base: string, prefix: string): string => {
    const folder = join(values['out-dir'] as string, prefix, relative(base, dirname(file)));
    const stem = basename(file, extname(file));
    const candidates = [`${stem}.json`, `${basename(file)}.json`];
    let target = candidates.map((name) => join(folder, name)).find((t) => !taken.has(nameKey(t)));
    for (let n = 2; !target; n++) {
      const t = join(folder, `${stem}-${n}.json`);
      if (!taken.has(nameKey(t))) target = t;
    }
    taken.add(nameKey(target));
    return target;
  };
  let imported = 0;
  const failed: string[] = [];
  for (const [i, { file, base, prefix }] of files.entries()) {
    progress.update(i, file);
    try {
      const result = await importFile(file, values.strict === true);
      const out = values.details ? result : result.report;
      // Safe to paste into a page's <script type="application/json"> as it is (core's scriptSafeJson).
      const json = `${scriptSafeJson(out, 2)}\n`;
      if (single && !values.out) io.stdout(json);
      else {
        const target = values.out ? resolve(values.out) : targetFor(file, base, prefix);
        // -o names its one file; under --out-dir nothing already there is overwritten without --force
        // ('wx' creates or fails at once: no window between a check and the write, no symlink followed).
        const noClobber = !values.out && !values.force;
        try {
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, json, { flag: noClobber ? 'wx' : 'w' });
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          throw new InputError(
            file,
            code === 'EEXIST' && noClobber
              ? `not written: ${target} already exists (--force overwrites it)`
              : `cannot write ${target}: ${writeReason(e)}`,
          );
        }
        if (!values.quiet && !values.out && basename(target) !== `${basename(file, extname(file))}.json`) progress.log(`${file}: written to ${target}`);
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

/** A file name as the case-insensitive file systems compare it. */
function nameKey(path: string): string {
  return path.normalize('NFC').toLowerCase();
}
