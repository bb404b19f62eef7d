import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blankReport, cellLabel, findCell, getCell, labelPath, sections, taxonomy, validateReport } from '../src/index.js';
import { specDir } from './shared.js';

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const keys = (header as string).split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i], v])));
}

describe('taxonomy 2021', () => {
  const t = taxonomy('2021');
  const csv = parseCsv(readFileSync(join(specDir, 'cells-2021.csv'), 'utf8'));

  it('has exactly the 200 cells of cells-2021.csv, in its order, with its labels, units and kinds', () => {
    expect(csv).toHaveLength(200);
    expect(
      t.cells.map((c) => ({
        table: c.table,
        id: c.id,
        group: c.group?.['zh-CN'] ?? '',
        row: labelPath(c.row.labels),
        column: labelPath(c.column.labels),
        unit: c.unit,
        kind: c.kind,
      })),
    ).toEqual(csv);
  });

  it('gives every label an English text', () => {
    for (const c of t.cells) {
      for (const l of [...c.row.labels, ...c.column.labels]) expect(l.en, c.id).toMatch(/[A-Za-z]/);
    }
    for (const s of sections) expect(s.heading.en).toMatch(/[A-Za-z]/);
  });

  it('names a cell by its national row and column labels', () => {
    const cell = t.cellById.get('requests.denied.stateSecret.naturalPerson');
    expect(cell && cellLabel(cell)).toBe('三、本年度办理结果/（三）不予公开/1.属于国家秘密 · 自然人');
    const fees = findCell('active.fees.amount');
    expect(fees?.kind).toBe('amount');
    expect(fees && cellLabel(fees)).toBe('第二十条第（八）项/行政事业性收费 · 本年收费金额（单位：万元）');
  });

  it('has 25 rows and 7 columns in table 三 and 3 groups of 5 in table 四', () => {
    expect(t.requests.rows).toHaveLength(25);
    expect(t.requests.columns).toHaveLength(7);
    expect(t.reviews.rows.map((r) => r.key)).toEqual(['reconsideration', 'litigationDirect', 'litigationAfterReconsideration']);
    expect(t.requests.rows.filter((r) => r.role === 'result')).toHaveLength(21);
  });
});

describe('taxonomy 2019', () => {
  const t = taxonomy('2019');
  it('has table 二 of the 2019 format', () => {
    const ids = t.cells.filter((c) => c.table === 'active').map((c) => c.id);
    expect(ids).toContain('active.licensing.change');
    expect(ids).toContain('active.procurement.amount');
    expect(ids).toContain('active.otherServices.previousItems');
    expect(ids).not.toContain('active.fees.amount');
    expect(ids).toHaveLength(22);
    expect(findCell('active.licensing.change', '2019')?.kind).toBe('change');
    expect(findCell('active.procurement.amount', '2019')?.unit).toBe('万元');
    expect(t.cellById.get('active.normativeDocuments.made')?.row.labels[0]?.['zh-CN']).toBe('规范性文件');
  });

  it('has （六）其他处理 as one row and otherwise the 2021 table 三', () => {
    expect(t.requests.rows).toHaveLength(23);
    expect(t.cellById.has('requests.otherHandling.total')).toBe(true);
    expect(t.cellById.has('requests.otherHandling.other.total')).toBe(false);
    expect(t.requests.rows.filter((r) => r.role === 'result')).toHaveLength(19);
    expect(t.cells).toHaveLength(22 + 23 * 7 + 15);
  });
});

describe('blankReport', () => {
  it('makes a valid document with every cell null', () => {
    for (const format of ['2021', '2019'] as const) {
      const r = blankReport(format, { agency: '某某局', year: 2020 });
      expect(validateReport(r).ok).toBe(true);
      for (const c of taxonomy(format).cells) expect(getCell(r, c.id)).toBeNull();
    }
  });
});

describe('convertFormat', () => {
  it('keeps metadata, sections and the cells both formats share', async () => {
    const { convertFormat, withCell, getCell } = await import('../src/index.js');
    let r = blankReport('2021', { agency: '某局', year: 2020 });
    r = withCell(withCell(withCell(r, 'requests.granted.total', 4), 'active.regulations.issued', 2), 'requests.otherHandling.other.total', 1);
    const old = convertFormat(r, '2019');
    expect(old.format).toBe('2019');
    expect(old.agency).toBe('某局');
    expect(getCell(old, 'requests.granted.total')).toBe(4);
    expect(getCell(old, 'requests.otherHandling.total')).toBeNull();
    expect(getCell(old, 'active.regulations.made')).toBeNull();
    expect(validateReport(old).ok).toBe(true);
    const back = convertFormat(withCell(old, 'active.licensing.change', -2), '2021');
    expect(getCell(back, 'requests.granted.total')).toBe(4);
    expect(validateReport(back).ok).toBe(true);
    expect(convertFormat(r, '2021')).toBe(r);
  });
});
