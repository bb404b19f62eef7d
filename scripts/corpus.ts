/**
 * `npm run corpus`: imports every corpus document (../shared/corpus) in every form derived
 * from it (packages/core/test/fixtures, made by packages/core/scripts/fixtures.ts), and the
 * edge-case fixtures, and prints a markdown table: document | form | cells matched / total
 * | time ms. Then the adversarial 1 MB inputs with their times. Runs on the sources (tsx).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type Report, getCell, taxonomy } from '../packages/core/src/index.js';
import { ImportError, type ImportResult, importHtml, importReport, importText } from '../packages/core/src/import/index.js';
import { adversarialInputs } from '../packages/core/test/import/adversarial.js';
import { corpusForms, fixturesDir, readBytes } from '../packages/core/test/import/helpers.js';
import { corpusDir, corpusNames, expectedReport } from '../packages/core/test/shared.js';

interface Case {
  document: string;
  form: string;
  file: string;
  expected: Report;
}

const cases: Case[] = [];
for (const name of corpusNames()) {
  const expected = expectedReport(name);
  for (const f of corpusForms(name)) cases.push({ document: name, form: f.name, file: f.file, expected: f.expect(expected) });
}
const county = JSON.parse(readFileSync(join(fixturesDir, 'edge', 'county-2020', 'expected.json'), 'utf8')) as Report;
for (const [form, file] of [
  ['html', 'page.html'],
  ['text, one row per line', 'rows.txt'],
  ['text, one cell per line', 'cells.txt'],
  ['docx', 'report.docx'],
  ['pdf', 'report.pdf'],
] as const)
  cases.push({ document: 'edge/county-2020 (2019 format)', form, file: join(fixturesDir, 'edge', 'county-2020', file), expected: county });
const blank = JSON.parse(readFileSync(join(fixturesDir, 'edge', 'blank-cell', 'expected.json'), 'utf8')) as Report;
for (const [form, file] of [
  ['html', 'page.html'],
  ['text, one row per line', 'rows.txt'],
  ['text, one cell per line', 'cells.txt'],
] as const)
  cases.push({ document: 'edge/blank-cell', form, file: join(fixturesDir, 'edge', 'blank-cell', file), expected: blank });

function matched(result: ImportResult | undefined, expected: Report): number {
  if (!result || result.report.format !== expected.format) return 0;
  return taxonomy(expected.format).cells.filter((c) => Object.is(getCell(result.report, c.id), getCell(expected, c.id))).length;
}

const rows: string[] = ['| document | form | cells matched / total | whole document | time ms |', '|---|---|---|---|---:|'];
let failures = 0;
for (const c of cases) {
  const bytes = readBytes(c.file);
  let result: ImportResult | undefined;
  let error = '';
  await importReport(bytes, { fileName: c.file }).catch(() => undefined); // warm-up (loads mammoth / pdfjs once)
  const t = performance.now();
  try {
    result = await importReport(bytes, { fileName: c.file });
  } catch (e) {
    error = e instanceof ImportError ? `${e.code}: ${e.message}` : String(e);
  }
  const ms = performance.now() - t;
  const total = taxonomy(c.expected.format).cells.length;
  const m = matched(result, c.expected);
  const whole = result ? isDeepStrictEqual(result.report, c.expected) : false;
  if (!whole) failures++;
  rows.push(`| ${c.document} | ${c.form} | ${m} / ${total} | ${whole ? 'equal' : error ? `ImportError ${error.split('\n')[0]}` : 'differs'} | ${ms.toFixed(1)} |`);
}
console.log(`## Corpus (${corpusDir})\n`);
console.log(rows.join('\n'));

const name = corpusNames()[0] as string;
const seedText = readFileSync(join(corpusDir, name, 'source.txt'), 'utf8');
const seedHtml = readFileSync(join(fixturesDir, name, 'page.html'), 'utf8');
const adv = ['| adversarial input (≈1 MB) | form | outcome | time ms |', '|---|---|---|---:|'];
let slow = 0;
for (const [label, input] of Object.entries(adversarialInputs(seedText, seedHtml))) {
  for (const [form, f] of [
    ['text', importText],
    ['html', importHtml],
  ] as const) {
    const t = performance.now();
    let out: string;
    try {
      f(input);
      out = 'imported';
    } catch (e) {
      out = e instanceof ImportError ? `ImportError ${e.code}` : `EXCEPTION ${String(e)}`;
      if (!(e instanceof ImportError)) failures++;
    }
    const ms = performance.now() - t;
    if (ms > 1000) slow++;
    adv.push(`| ${label} (${(input.length / 1e6).toFixed(2)} M chars) | ${form} | ${out} | ${ms.toFixed(1)} |`);
  }
}
console.log('\n## Adversarial inputs\n');
console.log(adv.join('\n'));
console.log(`\n${cases.length} corpus cases, ${failures} not equal; ${slow} adversarial inputs over 1 s.`);
process.exitCode = failures || slow ? 1 : 0;
