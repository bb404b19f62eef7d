/** Random reports, rendered as portals publish them (HTML page, both text layouts, .docx), import back exactly. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FormatId, type Report, blankReport, defaultTitle, taxonomy, validateReport, withCell } from '@disclosure-report/core';
import { importHtml, importReport, importText } from '../src/index.js';
import { asImported } from './helpers.js';
import { quirkyLabels, quirkyPublishedOn, renderCellsText, renderDocx, renderHtmlPage, renderRowsText } from './render.js';

const paragraph = fc.constantFrom(
  '本年度，我局认真贯彻落实政务公开工作要点。',
  '（一）主动公开情况',
  '2.依申请公开情况：全年共收到申请12件，均按期答复。',
  '一是公开内容不够全面；二是解读形式单一。',
  '无',
  'In 2023 the bureau published 1,268 items.',
);

function report(format: FormatId, values: (number | null)[], agency: string, year: number, publishedOn: string | null, paras: string[][]): Report {
  let r: Report = blankReport(format, { agency, year, title: defaultTitle(agency, year), publishedOn });
  r = { ...r, sections: { overview: (paras[0] ?? ['无']).join('\n'), problems: (paras[1] ?? ['无']).join('\n'), other: (paras[2] ?? ['无']).join('\n') } };
  taxonomy(format).cells.forEach((c, i) => {
    let v = values[i % values.length] ?? null;
    if (v !== null && c.kind === 'amount') v = Math.round(v * 37) / 100;
    if (v !== null && c.kind === 'change' && v % 7 === 0 && v !== 0) v = -v;
    r = withCell(r, c.id, v);
  });
  return r;
}

const reports = fc
  .record({
    format: fc.constantFrom<FormatId>('2021', '2019'),
    values: fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: fc.nat(20000) }), { minLength: 1, maxLength: 60 }),
    agency: fc.constantFrom('陈家坝镇人民政府', '某某市自然资源局', '某某县人民政府办公室', '青川县交通运输局'),
    year: fc.integer({ min: 2019, max: 2030 }),
    publishedOn: fc.constantFrom(null, '2024-01-20'),
    paras: fc.array(fc.array(paragraph, { minLength: 1, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
  })
  .map((x) => report(x.format, x.values, x.agency, x.year, x.publishedOn, x.paras));

describe('rendered reports import back exactly', () => {
  it('the generator makes valid reports', () => {
    fc.assert(fc.property(reports, (r) => {
      expect(validateReport(r).ok).toBe(true);
    }), { numRuns: 50 });
  });

  it('HTML page', { timeout: 60_000 }, () => {
    fc.assert(fc.property(reports, (r) => {
      expect(importHtml(renderHtmlPage(r)).report).toEqual(asImported(r));
    }), { numRuns: 100 });
  });

  it('quirky HTML page (layout table, <th>, <p>/<br> in cells, label variants, a stated date)', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(reports, (r) => {
        const html = renderHtmlPage(r, { quirky: true, labels: quirkyLabels, publishedOn: quirkyPublishedOn });
        expect(importHtml(html).report).toEqual(asImported({ ...r, publishedOn: quirkyPublishedOn }));
      }),
      { numRuns: 100 },
    );
  });

  it('text, one row per line', { timeout: 60_000 }, () => {
    fc.assert(fc.property(reports, (r) => {
      expect(importText(renderRowsText(r)).report).toEqual(asImported({ ...r, publishedOn: null }));
    }), { numRuns: 100 });
  });

  it('text, one cell per line ending in ` |`', { timeout: 60_000 }, () => {
    fc.assert(fc.property(reports, (r) => {
      expect(importText(renderCellsText(r)).report).toEqual(asImported({ ...r, publishedOn: null }));
    }), { numRuns: 100 });
  });

  it('Word (.docx)', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(reports, async (r) => {
        expect((await importReport(await renderDocx(r))).report).toEqual(asImported({ ...r, publishedOn: null }));
      }),
      { numRuns: 15 },
    );
  });
});
