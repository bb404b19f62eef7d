/**
 * Where a figure came from (issue 17): for a report read from a published file, the cell a
 * reader selects shows the source, the place in it (page, table, row and column, or line), the
 * row and column labels as printed there, the text printed in the cell (「4166.241619」,
 * 「73802895.90元」) and the importer's notes on it — in a popover (the Popover API: no script in
 * the page, so a strict CSP holds), as text, never markup.
 *
 * In view mode the cells with a provenance are reachable by keyboard as in the ARIA grid pattern:
 * one tab stop a table (a roving tabindex), the arrow keys move between them, focus
 * (or Enter, Space) shows the popover, Escape closes it and leaves focus on the cell.
 */
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { html, nothing } from 'lit';
import type { DisclosureChangeDetail } from './events.js';
import { type DisclosureStrings, format } from './i18n.js';

/** Where one cell's figure came from (what `@disclosure-report/import` records, with the file). */
export interface CellProvenance {
  /** The file or URL read. */
  source?: string;
  /** 1-based page of a PDF. */
  page?: number;
  /** 1-based table, row and column (merged cells resolved) of a page, Word file or PDF. */
  table?: number;
  row?: number;
  column?: number;
  /** 1-based line of a text source. */
  line?: number;
  /** The text printed in the cell. */
  text?: string;
  /** The row's label as printed, its levels joined by 「｜」 (「三、本年度办理结果｜（三）不予公开｜1.属于国家秘密」). */
  rowLabel?: string;
  /** The column's label as printed (「法人或其他组织｜商业企业」). */
  columnLabel?: string;
  /** The importer's notes on the cell, in the language shown. */
  notes?: readonly string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The provenance of an `import --details` document (what `disclosure-report import --details`
 * writes: `source`, the file's name; `provenance` by cell; `notes`), or of edit mode's import in
 * the same shape. The file is data from elsewhere: only strings and numbers are taken from it
 * (never an object for Lit to render); the notes kept are the warnings, as edit mode's import shows.
 */
export function detailsProvenance(d: Readonly<Record<string, unknown>>): Record<string, CellProvenance> {
  // No prototype: a cell named "__proto__" in the file is a key like any other.
  const out = Object.create(null) as Record<string, { notes: string[] }>;
  for (const [id, p] of Object.entries(d.provenance as Record<string, unknown>)) {
    if (!isObject(p)) continue;
    const c: Record<string, unknown> = {};
    for (const k in p) if (typeof p[k] !== 'object') c[k] = p[k];
    out[id] = Object.assign(c, { source: typeof d.source === 'string' ? d.source : undefined, notes: [] });
  }
  // The notes as the CLI said them in the run's language (`findings`), else as the importer wrote them.
  const said = Array.isArray(d.findings);
  for (const n of said ? (d.findings as unknown[]) : Array.isArray(d.notes) ? d.notes : [])
    if (isObject(n) && (said ? n.severity : n.level) === 'warning' && typeof n.message === 'string')
      for (const id of Array.isArray(n.cells) ? n.cells : [n.cell]) out[id as string]?.notes.push(n.message);
  return out as Record<string, CellProvenance>;
}

const places = ['page', 'table', 'row', 'column', 'line'] as const;

interface ProvenanceHost extends ReactiveControllerHost, HTMLElement {
  provenance: Readonly<Record<string, CellProvenance>> | null;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export class ProvenanceController implements ReactiveController {
  /** The cell whose provenance is shown, or null. */
  cell: string | null = null;

  constructor(private readonly host: ProvenanceHost) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('keydown', this.#onKey);
    this.host.addEventListener('disclosure-change', this.#onChange);
  }

  hostDisconnected(): void {
    document.removeEventListener('keydown', this.#onKey);
    this.host.removeEventListener('disclosure-change', this.#onChange);
  }

  // A figure changed in the editor no longer comes from the source; another report has none of it.
  #onChange = (e: Event): void => {
    const provenance = this.host.provenance;
    if (!provenance) return;
    const { cause, cells } = (e as CustomEvent<DisclosureChangeDetail>).detail;
    if (cause === 'format' || cause === 'restore' || cause === 'reset') {
      this.host.provenance = null;
      this.hide();
      return;
    }
    if (cause === 'import' || cause === 'undo' || cause === 'redo' || cause === 'section' || cause === 'meta') return;
    if (!cells.some((id) => id in provenance)) return;
    const kept = { ...provenance };
    for (const id of cells) delete kept[id];
    this.host.provenance = kept;
    if (this.cell && !(this.cell in kept)) this.hide();
  };

  /** Shows the provenance of `cellId` (or hides it when the cell has none). */
  show(cellId: string | null): void {
    const next = cellId && this.host.provenance?.[cellId] ? cellId : null;
    if (next) this.#stop = next;
    if (next === this.cell) return;
    this.cell = next;
    this.host.requestUpdate();
  }

  /** The cell shown last: its table's tab stop (focus comes back to where the reader left). */
  #stop: string | null = null;

  /**
   * View mode: the tabindex of each cell with a provenance (cells in table order) — `0` for one
   * cell a table (the one shown last, else the first), `-1` for the rest; undefined without a
   * provenance, so that view mode without one has no tab stop more than before.
   */
  tabbable(cells: readonly { id: string; table: string }[]): Map<string, string> | undefined {
    const p = this.host.provenance;
    if (!p) return undefined;
    const out = new Map<string, string>();
    const stops = new Map<string, string>();
    for (const c of cells) {
      if (!p[c.id]) continue;
      out.set(c.id, '-1');
      if (!stops.has(c.table) || c.id === this.#stop) stops.set(c.table, c.id);
    }
    for (const id of stops.values()) out.set(id, '0');
    return out;
  }

  /**
   * View mode's keys on a cell with a provenance: Enter or Space shows the popover (again, after
   * Escape); an arrow moves to the nearest such cell that way (by position: the tables' rows
   * differ in their columns), whose focus shows its provenance (the focusin handler).
   */
  keydown = (e: KeyboardEvent): void => {
    const td = e.composedPath()[0] as HTMLElement;
    const p = this.host.provenance;
    const k = e.key;
    if (!p?.[td.dataset?.cell as string]) return;
    if (k === 'Enter' || k === ' ') {
      e.preventDefault();
      this.show(td.dataset.cell as string);
      return;
    }
    if (!/^Arrow/.test(k)) return;
    const a = td.getBoundingClientRect();
    let next: HTMLElement | undefined;
    let best = Infinity;
    for (const c of (td.closest('table') as HTMLTableElement).querySelectorAll<HTMLElement>('td[data-cell]')) {
      if (!p[c.dataset.cell as string]) continue;
      const b = c.getBoundingClientRect();
      const dy = b.top - a.top;
      const dx = b.left + b.right - a.left - a.right;
      // Along the row (the same top), or to the next row, the nearest column first.
      const d = dy ? (k === 'ArrowDown' ? dy : k === 'ArrowUp' ? -dy : -Infinity) * 1e4 + Math.abs(dx) : k === 'ArrowRight' ? dx : k === 'ArrowLeft' ? -dx : -1;
      if (d > 0 && d < best) [best, next] = [d, c];
    }
    // At an edge the key does nothing (nor scrolls the table).
    e.preventDefault();
    next?.focus();
  };

  hide(): void {
    this.show(null);
  }

  /** The cell the popover was last placed for: with none shown or to show, an update does nothing (no query, no layout read). */
  #placed: string | null = null;

  hostUpdated(): void {
    if (this.cell === null && this.#placed === null) return;
    this.#placed = this.cell;
    const box = this.host.renderRoot.querySelector<HTMLElement>('[part~="provenance"]');
    if (!box) return;
    const td = this.cell ? this.host.renderRoot.querySelector<HTMLElement>(`td[data-cell="${CSS.escape(this.cell)}"]`) : null;
    if (!td) {
      if (box.matches(':popover-open')) box.hidePopover();
      return;
    }
    if (!box.matches(':popover-open')) box.showPopover();
    // Above the cell where there is room (moving down a column, the rows below stay in view),
    // else under it; kept inside the viewport. Placed through the CSSOM: a strict CSP allows it.
    const r = td.getBoundingClientRect();
    const height = box.getBoundingClientRect().height;
    const top = r.top - height - 4 >= 8 ? r.top - height - 4 : r.bottom + 4;
    box.style.top = `${Math.round(top)}px`;
    box.style.left = `${Math.round(Math.max(8, Math.min(r.left, innerWidth - box.getBoundingClientRect().width - 8)))}px`;
  }

  /** The popover: empty and closed unless a cell with a provenance is selected. */
  render(s: DisclosureStrings, cellName: (id: string) => string): TemplateResult {
    const p = this.cell ? this.host.provenance?.[this.cell] : undefined;
    // The place, in the order page, table, row, column (or line): 「第 2 页，表格 1，第 8 行，第 2 列」.
    const where = p
      ? places
          .filter((k) => p[k] !== undefined)
          .map((k) => format(s[`provenance${k[0]?.toUpperCase()}${k.slice(1)}` as `provenance${Capitalize<(typeof places)[number]>}`], { [k]: p[k] as number }))
          .join(s.provenanceJoin)
      : '';
    // One term of the list; the source's own words are Chinese whatever the UI language.
    const item = (dt: string, dd: string | undefined, lang?: string) => (dd ? html`<div><dt>${dt}</dt><dd lang=${lang ?? nothing}>${dd}</dd></div>` : nothing);
    return html`<div popover="manual" class="provenance" part="provenance" role="note" id="provenance">
      ${p && this.cell
        ? html`<p class="provenance-cell"><strong>${cellName(this.cell)}</strong></p>
            <dl>
              ${item(s.provenanceSource, p.source)}${item(s.provenanceWhere, where)}${item(s.provenanceRowLabel, p.rowLabel, 'zh-CN')}${item(
                s.provenanceColumnLabel,
                p.columnLabel,
                'zh-CN',
              )}${item(s.provenancePrinted, p.text === undefined ? p.text : `「${p.text}」`, 'zh-CN')}
            </dl>
            ${p.notes?.length ? html`<ul>${p.notes.map((n) => html`<li>${n}</li>`)}</ul>` : nothing}
            <button type="button" data-action="close-provenance" part="provenance-close">${s.provenanceClose}</button>`
        : nothing}
    </div>`;
  }

  #onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.cell) this.hide();
  };
}
