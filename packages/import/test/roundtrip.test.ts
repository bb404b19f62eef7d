/** Document → export → import → the same document, for every export form (property tests). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Report, fromCsv, taxonomy, toCsv, toHtml, withCell } from '@disclosure-report/core';
import { toDocx } from '@disclosure-report/docx';
import { importReport } from '../src/index.js';
import { consistentReport } from '../../core/test/arbitraries.js';
import { asImported } from './helpers.js';
import { expectedReport } from '../../core/test/shared.js';

/** Reports as people write them: consistent or not, some cells blank, real paragraphs. */
const reports = fc
  .tuple(
    fc.oneof(consistentReport('2021', 5000), consistentReport('2019', 5000)),
    fc.array(fc.nat(300), { maxLength: 8 }),
    fc.constantFrom('陈家坝镇人民政府', '某某市自然资源局', '某某县人民政府办公室'),
    fc.constantFrom(null, '2024-01-20'),
    fc.array(fc.constantFrom('本年度，我局认真贯彻落实政务公开工作要点。', '（一）主动公开情况', '2.依申请公开情况：全年共收到申请12件。', '无'), { minLength: 1, maxLength: 4 }),
  )
  .map(([r, blanks, agency, publishedOn, paragraphs]): Report => {
    const cells = taxonomy(r.format).cells;
    let out: Report = { ...r, agency, publishedOn, title: `${agency}政府信息公开工作年度报告（${r.year}年度）` };
    out = { ...out, sections: { ...out.sections, overview: paragraphs.join('\n') } };
    for (const i of blanks) out = withCell(out, (cells[i % cells.length] as { id: string }).id, null);
    return out;
  });

describe('round trips', () => {
  it('CSV', () => {
    fc.assert(
      fc.property(reports, (r) => {
        expect(fromCsv(toCsv(r))).toEqual(r);
      }),
      { numRuns: 50 },
    );
  });

  it('static HTML', async () => {
    await fc.assert(
      fc.asyncProperty(reports, async (r) => {
        const { report } = await importReport(toHtml(r, { page: true }), { fileName: 'report.html' });
        expect(report).toEqual(asImported(r));
      }),
      { numRuns: 30 },
    );
  });

  it('Word (.docx)', async () => {
    await fc.assert(
      fc.asyncProperty(reports, async (r) => {
        const { report } = await importReport(await toDocx(r), { fileName: 'report.docx' });
        expect(report).toEqual(asImported(r));
      }),
      { numRuns: 10 },
    );
  }, 120_000);

  it('the seed, in every form', async () => {
    const seed = expectedReport('chenjiaba-2023');
    expect((await importReport(toHtml(seed))).report).toEqual(seed);
    expect((await importReport(await toDocx(seed))).report).toEqual(seed);
    expect(fromCsv(toCsv(seed))).toEqual(seed);
  });
});
