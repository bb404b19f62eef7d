import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { type Finding, type Lang, type Severity, countBySeverity } from '@disclosure-report/core';
import { type CheckJob, type FileResult, PreviousReports, checkSource } from '../checking.js';
import { DuplicateIndex } from '../duplicates.js';
import { type Io, InputError, UsageError, exitCodes } from '../io.js';
import { type Messages, displayWidth, fileLine, messages, padDisplay } from '../messages.js';
import { checkInWorkers } from '../pool.js';
import { type Source, checkSources } from '../sources.js';

const order: Severity[] = ['error', 'warning', 'info'];

/**
 * Findings in the order they are listed: `suspect.cell` first (the cell to fix, which explains
 * the failing sums below it), then by severity in the engine's order.
 */
function listed(findings: readonly Finding[]): Finding[] {
  const rest = findings.filter((f) => f.rule !== 'suspect.cell');
  return [...findings.filter((f) => f.rule === 'suspect.cell'), ...order.flatMap((s) => rest.filter((f) => f.severity === s))];
}

/**
 * One report's findings as people read them: the severity label, padded to the same display
 * width (汉字 are two columns) so that every message starts in the same column, then the message;
 * `ids` appends `rule[target]`. A finding's note goes on the next line, under its message.
 */
export function formatFindings(findings: readonly Finding[], m: Messages, ids = false): string[] {
  const width = Math.max(...order.map((s) => displayWidth(m.severity[s])));
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
    const { title: _title, key: _key, located: _located, ...entry } = result;
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
    },
  });
  if (positionals.length === 0) throw new UsageError(m.needsFiles('check'));
  if (values.json && values.ndjson) throw new UsageError(m.jsonAndNdjson);
  const jobs = values.jobs === undefined ? 1 : values.jobs === 'auto' ? 'auto' : Number(values.jobs);
  if (jobs !== 'auto' && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(m.badJobs(String(values.jobs)));

  const job: CheckJob = { lang, ...(values.prev ? { prev: values.prev } : {}), ...(values.strict ? { strict: true } : {}) };
  let previous: PreviousReports | undefined;
  try {
    // Read once, here: a worker asks this process for the report it needs.
    if (values.prev) previous = await PreviousReports.open(values.prev, lang, (e) => io.stderr(`${fileLine(m, e.file, m.prevNotUsed(e.message))}\n`));
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`${fileLine(m, e.file, e.message, e.located)}\n`);
      return exitCodes.input;
    }
    throw e;
  }

  let sources: AsyncIterable<Source> = checkSources(positionals, m);
  let workers = 1;
  if (jobs === 'auto') ({ workers, sources } = await decideAuto(sources));
  else workers = jobs;

  let anyErrors = false;
  let anyUnusable = false;
  let first = true;
  // A digest, the key and the first file's name per report, outside the heap: 100,000 reports take about 10 MB.
  const seen = new DuplicateIndex();
  const json = Boolean(values.json || values.ndjson);
  const emit = async (result: FileResult) => {
    if (result.error) {
      anyUnusable = true;
      io.stderr(`${fileLine(m, result.file, result.error, result.located)}\n`);
    }
    if (result.key) {
      const earlier = seen.seen(result.key, result.file);
      if (earlier !== undefined) {
        result.duplicateOf = earlier;
        io.stderr(`${fileLine(m, result.file, m.duplicate(earlier))}\n`);
      }
    }
    if (result.findings.some((f) => f.severity === 'error')) anyErrors = true;
    const text = printed(result, m, values.ids, json);
    // --json: one file per line, so it streams and stays valid JSON as a whole; --ndjson: a line each.
    if (values.json) io.stdout(`${first ? '' : ','}\n${text}`);
    else if (values.ndjson) io.stdout(`${text}\n`);
    else if (text) io.stdout(text);
    first = false;
    // Results are written as they come: a reader slower than the checks holds them up here, not in memory.
    await io.drained?.();
  };
  if (values.json) io.stdout('[');
  if (workers > 1) for await (const result of checkInWorkers(sources, job, workers, previous)) await emit(result);
  else for await (const source of sources) for (const result of await checkSource(source, job, previous)) await emit(result);
  if (values.json) io.stdout(first ? ']\n' : '\n]\n');
  if (anyUnusable) return exitCodes.input;
  return anyErrors ? exitCodes.findings : exitCodes.ok;
}
