import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { type Finding, type Lang, type Severity, countBySeverity } from '@disclosure-report/core';
import { type CheckJob, PreviousReports, checkFile } from '../checking.js';
import { expandPaths } from '../files.js';
import { type Io, InputError, UsageError, exitCodes } from '../io.js';
import { type Messages, displayWidth, fileLine, messages, padDisplay } from '../messages.js';
import { checkInWorkers } from '../pool.js';

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

/** Runs `check`; returns the exit code. */
export async function runCheck(args: string[], io: Io, lang: Lang = 'zh-CN'): Promise<number> {
  const m = messages(lang);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      prev: { type: 'string' },
      json: { type: 'boolean' },
      ids: { type: 'boolean' },
      jobs: { type: 'string', short: 'j' },
      strict: { type: 'boolean' },
    },
  });
  if (positionals.length === 0) throw new UsageError(m.needsFiles('check'));
  const jobs = values.jobs === undefined ? 1 : values.jobs === 'auto' ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(m.badJobs(String(values.jobs)));

  const job: CheckJob = { lang, ...(values.prev ? { prev: values.prev } : {}), ...(values.strict ? { strict: true } : {}) };
  const previous = values.prev ? new PreviousReports(values.prev, lang) : undefined;
  try {
    await previous?.validate();
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`${fileLine(m, e.file, e.message, e.located)}\n`);
      return exitCodes.input;
    }
    throw e;
  }

  const files = expandPaths(positionals);
  const results =
    jobs > 1
      ? checkInWorkers(files, job, jobs)
      : (async function* () {
          for await (const file of files) yield await checkFile(file, job, previous);
        })();

  let anyErrors = false;
  let anyUnusable = false;
  let first = true;
  // Only the keys are kept (a few bytes a report), so memory stays flat enough for a province.
  const seen = new Map<string, string>();
  if (values.json) io.stdout('[');
  for await (const result of results) {
    if (result.error) {
      anyUnusable = true;
      io.stderr(`${fileLine(m, result.file, result.error, result.located)}\n`);
    }
    if (result.key) {
      const earlier = seen.get(result.key);
      if (earlier) {
        result.duplicateOf = earlier;
        io.stderr(`${fileLine(m, result.file, m.duplicate(earlier))}\n`);
      } else seen.set(result.key, result.file);
    }
    if (result.findings.some((f) => f.severity === 'error')) anyErrors = true;
    if (values.json) {
      // One file per line: streams, and stays valid JSON as a whole.
      const { title: _title, key: _key, located: _located, ...entry } = result;
      io.stdout(`${first ? '' : ','}\n${JSON.stringify(entry)}`);
      first = false;
      continue;
    }
    if (result.error) continue;
    const read = result.completeness;
    const completeness = read ? ` — ${m.cellsRead(read.read, read.expected)}` : '';
    io.stdout(`${result.file} — ${result.title}${completeness}\n`);
    for (const line of formatFindings(result.findings, m, values.ids)) io.stdout(`${line}\n`);
    io.stdout(`  ${m.summary(countBySeverity(result.findings))}\n\n`);
  }
  if (values.json) io.stdout(first ? ']\n' : '\n]\n');
  if (anyUnusable) return exitCodes.input;
  return anyErrors ? exitCodes.findings : exitCodes.ok;
}
