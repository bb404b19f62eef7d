/**
 * The three national tables as Lit templates, rendered from core's table layout (the same
 * grid the static HTML and Word exports use; labels come from the taxonomy, never retyped).
 * Each number is a `<td headers>` naming every header above and beside it, so a screen
 * reader announces, e.g., 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 and 申请人情况 / 自然人.
 */
import { type FormatId, type Label, type LayoutCell, type LayoutRow, type TableId, type TableLayout, tableLayout } from '@disclosure-report/core';
import { type TemplateResult, html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { TableContext } from './cells.js';

const layouts = new Map<string, TableLayout>();

/** Layouts are pure data: computed once per format, table and id prefix. */
function layoutFor(format: FormatId, table: TableId, idPrefix: string): TableLayout {
  const key = `${format}|${table}|${idPrefix}`;
  let layout = layouts.get(key);
  if (!layout) layouts.set(key, (layout = tableLayout(format, table, idPrefix)));
  return layout;
}

const span = (n: number) => (n > 1 ? n : nothing);

/**
 * Incremental rendering (a `cellKey` in the context): `render` runs only when `key` or what
 * every cell depends on changed; otherwise the DOM stays as it is, unvisited.
 */
const keyed = (ctx: TableContext, key: (cellKey: (id: string) => string) => string, render: () => unknown): unknown =>
  ctx.cellKey ? guard([ctx.strings, ctx.renderKey, key(ctx.cellKey)], render) : render();

function renderLayoutCell(ctx: TableContext, cell: LayoutCell): unknown {
  if (cell.kind === 'data') {
    return keyed(
      ctx,
      (cellKey) => cellKey(cell.cellId),
      () => ctx.renderCell(ctx, cell.cellId, cell.headers.join(' '), cell.colSpan),
    );
  }
  if (cell.kind === 'note') {
    return html`<td class="corner" part="note" colspan=${span(cell.colSpan)} rowspan=${span(cell.rowSpan)}>${cell.label[ctx.lang]}</td>`;
  }
  if (cell.role === 'block') {
    return html`<th id=${cell.id} class="block" scope=${cell.scope} colspan=${span(cell.colSpan)} part="block-header">${cell.label[ctx.lang]}</th>`;
  }
  if (cell.role === 'row') {
    return html`<th
      id=${cell.id}
      scope=${cell.scope}
      rowspan=${span(cell.rowSpan)}
      colspan=${span(cell.colSpan)}
      class="sticky level-${cell.level} span-${cell.colSpan}"
      part="row-header"
    >${cell.label[ctx.lang]}</th>`;
  }
  return html`<th
    id=${cell.id}
    scope=${cell.scope}
    colspan=${span(cell.colSpan)}
    rowspan=${span(cell.rowSpan)}
    class=${cell.inLabelColumns ? 'sticky' : nothing}
    part="column-header"
  >${cell.label[ctx.lang]}</th>`;
}

// Rows of numbers are the stylable `row` part; header rows are not.
const rowTemplate = (ctx: TableContext, row: LayoutRow) =>
  html`<tr part=${row.cells.some((c) => c.kind === 'data') ? 'row' : nothing} data-row=${row.rowKey ?? nothing}>
    ${row.cells.map((c) => renderLayoutCell(ctx, c))}
  </tr>`;

/** The keys of a row's cells: a row whose cells did not change is skipped whole. */
const rowKey = (row: LayoutRow) => (cellKey: (id: string) => string) =>
  row.cells.map((c) => (c.kind === 'data' ? cellKey(c.cellId) : '')).join('\u0002');

const renderRow = (ctx: TableContext, row: LayoutRow) => keyed(ctx, rowKey(row), () => rowTemplate(ctx, row));

function caption(ctx: TableContext, heading: Label): TemplateResult {
  return html`<caption part="caption" class=${ctx.captionVisible ? '' : 'visually-hidden'}>${heading[ctx.lang]}</caption>`;
}

/** The focusable scroll container around a wide table (keyboard users can scroll it). */
function scroller(ctx: TableContext, heading: Label, table: unknown): TemplateResult {
  return html`<div class="scroll" part="table-scroll" tabindex=${ctx.editing ? nothing : '0'} role="region" aria-label=${heading[ctx.lang]}>
    ${table}
  </div>`;
}

function renderTable(ctx: TableContext, heading: Label, table: TableId): TemplateResult {
  const layout = layoutFor(ctx.taxonomy.format, table, ctx.idPrefix);
  const labelCols = Array.from({ length: layout.labelColumns }, (_, i) => i + 1);
  const body = table === 'active' ? 'block' : nothing;
  const all = [...layout.head, ...layout.bodies.flat()];
  // A table none of whose cells changed is skipped whole.
  const key = (cellKey: (id: string) => string) => all.map((r) => rowKey(r)(cellKey)).join('\u0003');
  return scroller(
    ctx,
    heading,
    keyed(ctx, key, () => html`<table class=${table} part="table table-${table}">
      ${caption(ctx, heading)}
      ${table === 'requests'
        ? html`<colgroup>${labelCols.map((i) => html`<col class="label-${i}" />`)}</colgroup>
            <colgroup>${Array.from({ length: layout.dataColumns }, () => html`<col class="number" />`)}</colgroup>`
        : nothing}
      ${layout.head.length ? html`<thead>${layout.head.map((r) => renderRow(ctx, r))}</thead>` : nothing}
      ${layout.bodies.map((rows) => html`<tbody part=${body}>${rows.map((r) => renderRow(ctx, r))}</tbody>`)}
    </table>`),
  );
}

/** 表三: 收到和处理政府信息公开申请情况 (three-level row headers, two-level column headers). */
export const requestsTable = (ctx: TableContext, heading: Label): TemplateResult => renderTable(ctx, heading, 'requests');

/** 表四: the groups side by side (行政复议 | 行政诉讼: 未经复议直接起诉, 复议后起诉), five outcomes each. */
export const reviewsTable = (ctx: TableContext, heading: Label): TemplateResult => renderTable(ctx, heading, 'reviews');

/** 表二: 主动公开政府信息情况, block by block (第二十条第（一）项 …), each with its own columns. */
export const activeTable = (ctx: TableContext, heading: Label): TemplateResult => renderTable(ctx, heading, 'active');
