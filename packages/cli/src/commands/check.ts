import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import {
  AggregateError,
  ExpectedBodiesError,
  type ExpectedBody,
  type Finding,
  type Lang,
  RegionSum,
  type ReportSummaryLine,
  countBySeverity,
  coverageFindings,
  parseExpectedBodies,
} from '@disclosure-report/core';
import { type CheckJob, type FileResult, PreviousReports, checkSourceLater, checkSourceNow, packsOf, refusedBeforeRun } from '../checking.js';
import { expandPaths } from '../files.js';
import { loadReport } from '../load.js';
import { DuplicateIndex } from '../duplicates.js';
import { type Io, InputError, UsageError, exitCodes } from '../io.js';
import { type Messages, displayWidth, fileLine, listed, messages, padDisplay, severityOrder } from '../messages.js';
import { checkInWorkers } from '../pool.js';
import { type Source, checkSources } from '../sources.js';

/**
 * One report's findings as people read them: the severity label, padded to the same display
 * width (汉字 are two columns) so that every message starts in the same column, then the message;
 * `ids` appends `rule[target]`. A finding's note goes on the next line, under its message.
 */
export function formatFindings(findings: readonly Finding[], m: Messages, ids = false): string[] {
  const width = Math.max(...severityOrder.map((s) => displayWidth(m.severity[s])));
  const indent = ' '.repeat(2 + width + 2);
  const lines: string[] = [];
  for (const f of listed(findings)) {
    lines.push(`  ${padDisplay(m.severity[f.severity], width)}  ${f.message}${ids ? `  ${f.rule}[${f.target}]` : ''}`);
    if (typeof f.note === 'string' && f.note) lines.push(`${indent}${f.note}`);
  }
  return lines;
}

/** `--jobs auto` looks at this many inputs first… */
export const autoLook = 32;
/** …and takes worker processes when at least this many of them are published sources. */
export const autoPublished = 8;

/**
 * How many processes `--jobs auto` checks in, from the number of cores and the first inputs. One
 * (this process) unless there are more than 2 cores and at least {@link autoPublished} of the first
 * {@link autoLook} inputs are published sources, which take tens to hundreds of milliseconds each to
 * import. Report documents take well under a millisecond each to read, parse and check, and
 * handing one to a worker and its findings back costs the main process 40 to 60% of that
 * (measured on 10,000 documents: `--jobs 2` on 2 cores took 1.5 to 2.5 times as long as `--jobs 1`).
 */
export function autoWorkers(cores: number, first: readonly Source[]): number {
  if (cores <= 2) return 1;
  const published = first.filter((s) => s.kind === 'file' && !s.file.toLowerCase().endsWith('.json')).length;
  return published >= autoPublished ? cores : 1;
}

/** Looks at the first inputs (a few, held) for `--jobs auto`; the inputs come on unchanged. */
async function decideAuto(sources: AsyncIterable<Source>): Promise<{ workers: number; sources: AsyncIterable<Source> }> {
  const cores = availableParallelism();
  if (cores <= 2) return { workers: 1, sources };
  const iterator = sources[Symbol.asyncIterator]();
  const first: Source[] = [];
  let done = false;
  while (first.length < autoLook) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    first.push(next.value);
  }
  const all = (async function* () {
    yield* first.splice(0);
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  return { workers: autoWorkers(cores, first), sources: all };
}

/** One result as printed: for --ndjson or --json its entry, otherwise its lines (nothing for an error: said on stderr). */
function printed(result: FileResult, m: Messages, ids: boolean | undefined, json: boolean): string {
  if (json) {
    const { title: _title, key: _key, located: _located, meta: _meta, ...entry } = result;
    return JSON.stringify(entry);
  }
  if (result.error) return '';
  const read = result.completeness;
  const completeness = read ? ` — ${m.cellsRead(read.read, read.expected)}` : '';
  let text = `${result.file} — ${result.title}${completeness}\n`;
  for (const line of formatFindings(result.findings, m, ids)) text += `${line}\n`;
  return `${text}  ${m.summary(countBySeverity(result.findings))}\n\n`;
}

/** Runs `check`; returns the exit code. */
export async function runCheck(args: string[], io: Io, lang: Lang = 'zh-CN'): Promise<number> {
  const m = messages(lang);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      prev: { type: 'string' },
      json: { type: 'boolean' },
      ndjson: { type: 'boolean' },
      ids: { type: 'boolean' },
      jobs: { type: 'string', short: 'j' },
      strict: { type: 'boolean' },
      rules: { type: 'string', multiple: true },
      parts: { type: 'string' },
      expect: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError(m.needsFiles('check'));
  if (values.json && values.ndjson) throw new UsageError(m.jsonAndNdjson);
  const jobs = values.jobs === undefined ? 1 : values.jobs === 'auto' ? 'auto' : Number(values.jobs);
  if (jobs !== 'auto' && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(m.badJobs(String(values.jobs)));

  const job: CheckJob = {
    lang,
    ...(values.prev ? { prev: values.prev } : {}),
    ...(values.strict ? { strict: true } : {}),
    ...(values.rules?.length ? { rules: values.rules } : {}),
  };
  let previous: PreviousReports | undefined;
  let expected: ExpectedBody[] | undefined;
  try {
    // The packs, the list and the parts before any report: a pack that cannot be used stops the run (exit 2).
    packsOf(job);
    if (values.expect) expected = await readExpected(values.expect, lang);
    if (values.parts) job.parts = await readParts(values.parts, lang, (line) => io.stderr(line));
    // Read once, here: a worker asks this process for the report it needs.
    if (values.prev) previous = await PreviousReports.open(values.prev, lang, (e) => io.stderr(`${fileLine(m, e.file, m.prevNotUsed(e.message))}\n`));
  } catch (e) {
    return refusedBeforeRun(e, io, m);
  }

  let sources: AsyncIterable<Source> = checkSources(positionals, m);
  let workers = 1;
  if (jobs === 'auto') ({ workers, sources } = await decideAuto(sources));
  else workers = jobs;
  // The parts' sum lives in this process.
  if (job.parts) workers = 1;
  const lines: ReportSummaryLine[] = [];

  let anyErrors = false;
  let anyUnusable = false;
  let first = true;
  // A digest, the key and the first file's name per report, outside the heap: 100,000 reports take about 10 MB.
  const seen = new DuplicateIndex();
  const json = Boolean(values.json || values.ndjson);
  const out = io.stdoutBytes ? new BatchedOutput(io, io.stdoutBytes) : undefined;
  const stdout = (text: string) => (out ? out.write(text) : (io.stdout(text), io.drained?.()));
  const stderr = (text: string) => {
    // What was printed before the message goes out before it (stdout and stderr may be one terminal).
    out?.flush(false);
    io.stderr(text);
  };
  /** Prints one result; a promise when stdout is to be waited for. */
  const emit = (result: FileResult): Promise<void> | undefined => {
    if (result.error) {
      anyUnusable = true;
      stderr(`${fileLine(m, result.file, result.error, result.located)}\n`);
    }
    if (result.key) {
      const earlier = seen.seen(result.key, result.file);
      if (earlier !== undefined) {
        result.duplicateOf = earlier;
        stderr(`${fileLine(m, result.file, m.duplicate(earlier))}\n`);
      }
    }
    if (result.findings.some((f) => f.severity === 'error')) anyErrors = true;
    if (expected && result.meta) lines.push(result.meta);
    const text = printed(result, m, values.ids, json);
    const separator = first ? '' : ',';
    first = false;
    // --json: one file per line, so it streams and stays valid JSON as a whole; --ndjson: a line each.
    // Results are written as they come: a reader slower than the checks holds them up here, not in memory.
    if (values.json) return stdout(`${separator}\n${text}`);
    if (values.ndjson) return stdout(`${text}\n`);
    return text ? stdout(text) : undefined;
  };
  try {
    if (values.json) await stdout('[');
    if (workers > 1) {
      for await (const result of checkInWorkers(sources, job, workers, previous)) await emit(result);
    } else {
      for await (const source of sources) {
        // Without a promise per entry where nothing is asynchronous (a UTF-8 report document).
        const results = checkSourceNow(source, job, previous) ?? (await checkSourceLater(source, job, previous));
        for (const result of results) {
          const wait = emit(result);
          if (wait) await wait;
        }
      }
    }
    if (expected) {
      const findings = coverageFindings(lines, expected, { lang });
      if (findings.some((f) => f.severity === 'error')) anyErrors = true;
      const region = { expect: values.expect, reports: lines.length, bodies: expected.length, findings };
      if (values.json) await stdout(`${first ? '' : ','}\n${JSON.stringify({ region })}`);
      else if (values.ndjson) await stdout(`${JSON.stringify({ region })}\n`);
      else await stdout(regionBlock(findings, lines.length, expected.length, values.expect as string, m, values.ids));
      first = false;
    }
    if (values.json) await stdout(first ? ']\n' : '\n]\n');
  } finally {
    await out?.flush();
  }
  if (anyUnusable) return exitCodes.input;
  return anyErrors ? exitCodes.findings : exitCodes.ok;
}

/** The list of bodies expected to report (`--expect`), read and checked before any report. */
async function readExpected(file: string, lang: Lang): Promise<ExpectedBody[]> {
  const m = messages(lang);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(file, m.cannotRead((e as Error).message));
  }
  try {
    return parseExpectedBodies(text, { lang });
  } catch (e) {
    if (e instanceof ExpectedBodiesError) throw new InputError(file, e.message);
    throw e;
  }
}

/**
 * The reports a summary summarises (`--parts`), summed one at a time. A file that cannot be read
 * stops the run (a sum short of a report would make the comparison wrong without saying so).
 */
async function readParts(dir: string, lang: Lang, stderr: (line: string) => void): Promise<RegionSum> {
  const m = messages(lang);
  const sum = new RegionSum(lang, 3);
  let failed = 0;
  for await (const file of expandPaths([dir])) {
    try {
      sum.add(await loadReport(file, false, lang));
    } catch (e) {
      if (e instanceof AggregateError) throw new InputError(file, e.message);
      if (!(e instanceof InputError)) throw e;
      failed++;
      stderr(`${fileLine(m, e.file, e.message, e.located)}\n`);
    }
  }
  if (failed) throw new InputError(dir, m.partsIncomplete(failed));
  if (!sum.count) throw new InputError(dir, m.aggregateNothing);
  return sum;
}

/** What `--expect` found, for people: after the reports, each body missing, unexpected, duplicated or late. */
function regionBlock(findings: readonly Finding[], reports: number, bodies: number, file: string, m: Messages, ids?: boolean): string {
  let text = `${m.regionHeading(file, reports, bodies)}\n`;
  for (const line of formatFindings(findings, m, ids)) text += `${line}\n`;
  const count = (rule: string) => findings.filter((f) => f.rule === rule).length;
  return `${text}  ${m.regionSummary(count('region.missing'), count('region.unexpected'), count('region.duplicate'), count('region.late'))}\n\n`;
}

/**
 * Standard output in writes of some 64 KB rather than one per report: a write (a system call,
 * and the stream's work around it) cost a tenth of a report's check. The text is encoded at once
 * into a buffer outside the heap and let go: strings held until a batch was full survived the
 * young generation's collections, and V8 grew it (some 15 MB more memory). Nothing waits in the
 * batch for long: it is written once full, before anything goes to stderr, when the run ends,
 * and whenever the run waits for input (the next turn of the event loop), so results read from
 * a slow standard input still come out one by one.
 */
class BatchedOutput {
  private readonly bytes = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  private scheduled = false;

  constructor(
    private readonly io: Io,
    private readonly writeBytes: (bytes: Uint8Array) => void,
  ) {}

  /** Adds text; a promise when stdout is to be waited for (a batch was written and the reader is behind). */
  write(text: string): Promise<void> | undefined {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.used + 3 * text.length > this.bytes.length) {
      const wait = this.flush();
      if (3 * text.length > this.bytes.length) {
        this.writeBytes(Buffer.from(text, 'utf8'));
        return this.io.drained?.();
      }
      this.used = this.bytes.write(text, 0, 'utf8');
      return wait;
    }
    this.used += this.bytes.write(text, this.used, 'utf8');
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        // Not waited for here: the next full batch waits for the reader.
        this.flush(false);
      });
    }
    return undefined;
  }

  /** Writes what is gathered (a copy: the stream may hold it while this buffer fills again); a promise when stdout is to be waited for (and `wait`). */
  flush(wait = true): Promise<void> | undefined {
    if (this.used === 0) return undefined;
    const batch = Buffer.from(this.bytes.subarray(0, this.used));
    this.used = 0;
    this.writeBytes(batch);
    return wait ? this.io.drained?.() : undefined;
  }
}
