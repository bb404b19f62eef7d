/**
 * The three national tables as Lit templates, rendered from core's table layout (the same
 * grid the static HTML and Word exports use; labels come from the taxonomy, never retyped).
 * Each number is a `<td headers>` naming every header above and beside it, so a screen
 * reader announces, e.g., 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 and 申请人情况 / 自然人.
 */
import { type FormatId, type Label, type Lang, type LayoutCell, type LayoutRow, type TableId, type TableLayout, tableLayout } from '@disclosure-report/core';
import { type TemplateResult, html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { type TableContext, renderCellView, viewCellParts } from './cells.js';

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
 * Incremental rendering (a `cellKey` in the context): `render` runs only when `stamp` or what
 * every cell depends on changed; otherwise the DOM stays as it is, unvisited.
 */
const keyed = (ctx: TableContext, stamp: number, render: () => unknown): unknown => guard([ctx.strings, ctx.renderKey, stamp], render);

/** The ids of a row's number cells, listed once per layout row. */
const rowCellIds = new WeakMap<LayoutRow, readonly string[]>();
function cellIdsOf(row: LayoutRow): readonly string[] {
  let ids = rowCellIds.get(row);
  if (!ids) rowCellIds.set(row, (ids = row.cells.flatMap((c) => (c.kind === 'data' ? [c.cellId] : []))));
  return ids;
}

/** The ids of every number cell of a table, listed once per layout. */
const tableCellIds = new WeakMap<TableLayout, readonly string[]>();
function tableIdsOf(layout: TableLayout): readonly string[] {
  let ids = tableCellIds.get(layout);
  if (!ids) tableCellIds.set(layout, (ids = [...layout.head, ...layout.bodies.flat()].flatMap(cellIdsOf)));
  return ids;
}

/** The largest stamp of some cells: it changes exactly when one of theirs did (stamps only grow). */
function latest(ids: readonly string[], cellKey: (id: string) => number): number {
  let max = 0;
  // Indexed: some 300 cells a keystroke, and an iterator allocates until the loop is optimised.
  for (let i = 0; i < ids.length; i++) {
    const stamp = cellKey(ids[i] as string);
    if (stamp > max) max = stamp;
  }
  return max;
}

function renderLayoutCell(ctx: TableContext, cell: LayoutCell): unknown {
  if (cell.kind === 'data') {
    const render = () => ctx.renderCell(ctx, cell.cellId, cell.headers.join(' '), cell.colSpan);
    return ctx.cellKey ? keyed(ctx, ctx.cellKey(cell.cellId), render) : render();
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

/** A row none of whose cells changed is skipped whole. */
const renderRow = (ctx: TableContext, row: LayoutRow) =>
  ctx.cellKey ? keyed(ctx, latest(cellIdsOf(row), ctx.cellKey), () => rowTemplate(ctx, row)) : rowTemplate(ctx, row);

function caption(ctx: TableContext, heading: Label): TemplateResult {
  return html`<caption part="caption" class=${ctx.captionVisible ? '' : 'visually-hidden'}>${heading[ctx.lang]}</caption>`;
}

/** The focusable scroll container around a wide table (keyboard users can scroll it). */
function scroller(ctx: TableContext, heading: Label, table: unknown): TemplateResult {
  return html`<div class="scroll" part="table-scroll" tabindex=${ctx.editing ? nothing : '0'} role="region" aria-label=${heading[ctx.lang]}>
    ${table}
  </div>`;
}

/** Escapes text and attribute values written into a table's markup (labels and ids of the taxonomy). */
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const attr = (name: string, value: string | number) => ` ${name}="${escapeHtml(String(value))}"`;
const spanAttr = (name: string, n: number) => (n > 1 ? attr(name, n) : '');

/**
 * The read-only table as one Lit template, made once per layout and language: everything but
 * the numbers and their marks is fixed markup, as in the static HTML export. A template per
 * cell and per row (what edit mode needs, to skip what did not change) costs a clone, a tree
 * walk and four child parts for each of some 250 cells on first paint; here a cell has four
 * bindings (class, part, tabindex, content) in one clone of the whole table.
 *
 * The strings array is made the way `lit/static-html.js` makes its own (an array that is its
 * own `raw`), and cached, since Lit keys templates by it. Only the taxonomy's labels and ids
 * (escaped) go into it; the report's figures and the findings are bound as text.
 */
interface ViewTemplate {
  readonly strings: TemplateStringsArray;
  /** The number cells in the order of their bindings. */
  readonly cellIds: readonly string[];
}

/** By layout (one per format, table and id prefix: `layoutFor`) and language. */
const viewTemplates = new WeakMap<TableLayout, Map<Lang, ViewTemplate>>();

function viewTemplate(layout: TableLayout, lang: Lang): ViewTemplate {
  let byLang = viewTemplates.get(layout);
  if (!byLang) viewTemplates.set(layout, (byLang = new Map()));
  let t = byLang.get(lang);
  if (t) return t;
  const table = layout.table;
  const strings: string[] = [];
  const cellIds: string[] = [];
  let markup = `<table class="${table}" part="table table-${table}"><caption part="caption" class=`;
  // Ends the current string at a binding.
  const bind = (next: string) => {
    strings.push(markup);
    markup = next;
  };
  bind('>');
  bind('</caption>');
  if (table === 'requests') {
    markup += '<colgroup>';
    for (let i = 1; i <= layout.labelColumns; i++) markup += `<col class="label-${i}">`;
    markup += '</colgroup><colgroup>';
    for (let i = 0; i < layout.dataColumns; i++) markup += '<col class="number">';
    markup += '</colgroup>';
  }
  const row = (r: LayoutRow) => {
    markup += `<tr${r.cells.some((c) => c.kind === 'data') ? ' part="row"' : ''}${r.rowKey !== undefined ? attr('data-row', r.rowKey) : ''}>`;
    for (const cell of r.cells) {
      if (cell.kind === 'data') {
        cellIds.push(cell.cellId);
        markup += '<td class=';
        bind(' part=');
        bind(`${attr('headers', cell.headers.join(' '))}${spanAttr('colspan', cell.colSpan)}${attr('data-cell', cell.cellId)} tabindex=`);
        bind('>');
        bind('</td>');
      } else if (cell.kind === 'note') {
        markup += `<td class="corner" part="note"${spanAttr('colspan', cell.colSpan)}${spanAttr('rowspan', cell.rowSpan)}>${escapeHtml(cell.label[lang])}</td>`;
      } else if (cell.role === 'block') {
        markup += `<th${attr('id', cell.id)} class="block"${attr('scope', cell.scope)}${spanAttr('colspan', cell.colSpan)} part="block-header">${escapeHtml(cell.label[lang])}</th>`;
      } else if (cell.role === 'row') {
        markup += `<th${attr('id', cell.id)}${attr('scope', cell.scope)}${spanAttr('rowspan', cell.rowSpan)}${spanAttr('colspan', cell.colSpan)} class="sticky level-${cell.level} span-${cell.colSpan}" part="row-header">${escapeHtml(cell.label[lang])}</th>`;
      } else {
        markup += `<th${attr('id', cell.id)}${attr('scope', cell.scope)}${spanAttr('colspan', cell.colSpan)}${spanAttr('rowspan', cell.rowSpan)}${cell.inLabelColumns ? ' class="sticky"' : ''} part="column-header">${escapeHtml(cell.label[lang])}</th>`;
      }
    }
    markup += '</tr>';
  };
  if (layout.head.length) {
    markup += '<thead>';
    layout.head.forEach(row);
    markup += '</thead>';
  }
  for (const rows of layout.bodies) {
    markup += table === 'active' ? '<tbody part="block">' : '<tbody>';
    rows.forEach(row);
    markup += '</tbody>';
  }
  markup += '</table>';
  strings.push(markup);
  const frozen = Object.freeze(Object.assign(strings, { raw: strings })) as unknown as TemplateStringsArray;
  byLang.set(lang, (t = { strings: frozen, cellIds }));
  return t;
}

/** The read-only table: one template, the cells' bindings in order (see `viewTemplate`). */
function renderViewTable(ctx: TableContext, heading: Label, layout: TableLayout): TemplateResult {
  const t = viewTemplate(layout, ctx.lang);
  const values: unknown[] = [ctx.captionVisible ? '' : 'visually-hidden', heading[ctx.lang]];
  for (const id of t.cellIds) {
    const cell = viewCellParts(ctx, id);
    values.push(cell.classes, cell.parts, cell.tabindex, cell.content);
  }
  return html(t.strings, ...values);
}

function renderTable(ctx: TableContext, heading: Label, table: TableId): TemplateResult {
  const layout = layoutFor(ctx.taxonomy.format, table, ctx.idPrefix);
  // Read-only cells: the whole table in one template (edit mode keeps a template per row and cell, to skip what did not change).
  if (ctx.renderCell === renderCellView && !ctx.cellKey) return scroller(ctx, heading, renderViewTable(ctx, heading, layout));
  const labelCols = Array.from({ length: layout.labelColumns }, (_, i) => i + 1);
  const body = table === 'active' ? 'block' : nothing;
  const render = () => html`<table class=${table} part="table table-${table}">
      ${caption(ctx, heading)}
      ${table === 'requests'
        ? html`<colgroup>${labelCols.map((i) => html`<col class="label-${i}" />`)}</colgroup>
            <colgroup>${Array.from({ length: layout.dataColumns }, () => html`<col class="number" />`)}</colgroup>`
        : nothing}
      ${layout.head.length ? html`<thead>${layout.head.map((r) => renderRow(ctx, r))}</thead>` : nothing}
      ${layout.bodies.map((rows) => html`<tbody part=${body}>${rows.map((r) => renderRow(ctx, r))}</tbody>`)}
    </table>`;
  // A table none of whose cells changed is skipped whole.
  return scroller(ctx, heading, ctx.cellKey ? keyed(ctx, latest(tableIdsOf(layout), ctx.cellKey), render) : render());
}

/** 表三: 收到和处理政府信息公开申请情况 (three-level row headers, two-level column headers). */
export const requestsTable = (ctx: TableContext, heading: Label): TemplateResult => renderTable(ctx, heading, 'requests');

/** 表四: the groups side by side (行政复议 | 行政诉讼: 未经复议直接起诉, 复议后起诉), five outcomes each. */
export const reviewsTable = (ctx: TableContext, heading: Label): TemplateResult => renderTable(ctx, heading, 'reviews');

/** 表二: 主动公开政府信息情况, block by block (第二十条第（一）项 …), each with its own columns. */
export const activeTable = (ctx: TableContext, heading: Label): TemplateResult => renderTable(ctx, heading, 'active');
