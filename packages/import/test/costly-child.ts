/**
 * One costly input, imported in a child process that costly.test.ts starts with a capped heap
 * (`node --max-old-space-size=512 --import tsx test/costly-child.ts <case>`). Builds the input
 * itself, imports it and prints one JSON line: the outcome, the error code, the peak memory.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sections } from '@disclosure-report/core';
import { ImportError, importReport } from '../src/index.js';
import { gridPdf } from './pdf-bomb.js';
import { docxBomb } from './zip.js';

const here = dirname(fileURLToPath(import.meta.url));
const MB = 1_000_000;
/** `unit` repeated to `size` bytes of UTF-8. */
const fill = (unit: string, size: number) => unit.repeat(Math.ceil(size / Buffer.byteLength(unit)));
const heading = (k: number) => sections[k]?.heading['zh-CN'] ?? '';
const text = (s: string) => new TextEncoder().encode(s);
const fixtureDocx = () => new Uint8Array(readFileSync(join(here, 'fixtures/chenjiaba-2023/report.docx')));

/** The costly inputs: each at most the CLI's size limits (16 MB of text, 128 MB binary). */
export const costlyCases: Record<string, { fileName: string; bytes: () => Uint8Array }> = {
  'text: 15.7 MB of filler lines': { fileName: 'a.txt', bytes: () => text(fill('|||\n', 15.7 * MB)) },
  'text: 15.7 MB of one-cell lines under a heading': { fileName: 'a.txt', bytes: () => text(`${heading(1)}\n${fill('0 |\n', 15.7 * MB)}`) },
  'HTML: many small tables (15.7 MB)': {
    fileName: 'a.html',
    bytes: () => text(`<html><body><h3>${heading(1)}</h3>${fill('<table><tr><td>规章</td><td>0</td></tr><tr><td>规章</td><td>0</td></tr></table>', 15.7 * MB)}</body></html>`),
  },
  'HTML: a 5000 × 500 table': { fileName: 'a.html', bytes: () => text(`<html><body><h3>${heading(1)}</h3><table>${`<tr>${'<td>0'.repeat(500)}`.repeat(5000)}</table></body></html>`) },
  'HTML: 3,100,000 nested tags (15.5 MB)': { fileName: 'a.html', bytes: () => text(`<html><body>${'<div>'.repeat(3_100_000)}x</body></html>`) },
  'HTML: 15.7 MB of text in one text node': { fileName: 'a.html', bytes: () => text(`${heading(1)}\n${fill('0 |\n', 15.7 * MB)}`) },
  '.docx: 900 KB inflating to 600 MB of empty paragraphs': { fileName: 'a.docx', bytes: () => docxBomb(fixtureDocx(), '<w:p/>', 100_000_000).bytes },
  '.docx: just under the markup limit (245,000 empty paragraphs)': { fileName: 'a.docx', bytes: () => docxBomb(fixtureDocx(), '<w:p/>', 245_000).bytes },
  'PDF: 60 pages sharing one stream of 9,500 bordered cells': { fileName: 'a.pdf', bytes: () => gridPdf({ pages: 60, rows: 95, columns: 100 }) },
};

async function main(name: string): Promise<void> {
  const c = costlyCases[name];
  if (!c) throw new Error(`no case ${name}`);
  const bytes = c.bytes();
  const t0 = performance.now();
  let outcome: 'ok' | 'import-error' = 'ok';
  let code: string | undefined;
  let message: string | undefined;
  try {
    await importReport(bytes, { fileName: c.fileName });
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    outcome = 'import-error';
    code = e.code;
    message = e.message;
  }
  const seconds = (performance.now() - t0) / 1000;
  // maxRSS is in kilobytes.
  const peakMB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ name, bytes: bytes.length, outcome, code, message, seconds, peakMB })}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv[2] ?? '');
