/**
 * The printed row and column labels in each cell's provenance: the labels as the published source
 * prints them (whitespace normalised, typos kept), levels joined by 「｜」, on the real published
 * layouts of the corpus (portal HTML, a district's PDF, extracted text) and on edge cases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { taxonomy } from '@disclosure-report/core';
import { type ImportResult, importHtml, importReport, importText } from '../src/index.js';
import { corpusCaseDir, expectedReport, realCorpusDir } from '../../core/test/shared.js';
import { quirkyLabels, renderHtmlPage, renderRowsText } from './render.js';

const cache = new Map<string, Promise<ImportResult>>();
function importFile(path: string): Promise<ImportResult> {
  let p = cache.get(path);
  if (!p) cache.set(path, (p = importReport(new Uint8Array(readFileSync(path)), { fileName: path })));
  return p;
}
const real = (name: string, file: string) => importFile(join(realCorpusDir, name, file));
const seed = expectedReport('chenjiaba-2023');

describe('printed labels on real published layouts', () => {
  it('pingtan-2025 (portal HTML): rows under merged group cells, two-level columns, table 四 groups', async () => {
    const p = (await real('pingtan-2025', 'source.html')).provenance;
    expect(p['active.fees.amount']).toMatchObject({ text: '4166.241619', rowLabel: '行政事业性收费', columnLabel: '本年收费金额（单位：万元）' });
    expect(p['requests.newReceived.naturalPerson']).toMatchObject({ text: '151', rowLabel: '一、本年新收政府信息公开申请数量', columnLabel: '自然人' });
    expect(p['requests.denied.stateSecret.commercial']).toMatchObject({
      rowLabel: '三、本年度办理结果｜（三）不予公开｜1.属于国家秘密',
      columnLabel: '法人或其他组织｜商业企业',
    });
    expect(p['requests.granted.total']).toMatchObject({ rowLabel: '三、本年度办理结果｜（一）予以公开', columnLabel: '总计' });
    expect(p['requests.otherHandling.other.otherOrg']).toMatchObject({ rowLabel: '三、本年度办理结果｜（六）其他处理｜3.其他', columnLabel: '法人或其他组织｜其他' });
    expect(p['reviews.reconsideration.upheld']).toMatchObject({ rowLabel: '行政复议', columnLabel: '结果维持' });
    expect(p['reviews.litigationDirect.upheld']).toMatchObject({ text: '3', rowLabel: '行政诉讼｜未经复议直接起诉', columnLabel: '结果维持' });
    expect(p['reviews.litigationAfterReconsideration.total']).toMatchObject({ text: '3', rowLabel: '行政诉讼｜复议后起诉', columnLabel: '总计' });
    // The applicants' heading over every column (申请人情况) is no column's label.
    expect(Object.values(p).some((x) => x.columnLabel?.includes('申请人情况'))).toBe(false);
  });

  it('every cell read from a table with printed labels has both (pingtan-2024, hongze-2023)', async () => {
    for (const [name, file] of [['pingtan-2024', 'source.html'], ['hongze-2023', 'source.pdf']] as const) {
      const r = await real(name, file);
      for (const [id, prov] of Object.entries(r.provenance)) {
        expect(prov.rowLabel, `${name} ${id}`).toMatch(/\S/);
        expect(prov.columnLabel, `${name} ${id}`).toMatch(/\S/);
        // Normalised: no layout whitespace, and never markup or a national label put in its place.
        expect(`${prov.rowLabel}${prov.columnLabel}`).not.toMatch(/^\s|\s$|\s{2}/);
      }
    }
  });

  it('hongze-2023 (a district PDF): the misspelt row label is kept as printed, wrapped headers rejoined', async () => {
    const r = await real('hongze-2023', 'source.pdf');
    const p = r.provenance;
    // Printed 「2.其他法律行政止公开」 (法规禁 missing): read as the national row, shown as printed.
    expect(p['requests.denied.prohibitedByLaw.naturalPerson']).toMatchObject({ page: 3, rowLabel: '（三）不予公开｜2.其他法律行政止公开', columnLabel: '自然人' });
    expect(r.notes.find((n) => n.code === 'label-matched')).toMatchObject({ text: '2.其他法律行政止公开', label: '2.其他法律行政法规禁止公开' });
    expect(p['requests.denied.stateSecret.commercial']).toMatchObject({ rowLabel: '（三）不予公开｜1.属于国家秘密', columnLabel: '法人或其他组织｜商业企业' });
    // The PDF cuts 三、本年度办理结果 to 「三、本年」: no group label is made up for the row.
    expect(p['requests.granted.naturalPerson']?.rowLabel).toBe('（一）予以公开');
    // 「总 计」 (a character a line in a narrow cell) reads 总计.
    expect(p['reviews.reconsideration.total']).toMatchObject({ page: 4, rowLabel: '行政复议', columnLabel: '总计' });
    expect(p['reviews.litigationAfterReconsideration.upheld']).toMatchObject({ rowLabel: '行政诉讼｜复议后起诉', columnLabel: '结果维持' });
    // （六）其他处理 printed as one row (the 2019 format): its items' provenance names that row.
    expect(p['requests.otherHandling.other.total']).toMatchObject({ rowLabel: '（六）其他处理', columnLabel: '总计' });
    expect(p['active.fees.amount']).toMatchObject({ page: 3, text: '7730.28', rowLabel: '行政事业性收费', columnLabel: '本年收费金额（单位：万元）' });
  });

  it('chenjiaba-2023 (extracted text, one cell a line): labels of the lines, truncated headers as printed', async () => {
    const p = (await importFile(join(corpusCaseDir('chenjiaba-2023'), 'source.txt'))).provenance;
    expect(p['requests.denied.stateSecret.naturalPerson']).toMatchObject({ line: 110, rowLabel: '三、本年度办理结果｜(三)不予公开｜1.属于国家秘密', columnLabel: '自然人' });
    // Printed 「商业 企业」: the space of the extraction is no part of the label.
    expect(p['requests.denied.stateSecret.commercial']).toMatchObject({ columnLabel: '法人或其他组织｜商业企业' });
    expect(p['active.fees.amount']).toMatchObject({ rowLabel: '行政事业性收费', columnLabel: '本年收费金额(单位:万元)' });
    // Table 四's headers are printed cut short (「结果」, 「尚未」): that is what the provenance shows.
    expect(p['reviews.litigationDirect.corrected']).toMatchObject({ rowLabel: '行政诉讼｜未经复议直接起诉', columnLabel: '结果' });
    expect(p['reviews.litigationDirect.pending']).toMatchObject({ columnLabel: '尚未' });
  });
});

describe('printed labels: edge cases', () => {
  it('merged header cells of a quirky page: <br> inside a cell and a typo are kept as printed', () => {
    const labels = { ...quirkyLabels, '1.属于国家秘密': '1.属于国家秘蜜' };
    const r = importHtml(renderHtmlPage(seed, { quirky: true, labels }));
    // The quirky page breaks short headers after two characters (「1.<br/>属于国家秘蜜」).
    expect(r.provenance['requests.denied.stateSecret.commercial']).toMatchObject({
      rowLabel: '三、本年度办理结果｜（三）不予公开｜1.属于国家秘蜜',
      columnLabel: '法人或其他组织｜商业企业',
    });
    expect(r.notes.some((n) => n.code === 'label-matched' && n.label === '1.属于国家秘密')).toBe(true);
    expect(r.provenance['active.normativeDocuments.issued']).toMatchObject({ rowLabel: '规范性文件', columnLabel: '本年制发件数' });
    expect(r.provenance['reviews.litigationDirect.corrected']).toMatchObject({ columnLabel: '结果' });
  });

  it('table 四 with 行政诉讼 merged over two rows (groups printed as rows)', () => {
    const page = renderHtmlPage(seed);
    const reviews = `<h3>四、政府信息公开行政复议、行政诉讼情况</h3>
<table border="1"><tr><td colspan="2">&nbsp;</td><td>结果维持</td><td>结果 纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td colspan="2">行政复议</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td rowspan="2">行政诉讼</td><td>未经复议直接起诉</td><td>0</td><td>0</td><td>0</td><td>2</td><td>2</td></tr>
<tr><td>复议后起诉</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>`;
    const r = importHtml(page.replace(/<h3>四、[\s\S]*?<\/table>/, reviews));
    expect(r.provenance['reviews.litigationDirect.pending']).toMatchObject({ text: '2', rowLabel: '行政诉讼｜未经复议直接起诉', columnLabel: '尚未审结' });
    expect(r.provenance['reviews.litigationAfterReconsideration.corrected']).toMatchObject({ rowLabel: '行政诉讼｜复议后起诉', columnLabel: '结果纠正' });
    expect(r.provenance['reviews.reconsideration.total']).toMatchObject({ text: '1', rowLabel: '行政复议', columnLabel: '总计' });
  });

  it('text without printed column headers or groups: the labels not printed are left out', () => {
    const lines = renderRowsText(seed).split('\n');
    // No column header lines in table 三, no group header line in table 四.
    const stripped = lines.filter((l) => !/^(自然人|商业企业) \|/.test(l) && !/^行政复议 \| 行政诉讼/.test(l) && !/^(结果维持|未经复议直接起诉) \|/.test(l));
    expect(stripped.length).toBeLessThan(lines.length - 2);
    const r = importText(stripped.join('\n'));
    const p = r.provenance;
    expect(p['requests.denied.stateSecret.commercial']?.rowLabel).toBe('三、本年度办理结果｜（三）不予公开｜1.属于国家秘密');
    expect(p['requests.denied.stateSecret.commercial']).not.toHaveProperty('columnLabel');
    expect(p['active.regulations.issued']).toMatchObject({ rowLabel: '规章', columnLabel: '本年制发件数' });
    for (const c of taxonomy('2021').cells.filter((x) => x.table === 'reviews')) {
      if (!p[c.id]) continue;
      expect(p[c.id], c.id).not.toHaveProperty('rowLabel');
    }
  });

});
