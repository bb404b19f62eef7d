/// <reference types="vite/client" />
/**
 * Where a figure came from, part 2 (issue 17): the printed row and column labels in the popover
 * (as text, never markup, in both languages); the cells with a provenance reachable by keyboard in
 * view mode (one tab stop a table, arrow keys between them, Enter/Space, Escape) and nothing more
 * without one; the output of `disclosure-report import --details` read from `src` as it is.
 */
import { type Report, withCell } from '@disclosure-report/core';
import { importReport } from '@disclosure-report/import';
import pingtan from '@shared/corpus/real/pingtan-2025/source.html?raw';
import axe from 'axe-core';
import { userEvent } from 'vitest/browser';
import { describe, expect, test, vi } from 'vitest';
import type { DisclosureReportElement } from '../src/index.js';
import { cleanPageEachTest, mount, seed, servedUrl, settled, text } from './helpers.js';

cleanPageEachTest();

/** The element's provenance of one cell (the type of its `provenance` property). */
type CellProvenance = NonNullable<DisclosureReportElement['provenance']>[string];

const popover = (el: Element) => el.shadowRoot!.querySelector<HTMLElement>('[part~="provenance"]')!;
const open = (el: Element) => popover(el).matches(':popover-open');
const terms = (el: Element) => [...popover(el).querySelectorAll('dl > div')].map((d) => text(d));
const td = (el: Element, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`td[data-cell="${id}"]`)!;
/** The cell focused in the element's shadow root (its id), or null. */
const focused = (el: Element) => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.cell ?? null;

const evil = '<img src=x onerror="window.__pwned=1">';

/** Provenance for a few cells of tables 二 and 三 (two rows of three, and one below with fewer). */
function someProvenance(): Record<string, CellProvenance> {
  const out: Record<string, CellProvenance> = {};
  for (const [row, label] of [
    ['newReceived', '一、本年新收政府信息公开申请数量'],
    ['carriedOver', '二、上年结转政府信息公开申请数量'],
  ] as const) {
    for (const [col, colLabel] of [
      ['naturalPerson', '自然人'],
      ['commercial', '法人或其他组织｜商业企业'],
      ['research', '法人或其他组织｜科研机构'],
    ] as const) {
      out[`requests.${row}.${col}`] = { source: 'source.html', table: 2, row: row === 'newReceived' ? 4 : 5, column: 4, text: '0', rowLabel: label, columnLabel: colLabel };
    }
  }
  out['requests.granted.naturalPerson'] = { source: 'source.html', text: '0', rowLabel: '三、本年度办理结果｜（一）予以公开', columnLabel: '自然人' };
  out['active.regulations.issued'] = { source: 'source.html', text: '0', rowLabel: '规章', columnLabel: '本年制发件数' };
  out['active.regulations.repealed'] = { source: 'source.html', text: '0', rowLabel: '规章', columnLabel: '本年废止件数' };
  return out;
}

async function viewWith(provenance: Record<string, CellProvenance> | null, attrs = ''): Promise<{ el: DisclosureReportElement; before: HTMLButtonElement }> {
  const before = mount<HTMLButtonElement>('<button type="button">before</button>');
  const el = mount<DisclosureReportElement>(`<disclosure-report ${attrs}></disclosure-report>`);
  el.report = seed;
  el.provenance = provenance;
  await settled(el);
  return { el, before };
}

describe('the printed labels in the popover', () => {
  test('row and column labels as printed, as text (markup in them stays text), zh-CN and en', async () => {
    const w = window as { __pwned?: number };
    delete w.__pwned;
    const el = mount<DisclosureReportElement>('<disclosure-report></disclosure-report>');
    el.report = withCell(seed, 'requests.denied.stateSecret.commercial', 2);
    el.provenance = {
      'requests.denied.stateSecret.commercial': {
        source: 'hongze.pdf',
        page: 3,
        text: '2',
        rowLabel: `三、本年度办理结果｜（三）不予公开｜1.属于国家秘密${evil}`,
        columnLabel: `法人或其他组织｜商业企业<script>window.__pwned=2</script>`,
      },
    };
    await settled(el);
    td(el, 'requests.denied.stateSecret.commercial').click();
    await settled(el);
    expect(open(el)).toBe(true);
    expect(terms(el)).toEqual([
      '来源hongze.pdf',
      '位置第 3 页',
      `行标题三、本年度办理结果｜（三）不予公开｜1.属于国家秘密${evil}`,
      '列标题法人或其他组织｜商业企业<script>window.__pwned=2</script>',
      '原文「2」',
    ]);
    const box = popover(el);
    expect(box.querySelector('img, script')).toBeNull();
    // The source's words are marked as Chinese whatever the UI language.
    expect([...box.querySelectorAll('dd[lang="zh-CN"]')].map((d) => text(d))).toHaveLength(3);
    expect(w.__pwned).toBeUndefined();

    el.lang = 'en';
    await settled(el);
    expect(terms(el)).toEqual([
      'Sourcehongze.pdf',
      'Wherepage 3',
      `Row as printed三、本年度办理结果｜（三）不予公开｜1.属于国家秘密${evil}`,
      'Column as printed法人或其他组织｜商业企业<script>window.__pwned=2</script>',
      'Printed「2」',
    ]);
    expect(w.__pwned).toBeUndefined();
  });

  test('a provenance without printed labels (a text source) shows none', async () => {
    const el = mount<DisclosureReportElement>('<disclosure-report></disclosure-report>');
    el.report = seed;
    el.provenance = { 'active.fees.amount': { source: 'report.txt', line: 56, text: '0' } };
    await settled(el);
    td(el, 'active.fees.amount').click();
    await settled(el);
    expect(terms(el)).toEqual(['来源report.txt', '位置第 56 行', '原文「0」']);
  });
});

describe('keyboard access in view mode', () => {
  test('without a provenance, view mode has no tab stop more than before', async () => {
    const { el, before } = await viewWith(null);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('td[tabindex]')).toHaveLength(0);
    // Tab from before the element goes from one table's scroll region to the next, never into a cell.
    before.focus();
    const stops: string[] = [];
    for (let i = 0; i < 3; i++) {
      await userEvent.keyboard('{Tab}');
      const a = root.activeElement as HTMLElement | null;
      stops.push(a ? `${a.tagName.toLowerCase()}.${a.className}` : 'outside');
    }
    expect(stops).toEqual(['div.scroll', 'div.scroll', 'div.scroll']);
    await userEvent.keyboard('{ArrowRight}');
    expect(open(el)).toBe(false);
  });

  test('one tab stop a table, arrows between the cells, Enter and Escape; Tab leaves the table and comes back', async () => {
    const { el, before } = await viewWith(someProvenance());
    const root = el.shadowRoot!;
    // One tab stop for each table with a provenance (二 and 三); the other cells with one are -1.
    expect([...root.querySelectorAll('td[tabindex="0"]')].map((c) => (c as HTMLElement).dataset.cell)).toEqual(['active.regulations.issued', 'requests.newReceived.naturalPerson']);
    expect(root.querySelectorAll('td[tabindex="-1"]')).toHaveLength(7);
    expect(root.querySelector('table.reviews td[tabindex]')).toBeNull();

    before.focus();
    await userEvent.keyboard('{Tab}'); // table 二's scroll region
    await userEvent.keyboard('{Tab}'); // its one cell stop
    expect(focused(el)).toBe('active.regulations.issued');
    await vi.waitFor(() => expect(open(el)).toBe(true));
    expect(terms(el)).toContain('行标题规章');
    await userEvent.keyboard('{ArrowRight}');
    expect(focused(el)).toBe('active.regulations.repealed');
    await vi.waitFor(() => expect(terms(el)).toContain('列标题本年废止件数'));
    // At the edge of what has a provenance the key does nothing.
    await userEvent.keyboard('{ArrowRight}');
    expect(focused(el)).toBe('active.regulations.repealed');
    await userEvent.keyboard('{Tab}'); // leaves table 二: table 三's scroll region
    await userEvent.keyboard('{Tab}'); // table 三's one cell stop
    expect(focused(el)).toBe('requests.newReceived.naturalPerson');
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(focused(el)).toBe('requests.newReceived.research');
    await userEvent.keyboard('{ArrowDown}');
    expect(focused(el)).toBe('requests.carriedOver.research');
    await vi.waitFor(() => expect(terms(el)).toContain('行标题二、上年结转政府信息公开申请数量'));
    // Down to a row with fewer cells: the nearest column.
    await userEvent.keyboard('{ArrowDown}');
    expect(focused(el)).toBe('requests.granted.naturalPerson');
    await userEvent.keyboard('{ArrowUp}');
    expect(focused(el)).toBe('requests.carriedOver.naturalPerson');
    await userEvent.keyboard('{ArrowLeft}');
    expect(focused(el)).toBe('requests.carriedOver.naturalPerson');
    // Escape closes the popover and keeps focus on the cell; Enter (or Space) shows it again.
    await vi.waitFor(() => expect(open(el)).toBe(true));
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(open(el)).toBe(false));
    expect(focused(el)).toBe('requests.carriedOver.naturalPerson');
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(open(el)).toBe(true));
    expect(terms(el)).toContain('行标题二、上年结转政府信息公开申请数量');
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(open(el)).toBe(false));
    await userEvent.keyboard(' ');
    await vi.waitFor(() => expect(open(el)).toBe(true));
    // The roving stop is where the reader left: Tab out and Shift+Tab back lands on it.
    await vi.waitFor(() => expect(td(el, 'requests.carriedOver.naturalPerson').getAttribute('tabindex')).toBe('0'));
    expect(root.querySelectorAll('table.requests td[tabindex="0"]')).toHaveLength(1);
    await userEvent.keyboard('{Tab}');
    expect(focused(el)).toBeNull();
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    expect(focused(el)).toBe('requests.carriedOver.naturalPerson');
  });

  test('axe: cells with a provenance as tab stops, the popover open, have no violations', async () => {
    const { el } = await viewWith(someProvenance(), 'show-findings');
    td(el, 'requests.newReceived.commercial').focus();
    await vi.waitFor(() => expect(open(el)).toBe(true));
    const result = await axe.run(el, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

describe('the output of import --details as src', () => {
  test('its report is shown and its provenance set (the file name the details give, printed labels, warnings)', async () => {
    // What `disclosure-report import --details source.html` writes: the file's name, then the import result.
    const result = await importReport(new TextEncoder().encode(pingtan), { fileName: 'source.html' });
    const warned = 'requests.newReceived.total';
    const details = {
      source: 'source.html',
      ...result,
      notes: [...result.notes, { code: 'label-matched', level: 'warning', message: `a guess ${evil}`, cell: warned }, { code: 'format-detected', message: 'info is not shown', cell: warned }],
    };
    const el = mount<DisclosureReportElement>(`<disclosure-report src="${servedUrl(details)}"></disclosure-report>`);
    await settled(el);
    expect(el.shadowRoot!.querySelector('.title')?.textContent).toBe((result.report as Report).title);
    const id = 'requests.denied.stateSecret.commercial';
    expect(el.provenance?.[id]).toMatchObject({ source: 'source.html', rowLabel: '三、本年度办理结果｜（三）不予公开｜1.属于国家秘密', columnLabel: '法人或其他组织｜商业企业' });
    // Reachable by keyboard as any provenance.
    td(el, id).focus();
    await vi.waitFor(() => expect(open(el)).toBe(true));
    expect(terms(el)).toEqual([
      '来源source.html',
      expect.stringMatching(/^位置表格 2，第 \d+ 行，第 \d+ 列$/),
      '行标题三、本年度办理结果｜（三）不予公开｜1.属于国家秘密',
      '列标题法人或其他组织｜商业企业',
      `原文「${result.provenance[id]?.text}」`,
    ]);
    td(el, warned).click();
    await settled(el);
    expect([...popover(el).querySelectorAll('li')].map((li) => text(li))).toEqual([`a guess ${evil}`]);
    expect(popover(el).querySelector('img')).toBeNull();
    // A plain report from src after it: the details' provenance goes with them.
    el.src = servedUrl(seed);
    await settled(el);
    await vi.waitFor(() => expect(el.provenance).toBeNull());
    expect(el.shadowRoot!.querySelectorAll('td[tabindex="0"]')).toHaveLength(0);
  });

  test('the notes in the words the CLI gave them (its findings, in the run\'s language) rather than the importer\'s', async () => {
    const result = await importReport(new TextEncoder().encode(pingtan), { fileName: 'source.html' });
    const warned = 'requests.newReceived.total';
    const details = {
      source: 'source.html',
      ...result,
      notes: [{ code: 'label-matched', level: 'warning', message: 'label read by similarity', cell: warned }],
      findings: [
        { rule: 'import.label-matched', target: 'label-matched', severity: 'warning', message: `标签按相似度读取 ${evil}`, cells: [warned] },
        { rule: 'import.format-detected', target: 'format-detected', severity: 'info', message: '格式识别', cells: [warned] },
      ],
    };
    const el = mount<DisclosureReportElement>(`<disclosure-report src="${servedUrl(details)}"></disclosure-report>`);
    await settled(el);
    td(el, warned).click();
    await settled(el);
    expect([...popover(el).querySelectorAll('li')].map((li) => text(li))).toEqual([`标签按相似度读取 ${evil}`]);
  });

  test('imported in edit mode (导入文件) as well: the report and its provenance', async () => {
    const result = await importReport(new TextEncoder().encode(pingtan), { fileName: 'source.html' });
    const el = mount<DisclosureReportElement>('<disclosure-report mode="edit" no-drafts></disclosure-report>');
    el.report = seed;
    await settled(el);
    const details = JSON.stringify({ source: 'source.html', ...result });
    expect(await el.importFile(new File([details], 'pingtan-2025.details.json', { type: 'application/json' }))).toBe(true);
    await settled(el);
    expect(el.currentReport?.agency).toBe('平潭综合实验区');
    expect(el.provenance?.['requests.denied.stateSecret.commercial']).toMatchObject({ source: 'source.html', columnLabel: '法人或其他组织｜商业企业' });
    // A plain report document imported after it has no provenance.
    expect(await el.importFile(new File([JSON.stringify(seed)], 'seed.json', { type: 'application/json' }))).toBe(true);
    expect(el.provenance).toBeNull();
  });

  test('a provenance a page set is left alone by a plain report', async () => {
    const el = mount<DisclosureReportElement>(`<disclosure-report src="${servedUrl(seed)}"></disclosure-report>`);
    const provenance = { 'active.fees.amount': { text: '0' } };
    el.provenance = provenance;
    await settled(el);
    expect(el.provenance).toBe(provenance);
  });
});
