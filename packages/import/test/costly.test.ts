/**
 * Files that cost too much: Word files that inflate to gigabytes, PDFs whose layout would be
 * matched quadratically, text and pages that take memory out of proportion to their bytes. Each
 * limit is held by what happens (an ImportError and its code, a count), and the costliest inputs
 * run in a child process whose heap is capped at 512 MB: they end in a result or an ImportError,
 * never in a crash. (How fast is measured by `npm run bench`, not here.)
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sections } from '@disclosure-report/core';
import { ImportError, docxLimits, htmlLimits, importHtml, importReport, importText, textLimits } from '../src/index.js';
import { parse } from 'parse5';
import { htmlDoc, limitedAdapter } from '../src/html.js';
import { Segments, pdfDoc, pdfLimits } from '../src/pdf.js';
import { textDoc } from '../src/text.js';
import { checkedDocx } from '../src/zip.js';
import { costlyCases } from './costly-child.js';
import { fixturesDir, readBytes } from './helpers.js';
import { gridPdf } from './pdf-bomb.js';
import { docxBomb, readZip, writeZip } from './zip.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtureDocx = () => readBytes(join(fixturesDir, 'chenjiaba-2023/report.docx'));
const heading = (k: number) => sections[k]?.heading['zh-CN'] ?? '';

async function importError(p: Promise<unknown>): Promise<ImportError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

function syncError(f: () => unknown): ImportError {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

/** The fixture .docx with `word/document.xml` replaced (other entries as they are). */
function withDocument(change: (xml: string) => string, extra: { name: string; data: Uint8Array; stored?: boolean }[] = []): Uint8Array {
  const entries = readZip(fixtureDocx()).map((e) =>
    e.name === 'word/document.xml' ? { name: e.name, data: new TextEncoder().encode(change(new TextDecoder().decode(e.data))) } : e,
  );
  return writeZip([...entries, ...extra]);
}

describe('a Word file that inflates too much is refused before mammoth opens it (docxLimits)', () => {
  it('a document.xml of 2 GB: docx-too-large from the central directory, naming the entry and sizes', async () => {
    const { bytes, size } = docxBomb(fixtureDocx(), '<w:p/>', 350_000_000);
    expect(size).toBeGreaterThan(2e9);
    expect(bytes.length).toBeLessThan(4_000_000);
    const e = await importError(importReport(bytes, { fileName: 'bomb.docx' }));
    expect(e.code).toBe('docx-too-large');
    expect(e.message).toContain('word/document.xml');
    expect(e.message).toMatch(/would inflate to \d{4} MB \(limit 64 MB an entry\)/);
  });

  it('a central directory that lies (50 KB said, 1 GB inflated) is caught while inflating', async () => {
    const { bytes } = docxBomb(fixtureDocx(), 'x'.repeat(1000), 1_000_000, { declaredSize: 50_000 });
    const e = await importError(importReport(bytes, { fileName: 'liar.docx' }));
    expect(e.code).toBe('docx-too-large');
    expect(e.message).toMatch(/word\/document\.xml inflates to more than \d+ MB though the archive says 49 KB/);
  });

  it('a million empty paragraphs (23 KB, 6 MB of XML, 1.4 GB in mammoth) are refused by their markup count', async () => {
    const { bytes, size } = docxBomb(fixtureDocx(), '<w:p/>', 1_000_000);
    expect(size).toBeLessThan(docxLimits.xmlBytes);
    const e = await importError(importReport(bytes, { fileName: 'paragraphs.docx' }));
    expect(e.code).toBe('docx-too-large');
    expect(e.message).toContain(`more than ${docxLimits.xmlNodes} elements and attributes (at word/document.xml)`);
  });

  it('a stored (uncompressed) XML part past docxLimits.xmlBytes is refused too', async () => {
    const { bytes } = docxBomb(fixtureDocx(), 'x'.repeat(1000), 40_000, { stored: true });
    const e = await importError(importReport(bytes, { fileName: 'stored.docx' }));
    expect(e.code).toBe('docx-too-large');
    expect(e.message).toContain('word/document.xml inflates to more than 32 MB');
  });

  it('an entry of 100 MB (an image, by its name) is refused by its declared size', async () => {
    const bytes = withDocument((x) => x, [{ name: 'word/media/image1.png', data: new Uint8Array(100 * 1024 * 1024) }]);
    const e = await importError(importReport(bytes, { fileName: 'image.docx' }));
    expect(e.code).toBe('docx-too-large');
    expect(e.message).toContain('word/media/image1.png would inflate to 100 MB');
  });

  it('XML parts with thousands of top-level nodes (quadratic in mammoth’s XML parser) or a DTD are refused', async () => {
    const many = withDocument((x) => x + '<!---->'.repeat(10_000));
    expect((await importError(importReport(many, { fileName: 'a.docx' }))).message).toMatch(/word\/document\.xml is not one XML document/);
    const dtd = withDocument((x) => x.replace('<w:document', '<!DOCTYPE w:document [<!ENTITY a "b">]><w:document'));
    const e = await importError(importReport(dtd, { fileName: 'a.docx' }));
    expect(e.code).toBe('docx-unreadable');
    expect(e.message).toContain('word/document.xml declares a DTD');
  });

  it('mammoth is given the XML parts only (images, fonts and other binary entries are never read)', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(5000).fill(0x3c)]);
    const bytes = withDocument((x) => x, [
      { name: 'word/media/image1.png', data: png },
      { name: 'word/fonts/font1.odttf', data: new Uint8Array(3000).fill(7), stored: true },
    ]);
    const kept = readZip(new Uint8Array(await checkedDocx(bytes))).map((e) => e.name);
    expect(kept).toContain('word/document.xml');
    expect(kept).toContain('[Content_Types].xml');
    expect(kept).not.toContain('word/media/image1.png');
    expect(kept).not.toContain('word/fonts/font1.odttf');
    const r = await importReport(bytes, { fileName: 'images.docx' });
    expect(r.completeness.read).toBe(r.completeness.expected);
  });

  it('a damaged archive is docx-unreadable, never another error', async () => {
    const good = fixtureDocx();
    for (const bytes of [good.slice(0, good.length - 30), good.slice(0, 40), new Uint8Array([0x50, 0x4b, 0x03, 0x04])]) {
      expect((await importError(importReport(bytes, { fileName: 'cut.docx' }))).code).toBe('docx-unreadable');
    }
  });
});

describe('PDF layout is matched through an index, within a budget (pdfLimits)', () => {
  it('the index finds the same nearest rules as scanning every rule', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.integer({ min: 0, max: 40 }), b: fc.integer({ min: 0, max: 40 }), k: fc.integer({ min: 0, max: 40 }) }), { maxLength: 60 }),
        // Points on quarters: on a segment's end or clearly off it.
        fc.array(fc.record({ p: fc.integer({ min: -8, max: 88 }).map((n) => n / 4), k: fc.double({ min: -2, max: 42, noNaN: true }) }), { minLength: 1, maxLength: 30 }),
        (segs, queries) => {
          const lo = segs.map((s) => Math.min(s.a, s.b) / 2);
          const hi = segs.map((s) => Math.max(s.a, s.b) / 2);
          const keys = segs.map((s) => s.k / 2);
          const index = new Segments(lo, hi, keys);
          for (const q of [...queries, ...segs.map((s) => ({ p: s.a / 2, k: s.k / 2 }))]) {
            for (const below of [true, false]) {
              let want: number | undefined;
              segs.forEach((_, i) => {
                if (q.p < (lo[i] as number) || q.p > (hi[i] as number)) return;
                const k = keys[i] as number;
                if (below ? k < q.k && (want === undefined || k > (keys[want] as number)) : k > q.k && (want === undefined || k < (keys[want] as number))) want = i;
              });
              expect(index.nearest(q.p, q.k, below)).toBe(want);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a page of 9,500 bordered cells (19,000 rules): every run in its own cell, rows and columns numbered', { timeout: 60_000 }, async () => {
    const doc = await pdfDoc(gridPdf({ pages: 1, rows: 95, columns: 100, text: 'x' }));
    const tables = doc.items.filter((i) => i.kind === 'table');
    expect(tables).toHaveLength(1);
    const tokens = tables[0]?.kind === 'table' ? tables[0].tokens : [];
    expect(tokens).toHaveLength(9500);
    expect(new Set(tokens.map((t) => `${t.loc.row},${t.loc.column}`)).size).toBe(9500);
    expect(Math.max(...tokens.slice(0, 1000).map((t) => t.loc.column ?? 0))).toBe(100);
    expect(tokens.every((t) => (t.loc.row ?? 0) >= 1 && (t.loc.row ?? 0) <= 95)).toBe(true);
  });

  it('60 pages sharing one content stream of 9,500 cells end in too-complex at the document’s budget', { timeout: 60_000 }, async () => {
    const bytes = gridPdf({ pages: 60, rows: 95, columns: 100 });
    expect(bytes.length).toBeLessThan(120_000);
    const e = await importError(importReport(bytes, { fileName: 'grid.pdf' }));
    expect(e.code).toBe('too-complex');
    expect(e.message).toContain(`more than ${pdfLimits.rules} ruling lines by page 4`);
    expect(e.location?.page).toBe(4);
  });
});

describe('memory in proportion to the bytes (textLimits, htmlLimits)', () => {
  it(`text: more than textLimits.lines (${textLimits.lines}) non-blank lines is too-complex; blank lines cost nothing`, () => {
    const e = syncError(() => importText('|||\n'.repeat(textLimits.lines + 1)));
    expect(e.code).toBe('too-complex');
    expect(e.location?.line).toBe(textLimits.lines + 1);
    const doc = textDoc(`${'\n'.repeat(5_000_000)}x\r\ny`);
    expect(doc.items).toEqual([
      { kind: 'line', text: 'x', loc: { line: 5_000_001 } },
      { kind: 'line', text: 'y', loc: { line: 5_000_002 } },
    ]);
    // A line is also a date line: the same object, not a copy.
    expect(doc.dateLines[0]).toBe(doc.items[0]);
  });

  it(`text: more than textLimits.cells (${textLimits.cells}) table cells is too-complex`, () => {
    const row = `一、本年新收政府信息公开申请数量${' | 0'.repeat(4000)}`;
    const e = syncError(() => importText(`${heading(2)}\n${Array.from({ length: 60 }, () => row).join('\n')}`));
    expect(e.code).toBe('too-complex');
    expect(e.message).toContain(`more than ${textLimits.cells} cells`);
  });

  it(`HTML: more than htmlLimits.nodes (${htmlLimits.nodes}) nodes is too-complex, found while parsing`, () => {
    for (const html of ['<table><tr><td>规章</td><td>0</td></tr></table>'.repeat(30_000), '<!---->'.repeat(htmlLimits.nodes + 1), `<p>${'<b id=1><b id=2><b id=3><b id=4>'.repeat(10)}${'<p>x'.repeat(20_000)}`]) {
      expect(syncError(() => importHtml(html)).code).toBe('too-complex');
    }
  });

  it('HTML: a million nested tags are html-too-deep while parsing, before the tree exists', () => {
    const html = `<html><body>${'<div>'.repeat(1_000_000)}x</body></html>`;
    expect(syncError(() => importHtml(html)).code).toBe('html-too-deep');
    // The parse itself stops once twice the depth limit is open: a few hundred elements made, not a million.
    const adapter = limitedAdapter();
    let made = 0;
    const counting = { ...adapter, createElement: (...a: Parameters<typeof adapter.createElement>) => (made++, adapter.createElement(...a)) };
    expect(syncError(() => parse(html, { treeAdapter: counting })).code).toBe('html-too-deep');
    expect(made).toBeLessThan(2 * htmlLimits.depth + 10);
  });

  it('HTML: a text node of 16 MB is read in lines of 100,000 characters', () => {
    const doc = htmlDoc(`<p>${'0 |\n'.repeat(4_000_000)}</p>`, 'html', () => undefined);
    const lengths = doc.items.map((i) => (i.kind === 'line' ? i.text.length : 0));
    expect(lengths.length).toBeGreaterThan(100);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(100_000);
  });

  it('HTML: headings nested in headings keep at most 1,000 characters of title each', () => {
    const doc = htmlDoc(`${'<h2><div>'.repeat(100)}${'规章 0 '.repeat(200_000)}`, 'html', () => undefined);
    expect(doc.titles).toHaveLength(100);
    expect(Math.max(...doc.titles.map((t) => t.length))).toBeLessThanOrEqual(1000);
  });
});

describe('the costliest inputs, each in a child process with --max-old-space-size=512', () => {
  const child = join(here, 'costly-child.ts');
  const run = (name: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--max-old-space-size=512', '--import', 'tsx', child, name],
        { cwd: join(here, '..'), timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it.each(Object.keys(costlyCases))('%s: a result or an ImportError, not a crash', { timeout: 150_000 }, async (name) => {
    const r = await run(name);
    expect(r.stderr).not.toMatch(/heap out of memory|Maximum call stack size exceeded|FATAL ERROR/);
    expect(r.code, r.stderr.slice(0, 2000)).toBe(0);
    const line = JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as { outcome: string; code?: string; peakMB: number; seconds: number };
    expect(['ok', 'import-error']).toContain(line.outcome);
    if (line.code) expect(['too-complex', 'html-too-deep', 'docx-too-large', 'tables-missing', 'metadata-missing']).toContain(line.code);
    console.log(`${name}: ${line.outcome}${line.code ? ` (${line.code})` : ''}, peak ${line.peakMB} MB, ${line.seconds.toFixed(1)} s`);
  });
});
