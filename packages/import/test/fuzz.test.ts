/**
 * Fuzzed, mutated, truncated and adversarial inputs: the importers return a result or
 * throw an ImportError — never another exception, never a hang. (Speed is measured by
 * `npm run corpus`; here only generous timeouts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sections, taxonomy, validateReport } from '@disclosure-report/core';
import { ImportError, importHtml, importReport, importText } from '../src/index.js';
import { type CorpusCase, corpusCases } from '../../core/test/shared.js';
import { adversarialInputs } from './adversarial.js';
import { fixturesDir, readBytes } from './helpers.js';

type Outcome = 'ok' | 'import-error';

function outcome(f: () => unknown): Outcome {
  try {
    const r = f() as { report: unknown };
    // Whatever comes out is a valid report document.
    expect(validateReport(r.report).ok).toBe(true);
    return 'ok';
  } catch (e) {
    if (e instanceof ImportError) return 'import-error';
    throw e;
  }
}

async function outcomeAsync(f: () => Promise<unknown>): Promise<Outcome> {
  try {
    const r = (await f()) as { report: unknown };
    expect(validateReport(r.report).ok).toBe(true);
    return 'ok';
  } catch (e) {
    if (e instanceof ImportError) return 'import-error';
    throw e;
  }
}

const { name, dir } = corpusCases()[0] as CorpusCase;
const seedText = readFileSync(join(dir, 'source.txt'), 'utf8');
const seedHtml = readFileSync(join(fixturesDir, name, 'page.html'), 'utf8');
const seedRows = readFileSync(join(fixturesDir, name, 'rows.txt'), 'utf8');

/** An edit of a string: cut, delete a slice, insert text, or duplicate a slice. */
const edit = fc.record({
  kind: fc.constantFrom('truncate', 'delete', 'insert', 'duplicate', 'replace-char'),
  at: fc.nat(),
  len: fc.nat({ max: 400 }),
  text: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('|', ' | ', '\n', '||||', '<td>', '</tr>', '<table>', 'colspan="3"', 'rowspan="0"', '若干', '1,234', '251000元', '&nbsp;', '\ufeff')),
});

function applyEdits(s: string, edits: readonly { kind: string; at: number; len: number; text: string }[]): string {
  let out = s;
  for (const e of edits) {
    const at = out.length ? e.at % (out.length + 1) : 0;
    if (e.kind === 'truncate') out = out.slice(0, at);
    else if (e.kind === 'delete') out = out.slice(0, at) + out.slice(at + e.len);
    else if (e.kind === 'insert') out = out.slice(0, at) + e.text + out.slice(at);
    else if (e.kind === 'duplicate') out = out.slice(0, at + e.len) + out.slice(at, at + e.len) + out.slice(at + e.len);
    else out = out.slice(0, at) + (e.text[0] ?? '') + out.slice(at + 1);
  }
  return out;
}

/** Lines made of the national labels, headings, values and pipes: reaches deep into the table readers. */
const labelLines = (() => {
  const t = taxonomy('2021');
  const t19 = taxonomy('2019');
  const words = [
    ...sections.map((s) => s.heading['zh-CN']),
    ...t.cells.flatMap((c) => [...c.row.labels, ...c.column.labels].map((l) => l['zh-CN'])),
    ...t19.cells.flatMap((c) => c.column.labels.map((l) => l['zh-CN'])),
    ...t.active.blocks.map((b) => b.label['zh-CN']),
    '陈家坝镇人民政府政府信息公开工作年度报告（2023年度）',
    '0', '1', '12', '', '—', '若干', '251000元', '1,234', '-3', '+2', '|', '||', '|||||',
  ];
  const cell = fc.constantFrom(...new Set(words));
  const line = fc.oneof(cell, cell.map((c) => `${c} |`), fc.array(cell, { minLength: 2, maxLength: 10 }).map((cs) => cs.join(' | ')));
  return fc.array(line, { maxLength: 300 }).map((ls) => ls.join('\n'));
})();

describe('fuzz', () => {
  it('random strings: a result or an ImportError', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000, unit: 'binary' }), (s) => {
        outcome(() => importText(s));
        outcome(() => importHtml(s));
      }),
      { numRuns: 300 },
    );
  });

  it('random lines of national labels, values and pipes', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(labelLines, (s) => {
        outcome(() => importText(s));
        outcome(() => importText(`陈家坝镇人民政府政府信息公开工作年度报告（2023年度）\n${s}`));
      }),
      { numRuns: 400 },
    );
  });

  it('random HTML tables of labels, values and spans', { timeout: 60_000 }, () => {
    const cellText = fc.constantFrom('规章', '0', '', '&nbsp;', '自然人', '总计', '结果维持', '行政复议', '一、本年新收政府信息公开申请数量', '若干', '3件');
    const td = fc.record({ text: cellText, cs: fc.integer({ min: 0, max: 20 }), rs: fc.integer({ min: 0, max: 20 }) }).map((c) => `<td colspan="${c.cs}" rowspan="${c.rs}">${c.text}</td>`);
    const table = fc.array(fc.array(td, { maxLength: 12 }).map((tds) => `<tr>${tds.join('')}</tr>`), { maxLength: 30 }).map((trs) => `<table>${trs.join('')}</table>`);
    fc.assert(
      fc.property(fc.array(table, { maxLength: 4 }), (tables) => {
        const headings = sections.map((s, i) => `<h3>${s.heading['zh-CN']}</h3>${tables[i % Math.max(1, tables.length)] ?? ''}`);
        outcome(() => importHtml(`<h1>某某局2022年政府信息公开工作年度报告</h1>${headings.join('')}`));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['corpus text', seedText, importText],
    ['row-per-line text', seedRows, importText],
    ['portal HTML', seedHtml, importHtml],
  ] as const)('mutations and truncations of the %s', { timeout: 120_000 }, (_label, seed, importer) => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        outcome(() => importer(applyEdits(seed, edits)));
      }),
      { numRuns: 250 },
    );
  });

  it('every truncation point of the corpus text (sampled)', { timeout: 60_000 }, () => {
    for (let n = 0; n < seedText.length; n += 37) outcome(() => importText(seedText.slice(0, n)));
  });

  it('random and truncated bytes through importReport (all forms, encodings)', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom(undefined, 'a.txt', 'a.html', 'a.json'), async (bytes, fileName) => {
        await outcomeAsync(() => importReport(bytes, fileName ? { fileName } : {}));
      }),
      { numRuns: 150 },
    );
  });

  it('truncated and corrupted .docx and PDF files', { timeout: 120_000 }, async () => {
    for (const file of ['report.docx', 'report.pdf']) {
      const bytes = readBytes(join(fixturesDir, name, file));
      for (const cut of [0, 4, 100, 1000, Math.floor(bytes.length / 2), bytes.length - 10]) {
        await outcomeAsync(() => importReport(bytes.slice(0, cut), { fileName: file }));
      }
      const corrupted = bytes.slice();
      for (let i = 200; i < corrupted.length; i += 97) corrupted[i] = (corrupted[i] as number) ^ 0x5a;
      await outcomeAsync(() => importReport(corrupted, { fileName: file }));
    }
  });
});

describe('adversarial 1 MB inputs finish (limits give an ImportError, not a hang)', () => {
  const inputs = adversarialInputs(seedText, seedHtml);
  it.each(Object.keys(inputs))('%s', { timeout: 20_000 }, async (key) => {
    const input = inputs[key] as string;
    outcome(() => importText(input));
    outcome(() => importHtml(input));
    await outcomeAsync(() => importReport(new TextEncoder().encode(input)));
  });

  it('1,000-deep nested tables and 10,000-column rows are ImportErrors', () => {
    expect(() => importHtml(inputs['nested tables 1,000 deep'] as string)).toThrow(expect.objectContaining({ code: 'html-too-deep' }));
    expect(() => importHtml(inputs['row of 10,000 columns'] as string)).toThrow(expect.objectContaining({ code: 'table-too-large' }));
  });
});
