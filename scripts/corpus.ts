/**
 * `npm run corpus`: imports every corpus document (corpus/, and any DISCLOSURE_CORPUS_DIR
 * adds) in every form derived from it (packages/import/test/fixtures, made by
 * packages/import/scripts/fixtures.ts), and the edge-case fixtures, and prints a markdown
 * table: document | form | cells matched / total | whole document | completeness (cells
 * read / expected) | warning notes | time ms. Then the real published reports (corpus/real/*:
 * the publisher's own PDF or page, the truth in expected-cells.json): cells matching / cells
 * printed, the cells the publisher did not print (cells-not-printed.json) scored apart, the
 * completeness and every warning note. Then the adversarial 1 MB inputs with their times.
 * Runs on the sources (tsx).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type Report, getCell, taxonomy } from '../packages/core/src/index.js';
import { ImportError, type ImportResult, importHtml, importReport, importText } from '../packages/import/src/index.js';
import { adversarialInputs } from '../packages/import/test/adversarial.js';
import { asImported, corpusForms, fixturesDir, readBytes } from '../packages/import/test/helpers.js';
import { type CorpusCase, corpusCases, corpusDir, expectedReport, realCorpusDir } from '../packages/core/test/shared.js';

interface Case {
  document: string;
  form: string;
  file: string;
  expected: Report;
}

const cases: Case[] = [];
for (const doc of corpusCases()) {
  const expected = expectedReport(doc.name);
  for (const f of corpusForms(doc)) cases.push({ document: doc.name, form: f.name, file: f.file, expected: f.expect(expected) });
}
// A 局's report: the importer records its body type (a department's).
const county = asImported(JSON.parse(readFileSync(join(fixturesDir, 'edge', 'county-2020', 'expected.json'), 'utf8')) as Report);
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

/** Cells read / cells of the format, and how many were not read. */
const completeness = (r: ImportResult | undefined) =>
  r ? `${r.completeness.read} / ${r.completeness.expected}${r.completeness.unread.length ? ` (${r.completeness.unread.length} unread)` : ''}` : '—';
/** The notes a person should look at: cells not read, and guesses. */
const warnings = (r: ImportResult | undefined) => r?.notes.filter((n) => n.level === 'warning') ?? [];

const rows: string[] = [
  '| document | form | cells matched / total | whole document | completeness | warning notes | time ms |',
  '|---|---|---|---|---|---:|---:|',
];
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
  const outcome = whole ? 'equal' : error ? `ImportError ${cellText(error.split('\n')[0] ?? '')}` : 'differs';
  rows.push(`| ${c.document} | ${c.form} | ${m} / ${total} | ${outcome} | ${completeness(result)} | ${result ? warnings(result).length : '—'} | ${ms.toFixed(1)} |`);
}
console.log(`## Corpus (${[corpusDir, process.env.DISCLOSURE_CORPUS_DIR].filter(Boolean).join(', ')})\n`);
console.log(rows.join('\n'));

// ---------------------------------------------------------------- real published reports

/** Text in a markdown table cell: one line, pipes escaped. */
function cellText(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}
const shown = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v));

const realRows = [
  '| report | source | printed cells matching | not printed (as expected / blank / other) | completeness | warning notes | time ms |',
  '|---|---|---|---|---|---:|---:|',
];
const realDetails: string[] = [];
let realCount = 0;
let realErrors = 0;
for (const name of existsSync(realCorpusDir) ? readdirSync(realCorpusDir).sort() : []) {
  const dir = join(realCorpusDir, name);
  const file = ['source.pdf', 'source.html'].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file || !existsSync(join(dir, 'expected-cells.json'))) continue;
  const expected = JSON.parse(readFileSync(join(dir, 'expected-cells.json'), 'utf8')) as Record<string, number | null>;
  const notPrintedFile = join(dir, 'cells-not-printed.json');
  const notPrinted = new Set(existsSync(notPrintedFile) ? (JSON.parse(readFileSync(notPrintedFile, 'utf8')) as string[]) : []);
  realCount++;
  const bytes = readBytes(file);
  const t = performance.now();
  let result: ImportResult | undefined;
  try {
    result = await importReport(bytes, { fileName: file });
  } catch (e) {
    realErrors++;
    realRows.push(`| ${name} | ${file.slice(dir.length + 1)} | ImportError ${cellText(e instanceof ImportError ? `${e.code}: ${e.message}` : String(e))} | | | | |`);
    continue;
  }
  const ms = performance.now() - t;
  const got = (id: string) => getCell(result.report, id);
  const printed = Object.keys(expected).filter((id) => !notPrinted.has(id));
  const wrong = printed.filter((id) => !Object.is(got(id), expected[id]));
  const absent = [...notPrinted];
  const asExpected = absent.filter((id) => Object.is(got(id), expected[id])).length;
  const blank = absent.filter((id) => got(id) === null).length;
  const notes = warnings(result);
  realRows.push(
    `| ${name} | ${file.slice(dir.length + 1)} | ${printed.length - wrong.length} / ${printed.length} | ${absent.length ? `${absent.length} (${asExpected} / ${blank} / ${absent.length - asExpected - blank})` : '—'} | ${completeness(result)} | ${notes.length} | ${ms.toFixed(1)} |`,
  );
  realDetails.push(`### ${name}\n`);
  realDetails.push(
    wrong.length
      ? `Printed cells not matching (${wrong.length}):\n${wrong.map((id) => `- \`${id}\`: read ${shown(got(id))}, printed ${shown(expected[id])}`).join('\n')}\n`
      : 'Every printed cell matches.\n',
  );
  if (result.completeness.unread.length) realDetails.push(`Cells not read: ${result.completeness.unread.map((id) => `\`${id}\``).join(', ')}\n`);
  realDetails.push(
    notes.length
      ? `Warning notes (${notes.length}):\n${notes.map((n) => `- ${n.code}: ${n.message.replace(/\s*\n\s*/g, ' ')}`).join('\n')}\n`
      : 'No warning notes.\n',
  );
}
console.log(`\n## Real published reports (${realCorpusDir})\n`);
console.log('Printed cells: the cells of expected-cells.json the publisher printed; those it did not print (cells-not-printed.json) are scored apart.\n');
console.log(realRows.join('\n'));
if (realDetails.length) console.log(`\n${realDetails.join('\n')}`);

const { name, dir } = corpusCases()[0] as CorpusCase;
const seedText = readFileSync(join(dir, 'source.txt'), 'utf8');
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
console.log(
  `\n${cases.length} corpus cases, ${failures} not equal; ${realCount} real reports, ${realErrors} refused; ${slow} adversarial inputs over 1 s.`,
);
// A real report is scored, not required to match; refusing one outright is a failure (the importers are tolerant).
process.exitCode = failures || slow || realErrors ? 1 : 0;
