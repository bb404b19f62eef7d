/** The national structure: every cell in its row and column, read from the DOM. */
import { type CellDef, type FormatId, type Label, taxonomy } from '@disclosure-report/core';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { DisclosureReportElement } from '../src/index.js';
import { cleanup, frames, mount, numberedReport, seed, settled, tableGrid, text } from './helpers.js';

beforeEach(() => {
  document.documentElement.lang = 'zh-CN';
});
afterEach(cleanup);

async function renderReport(report: unknown, attrs = ''): Promise<DisclosureReportElement> {
  const el = mount<DisclosureReportElement>(`<disclosure-report ${attrs}></disclosure-report>`);
  el.report = report as DisclosureReportElement['report'];
  await settled(el);
  return el;
}

/** The labels a screen reader should announce for a cell: its row path and its column path. */
function expectedHeaderLabels(cell: CellDef, format: FormatId): string[] {
  const t = taxonomy(format);
  const labels: Label[] = [...cell.row.labels, ...cell.column.labels];
  if (cell.group) labels.unshift(cell.group);
  if (cell.table === 'requests') labels.unshift(t.requests.columnsHeading);
  return labels.map((l) => l['zh-CN']).sort();
}

/**
 * For every cell: the `<td data-cell>` exists once, shows the value, and each header it names in
 * `headers` is really above it (column headers) or beside it (row headers) in the table grid,
 * with exactly the taxonomy's labels.
 */
function expectEveryCellInPlace(root: ShadowRoot, format: FormatId, valueOf: (cell: CellDef) => string): void {
  const grids = new Map<HTMLTableElement, ReturnType<typeof tableGrid>>();
  for (const cell of taxonomy(format).cells) {
    const tds = root.querySelectorAll<HTMLTableCellElement>(`td[data-cell="${cell.id}"]`);
    expect(tds.length, cell.id).toBe(1);
    const td = tds[0] as HTMLTableCellElement;
    expect(text(td).startsWith(valueOf(cell)), `${cell.id} shows ${valueOf(cell)}`).toBe(true);
    const table = td.closest('table') as HTMLTableElement;
    expect(table.classList.contains(cell.table), `${cell.id} in table ${cell.table}`).toBe(true);
    let grid = grids.get(table);
    if (!grid) grids.set(table, (grid = tableGrid(table)));
    const at = grid.get(td)!;
    const headerIds = (td.getAttribute('headers') ?? '').split(/\s+/).filter(Boolean);
    const labels: string[] = [];
    for (const id of headerIds) {
      const th = root.getElementById(id) as HTMLTableCellElement | null;
      expect(th?.tagName, `${cell.id}: header #${id}`).toBe('TH');
      expect(th!.closest('table')).toBe(table);
      const h = grid.get(th!)!;
      const scope = th!.getAttribute('scope');
      if (scope === 'col' || scope === 'colgroup') {
        expect(h.row < at.row && h.col <= at.col && at.col < h.col + h.colSpan, `${cell.id}: #${id} above`).toBe(true);
      } else if (scope === 'rowgroup' && h.colSpan > 1 && h.col === 0 && h.row < at.row) {
        // Table 二's block label: a full-width header over the rows of its block.
        expect(th!.closest('tbody')).toBe(td.closest('tbody'));
      } else {
        expect(scope === 'row' || scope === 'rowgroup', `${cell.id}: #${id} scope ${scope}`).toBe(true);
        expect(h.col < at.col && h.row <= at.row && at.row < h.row + h.rowSpan, `${cell.id}: #${id} beside`).toBe(true);
      }
      labels.push(text(th));
    }
    expect(labels.sort(), cell.id).toEqual(expectedHeaderLabels(cell, format));
  }
}

describe('<disclosure-report> renders the national tables', () => {
  test('every cell of the seed report is in its row and column', async () => {
    const el = await renderReport(seed);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('td[data-cell]').length).toBe(taxonomy('2021').cells.length);
    expectEveryCellInPlace(root, '2021', (cell) => String(readPath(seed, cell.id)));
  });

  test('every cell of a report with distinct numbers shows its own number (2021)', async () => {
    const el = await renderReport(numberedReport('2021'));
    expectEveryCellInPlace(el.shadowRoot!, '2021', (cell) => String(cell.kind === 'amount' ? cell.index + 0.5 : cell.index + 1));
  });

  test('the 2019 format renders its own table 二 and the single （六） row', async () => {
    const el = await renderReport(numberedReport('2019'));
    const root = el.shadowRoot!;
    expectEveryCellInPlace(root, '2019', (cell) => String(cell.kind === 'amount' ? cell.index + 0.5 : cell.index + 1));
    const otherHandling = root.querySelector('tr[data-row="otherHandling"]');
    expect(text(otherHandling?.querySelector('th'))).toBe('（六）其他处理');
    expect(otherHandling?.querySelector('th')?.colSpan).toBe(2);
    expect(root.querySelector('td[data-cell="active.procurement.amount"]')).not.toBeNull();
    expect(root.querySelector('td[data-cell="requests.otherHandling.noCorrection.total"]')).toBeNull();
  });

  test('title, agency, year and the six sections in order, free text as paragraphs', async () => {
    const el = await renderReport(seed);
    const root = el.shadowRoot!;
    expect(text(root.querySelector('[part~="title"]'))).toBe(seed.title);
    expect(text(root.querySelector('[part~="meta"]'))).toContain('陈家坝镇人民政府');
    expect(text(root.querySelector('[part~="meta"]'))).toContain('2023年度');
    const headings = Array.from(root.querySelectorAll('.section-heading')).map(text);
    expect(headings).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    const overview = root.querySelectorAll('[part~="section-overview"] p');
    expect(overview.length).toBe(seed.sections.overview.split('\n').filter((l) => l.trim()).length);
    expect(text(overview[0])).toBe(seed.sections.overview.split('\n')[0]);
    expect(text(root.querySelector('[part~="section-other"] p'))).toBe('无');
  });

  test('table 三 has the merged headers and nested row labels of the national format', async () => {
    const el = await renderReport(seed);
    const table = el.shadowRoot!.querySelector('table.requests') as HTMLTableElement;
    const th = (label: string) => Array.from(table.querySelectorAll('th')).find((h) => text(h) === label)!;
    expect(th('申请人情况').colSpan).toBe(7);
    expect(th('法人或其他组织').colSpan).toBe(5);
    expect(th('自然人').rowSpan).toBe(2);
    expect(th('总计').rowSpan).toBe(2);
    expect(th('商业企业').getAttribute('scope')).toBe('col');
    const corner = table.querySelector('[part~="note"]')!;
    expect(text(corner)).toBe(taxonomy('2021').requests.note['zh-CN']);
    // 三、本年度办理结果 spans all its result rows; （三）不予公开 its eight items.
    const results = taxonomy('2021').requests.rows.filter((r) => r.labels[0]?.['zh-CN'] === '三、本年度办理结果').length;
    expect(th('三、本年度办理结果').rowSpan).toBe(results);
    expect(th('（三）不予公开').rowSpan).toBe(8);
    expect(th('（一）予以公开').colSpan).toBe(2);
    expect(th('一、本年新收政府信息公开申请数量').colSpan).toBe(3);
    expect(th('1.属于国家秘密').getAttribute('scope')).toBe('row');
    expect(th('（三）不予公开').getAttribute('scope')).toBe('rowgroup');
    expect(table.querySelector('caption')).not.toBeNull();
  });

  test('table 四 lays the three groups side by side with their five outcomes', async () => {
    const el = await renderReport(seed);
    const table = el.shadowRoot!.querySelector('table.reviews') as HTMLTableElement;
    const headRows = table.tHead!.rows;
    expect(headRows.length).toBe(3);
    expect(Array.from(headRows[0]!.cells).map((c) => [text(c), c.colSpan])).toEqual([
      ['行政复议', 5],
      ['行政诉讼', 10],
    ]);
    expect(Array.from(headRows[1]!.cells).map(text)).toEqual([
      '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉',
    ]);
    expect(Array.from(headRows[1]!.cells).slice(0, 5).every((c) => c.rowSpan === 2)).toBe(true);
    expect(headRows[2]!.cells.length).toBe(10);
    expect(table.tBodies[0]!.rows.length).toBe(1);
    expect(table.tBodies[0]!.rows[0]!.cells.length).toBe(15);
  });

  test('numbers are right-aligned in tabular figures; sizes ignore html font-size 62.5%', async () => {
    const el = await renderReport(seed);
    const td = el.shadowRoot!.querySelector('td[data-cell="requests.newReceived.total"]') as HTMLElement;
    const style = getComputedStyle(td);
    expect(style.textAlign).toBe('right');
    expect(style.fontVariantNumeric).toContain('tabular-nums');
    const before = style.fontSize;
    document.documentElement.style.fontSize = '62.5%';
    try {
      expect(getComputedStyle(td).fontSize).toBe(before);
    } finally {
      document.documentElement.style.fontSize = '';
    }
  });

  test('wide tables scroll in a focusable region with the row labels kept in view', async () => {
    const host = mount('<div style="width:320px"></div>');
    const el = mount<DisclosureReportElement>('<disclosure-report></disclosure-report>', host);
    el.report = seed;
    await settled(el);
    const scroller = el.shadowRoot!.querySelector('table.requests')!.parentElement as HTMLElement;
    expect(scroller.getAttribute('tabindex')).toBe('0');
    expect(scroller.getAttribute('role')).toBe('region');
    expect(scroller.scrollWidth).toBeGreaterThan(scroller.clientWidth);
    // The labels stick once the browser has seen that the table scrolls (a scroll-state query,
    // answered after layout, in a following frame).
    const label = el.shadowRoot!.querySelector('tr[data-row="carriedOver"] th') as HTMLElement;
    await vi.waitFor(() => expect(getComputedStyle(label).position).toBe('sticky'));
    const before = label.getBoundingClientRect().left;
    scroller.scrollLeft = 200;
    expect(scroller.scrollLeft).toBeGreaterThan(0);
    // It sticks at the scroller's edge (at most the 1px table border from where it started).
    expect(Math.abs(label.getBoundingClientRect().left - before)).toBeLessThanOrEqual(1.5);
    expect(getComputedStyle(label).position).toBe('sticky');
  });

  test('a table that fits has no sticky labels (nothing scrolls: the first paint skips their layers)', async () => {
    const host = mount('<div style="width:1400px"></div>');
    const el = mount<DisclosureReportElement>('<disclosure-report></disclosure-report>', host);
    el.report = seed;
    await settled(el);
    await frames(2);
    const scroller = el.shadowRoot!.querySelector('table.requests')!.parentElement as HTMLElement;
    expect(scroller.scrollWidth).toBe(scroller.clientWidth);
    const label = el.shadowRoot!.querySelector('tr[data-row="carriedOver"] th') as HTMLElement;
    expect(getComputedStyle(label).position).toBe('static');
    // Narrowed until it scrolls, the labels stick.
    host.style.width = '320px';
    expect(scroller.scrollWidth).toBeGreaterThan(scroller.clientWidth);
    await vi.waitFor(() => expect(getComputedStyle(label).position).toBe('sticky'));
  });

  test('sections from 四 on are laid out when they come near; 一 to 三, usually on the first screen, at once', async () => {
    const el = await renderReport(seed);
    const visibility = (key: string) => getComputedStyle(el.shadowRoot!.querySelector(`[part~="section-${key}"]`)!).contentVisibility;
    expect(['overview', 'active', 'requests'].map(visibility)).toEqual(['visible', 'visible', 'visible']);
    expect(['reviews', 'problems', 'other'].map(visibility)).toEqual(['auto', 'auto', 'auto']);
    // Their content is there all the same (find-in-page, focus and screen readers reach it).
    expect(el.shadowRoot!.querySelectorAll('[part~="section-reviews"] td[data-cell]').length).toBeGreaterThan(0);
  });

  test('keeps its width in shrink-to-fit layouts (old portals lay pages out in tables)', async () => {
    const layout = mount('<table><tr><td id="slot"></td></tr></table>');
    const el = mount<DisclosureReportElement>('<disclosure-report></disclosure-report>', layout.querySelector('#slot')!);
    el.report = seed;
    await settled(el);
    expect(el.getBoundingClientRect().width).toBeGreaterThan(200);
  });

  test('blank cells are empty for the eye and say so to screen readers', async () => {
    const { blankReport } = await import('@disclosure-report/core');
    const el = await renderReport(blankReport('2021', { agency: '某县某局', year: 2023 }));
    const td = el.shadowRoot!.querySelector('td[data-cell="requests.newReceived.total"]')!;
    expect(td.getAttribute('part')).toContain('cell-blank');
    expect(text(td)).toBe('空白');
    expect(text(td.querySelector('.visually-hidden'))).toBe('空白');
    expect(text(el.shadowRoot!.querySelector('[part~="section-overview"] p'))).toBe('（未填写）');
  });
});

function readPath(report: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], report);
}

describe('metadata and amounts', () => {
  const metaRows = (el: DisclosureReportElement) =>
    Array.from(el.shadowRoot!.querySelectorAll('[part~="meta"] > div'), (d) => [text(d.querySelector('dt')), text(d.querySelector('dd'))]);

  test('发布机关类型 is listed when stated, and not when unknown', async () => {
    expect(metaRows(await renderReport(seed)).map(([dt]) => dt)).not.toContain('发布机关类型');
    expect(metaRows(await renderReport({ ...seed, bodyType: 'government' }))).toContainEqual(['发布机关类型', '人民政府（本级政府报告）']);
    expect(metaRows(await renderReport({ ...seed, bodyType: 'department' }))).toContainEqual(['发布机关类型', '政府部门']);
    expect(metaRows(await renderReport({ ...seed, bodyType: 'department' }, 'lang="en"'))).toContainEqual(['Body type', 'Government department']);
    // Malformed data is not echoed (nor used as a key).
    expect(metaRows(await renderReport({ ...seed, bodyType: 'toString' })).map(([dt]) => dt)).not.toContain('发布机关类型');
  });

  test('an amount is shown as given: 4166.241619 万元 is not cut to 4 decimals', async () => {
    const amounts: [number, string][] = [
      [4166.241619, '4166.241619'],
      [7380.28959, '7380.28959'],
      [18651.06, '18651.06'],
      [0.1 + 0.2, '0.3'], // binary floating-point noise is not shown
      [0, '0'],
    ];
    for (const [value, shown] of amounts) {
      const el = await renderReport({ ...seed, active: { ...seed.active, fees: { amount: value } } });
      expect(text(el.shadowRoot!.querySelector('td[data-cell="active.fees.amount"]'))).toBe(shown);
      el.mode = 'edit';
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector<HTMLInputElement>('td[data-cell="active.fees.amount"] input')!.value).toBe(shown);
      cleanup();
    }
  });
});
