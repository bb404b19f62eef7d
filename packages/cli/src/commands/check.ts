import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { type Finding, type Lang, type Severity, countBySeverity, formatFinding } from '@disclosure-report/core';
import { type CheckJob, PreviousReports, checkFile } from '../checking.js';
import { expandPaths } from '../files.js';
import { type Io, InputError, UsageError, exitCodes } from '../io.js';
import { checkInWorkers } from '../pool.js';

export const checkUsage = `disclosure-report check <file|dir…> [--prev <last-year.json|dir>] [--json] [--lang zh|en] [--jobs N|auto] [--strict]

Checks reports against the national format's rules and prints the findings, grouped
by file and severity (errors first). Report documents (.json) are read as they are; published
sources (.txt, .html, .docx, .pdf) are imported first. A directory is checked file by file.

  --prev <file>   last year's report of the same agency (enables the prev.* rules); a folder
                  of last year's reports is matched by agency and year
  --jobs N|auto   check in N worker processes (auto: one per core); output keeps the files' order.
                  Each worker's heap is at most DISCLOSURE_WORKER_MAX_MB (default 1024) MB: a file
                  that needs more, or that makes a worker crash, is named as not checked (exit 2)
                  and the rest are checked
  --json          print [{ "file", "findings": [{ rule, target, severity, message, cells, expected?, actual? }],
                  "completeness"?: { read, expected } }] (completeness: for a published source)
  --lang zh|en    language of the messages (default zh)
  --strict        refuse a published source on its first cell, row or label that differs from the
                  national format (default: check what could be read; what could not is reported
                  as import.* findings, e.g. import.unread-cell, import.label-matched)

A published source is refused (exit 2) only when no report table can be read in it.
Exit status: 0 no error-level finding, 1 some error-level finding, 2 unusable input.`;

const order: Severity[] = ['error', 'warning', 'info'];
const labels: Record<Lang, Record<Severity, string>> = {
  'zh-CN': { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

function parseLang(value: string | undefined): Lang {
  if (value === undefined || value === 'zh' || value === 'zh-CN') return 'zh-CN';
  if (value === 'en') return 'en';
  throw new UsageError(`--lang must be zh or en, got "${value}"`);
}

function summary(findings: readonly Finding[], lang: Lang): string {
  const c = countBySeverity(findings);
  return lang === 'en'
    ? `${c.error} errors, ${c.warning} warnings, ${c.info} info`
    : `错误 ${c.error} 项，警告 ${c.warning} 项，提示 ${c.info} 项`;
}

/** Runs `check`; returns the exit code. */
export async function runCheck(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      prev: { type: 'string' },
      json: { type: 'boolean' },
      lang: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      strict: { type: 'boolean' },
    },
  });
  const lang = parseLang(values.lang);
  if (positionals.length === 0) throw new UsageError('check needs at least one file or directory');
  const jobs = values.jobs === undefined ? 1 : values.jobs === 'auto' ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number ≥ 1 or auto, got "${values.jobs}"`);

  const job: CheckJob = { lang, ...(values.prev ? { prev: values.prev } : {}), ...(values.strict ? { strict: true } : {}) };
  const previous = values.prev ? new PreviousReports(values.prev) : undefined;
  try {
    await previous?.validate();
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`${e.file}: ${e.message}\n`);
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
      io.stderr(`${result.file}: ${result.error}\n`);
    }
    if (result.key) {
      const earlier = seen.get(result.key);
      if (earlier) {
        result.duplicateOf = earlier;
        io.stderr(`${result.file}: the same report (agency, year, format) as ${earlier}\n`);
      } else seen.set(result.key, result.file);
    }
    if (result.findings.some((f) => f.severity === 'error')) anyErrors = true;
    if (values.json) {
      // One file per line: streams, and stays valid JSON as a whole.
      const { title: _title, key: _key, ...entry } = result;
      io.stdout(`${first ? '' : ','}\n${JSON.stringify(entry)}`);
      first = false;
      continue;
    }
    if (result.error) continue;
    const read = result.completeness;
    const completeness = read ? (lang === 'en' ? ` — ${read.read} of ${read.expected} cells read` : ` — 读取 ${read.read}/${read.expected} 个单元格`) : '';
    io.stdout(`${result.file} — ${result.title}${completeness}\n`);
    for (const severity of order) {
      for (const f of result.findings) if (f.severity === severity) io.stdout(`  ${labels[lang][severity]}  ${formatFinding(f)}\n`);
    }
    io.stdout(`  ${summary(result.findings, lang)}\n\n`);
  }
  if (values.json) io.stdout(first ? ']\n' : '\n]\n');
  if (anyUnusable) return exitCodes.input;
  return anyErrors ? exitCodes.findings : exitCodes.ok;
}
