/** Fixture paths and the forms each corpus document is tested in. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Report, inferBodyType } from '@disclosure-report/core';
import { type CorpusCase, corpusCaseDir } from '../../core/test/shared.js';
import { quirkyPublishedOn } from './render.js';

export const fixturesDir = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export interface FormCase {
  /** A short name for the form (`text`, `rows-text`, `html`, `html-gbk`, …). */
  name: string;
  file: string;
  /** What the import must give, from the corpus's expected.json. */
  expect: (expected: Report) => Report;
  encoding?: string;
  form: 'text' | 'html' | 'docx' | 'pdf';
}

const same = (r: Report) => r;

/** The forms derived from each corpus document (scripts/fixtures.ts writes them). */
export function corpusForms(document: string | CorpusCase): FormCase[] {
  const { name, dir } = typeof document === 'string' ? { name: document, dir: corpusCaseDir(document) } : document;
  const d = join(fixturesDir, name);
  return [
    { name: 'text (corpus source)', file: join(dir, 'source.txt'), expect: same, form: 'text', encoding: 'utf-8' },
    { name: 'text, one row per line', file: join(d, 'rows.txt'), expect: same, form: 'text', encoding: 'utf-8' },
    { name: 'text GB18030', file: join(d, 'source.gb18030.txt'), expect: same, form: 'text', encoding: 'gb18030' },
    { name: 'html', file: join(d, 'page.html'), expect: same, form: 'html', encoding: 'utf-8' },
    { name: 'html GBK <meta>', file: join(d, 'page.gbk.html'), expect: same, form: 'html', encoding: 'gb18030' },
    { name: 'html GB18030 no <meta>', file: join(d, 'page.gb18030-nometa.html'), expect: same, form: 'html', encoding: 'gb18030' },
    { name: 'html quirky', file: join(d, 'quirky.html'), expect: (r) => ({ ...r, publishedOn: quirkyPublishedOn }), form: 'html', encoding: 'utf-8' },
    { name: 'docx', file: join(d, 'report.docx'), expect: same, form: 'docx' },
    { name: 'pdf', file: join(d, 'report.pdf'), expect: same, form: 'pdf' },
    { name: 'pdf without cell borders', file: join(d, 'report-borderless.pdf'), expect: same, form: 'pdf' },
  ];
}

export function readBytes(file: string): Uint8Array {
  if (!existsSync(file)) throw new Error(`missing fixture ${file}: run \`npx tsx packages/import/scripts/fixtures.ts\``);
  return new Uint8Array(readFileSync(file));
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/**
 * What an import of a rendered report gives: the report with the body type inferred from its
 * agency, where the agency's name does not already say it (人民政府) and the report has none.
 */
export function asImported(report: Report): Report {
  if (report.bodyType) return report;
  const guess = inferBodyType({ agency: report.agency, title: report.title });
  if (!guess || (guess.certain && guess.bodyType === 'government' && report.agency.endsWith('人民政府'))) return report;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(report)) {
    out[k] = v;
    if (k === 'publishedOn') out.bodyType = guess.bodyType;
  }
  return out as unknown as Report;
}
