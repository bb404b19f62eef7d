/**
 * Where a figure came from (issue 17): for a report read from a published file, the cell a
 * reader selects shows the source, the place in it (page, table, row and column, or line), the
 * text printed there (「4166.241619」, 「73802895.90元」) and the importer's notes on it — in a
 * popover (the Popover API: no script in the page, so a strict CSP holds), as text, never markup.
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
  /** The importer's notes on the cell, in the language shown. */
  notes?: readonly string[];
}

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
    if (next === this.cell) return;
    this.cell = next;
    this.host.requestUpdate();
  }

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
    const where = p
      ? [
          p.page !== undefined ? format(s.provenancePage, { page: p.page }) : '',
          p.table !== undefined ? format(s.provenanceTable, { table: p.table }) : '',
          p.row !== undefined ? format(s.provenanceRow, { row: p.row }) : '',
          p.column !== undefined ? format(s.provenanceColumn, { column: p.column }) : '',
          p.line !== undefined ? format(s.provenanceLine, { line: p.line }) : '',
        ]
          .filter(Boolean)
          .join(s.provenanceJoin)
      : '';
    return html`<div popover="manual" class="provenance" part="provenance" role="note" id="provenance">
      ${p && this.cell
        ? html`<p class="provenance-cell"><strong>${cellName(this.cell)}</strong></p>
            <dl>
              ${p.source ? html`<div><dt>${s.provenanceSource}</dt><dd>${p.source}</dd></div>` : nothing}
              ${where ? html`<div><dt>${s.provenanceWhere}</dt><dd>${where}</dd></div>` : nothing}
              ${p.text !== undefined ? html`<div><dt>${s.provenancePrinted}</dt><dd lang="zh-CN">「${p.text}」</dd></div>` : nothing}
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
