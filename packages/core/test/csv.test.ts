import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, blankReport, batchCsvLines, batchNdjsonLines, fromCsv, parseCsv, toCsv, withCell } from '../src/index.js';
import { consistentReport } from './arbitraries.js';
import { expectedReport } from './shared.js';

const seed = () => expectedReport('chenjiaba-2023');

describe('CSV export', () => {
  it('writes id,table,row,column,value with the exact national labels, blank as empty', () => {
    const csv = toCsv(withCell(seed(), 'requests.granted.commercial', null));
    expect(csv.startsWith('\uFEFFid,table,row,column,value\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(1 + 5 + 3 + 200);
    expect(rows).toContainEqual([
      'requests.denied.stateSecret.naturalPerson',
      '三、收到和处理政府信息公开申请情况',
      '三、本年度办理结果/（三）不予公开/1.属于国家秘密',
      '自然人',
      '0',
    ]);
    expect(rows).toContainEqual(['requests.granted.commercial', '三、收到和处理政府信息公开申请情况', '三、本年度办理结果/（一）予以公开', '法人或其他组织/商业企业', '']);
    expect(rows).toContainEqual(['active.fees.amount', '二、主动公开政府信息情况', '第二十条第（八）项/行政事业性收费', '本年收费金额（单位：万元）', '0']);
    expect(rows).toContainEqual(['agency', '', '机关名称', '', '陈家坝镇人民政府']);
    expect(rows.find((r) => r[0] === 'sections.overview')?.[4]).toBe(seed().sections.overview);
  });

  it('reads its own CSV back into the same document (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(consistentReport('2021'), consistentReport('2019')),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.array(fc.nat(150)),
        (report, text, blanks) => {
          let r = { ...report, agency: `市"局",${text}`, sections: { ...report.sections, problems: `${text}\r\n"第二段", 逗号` } };
          for (const i of blanks) r = withCell(r, `requests.granted.${['naturalPerson', 'total'][i % 2]}`, null);
          expect(fromCsv(toCsv(r))).toEqual(r);
        },
      ),
    );
    expect(fromCsv(toCsv(seed()))).toEqual(seed());
  });

  it('carries bodyType when stated (and no line when unknown), and amounts exact to the 分', () => {
    for (const bodyType of ['government', 'department'] as const) {
      const r = withCell({ ...seed(), agency: '平潭综合实验区', bodyType }, 'active.fees.amount', 4166.241619);
      const rows = parseCsv(toCsv(r));
      expect(rows).toContainEqual(['bodyType', '', '发布机关类型', '', bodyType]);
      expect(rows).toContainEqual(['active.fees.amount', '二、主动公开政府信息情况', '第二十条第（八）项/行政事业性收费', '本年收费金额（单位：万元）', '4166.241619']);
      expect(fromCsv(toCsv(r, { lang: 'en' }))).toEqual(r);
      // The batch files hold cells only.
      expect(batchCsvLines('a.json', r).some((l) => l.includes('bodyType'))).toBe(false);
    }
    expect(parseCsv(toCsv(seed())).some((r) => r[0] === 'bodyType')).toBe(false);
    expect(fromCsv(toCsv(seed()))).not.toHaveProperty('bodyType');
    expect(() => fromCsv(`${toCsv(seed())}bodyType,,,,ministry\r\n`)).toThrow(/^bodyType: /);
  });

  it('says which line is wrong in a CSV it cannot read', () => {
    const csv = toCsv(seed()).replace('requests.granted.total,三、收到和处理政府信息公开申请情况,三、本年度办理结果/（一）予以公开,总计,0', 'requests.granted.total,x,y,z,若干');
    expect(() => fromCsv(csv)).toThrow(/^line \d+: requests\.granted\.total: "若干" is not a number$/);
    expect(() => fromCsv('a,b\r\n1,2')).toThrow(CsvError);
    expect(() => fromCsv(`${toCsv(seed())}requests.bogus,,,,1\r\n`)).toThrow(/"requests\.bogus" is not a cell of the 2021 format/);
    expect(() => parseCsv('a,"b')).toThrow('unterminated quoted field on line 1');
  });

  it('writes batch lines: one per report and cell', () => {
    const lines = batchCsvLines('a/b.json', seed());
    expect(lines).toHaveLength(200);
    expect(lines[0]).toBe('a/b.json,陈家坝镇人民政府,2023,2021,active.regulations.issued,二、主动公开政府信息情况,第二十条第（一）项/规章,本年制发件数,0');
    const nd = batchNdjsonLines('x.json', blankReport('2019', { agency: '某局', year: 2020 })).map((l) => JSON.parse(l));
    expect(nd).toHaveLength(198);
    expect(nd[0]).toEqual({ file: 'x.json', agency: '某局', year: 2020, format: '2019', id: 'active.regulations.made', table: '二、主动公开政府信息情况', row: '第二十条第（一）项/规章', column: '本年新制作数量', value: null });
  });
});
