/**
 * The three national tables as Lit templates, rendered from core's table layout (the same
 * grid the static HTML and Word exports use; labels come from the taxonomy, never retyped).
 * Each number is a `<td headers>` naming every header above and beside it, so a screen
 * reader announces, e.g., 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 and 申请人情况 / 自然人.
 */
import { type DataCellLayout, type FormatId, type Label, type Lang, type LayoutRow, type TableId, type TableLayout, tableLayout } from '@disclosure-report/core';
import { type TemplateResult, html, noChange, nothing } from 'lit';
import { Directive, type ElementPart, directive } from 'lit/directive.js';
import { guard } from 'lit/directives/guard.js';
import { type TableContext, type ViewCellParts, renderCellView, viewCellParts } from './cells.js';

const layouts = new Map<string, TableLayout>();

/** Layouts are pure data: computed once per format, table and id prefix. */
function layoutFor(format: FormatId, table: TableId, idPrefix: string): TableLayout {
  const key = `${format}|${table}|${idPrefix}`;
  let layout = layouts.get(key);
  if (!layout) layouts.set(key, (layout = tableLayout(format, table, idPrefix)));
  return layout;
}

/**
 * A read-only cell's class, part and tab stop, written only where they differ from the markup's
 * (`cell`, `cell`, none), and a plain number written into the text node the markup gives each
 * cell: most cells are plain numbers, and an attribute binding each for class, part and tab stop
 * plus a text node inserted per cell were some 800 DOM writes on a table's first render.
 */
class CellAttributes extends Directive {
  #classes = 'cell';
  #parts = 'cell';
  #tabindex: string | typeof nothing = nothing;
  #text = ' ';

  render(_cell: ViewCellParts): unknown {
    return noChange;
  }

  override update(part: ElementPart, [cell]: [ViewCellParts]): unknown {
    const td = part.element;
    // A plain number is the data of the cell's first node; other content is the cell's template (bound after it).
    const text = typeof cell.content === 'string' ? cell.content : '';
    if (text !== this.#text) (td.firstChild as Text).data = this.#text = text;
    if (cell.classes !== this.#classes) td.setAttribute('class', (this.#classes = cell.classes));
    if (cell.parts !== this.#parts) td.setAttribute('part', (this.#parts = cell.parts));
    if (cell.tabindex !== this.#tabindex) {
      this.#tabindex = cell.tabindex;
      if (cell.tabindex === nothing) td.removeAttribute('tabindex');
      else td.setAttribute('tabindex', cell.tabindex);
    }
    return noChange;
  }
}
const cellAttributes = directive(CellAttributes);

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
const span = (name: string, n: number) => (n > 1 ? attr(name, n) : '');

/**
 * A table as one Lit template, made once per layout, language and kind: everything but the
 * numbers is fixed markup, as in the static HTML export. Read-only tables bind two things per
 * number cell: `cellAttributes` (class, part and tab stop where they differ from a plain cell's,
 * and a plain number into the cell's text node) and the content of any other cell (a mark, a
 * blank's words, last year's figure); other renderers (edit mode's inputs) bind each
 * whole `<td>`, which edit mode wraps in `guard` so a keystroke re-renders only the cells that
 * changed. (A template per row and per cell cost a clone, a tree walk, an iterable part and up to
 * six comment markers for each of some 250 cells: most of the element's script on first paint.)
 *
 * The strings array is made the way `lit/static-html.js` makes its own (an array that is its
 * own `raw`), and cached, since Lit keys templates by it. Only the taxonomy's labels and ids
 * (escaped) go into it; the report's figures and the findings are bound as text.
 */
interface TableTemplate {
  readonly strings: TemplateStringsArray;
  /** The number cells in the order of their bindings. */
  readonly cells: readonly DataCellLayout[];
  readonly cellIds: readonly string[];
}

/** By layout (one per format, table and id prefix: `layoutFor`), language and kind (read-only or not). */
const templates = new WeakMap<TableLayout, Map<string, TableTemplate>>();

function tableTemplate(layout: TableLayout, lang: Lang, view: boolean): TableTemplate {
  let kept = templates.get(layout);
  if (!kept) templates.set(layout, (kept = new Map()));
  const key = `${lang}${view}`;
  let t = kept.get(key);
  if (t) return t;
  const table = layout.table;
  const strings: string[] = [];
  const cells: DataCellLayout[] = [];
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
  // Rows of numbers are the stylable `row` part; header rows are not.
  const row = (r: LayoutRow) => {
    markup += `<tr${r.cells.some((c) => c.kind === 'data') ? ' part="row"' : ''}${r.rowKey !== undefined ? attr('data-row', r.rowKey) : ''}>`;
    for (const cell of r.cells) {
      const label = cell.kind === 'data' ? '' : escapeHtml(cell.label[lang]);
      if (cell.kind === 'data') {
        cells.push(cell);
        if (!view) bind('');
        else {
          // A plain cell's class and part are in the markup; `cellAttributes` changes them only for the others.
          markup += `<td class="cell" part="cell"${attr('headers', cell.headers.join(' '))}${span('colspan', cell.colSpan)}${attr('data-cell', cell.cellId)} `;
          // The text node holds a plain cell's number (cloned with the table, no node inserted per cell).
          bind('> ');
          bind('</td>');
        }
      } else if (cell.kind === 'note') {
        markup += `<td class="corner" part="note"${span('colspan', cell.colSpan)}${span('rowspan', cell.rowSpan)}>${label}</td>`;
      } else if (cell.role === 'block') {
        markup += `<th${attr('id', cell.id)} class="block"${attr('scope', cell.scope)}${span('colspan', cell.colSpan)} part="block-header">${label}</th>`;
      } else if (cell.role === 'row') {
        markup += `<th${attr('id', cell.id)}${attr('scope', cell.scope)}${span('rowspan', cell.rowSpan)}${span('colspan', cell.colSpan)} class="sticky level-${cell.level} span-${cell.colSpan}" part="row-header">${label}</th>`;
      } else {
        markup += `<th${attr('id', cell.id)}${attr('scope', cell.scope)}${span('colspan', cell.colSpan)}${span('rowspan', cell.rowSpan)}${cell.inLabelColumns ? ' class="sticky"' : ''} part="column-header">${label}</th>`;
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
  strings.push(`${markup}</table>`);
  const frozen = Object.freeze(Object.assign(strings, { raw: strings })) as unknown as TemplateStringsArray;
  kept.set(key, (t = { strings: frozen, cells, cellIds: cells.map((c) => c.cellId) }));
  return t;
}

/**
 * Incremental rendering (a `cellKey` in the context): `render` runs only when `stamp` or what
 * every cell depends on changed; otherwise the DOM stays as it is, unvisited.
 */
const keyed = (ctx: TableContext, stamp: number, render: () => unknown): unknown => guard([ctx.strings, ctx.renderKey, stamp], render);

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

function renderTable(ctx: TableContext, heading: Label, table: TableId): TemplateResult {
  const layout = layoutFor(ctx.taxonomy.format, table, ctx.idPrefix);
  const view = ctx.renderCell === renderCellView && !ctx.cellKey;
  const t = tableTemplate(layout, ctx.lang, view);
  const render = () => {
    const values: unknown[] = [ctx.captionVisible ? '' : 'visually-hidden', heading[ctx.lang]];
    for (const cell of t.cells) {
      if (view) {
        const c = viewCellParts(ctx, cell.cellId);
        values.push(cellAttributes(c), typeof c.content === 'string' ? nothing : c.content);
      } else {
        const td = () => ctx.renderCell(ctx, cell.cellId, cell.headers.join(' '), cell.colSpan);
        // Edit mode: a cell whose stamp did not change is not rendered again.
        values.push(ctx.cellKey ? keyed(ctx, ctx.cellKey(cell.cellId), td) : td());
      }
    }
    return html(t.strings, ...values);
  };
  // A table none of whose cells changed is skipped whole.
  return scroller(ctx, heading, ctx.cellKey ? keyed(ctx, latest(t.cellIds, ctx.cellKey), render) : render());
}

/** 表三: 收到和处理政府信息公开申请情况 (three-level row headers, two-level column headers). */
export const requestsTable = (ctx: TableContext, heading: Label): TemplateResult => renderTable(ctx, heading, 'requests');

/** 表四: the groups side by side (行政复议 | 行政诉讼: 未经复议直接起诉, 复议后起诉), five outcomes each. */
export const reviewsTable = (ctx: TableContext, heading: Label): TemplateResult => renderTable(ctx, heading, 'reviews');

/** 表二: 主动公开政府信息情况, block by block (第二十条第（一）项 …), each with its own columns. */
export const activeTable = (ctx: TableContext, heading: Label): TemplateResult => renderTable(ctx, heading, 'active');
