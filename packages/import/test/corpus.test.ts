/** Every corpus document, in every form derived from it, imports to exactly its expected.json. */
import { describe, expect, it } from 'vitest';
import { taxonomy } from '@disclosure-report/core';
import { importHtml, importReport, importText } from '../src/index.js';
import { corpusNames, expectedReport } from '../../core/test/shared.js';
import { corpusForms, readBytes } from './helpers.js';
import { renderCellsText, renderHtmlPage, renderRowsText } from './render.js';

describe.each(corpusNames())('corpus %s', (name) => {
  const expected = expectedReport(name);

  describe.each(corpusForms(name))('$name', (c) => {
    it('imports to exactly expected.json, with provenance for every cell', { timeout: 30_000 }, async () => {
      const result = await importReport(readBytes(c.file), { fileName: c.file });
      expect(result.form).toBe(c.form);
      expect(result.report).toEqual(c.expect(expected));
      expect(result.missing).toEqual([]);
      if (c.encoding) expect(result.encoding).toBe(c.encoding);
      for (const cell of taxonomy(expected.format).cells) {
        const p = result.provenance[cell.id];
        expect(p, cell.id).toBeDefined();
        expect(p?.form).toBe(c.form);
        expect(typeof p?.text).toBe('string');
        if (c.form === 'text') expect(p?.line, cell.id).toBeGreaterThan(0);
        if (c.form === 'html' || c.form === 'docx') {
          expect(p?.table, cell.id).toBeGreaterThan(0);
          expect(p?.row, cell.id).toBeGreaterThan(0);
          expect(p?.column, cell.id).toBeGreaterThan(0);
        }
        if (c.form === 'pdf') expect(p?.page, cell.id).toBeGreaterThan(0);
      }
    });

    it('detects the form from the bytes alone (no file name)', { timeout: 30_000 }, async () => {
      const result = await importReport(readBytes(c.file));
      expect(result.form).toBe(c.form);
      expect(result.report).toEqual(c.expect(expected));
    });
  });

  // Rendered at test time from expected.json, so a new corpus document is covered before its fixtures exist.
  it('imports the rendered forms (HTML page, both text layouts) synchronously', () => {
    expect(importHtml(renderHtmlPage(expected)).report).toEqual(expected);
    expect(importText(renderRowsText(expected)).report).toEqual(expected);
    expect(importText(renderCellsText(expected)).report).toEqual(expected);
  });

  it('reads a provenance line that holds the value read', () => {
    const result = importText(renderRowsText(expected));
    const lines = renderRowsText(expected).split('\n');
    for (const [id, p] of Object.entries(result.provenance)) {
      expect(lines[(p.line as number) - 1], id).toContain(p.text);
    }
  });
});
