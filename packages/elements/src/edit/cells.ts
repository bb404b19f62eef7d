/**
 * The cell renderer of edit mode: an input in place of the number, in the same `<td data-cell>`
 * (headers, spans and finding marks as in read-only mode). Every change to an input's text goes
 * through the editor (typed text is kept until the cell is left), so a plain `.value` binding
 * follows the DOM without the `live` directive.
 */
import { type CellDef, type Finding, type Lang, type Report, cellName as coreCellName, getCell } from '@disclosure-report/core';
import { type ReactiveController, type ReactiveControllerHost, html, nothing } from 'lit';
import { type CellRenderer, type TableContext, cellMark, findingsText, formatValue, markClasses } from '../cells.js';

/** What the edit renderer reads besides the table context. */
export interface EditCellState {
  /** Text being typed, by cell (kept as typed until the cell is left). */
  readonly texts: ReadonlyMap<string, string>;
  /** Refused text: the reason, by cell. */
  readonly errors: ReadonlyMap<string, string>;
  /** Totals the element computes (read-only inputs); empty when auto totals are off. */
  readonly autoCells: ReadonlySet<string>;
  /** Cells the last automatic fill changed. */
  readonly justFilled: ReadonlySet<string>;
  /** Cells an imported file's figure could not be read for (until edited). */
  readonly unread?: ReadonlySet<string>;
  /** Where a figure filled in by 从台账生成 comes from (its ledger lines), for its title; undefined for others. */
  readonly provenance?: (cellId: string) => string | undefined;
  readonly disabled: boolean;
}

/** An id for elements that belong to a cell (ids must be unique in the shadow root). */
export function cellDomId(cellId: string): string {
  // Kept: cells render again on keystrokes, and a regular expression replace allocates each time.
  let id = domIds.get(cellId);
  if (id === undefined) domIds.set(cellId, (id = `cell-${cellId.replace(/\./g, '-')}`));
  return id;
}
const domIds = new Map<string, string>();

/** Names by cell definition (one per format and cell) and language: no key string to build per render. */
const labelCache = new WeakMap<CellDef, Partial<Record<Lang, string>>>();
/** The accessible name of a cell's input, as a person names it (`（一）予以公开·总计`). */
export function cellName(def: CellDef, lang: Lang): string {
  let labels = labelCache.get(def);
  if (!labels) labelCache.set(def, (labels = {}));
  return (labels[lang] ??= coreCellName(def, lang));
}

/**
 * Findings that mark a cell in edit mode: a blank cell is already shown as blank. What they say
 * is the input's description, in a `hidden` span that is always there (and always named by the
 * input's `aria-describedby`; empty, it describes nothing): a description may be hidden, and text
 * that is not rendered costs no layout when a keystroke changes the figures of a sum (in every
 * cell of it), nor a new element when a sum starts or stops failing. Its text is written by
 * `CellDescriptions`, not by the cell's template, so a sum breaking or mending changes that text
 * in each of its cells and renders none of them again (only a cell whose marks change does).
 */
export const cellMarks = (findings: readonly Finding[] | undefined) => findings?.filter((f) => f.rule !== 'blank-cell');

export function editCellRenderer(state: EditCellState): CellRenderer {
  return (ctx, cellId, headers, colSpan = 1) => {
    const def = ctx.taxonomy.cellById.get(cellId) as CellDef;
    const value = getCell(ctx.report, cellId);
    const findings = cellMarks(ctx.findingsByCell.get(cellId));
    const error = state.errors.get(cellId);
    const auto = state.autoCells.has(cellId);
    const typed = state.texts.get(cellId);
    const text = typed ?? formatValue(def, value);
    const blank = text === '';
    const mark = cellMark(findings, blank, ctx.explained);
    const marked = markClasses(mark);
    const unread = !!state.unread?.has(cellId);
    const source = state.provenance?.(cellId);
    const id = cellDomId(cellId);
    const s = ctx.strings;
    // Built by concatenation (what `[…].filter(Boolean).join(' ')` gave, without the arrays):
    // the cells of a sum render again on every keystroke that breaks or mends it.
    let classes = 'cell edit';
    if (marked.classes) classes += ` ${marked.classes}`;
    if (ctx.selectedCells.has(cellId)) classes += ' selected';
    if (error) classes += ' invalid';
    if (auto) classes += ' auto';
    if (state.justFilled.has(cellId)) classes += ' just-filled';
    if (blank) classes += ' blank';
    if (unread) classes += ' unread';
    if (source) classes += ' from-ledger';
    let parts = 'cell';
    if (marked.parts) parts += ` ${marked.parts}`;
    if (blank) parts += ' cell-blank';
    if (error) parts += ' cell-invalid';
    if (auto) parts += ' cell-auto';
    if (unread) parts += ' cell-unread';
    if (source) parts += ' cell-from-ledger';
    // The span of the findings is named even while empty: a sum breaking or mending changes no attribute.
    const describedBy = error ? `${id}-error ${id}-findings` : `${id}-findings`;
    // The refusal is in the cell's own flow, under the number: it never covers a neighbour.
    return html`<td class=${classes} part=${parts} headers=${headers} colspan=${colSpan > 1 ? colSpan : nothing} data-cell=${cellId} title=${source ?? nothing}
      >${mark.strong || error
        ? html`<span class="flag" aria-hidden="true">${error || mark.strong === 'error' ? '✕' : '!'}</span>`
        : nothing}<input
        class="cell-input"
        part="cell-input"
        type="text"
        inputmode=${def.kind === 'count' ? 'numeric' : 'decimal'}
        autocomplete="off"
        spellcheck="false"
        aria-label=${auto ? `${cellName(def, ctx.lang)}${s.autoCellSuffix}` : cellName(def, ctx.lang)}
        aria-invalid=${error ? 'true' : nothing}
        aria-describedby=${describedBy}
        placeholder=${s.blankPlaceholder}
        ?readonly=${auto}
        ?disabled=${state.disabled}
        .value=${text}
      />${auto ? html`<span class="auto-mark" aria-hidden="true">${s.autoMark}</span>` : nothing}${error
        ? html`<span class="cell-error" part="cell-error" id="${id}-error">${error}</span>`
        : nothing}<span hidden id="${id}-findings"></span></td>`;
  };
}

const paths = new Map<string, readonly string[]>();
/** A cell's value, as core's `getCell` but with its path split once: stamps read every cell on every keystroke. */
function valueAt(report: Report, cellId: string): unknown {
  let keys = paths.get(cellId);
  if (!keys) paths.set(cellId, (keys = cellId.split('.')));
  let v: unknown = report;
  // An indexed loop: no iterator objects, for some 300 cells a render.
  for (let i = 0; i < keys.length; i++) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[keys[i] as string] : undefined;
  return v;
}

/** What `editCellRenderer` read for a cell when its stamp was last given, and that stamp. */
interface CellInputs {
  /** The render (generation) that last looked at the cell: its stamp is computed once per render. */
  seen: number;
  stamp: number;
  typed: string | undefined;
  value: unknown;
  marks: string;
  error: string | undefined;
  flags: number;
  source: string | undefined;
}

/**
 * The stamps of incremental rendering (`TableContext.cellKey`), kept from one render to the
 * next: a cell's stamp is the number of the render in which what `editCellRenderer` reads for
 * it (its text or value, its marks, a refusal, its flags) last changed. Comparing those inputs
 * with the ones kept costs no strings; stamps only grow, so the largest stamp of a table changes
 * exactly when one of its cells changed (tables.ts), again without building a key. (Keys built
 * as strings — every cell's, joined per row and per table — were a quarter of the ~300 KB a
 * keystroke allocated.)
 */
export class CellStamps {
  #generation = 0;
  readonly #cells = new Map<string, CellInputs>();

  /** For one render: the stamp of each cell (`marks` gives the key of a cell's findings). */
  begin(
    state: EditCellState,
    report: Report,
    marks: { cellKey(cellId: string): string },
    selected: ReadonlySet<string>,
  ): (cellId: string) => number {
    const generation = ++this.#generation;
    const cells = this.#cells;
    return (cellId) => {
      let c = cells.get(cellId);
      if (c?.seen === generation) return c.stamp;
      const typed = state.texts.get(cellId);
      const value = typed === undefined ? valueAt(report, cellId) : undefined;
      const mark = marks.cellKey(cellId);
      const error = state.errors.get(cellId);
      const source = state.provenance?.(cellId);
      const flags =
        (state.autoCells.has(cellId) ? 1 : 0) |
        (state.justFilled.has(cellId) ? 2 : 0) |
        (state.unread?.has(cellId) ? 4 : 0) |
        (selected.has(cellId) ? 8 : 0);
      if (!c) {
        cells.set(cellId, (c = { seen: generation, stamp: generation, typed, value, marks: mark, error, flags, source }));
        return generation;
      }
      c.seen = generation;
      if (c.typed !== typed || !Object.is(c.value, value) || c.marks !== mark || c.error !== error || c.flags !== flags || c.source !== source) {
        c.typed = typed;
        c.value = value;
        c.marks = mark;
        c.error = error;
        c.flags = flags;
        c.source = source;
        c.stamp = generation;
      }
      return c.stamp;
    };
  }
}

/**
 * Writes what each cell's findings say into its input's description (the `hidden` span the cell
 * template leaves empty), after every render: only the spans whose text changed are written, so a
 * keystroke that breaks or mends a sum changes one text in each cell of it and renders no cell
 * template again. A span the template made anew (the tables rendered again whole: another
 * language or format, back from printing) is written whatever was written before.
 */
export class CellDescriptions implements ReactiveController {
  /** What was last written, by cell: the span and its text. */
  #written = new Map<string, { span: Element; text: string }>();

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment },
    /** The findings of the cells as the last render showed them (`FindingMarks.byCell`), and the strings they are said in. */
    private readonly shown: () => { byCell: ReadonlyMap<string, readonly Finding[]>; ctx: Pick<TableContext, 'strings' | 'lang'> },
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const { byCell, ctx } = this.shown();
    const root = this.host.renderRoot as DocumentFragment;
    const written = new Map<string, { span: Element; text: string }>();
    for (const [cellId, all] of byCell) {
      const findings = cellMarks(all) as Finding[];
      // No span outside edit mode's tables (view mode, printing).
      const span = findings.length ? root.getElementById(`${cellDomId(cellId)}-findings`) : null;
      if (!span) continue;
      const text = findingsText(ctx, findings);
      const last = this.#written.get(cellId);
      if (last?.span !== span || last.text !== text) span.textContent = text;
      written.set(cellId, { span, text });
    }
    // Cells no longer described: their span emptied (unless it is gone with its table).
    for (const [cellId, last] of this.#written) if (!written.has(cellId) && last.span.isConnected) last.span.textContent = '';
    this.#written = written;
  }
}
