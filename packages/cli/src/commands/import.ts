import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Lang, scriptSafeJson } from '@disclosure-report/core';
import type { ImportResult } from '@disclosure-report/import';
import { expandPaths } from '../files.js';
import { type Io, InputError, UsageError, exitCodes } from '../io.js';
import { importDetails, importFile } from '../load.js';
import { fileLine, messages } from '../messages.js';
import { writeReason } from '../output.js';
import { Progress } from '../progress.js';

/** Output files written at once under --out-dir (mkdir and write), while the next sources are read. */
const writesInFlight = 8;

/** Runs `import`; returns the exit code. */
export async function runImport(args: string[], io: Io, lang: Lang = 'zh-CN'): Promise<number> {
  const m = messages(lang);
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
  if (positionals.length === 0) throw new UsageError(m.needsFiles('import'));
  if (values.out && values['out-dir']) throw new UsageError(m.outAndOutDir);

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
  if (!single && !values['out-dir']) throw new UsageError(m.severalNeedOutDir);

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
  const fail = (file: string, e: unknown) => {
    // Whatever goes wrong with one file is that file's failure; the run goes on.
    failed.push(file);
    progress.log(e instanceof InputError ? fileLine(m, file, e.message, e.located) : fileLine(m, file, m.unexpectedFailure((e as Error).message)));
  };
  const done = async (file: string, result: ImportResult, target: string | undefined) => {
    if (target && !values.quiet && !values.out && basename(target) !== `${basename(file, extname(file))}.json`) progress.log(fileLine(m, file, m.writtenTo(target)));
    if (!values.quiet) {
      const { read, expected } = result.completeness;
      progress.log(fileLine(m, file, m.importRead(read, expected)));
      // The notes in the run's language, as check lists them (import.<code> findings), with their code and cell.
      const { importFindings } = await import('@disclosure-report/import');
      for (const note of importFindings(result, lang)) {
        const code = note.rule.slice('import.'.length);
        const cell = note.cells[0];
        progress.log(fileLine(m, file, `${note.severity === 'warning' ? `${m.warningWord} ` : ''}${code}${cell ? ` ${cell}` : ''}${m.colon}${note.message}`));
      }
    }
    imported++;
  };
  const write = async (file: string, target: string, json: string) => {
    // -o names its one file; under --out-dir nothing already there is overwritten without --force
    // ('wx' creates or fails at once: no window between a check and the write, no symlink followed).
    const noClobber = !values.out && !values.force;
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, json, { flag: noClobber ? 'wx' : 'w' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(file, code === 'EEXIST' && noClobber ? m.notWritten(target) : m.cannotWriteTo(target, writeReason(e, lang)));
    }
  };
  // The writes run a few at a time while the next sources are imported. What is said about a
  // source waits for its write, and the queue is taken in order: messages, the count and the list
  // of failures come out in the files' order, as when each write was awaited in turn.
  const queue: Promise<() => Promise<void> | void>[] = [];
  const next = async () => (await (queue.shift() as Promise<() => Promise<void> | void>))();
  for (const [i, { file, base, prefix }] of files.entries()) {
    progress.update(i, file);
    let settled: Promise<() => Promise<void> | void>;
    try {
      const result = await importFile(file, values.strict === true, lang);
      // --details: the document `<disclosure-report src>` reads as it is (see importDetails).
      const out = values.details ? await importDetails(file, result, lang) : result.report;
      // Safe to paste into a page's <script type="application/json"> as it is (core's scriptSafeJson).
      const json = `${scriptSafeJson(out, 2)}\n`;
      if (single && !values.out) {
        io.stdout(json);
        settled = Promise.resolve(() => done(file, result, undefined).catch((e: unknown) => fail(file, e)));
      } else {
        // Names are taken here, in the files' order, whenever the writes finish.
        const target = values.out ? resolve(values.out) : targetFor(file, base, prefix);
        settled = write(file, target, json).then(
          () => () => done(file, result, target).catch((e: unknown) => fail(file, e)),
          (e: unknown) => () => fail(file, e),
        );
      }
    } catch (e) {
      settled = Promise.resolve(() => fail(file, e));
    }
    queue.push(settled);
    while (queue.length >= writesInFlight) await next();
  }
  while (queue.length) await next();
  progress.done();
  if (!single || failed.length) {
    io.stderr(`${m.imported(imported, files.length, failed.length)}\n`);
    for (const f of failed) io.stderr(`  ${m.failedFile(f)}\n`);
  }
  return failed.length ? exitCodes.input : exitCodes.ok;
}

/** A file name as the case-insensitive file systems compare it. */
function nameKey(path: string): string {
  return path.normalize('NFC').toLowerCase();
}
