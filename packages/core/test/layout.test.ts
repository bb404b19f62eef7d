import { describe, expect, it } from 'vitest';
import { type DataCellLayout, type FormatId, type LayoutRow, type TableId, tableLayout, taxonomy } from '../src/index.js';

/** Places every cell on a grid, honouring spans; fails on overlaps or ragged rows. */
function grid(rows: LayoutRow[]): string[][] {
  const out: string[][] = [];
  rows.forEach((row, r) => {
    out[r] ??= [];
    let c = 0;
    for (const cell of row.cells) {
      while (out[r]?.[c] !== undefined) c++;
      const name = cell.kind === 'data' ? cell.cellId : cell.kind === 'note' ? 'note' : cell.label['zh-CN'];
      const rowSpan = cell.kind === 'data' ? 1 : cell.rowSpan;
      for (let i = 0; i < rowSpan; i++) {
        for (let j = 0; j < cell.colSpan; j++) {
          out[r + i] ??= [];
          if (out[r + i]?.[c + j] !== undefined) throw new Error(`overlap at ${r + i},${c + j}`);
          (out[r + i] as string[])[c + j] = name;
        }
      }
      c += cell.colSpan;
    }
  });
  return out;
}

describe('table layout', () => {
  it.each([
    ['2021', 'active'], ['2021', 'requests'], ['2021', 'reviews'], ['2019', 'active'], ['2019', 'requests'],
  ] as [FormatId, TableId][])('%s %s: a full rectangle with every cell once, in national order', (format, table) => {
    const layout = tableLayout(format, table);
    const rows = [...layout.head, ...layout.bodies.flat()];
    const g = grid(rows);
    const width = layout.labelColumns + layout.dataColumns;
    for (const line of g) expect(line).toHaveLength(width);
    const dataIds = rows.flatMap((r) => r.cells.filter((c): c is DataCellLayout => c.kind === 'data').map((c) => c.cellId));
    expect(dataIds).toEqual(taxonomy(format).cells.filter((c) => c.table === table).map((c) => c.id));
  });

  it('lays out table 三 with the note, 申请人情况 and nested row labels', () => {
    const g = grid([...tableLayout('2021', 'requests').head, ...tableLayout('2021', 'requests').bodies.flat()]);
    expect(g[0]?.slice(0, 4)).toEqual(['note', 'note', 'note', '申请人情况']);
    expect(g[1]?.slice(3, 5)).toEqual(['自然人', '法人或其他组织']);
    expect(g[2]?.slice(3, 5)).toEqual(['自然人', '商业企业']);
    expect(g[2]?.[9]).toBe('总计');
    expect(g[3]?.slice(0, 4)).toEqual(['一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量', 'requests.newReceived.naturalPerson']);
    expect(g[7]?.slice(0, 3)).toEqual(['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密']);
    expect(g[6]?.slice(0, 3)).toEqual(['三、本年度办理结果', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）']);
  });

  it('names every header of a number in its headers list', () => {
    const cell = tableLayout('2021', 'requests', 'x-')
      .bodies.flat()
      .flatMap((r) => r.cells)
      .find((c): c is DataCellLayout => c.kind === 'data' && c.cellId === 'requests.denied.stateSecret.commercial');
    expect(cell?.headers).toEqual([
      'x-requests-r-g2', 'x-requests-r-g2-denied', 'x-requests-r-g2-denied-stateSecret',
      'x-requests-applicants', 'x-requests-c-g1', 'x-requests-c-g1-commercial',
    ]);
  });

  it('lays out table 四 as the groups side by side', () => {
    const layout = tableLayout('2021', 'reviews');
    const g = grid([...layout.head, ...layout.bodies.flat()]);
    expect(g[0]?.[0]).toBe('行政复议');
    expect(g[0]?.[5]).toBe('行政诉讼');
    expect(g[1]?.[5]).toBe('未经复议直接起诉');
    expect(g[2]?.[0]).toBe('结果维持');
    expect(g[3]?.[14]).toBe('reviews.litigationAfterReconsideration.total');
  });
});
