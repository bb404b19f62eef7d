import { parseArgs } from 'node:util';
import { type Finding, type Lang, type Report, type Severity, check, countBySeverity, formatFinding } from '@disclosure-report/core';
import { expandPaths } from '../files.js';
import { type Io, InputError, UsageError, exitCodes } from '../io.js';
import { loadReport } from '../load.js';

export const checkUsage = `disclosure-report check <file|dir…> [--prev <last-year.json>] [--json] [--lang zh|en]

Checks reports against the national format's rules and prints the findings, grouped
by file and severity (errors first). Report documents (.json) are read as they are; published
sources (.txt, .html, .docx, .pdf) are imported first. A directory is checked file by file.

  --prev <file>   last year's report of the same agency (enables the prev.* rules)
  --json          print [{ "file", "findings": [{ rule, target, severity, message, cells, expected?, actual? }] }]
  --lang zh|en    language of the messages (default zh)

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

function describe(report: Report): string {
  return `${report.agency || '—'} ${report.year}（${report.format}）`;
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
    options: { prev: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' } },
  });
  const lang = parseLang(values.lang);
  if (positionals.length === 0) throw new UsageError('check needs at least one file or directory');

  let previous: Report | undefined;
  if (values.prev) {
    try {
      previous = await loadReport(values.prev);
    } catch (e) {
      if (e instanceof InputError) {
        io.stderr(`${e.file}: ${e.message}\n`);
        return exitCodes.input;
      }
      throw e;
    }
  }

  let anyErrors = false;
  let anyUnusable = false;
  let first = true;
  if (values.json) io.stdout('[');
  for await (const file of expandPaths(positionals)) {
    let report: Report;
    try {
      report = await loadReport(file);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      anyUnusable = true;
      io.stderr(`${file}: ${e.message}\n`);
      if (values.json) {
        io.stdout(`${first ? '' : ','}\n${JSON.stringify({ file, error: e.message, findings: [] })}`);
        first = false;
      }
      continue;
    }
    const findings = check(report, { lang, ...(previous ? { previous } : {}) });
    if (findings.some((f) => f.severity === 'error')) anyErrors = true;
    if (values.json) {
      // One file per line: streams, and stays valid JSON as a whole.
      io.stdout(`${first ? '' : ','}\n${JSON.stringify({ file, findings })}`);
      first = false;
      continue;
    }
    io.stdout(`${file} — ${describe(report)}\n`);
    for (const severity of order) {
      for (const f of findings) if (f.severity === severity) io.stdout(`  ${labels[lang][severity]}  ${formatFinding(f)}\n`);
    }
    io.stdout(`  ${summary(findings, lang)}\n\n`);
  }
  if (values.json) io.stdout(first ? ']\n' : '\n]\n');
  if (anyUnusable) return exitCodes.input;
  return anyErrors ? exitCodes.findings : exitCodes.ok;
}
