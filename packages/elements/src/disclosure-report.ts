import {
  type CellFix,
  type Finding,
  type Label,
  type Report,
  type SectionKey,
  type TableId,
  type TextSectionKey,
  bodyTypes,
  cellName,
  defaultTitle,
  formatIds,
  getCell,
  sections,
  taxonomy,
  textSectionKeys,
  toJson,
} from '@disclosure-report/core';
import { type PropertyValues, type TemplateResult, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { ReportElement } from './base.js';
import { type TableContext, explainedSums, indexFindings, renderCellView } from './cells.js';
import { define } from './define.js';
// Types only: edit mode's code comes through `./lazy.js` (a chunk loaded on demand in the standalone bundle).
import type { CellStamps, DraftsController, FindingMarks, ImportNotes, Imported, LedgerController, ReportEditor, TouchedController } from './edit/mode.js';
import { CompareController, comparedParagraphs } from './compare.js';
import { type CellProvenance, ProvenanceController, detailsProvenance } from './provenance.js';
import { findingsList } from './findings.js';
import { format, timeOfDay } from './i18n.js';
import { type EditPart, editPart } from './lazy.js';
import { asReport, importDetails, parseReportJson } from './load.js';
import { editStyles, findingsStyles, hostStyles, printStyles, reportStyles, tableStyles } from './styles.js';
import { activeTable, requestsTable, reviewsTable } from './tables.js';

/** Focuses a cell in a shadow root; returns whether the cell exists. */
export function focusCellIn(root: ParentNode, cellId: string): boolean {
  const td = root.querySelector<HTMLTableCellElement>(`td[data-cell="${CSS.escape(cellId)}"]`);
  if (!td) return false;
  if (!td.hasAttribute('tabindex')) td.setAttribute('tabindex', '-1');
  td.focus({ preventScroll: true });
  td.scrollIntoView({ block: 'center', inline: 'nearest' });
  return true;
}

/** Splits free text into paragraphs (`\n`), as text — never as markup. */
export function paragraphs(text: unknown, emptyText: string): TemplateResult {
  const lines =
    typeof text === 'string'
      ? text
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)
      : [];
  if (!lines.length) return html`<p class="empty" part="paragraph">${emptyText}</p>`;
  return html`${lines.map((line) => html`<p part="paragraph">${line}</p>`)}`;
}

/** Edit mode's state and controllers, made once its code is loaded. */
interface EditParts {
  readonly code: EditPart;
  readonly editor: ReportEditor;
  readonly drafts: DraftsController;
  /** What the last import of a published file left to check. */
  readonly imported: ImportNotes;
  /** Calm filling: findings about what nobody has touched wait until the clerk asks. */
  readonly touched: TouchedController;
  /** The findings shown in edit mode, kept while a keystroke leaves them as they were. */
  readonly marks: FindingMarks;
  /** 从台账生成: the last tally of the office's ledgers and the provenance of what it filled in. */
  readonly ledger: LedgerController;
  /** Each cell's stamp of incremental rendering, kept between renders. */
  readonly stamps: CellStamps;
}

const tableRenderers = { active: activeTable, requests: requestsTable, reviews: reviewsTable } as const;

const isTable = (key: string): key is TableId => key === 'active' || key === 'requests' || key === 'reviews';
const isTextSection = (key: string): key is TextSectionKey => (textSectionKeys as readonly string[]).includes(key);
/** Findings about a metadata field (their target): the field they go to. */
const metaTargets = new Map([
  ['body-type', 'bodyType'],
  ['year-inferred', 'year'],
]);

/**
 * A government information disclosure annual report (政府信息公开工作年度报告) laid out as the
 * national format prints it: title, agency and year, the six sections in order, and tables
 * 二, 三 and 四 with their merged headers.
 *
 * @tagname disclosure-report
 * @summary The whole annual report, as the national format lays it out.
 *
 * @attr src - URL of a report document (JSON). Used when there is no `report` property and no JSON child.
 * @attr show-findings - Runs the core checks, lists the findings under the report and marks their cells.
 * @attr lang - `zh-CN` (default) or `en`; without it the nearest ancestor's `lang` applies.
 * @attr print-preview - Shows the print layout (A4 width, no UI chrome) on screen.
 * @attr mode - `view` (default) or `edit`: every cell an input in place, the checks live, undo/redo, drafts.
 * @attr auto-totals - Edit mode: the element computes every total from its parts (read-only, marked 自动).
 * @attr draft-key - Edit mode: the localStorage key of the draft (default `disclosure-report:{agency}:{year}:{format}`).
 * @attr no-drafts - Edit mode: keep no drafts in localStorage.
 * @attr no-toolbar - Edit mode: hide the toolbar (undo, redo, auto totals, export, import, print).
 * @attr novalidate - Edit mode: error findings do not make the form field invalid.
 * @attr name - Edit mode: the form field name; the report JSON is submitted under it.
 *
 * @prop {Report | null} report - The report document; takes precedence over a JSON child and `src`.
 * @prop {Report | null} previous - Last year's report of the same agency (enables the across-year checks).
 * @prop {Partial<DisclosureStrings> | null} i18n - Overrides of the UI strings.
 *
 * @event {CustomEvent<DisclosureLoadDetail>} disclosure-load - A report was loaded and rendered.
 * @event {CustomEvent<DisclosureErrorDetail>} disclosure-error - Loading failed; the element shows why.
 * @event {CustomEvent<DisclosureFindingSelectDetail>} disclosure-finding-select - A finding was activated; focus moved to its cell.
 * @event {CustomEvent<DisclosureChangeDetail>} disclosure-change - Edit mode: the report changed (detail: report, findings, cause, cells).
 * @event {CustomEvent<DisclosureInputDetail>} disclosure-input - Edit mode: text typed into a cell, accepted or refused.
 * @event {CustomEvent<DisclosureSubmitDetail>} disclosure-submit - Edit mode: `submit()` outside a form; the draft stays until `markSaved()`.
 *
 * @csspart report - The document wrapper.
 * @csspart title - The report's title.
 * @csspart meta - Agency, year and publication date.
 * @csspart section - Each of the six sections (also `section-overview`, `section-active`, …).
 * @csspart section-heading - The heading of a section (一、总体情况 …).
 * @csspart paragraph - A paragraph of free text.
 * @csspart table-scroll - The focusable container that scrolls a wide table.
 * @csspart table - Each table (also `table-active`, `table-requests`, `table-reviews`).
 * @csspart caption - A table caption.
 * @csspart note - The 勾稽关系 note in the corner of table 三.
 * @csspart column-header - A column header cell.
 * @csspart row-header - A row header cell.
 * @csspart block - A block of table 二 (第二十条第（一）项 …).
 * @csspart block-header - The label of a block of table 二.
 * @csspart row - A row of numbers.
 * @csspart cell - A number cell (also `cell-flagged`: what is wrong is here; `cell-suspect`: the figure core pinpoints as breaking the sums; `cell-related`: a cell of a failing sum no cell was pinpointed for; `cell-blank`).
 * @csspart status - The loading, empty or error message (also `status-loading`, `status-error`); in edit mode from the standalone script, also while its edit chunk loads or when it cannot be loaded (above the report, read-only meanwhile).
 * @csspart toolbar - Edit mode: the toolbar (also `toolbar-button`, `auto-totals-switch`; 检查全部 shows the findings held back until their cells are filled in).
 * @csspart edit-status - Edit mode: announcements (refusals, paste, auto totals, undo).
 * @csspart notice - Edit mode: a lasting notice (drafts cannot be kept).
 * @csspart draft-conflict - Edit mode: another tab saved a draft of the same report; keep this page's changes or load that draft.
 * @csspart draft-prompt - Edit mode: the offer to restore a draft (the fields are disabled until it is answered).
 * @csspart cell-input - Edit mode: the input in a cell (the cell is also `cell-invalid`, `cell-auto`, and `cell-unread` when an imported file's figure could not be read, until edited).
 * @csspart cell-error - Edit mode: why a cell's text was refused, under it in the cell.
 * @csspart import-summary - Edit mode: after importing a published file, how many cells were read and how many warnings to check (listed with the findings), with a button to dismiss them.
 * @csspart field - Edit mode: a metadata field (agency, year, format, date, body type, title).
 * @csspart section-text - Edit mode: the text area of a free-text section.
 * @csspart findings - The findings list (also `findings-heading`, `findings-summary`, `findings-list`, `finding`, `finding-error`, `finding-warning`, `finding-info`, `finding-button`, `findings-status`: the standalone script's checks still loading or not loadable, and in edit mode `finding-fix`: 改为 … / 对调 on a pinpointed cell).
 *
 * @cssprop --disclosure-font-family - Body text (default 仿宋, then serif).
 * @cssprop --disclosure-title-font-family - The title (default 方正小标宋, then serif).
 * @cssprop --disclosure-heading-font-family - Section headings and captions (default 黑体, then sans-serif).
 * @cssprop --disclosure-ui-font-family - Status messages and findings (default system-ui).
 * @cssprop --disclosure-font-size - Base size (default 16px; not rem, which portals often shrink).
 * @cssprop --disclosure-line-height - Body line height (default 1.75).
 * @cssprop --disclosure-text-color - Text colour.
 * @cssprop --disclosure-background - Background colour.
 * @cssprop --disclosure-title-color - Title colour (default: text colour).
 * @cssprop --disclosure-title-font-size - Title size (default 1.5em).
 * @cssprop --disclosure-heading-font-size - Section heading size.
 * @cssprop --disclosure-max-width - Maximum width of the document (default none).
 * @cssprop --disclosure-table-font-size - Table text size (default 0.875em).
 * @cssprop --disclosure-table-border-color - Table rules (default #000).
 * @cssprop --disclosure-table-header-background - Header cells (default #fff).
 * @cssprop --disclosure-row-label-width-1 - Width of the first row-label column of table 三 (also `-2`, `-3`).
 * @cssprop --disclosure-flag-color - Outline and icon of cells with errors.
 * @cssprop --disclosure-flag-background - Background of cells with errors.
 * @cssprop --disclosure-warning-color - Outline and icon of cells with warnings.
 * @cssprop --disclosure-warning-background - Background of cells with warnings.
 * @cssprop --disclosure-related-background - The tint of the cells of a failing sum no cell was pinpointed for.
 * @cssprop --disclosure-related-color - The outline of a selected finding's other cells.
 * @cssprop --disclosure-error-color - Error text in findings and messages.
 * @cssprop --disclosure-info-color - Notes in findings.
 * @cssprop --disclosure-focus-color - Focus outline.
 * @cssprop --disclosure-blank-color - Edit mode: the 空 placeholder of a blank cell.
 * @cssprop --disclosure-blank-hatch-color - Edit mode: the hatching of a blank cell.
 * @cssprop --disclosure-auto-background - Edit mode: a computed total.
 * @cssprop --disclosure-auto-color - Edit mode: the number in a computed total.
 * @cssprop --disclosure-auto-mark-color - Edit mode: the 自动 mark.
 * @cssprop --disclosure-filled-background - Edit mode: a total the last change recomputed.
 * @cssprop --disclosure-button-background - Edit mode: toolbar buttons.
 * @cssprop --disclosure-previous-color - Compare mode: last year's figure and the change.
 * @cssprop --disclosure-repeated-background - Compare mode: a sentence that repeats last year's.
 * @cssprop --disclosure-field-border-color - Edit mode: metadata fields and text areas.
 */
export class DisclosureReportElement extends ReportElement {
  // One stylesheet, not six: a shadow root's every element is matched against each sheet in turn
  // (one sheet took the first paint of a real report 0.6 ms less, in chromium).
  static override styles = css`${hostStyles}${tableStyles}${reportStyles}${findingsStyles}${editStyles}${printStyles}`;

  /** Form-associated: with a `name` inside a `<form>`, edit mode submits the report JSON. */
  static formAssociated = true;

  /** `view` (default) or `edit`. */
  @property({ reflect: true }) mode: 'view' | 'edit' = 'view';

  /**
   * View mode: last year beside this year (`previous` or `previous-src`): each figure with last
   * year's and the change, and the sentences that repeat last year's marked.
   */
  @property({ type: Boolean, reflect: true }) compare = false;

  readonly #compare = new CompareController(this);

  /**
   * Where each figure came from, by cell id (a report read from a published file: the file, the
   * place in it, the row and column labels and the text printed there, the importer's notes).
   * Selecting such a cell shows it in a popover; in view mode the cells with one are reachable by
   * keyboard too (one tab stop a table, arrow keys between them). Edit mode sets it when it
   * imports a file; so does loading the output of `disclosure-report import --details` (from `src`
   * or the JSON child) in place of a report document: its report is shown, and its provenance
   * (the source named by the file name the details give) set here.
   */
  @property({ attribute: false }) provenance: Readonly<Record<string, CellProvenance>> | null = null;

  readonly #provenance = new ProvenanceController(this);

  /** A cell's name, for the provenance popover. */
  #cellName = (id: string): string => {
    const report = this.currentReport;
    const def = report ? taxonomy(report.format).cellById.get(id) : undefined;
    return def ? cellName(def, this.resolvedLang) : id;
  };

  /** View mode: selecting a cell (a click, or focus from a finding) shows where its figure came from. */
  #onViewSelect = (e: Event): void => {
    const path = e.composedPath() as HTMLElement[];
    if (path.some((n) => n instanceof HTMLElement && n.matches?.('[part~="provenance"]'))) {
      if ((path[0] as HTMLElement).closest?.('[data-action="close-provenance"]')) this.#provenance.hide();
      return;
    }
    const td = path.find((n) => n instanceof HTMLTableCellElement && n.dataset.cell) as HTMLTableCellElement | undefined;
    this.#provenance.show(td?.dataset.cell ?? null);
  };

  /** Edit mode: totals are computed from their parts. */
  @property({ type: Boolean, reflect: true, attribute: 'auto-totals' }) autoTotals = false;

  /** Edit mode: the localStorage key of the draft (null: agency, year and format). */
  @property({ reflect: true, attribute: 'draft-key' }) draftKey: string | null = null;

  /** Edit mode: keep no drafts. */
  @property({ type: Boolean, reflect: true, attribute: 'no-drafts' }) noDrafts = false;

  /** Edit mode: hide the toolbar. */
  @property({ type: Boolean, reflect: true, attribute: 'no-toolbar' }) noToolbar = false;

  /** Edit mode: error findings do not block form submission. */
  @property({ type: Boolean, reflect: true }) novalidate = false;

  /** The form field name. */
  @property({ reflect: true }) name: string | null = null;

  /** The finding the reader activated last (its cells are emphasised). */
  @state() private selectedFinding: Finding | null = null;

  /** Printing from the toolbar: the read-only layout for a moment. */
  @state() private printing = false;

  @state() private formDisabled = false;

  readonly #internals: ElementInternals | null;
  /** Edit mode's parts: made at once where its code is there (bundlers), else once loaded (the standalone bundle). */
  #edit: EditParts | null = null;
  #editSource: Report | null = null;
  #restoredState: string | null = null;
  #form: HTMLFormElement | null = null;

  constructor() {
    super();
    this.#internals = typeof this.attachInternals === 'function' ? this.attachInternals() : null;
    const code = editPart.now;
    if (code) this.#edit = this.#makeEdit(code);
  }

  #makeEdit(code: EditPart): EditParts {
    const imported = new code.ImportNotes(this);
    const touched = new code.TouchedController(this);
    const editor = new code.ReportEditor({
      element: this,
      strings: () => this.strings,
      lang: () => this.resolvedLang,
      findings: (report) => this.findingsFor(report),
      emit: (type, detail) => this.emit(type, detail),
      root: () => this.renderRoot,
      autoTotals: () => this.autoTotals,
      draftKey: () => this.draftKey,
      draftsDisabled: () => this.noDrafts,
    });
    const drafts = new code.DraftsController(this, editor, () => this.#editing);
    new code.StickyBarController(this);
    const marks = new code.FindingMarks();
    // What the cells' findings say (their inputs' descriptions), written after each render without rendering the cells.
    new code.CellDescriptions(this, () => ({ byCell: marks.byCell, ctx: { strings: this.strings, lang: this.resolvedLang } }));
    return { code, editor, drafts, imported, touched, marks, ledger: new code.LedgerController(this), stamps: new code.CellStamps() };
  }

  /** Edit mode's parts, loading their code first if need be (null until it is there, or if it failed). */
  #editParts(): EditParts | null {
    if (this.#edit) return this.#edit;
    const code = editPart.now;
    if (code) return (this.#edit = this.#makeEdit(code));
    this.loadPart(editPart, 'edit mode');
    return null;
  }

  /** Edit mode's parts where they must be there: its templates (and so their events) exist only once they are. */
  get #parts(): EditParts {
    const parts = this.#edit;
    if (!parts) throw new Error('disclosure-report: edit mode is not loaded');
    return parts;
  }

  get #editor(): ReportEditor {
    return this.#parts.editor;
  }

  get #editing(): boolean {
    return this.mode === 'edit';
  }

  /** Moves focus to a cell (e.g. `requests.total.total`); returns false when it is not rendered. */
  focusCell(cellId: string): boolean {
    if (this.#editing) {
      const td = this.renderRoot.querySelector<HTMLElement>(`td[data-cell="${CSS.escape(cellId)}"]`);
      const input = td?.querySelector('input');
      if (!td || !input) return false;
      input.focus({ preventScroll: true });
      input.select();
      // Below the sticky edit bar, not under it: the cells' scroll-margin-top is its height.
      td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      return true;
    }
    return focusCellIn(this.renderRoot, cellId);
  }

  /** The report as edited in edit mode, else the report shown. */
  override get currentReport(): Report | null {
    const edited = this.#edit?.editor.report;
    if (this.#editing && edited) return edited;
    return super.currentReport;
  }

  /** The report as edited (edit mode); the `report` property keeps the document it started from. */
  get value(): Report | null {
    return this.#edit?.editor.report ?? super.currentReport;
  }

  /**
   * Whether the report has changes not yet saved: since it was loaded, exported, or saved as the
   * page said with `markSaved()` (submitting alone does not clear it). While true, leaving the page asks first.
   */
  get dirty(): boolean {
    return this.#editing && !!this.#edit?.editor.dirty;
  }

  /**
   * The findings of the core checks for the current report (always in edit mode, else with
   * `show-findings`): all of them, those edit mode holds back until checked included.
   */
  get findings(): readonly Finding[] {
    const report = this.currentReport;
    return report && (this.showFindings || this.#editing) ? this.findingsFor(report) : [];
  }

  /** Activates a finding as if the reader chose it in the list: marks its cells and focuses the first. */
  selectFinding(finding: Finding): void {
    this.selectedFinding = finding;
    const cellId = finding.cells.find((id) => this.renderRoot.querySelector(`td[data-cell="${CSS.escape(id)}"]`)) ?? null;
    this.emit('disclosure-finding-select', { finding, cellId });
    void this.updateComplete.then(() => {
      if (cellId) this.focusCell(cellId);
      else if (this.#editing) this.#focusSection(finding.target);
    });
  }

  #focusSection(key: string): void {
    const root = this.renderRoot;
    const meta = metaTargets.get(key);
    const target = isTextSection(key)
      ? root.querySelector<HTMLElement>(`textarea[data-section="${key}"]`)
      : isTable(key)
        ? root.querySelector<HTMLElement>(`table.${key} input`)
        : meta
          ? root.querySelector<HTMLElement>(`[data-meta="${meta}"]`)
          : null;
    target?.focus();
  }

  // ---------------------------------------------------------------- edit API

  /** Undoes the last change (edit mode). */
  undo(): boolean {
    return this.#edit?.editor.undo() ?? false;
  }

  /** Redoes the last undone change (edit mode). */
  redo(): boolean {
    return this.#edit?.editor.redo() ?? false;
  }

  /**
   * Submits: inside a form, as the form's submit button would (validation included); outside
   * one, dispatches `disclosure-submit`. Either way the draft is saved at once and kept, and
   * `dirty` stays true, until the page calls `markSaved()`: a submission that fails loses nothing.
   */
  submit(): void {
    this.#edit?.touched.showAll();
    const form = this.#internals?.form ?? null;
    if (form) {
      form.requestSubmit();
      return;
    }
    const report = this.value;
    if (!report) return;
    this.#edit?.drafts.submitting(null);
    this.emit('disclosure-submit', { report });
  }

  /**
   * Edit mode: tells the element that the server saved the report — call it when the request
   * that sent it succeeded (a form's `submit` event handled with `fetch`, or `disclosure-submit`).
   * `report` is what was saved: by default the report as last submitted, else the current one.
   * The draft is then removed and `dirty` cleared (the leave-page prompt with it), unless the
   * report changed since it was sent: those changes stay unsaved, in the draft. A form posted
   * the usual way, which leaves the page, needs no call: the draft is dropped when the page opens
   * again with a report that holds everything in it (compared by content, whatever the order of
   * keys); a draft that differs is offered as usual.
   */
  markSaved(report?: Report): void {
    if (this.#editing) this.#edit?.editor.saved(report);
  }

  /**
   * Downloads the report as JSON (`{agency}-{year}.json`), safe to paste into a page's
   * `<script type="application/json">` as it is (core's `toJson`: `<`, `>`, `&` written as `\u003c` …).
   */
  exportJson(): void {
    const report = this.value;
    if (!report) return;
    const blob = new Blob([`${toJson(report, { space: 2 })}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${report.agency || 'report'}-${report.year}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /**
   * Imports a file: a report JSON (which must pass the schema's checks: an invalid document is
   * refused and the status says why), or (where the importers are available) a PDF, Word, HTML or
   * text report; then edit mode shows how many of its cells were read, marks those that were not
   * and lists the importer's warnings with the findings, until the next import or dismissed.
   */
  async importFile(file: File): Promise<boolean> {
    const s = this.strings;
    const parts = this.#edit;
    // Not in edit mode (or before its code is loaded in the standalone bundle): nothing to import into.
    if (!parts) return false;
    const { code, editor } = parts;
    try {
      let report: Report;
      let imported: Imported | null = null;
      let details: Readonly<Record<string, unknown>> | undefined;
      if (/\.json$/i.test(file.name) || file.type === 'application/json') {
        const parsed = parseReportJson(await file.text(), 'property');
        // The output of `import --details`: its provenance comes with it.
        details = importDetails.get(parsed);
        report = code.validateImported(parsed);
      } else {
        imported = await code.importOther(new Uint8Array(await file.arrayBuffer()), file.name);
        report = asReport(imported.report, 'property');
      }
      const before = editor.report;
      // Refused while the draft prompt waits for an answer.
      if (!editor.replaceAll(report, 'import')) return false;
      // Totals computed on import (auto totals) have a value: only cells still blank are unread.
      const now = editor.report;
      parts.imported.set(imported, before, (id) => !now || getCell(now, id) == null);
      this.provenance = imported?.provenance ? this.#provenanceOf(imported, file.name) : details ? detailsProvenance(details) : null;
      editor.status = format(s.imported, { name: file.name });
      this.requestUpdate();
      return true;
    } catch (error) {
      const e = error as { name?: string; message?: string; localized?: (s: unknown) => string };
      const detail = e?.name === 'ImportersUnavailable' ? s.importJsonOnly : (e?.localized?.(s) ?? String(e?.message ?? error));
      editor.status = format(s.importFailed, { detail });
      this.requestUpdate();
      return false;
    }
  }

  /**
   * 从台账生成: counts tables 三 and 四 from the office's ledgers (the requests ledger, and the
   * appeals ledger with it; CSV, or .xlsx where `@disclosure-report/elements/importers` is loaded)
   * and fills them in as one undo step. When a ledger line cannot be counted nothing is filled in,
   * and the summary lists each such line with its number. Resolves to whether the tables were filled.
   */
  async fillFromLedger(files: readonly File[]): Promise<boolean> {
    const parts = this.#edit;
    if (!parts || parts.editor.draftPrompt) return false;
    const { editor, ledger } = parts;
    const report = editor.report;
    if (!report) return false;
    const filled = await ledger.tallyFiles(files, report, this.resolvedLang, this.strings);
    if (!filled || !editor.replaceAll(filled, 'ledger')) return false;
    this.requestUpdate();
    return true;
  }

  /** Where each cell of an imported file came from, with the importer's notes on it (in the language shown). */
  #provenanceOf(imported: Imported, source: string): Record<string, CellProvenance> {
    // As a details document of the CLI would give it (one reading of both: the place, the printed
    // row and column labels and text), with the warnings in the language shown.
    const notes = imported.warnings(this.resolvedLang).map((f) => ({ level: 'warning', message: f.message, cells: f.cells }));
    return detailsProvenance({ source, provenance: imported.provenance ?? {}, notes });
  }

  /** The report whose import details (`import --details`) set `provenance`, if any. */
  #detailsReport: Report | null = null;

  /** The ledger lines behind a cell's figure filled in by 从台账生成 (until it is edited), or undefined. */
  ledgerProvenance(cellId: string): string | undefined {
    return this.#edit?.ledger.provenance(cellId, this.strings);
  }

  /** Prints the report in its read-only layout. */
  async print(): Promise<void> {
    this.printing = true;
    await this.updateComplete;
    try {
      window.print();
    } finally {
      this.printing = false;
    }
  }

  // ---------------------------------------------------------------- form association

  get form(): HTMLFormElement | null {
    return this.#internals?.form ?? null;
  }
  get validity(): ValidityState | undefined {
    return this.#internals?.validity;
  }
  get validationMessage(): string {
    return this.#internals?.validationMessage ?? '';
  }
  get willValidate(): boolean {
    return this.#internals?.willValidate ?? false;
  }
  checkValidity(): boolean {
    return this.#internals?.checkValidity() ?? true;
  }
  reportValidity(): boolean {
    return this.#internals?.reportValidity() ?? true;
  }

  formAssociatedCallback(form: HTMLFormElement | null): void {
    this.#form?.removeEventListener('submit', this.#onFormSubmit);
    this.#form = form;
    form?.addEventListener('submit', this.#onFormSubmit);
  }

  /** A form reset goes back to the report as opened (undoable); the draft keeps the changes until the next one. */
  formResetCallback(): void {
    if (this.#editing) this.#edit?.editor.reset();
  }

  /** The browser restores the field (back/forward navigation): the report as it was edited. */
  formStateRestoreCallback(state: unknown): void {
    if (typeof state !== 'string') return;
    if (!this.#edit?.editor.report) {
      // Not loaded yet: applied once it is.
      this.#restoredState = state;
      return;
    }
    this.#applyRestoredState(state);
  }

  #applyRestoredState(state: string): void {
    try {
      const report = parseReportJson(state, 'property');
      if (JSON.stringify(report) !== JSON.stringify(this.#editor.report)) this.#editor.replaceAll(report, 'restore');
    } catch {
      // Not a report: nothing to restore.
    }
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  #onFormSubmit = (e: Event): void => {
    this.#edit?.touched.showAll();
    this.#edit?.drafts.submitting(e);
  };

  /** What the form value and validity were last set from: an update that changes none of it (a refused keystroke, focus) leaves them. */
  #formFrom: readonly unknown[] = [];

  #syncForm(): void {
    const internals = this.#internals;
    if (!internals) return;
    const edited = this.#edit?.editor;
    const report = this.#editing ? (edited?.report ?? null) : null;
    const from = [report, this.novalidate, this.strings, this.previous, this.printing, [...(edited?.errors ?? [])].join('\n')];
    if (from.every((v, i) => v === this.#formFrom[i])) return;
    this.#formFrom = from;
    if (!report || !edited) {
      internals.setFormValue(null);
      internals.setValidity({});
      return;
    }
    const json = JSON.stringify(report);
    internals.setFormValue(json, json);
    const s = this.strings;
    const root = this.renderRoot;
    const refused = [...edited.errors.entries()];
    if (this.novalidate) {
      internals.setValidity({});
    } else if (refused.length) {
      const [id, reason] = refused[0] as [string, string];
      const anchor =
        id === 'meta.year'
          ? root.querySelector<HTMLElement>('[data-meta="year"]')
          : root.querySelector<HTMLElement>(`td[data-cell="${CSS.escape(id)}"] input`);
      internals.setValidity({ badInput: true }, format(s.invalidCells, { count: refused.length, first: reason }), anchor ?? undefined);
    } else {
      const errors = this.findingsFor(report).filter((f) => f.severity === 'error');
      if (!errors.length) internals.setValidity({});
      else {
        const first = errors[0] as Finding;
        // The cell that breaks the sum, if core pinpointed one, is where to start.
        const suspect = this.findingsFor(report).find((f) => f.explains?.includes(`${first.rule}[${first.target}]`));
        let anchor: HTMLElement | null = null;
        for (const id of [...(suspect?.cells ?? []), ...first.cells]) {
          if ((anchor = root.querySelector<HTMLElement>(`td[data-cell="${CSS.escape(id)}"] input`))) break;
        }
        anchor ??=
          (isTextSection(first.target) ? root.querySelector<HTMLElement>(`textarea[data-section="${first.target}"]`) : null) ??
          (isTable(first.target) ? root.querySelector<HTMLElement>(`table.${first.target} input`) : null);
        internals.setValidity(
          { customError: true },
          format(s.invalidReport, { count: errors.length, first: first.message }),
          anchor ?? undefined,
        );
      }
    }
  }

  // ---------------------------------------------------------------- lifecycle

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const loaded = this.loadState;
    if (loaded.status === 'ready' && loaded.report !== this.#detailsReport) {
      const details = importDetails.get(loaded.report);
      // A details document read (`import --details`): its provenance. Another report after it
      // leaves the provenance of the details it replaced (never one a page set).
      if (details || this.#detailsReport) this.provenance = details ? detailsProvenance(details) : null;
      this.#detailsReport = details ? loaded.report : null;
    }
    if (!this.#editing) return;
    const parts = this.#editParts();
    if (!parts) return;
    const state = this.loadState;
    if (state.status === 'ready' && state.report !== this.#editSource) {
      this.#editSource = state.report;
      parts.touched.loaded(state.report);
      parts.editor.load(state.report);
      if (parts.imported.imported) parts.imported.set(null);
      const restored = this.#restoredState;
      this.#restoredState = null;
      if (restored) this.#applyRestoredState(restored);
    } else if (changed.has('autoTotals') && parts.editor.report && changed.get('autoTotals') !== undefined) {
      if (this.autoTotals) parts.editor.fillTotalsNow();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#syncForm();
  }

  protected override render(): TemplateResult {
    const state = this.loadState;
    if (state.status !== 'ready') return this.renderStatus();
    const edited = this.#edit?.editor.report;
    if (this.#editing && edited && !this.printing) return this.#renderEditor(edited);
    const view = this.renderReport(edited && this.#editSource === state.report ? edited : state.report);
    // Edit mode's code still loading (the standalone bundle), or failed to: the report as read meanwhile.
    return this.#editing && !this.#edit && !this.printing ? html`${this.#renderEditStatus()}${view}` : view;
  }

  #renderEditStatus(): TemplateResult {
    const s = this.strings;
    const failed = editPart.failed;
    if (failed) {
      const detail = String((failed as Error)?.message ?? failed);
      return html`<div class="status error" part="status status-error" role="alert" lang=${this.resolvedLang}>${format(s.editFailed, { detail })}</div>`;
    }
    return html`<div class="status" part="status status-loading" role="status" lang=${this.resolvedLang}>${s.editLoading}</div>`;
  }

  // ---------------------------------------------------------------- edit mode: events

  #onInput = (e: Event): void => {
    // Chinese input methods: the text is read once the composition ends (compositionend).
    if ((e as InputEvent).isComposing) return;
    const target = e.composedPath()[0] as HTMLElement;
    const editor = this.#editor;
    if (target instanceof HTMLInputElement && target.classList.contains('cell-input')) {
      const cellId = (target.closest('td') as HTMLElement).dataset.cell as string;
      editor.typeInCell(cellId, target.value);
    } else if (target instanceof HTMLTextAreaElement && target.dataset.section) {
      editor.typeInSection(target.dataset.section as TextSectionKey, target.value);
    } else if (target instanceof HTMLInputElement && target.dataset.meta) {
      editor.setMeta(target.dataset.meta as 'agency', target.value);
    }
  };

  #onChange = (e: Event): void => {
    const target = e.composedPath()[0] as HTMLElement;
    if (target instanceof HTMLSelectElement && target.dataset.meta === 'format') this.#editor.setMeta('format', target.value);
    else if (target instanceof HTMLSelectElement && target.dataset.meta === 'bodyType') this.#editor.setMeta('bodyType', target.value);
    else if (target instanceof HTMLInputElement && target.dataset.meta === 'publishedOn') this.#editor.setMeta('publishedOn', target.value);
  };

  #fieldKey(target: HTMLElement): string | null {
    if (target instanceof HTMLInputElement && target.classList.contains('cell-input')) {
      return (target.closest('td') as HTMLElement).dataset.cell ?? null;
    }
    if (target.dataset.section) return `section.${target.dataset.section}`;
    if (target.dataset.meta) return `meta.${target.dataset.meta}`;
    return null;
  }

  #onFocusIn = (e: FocusEvent): void => {
    const target = e.composedPath()[0] as HTMLElement;
    const key = this.#fieldKey(target);
    // Where the figure came from, while its cell is being edited.
    if (!target.closest?.('[part~="provenance"]')) this.#provenance.show(target.classList.contains('cell-input') ? (target.closest('td')?.dataset.cell ?? null) : null);
    if (!key) return;
    this.#editor.focused(key);
    if (target instanceof HTMLInputElement && target.classList.contains('cell-input')) target.select();
  };

  #onFocusOut = (e: FocusEvent): void => {
    const target = e.composedPath()[0] as HTMLElement;
    const key = this.#fieldKey(target);
    if (key) this.#editor.blurred(key);
  };

  #onKeyDown = (e: KeyboardEvent): void => {
    const editor = this.#editor;
    const undo = this.#parts.code.ReportEditor.undoKey(e);
    if (undo) {
      e.preventDefault();
      if (undo === 'undo') editor.undo();
      else editor.redo();
      return;
    }
    const target = e.composedPath()[0] as HTMLElement;
    if (!(target instanceof HTMLInputElement) || !target.classList.contains('cell-input') || e.isComposing) return;
    const cellId = (target.closest('td') as HTMLElement).dataset.cell as string;
    if (e.key === 'Escape') {
      e.preventDefault();
      editor.restoreCell(cellId);
      void this.updateComplete.then(() => target.select());
      return;
    }
    if (e.key === 'Delete' || (e.key === 'Backspace' && target.value === '')) {
      const caretInside = target.selectionStart === target.selectionEnd && (target.selectionStart ?? 0) < target.value.length;
      if (e.key === 'Delete' && caretInside && editor.texts.has(cellId)) return;
      e.preventDefault();
      editor.clearCell(cellId);
      return;
    }
    const next = editor.moveFor(cellId, e, target);
    if (next === null) return;
    e.preventDefault();
    if (next !== 'stay') this.focusCell(next);
  };

  #onPaste = (e: ClipboardEvent): void => {
    const target = e.composedPath()[0] as HTMLElement;
    if (!(target instanceof HTMLInputElement) || !target.classList.contains('cell-input')) return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    const cellId = (target.closest('td') as HTMLElement).dataset.cell as string;
    if (this.#editor.paste(cellId, text)) e.preventDefault();
  };

  #onToolbarClick = (e: Event): void => {
    const button = (e.composedPath()[0] as HTMLElement).closest?.('button[data-action]') as HTMLButtonElement | null;
    switch (button?.dataset.action) {
      case 'undo':
        this.undo();
        break;
      case 'redo':
        this.redo();
        break;
      case 'export':
        this.exportJson();
        // Nothing unsaved (the file has it), but the draft stays: a download can fail.
        this.#editor.saved(this.#editor.report, true);
        break;
      case 'import':
        this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]:not([data-ledger])')?.click();
        break;
      case 'print':
        void this.print();
        break;
      case 'restore-draft':
        this.#editor.restoreDraft();
        break;
      case 'discard-draft':
        this.#editor.discardDraft();
        break;
      case 'keep-mine':
        this.#editor.keepMine();
        break;
      case 'load-other':
        this.#editor.loadOther();
        break;
      case 'dismiss-import':
        this.#parts.imported.set(null);
        break;
      case 'ledger-fill':
        button?.closest('details')?.removeAttribute('open');
        this.renderRoot.querySelector<HTMLInputElement>('input[data-ledger]')?.click();
        break;
      case 'ledger-template':
      case 'ledger-appeals-template':
      case 'ledger-workbook-template': {
        button?.closest('details')?.removeAttribute('open');
        const action = button?.dataset.action;
        void this.#parts.ledger.downloadTemplate(action === 'ledger-template' ? 'requests' : action === 'ledger-appeals-template' ? 'appeals' : 'xlsx', this.strings);
        break;
      }
      case 'dismiss-ledger':
        this.#parts.ledger.clear();
        break;
      case 'close-provenance':
        this.#provenance.hide();
        break;
      case 'check-all':
        this.#parts.touched.showAll(!this.#parts.touched.all);
        break;
    }
  };

  /** A suspect's 改为 / 对调: one undo step, then back to the cell it changed. */
  #applyFix = (finding: Finding): void => {
    const fix = finding.fix;
    if (!fix || !this.#editor.applyFix(fix)) return;
    void this.updateComplete.then(() => this.focusCell((fix[0] as CellFix).cell));
  };

  #onAutoTotalsSwitch = (e: Event): void => {
    this.autoTotals = (e.target as HTMLInputElement).checked;
  };

  #onLedgerChosen = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) void this.fillFromLedger(files);
  };

  #onFileChosen = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.importFile(file);
  };

  // ---------------------------------------------------------------- edit mode: templates

  #renderEditor(report: Report): TemplateResult {
    const lang = this.resolvedLang;
    const strings = this.strings;
    const { code, editor, imported, touched, ledger, stamps } = this.#parts;
    const unread = imported.unread;
    const all = imported.merge(this.findingsFor(report), lang);
    // After findingsFor, which starts loading the checks if need be.
    const checksStatus = this.checksStatus;
    // The same array (and index) as long as the findings shown say the same.
    const marks = this.#parts.marks;
    const findings = marks.update(touched.shown(all));
    const chosen = this.selectedFinding;
    const selected = chosen ? (findings.find((f) => f.rule === chosen.rule && f.target === chosen.target) ?? null) : null;
    const autoCells = editor.autoCells();
    // Nothing can be typed while the draft prompt waits: the draft stays as it was until answered.
    const disabled = this.formDisabled || !!editor.draftPrompt;
    const provenance = ledger.tally?.ok ? (id: string) => ledger.provenance(id, strings) : undefined;
    const cellState = { texts: editor.texts, errors: editor.errors, autoCells, justFilled: editor.justFilled, unread, disabled, ...(provenance ? { provenance } : {}) };
    const base = this.#tableContext(report, [], selected);
    const ctx: TableContext = {
      ...base,
      findingsByCell: marks.byCell,
      explained: marks.explained,
      renderCell: code.editCellRenderer(cellState),
      editing: true,
      // Incremental rendering: only tables, rows and cells whose keys changed render again.
      cellKey: stamps.begin(cellState, report, marks, base.selectedCells),
      renderKey: `${lang}|${report.format}|${disabled}`,
    };
    const dataLang = lang === 'en' ? 'zh-CN' : nothing;
    const agency = typeof report.agency === 'string' ? report.agency : '';
    const title =
      (typeof report.title === 'string' && report.title.trim()) || (agency ? defaultTitle(agency, report.year) : strings.untitled);
    return html`<article
      class="report editing ${this.rootClass}"
      part="report"
      lang=${lang}
      aria-labelledby="title"
      @input=${this.#onInput}
      @compositionend=${this.#onInput}
      @change=${this.#onChange}
      @keydown=${this.#onKeyDown}
      @focusin=${this.#onFocusIn}
      @focusout=${this.#onFocusOut}
      @paste=${this.#onPaste}
      @click=${this.#onToolbarClick}
    >
      ${this.#renderToolbar()}${imported.render(strings, all)}${ledger.render(strings)}${this.#provenance.render(strings, this.#cellName)}
      <header>
        <h2 id="title" class="title" part="title" lang=${dataLang}>${title}</h2>
        ${this.#renderMeta(report, disabled)}
      </header>
      ${sections.map((section) => {
        const key = section.key;
        const headingId = `section-${key}`;
        // Tables, rows and cells whose keys did not change are skipped (tables.ts).
        const body = isTable(key)
          ? tableRenderers[key](ctx, section.heading)
          : html`<textarea
              class="section-text"
              part="section-text"
              data-section=${key}
              aria-labelledby=${headingId}
              lang="zh-CN"
              rows="6"
              placeholder=${strings.sectionPlaceholder}
              ?disabled=${disabled}
              .value=${typeof report.sections?.[key] === 'string' ? report.sections[key] : ''}
            ></textarea>`;
        return html`<section class="section" part="section section-${key}">
          <h3 id=${headingId} class="section-heading" part="section-heading">${section.heading[lang]}</h3>
          ${body}
        </section>`;
      })}
      ${guard([findings, selected, strings, all.length, checksStatus, this.packsNotice], () =>
        findingsList({
          findings,
          strings,
          lang,
          idPrefix: '',
          headingLevel: 3,
          selected,
          onSelect: (f) => this.selectFinding(f),
          selectable: (f) => f.cells.length > 0 || isTextSection(f.target) || isTable(f.target) || metaTargets.has(f.target),
          onFix: this.#applyFix,
          held: all.length - findings.length,
          status: checksStatus,
          notice: this.packsNotice,
        }),
      )}
    </article>`;
  }

  #renderToolbar(): TemplateResult {
    const s = this.strings;
    const editor = this.#editor;
    const status = html`<p class="edit-status" part="edit-status" role="status">${editor.status}</p>`;
    const notice = editor.notice ? html`<p class="notice" part="notice" role="alert">${editor.notice}</p>` : nothing;
    // A stored draft that needs a choice: one found on opening, or one another tab saved.
    const choice = (part: string, text: string, savedAt: string, actions: [string, string][]) =>
      html`<div class="draft-prompt" part=${part} role="alert">
        <span>${format(text, { time: new Date(savedAt).toLocaleString(this.resolvedLang) })}</span>
        ${actions.map(([action, label]) => html`<button type="button" data-action=${action} part="toolbar-button">${label}</button>`)}
      </div>`;
    const prompt = editor.draftPrompt
      ? choice('draft-prompt', s.draftFound, editor.draftPrompt.savedAt, [
          ['restore-draft', s.draftRestore],
          ['discard-draft', s.draftDiscard],
        ])
      : nothing;
    const conflict = editor.conflict
      ? choice('draft-conflict', s.draftConflict, editor.conflict.savedAt, [
          ['keep-mine', s.draftKeepMine],
          ['load-other', s.draftLoadOther],
        ])
      : nothing;
    const saved = editor.lastSavedAt
      ? html`<span class="saved">${format(s.draftSaved, { time: timeOfDay(editor.lastSavedAt, this.resolvedLang) })}</span>`
      : nothing;
    if (this.noToolbar) return html`<div class="edit-bar bare">${prompt}${conflict}${notice}${status}</div>`;
    return html`<div class="edit-bar">
      <div class="toolbar" part="toolbar" role="group" aria-label=${s.editToolbar}>
        <button type="button" data-action="undo" part="toolbar-button" ?disabled=${!editor.history.canUndo} aria-keyshortcuts="Control+Z">
          ${s.undo}
        </button>
        <button type="button" data-action="redo" part="toolbar-button" ?disabled=${!editor.history.canRedo} aria-keyshortcuts="Control+Shift+Z Control+Y">
          ${s.redo}
        </button>
        <label class="switch" part="auto-totals-switch">
          <input type="checkbox" role="switch" .checked=${this.autoTotals} @change=${this.#onAutoTotalsSwitch} />
          ${s.autoTotals}
        </label>
        <button type="button" data-action="export" part="toolbar-button">${s.exportJson}</button>
        <button type="button" data-action="import" part="toolbar-button" ?disabled=${!!editor.draftPrompt}>${s.importFile}</button>
        <input
          type="file"
          hidden
          accept=".json,application/json,.pdf,.docx,.html,.htm,.txt"
          @change=${this.#onFileChosen}
        />
        <details class="ledger-menu" part="ledger-menu">
          <summary part="toolbar-button">${s.ledgerMenu}</summary>
          <div class="menu" part="ledger-menu-items">
            <button type="button" data-action="ledger-fill" part="toolbar-button" ?disabled=${!!editor.draftPrompt}>${s.ledgerFill}</button>
            <button type="button" data-action="ledger-template" part="toolbar-button">${s.ledgerTemplate}</button>
            <button type="button" data-action="ledger-appeals-template" part="toolbar-button">${s.ledgerAppealsTemplate}</button>
            ${this.#parts.ledger.workbookTemplate
              ? html`<button type="button" data-action="ledger-workbook-template" part="toolbar-button">${s.ledgerWorkbookTemplate}</button>`
              : nothing}
          </div>
        </details>
        <input type="file" hidden multiple data-ledger accept=".csv,text/csv,.xlsx" @change=${this.#onLedgerChosen} />
        <button type="button" data-action="print" part="toolbar-button">${s.print}</button>
        <button type="button" data-action="check-all" part="toolbar-button" aria-pressed=${this.#parts.touched.all}>${s.checkAll}</button>
        ${saved}
      </div>
      ${prompt}${conflict}${notice}${status}
    </div>`;
  }

  // Options bind `.selected` (not the attribute, which a select stops following once a person
  // has chosen): every choice goes through the editor, so undo and redo show in the select too.
  #renderMeta(report: Report, disabled: boolean): TemplateResult {
    const s = this.strings;
    const editor = this.#editor;
    const yearError = editor.errors.get('meta.year');
    const lang = this.resolvedLang;
    const bodyType = bodyTypes.find((b) => b === report.bodyType);
    return html`<div class="meta-fields" part="meta">
      <label part="field"
        ><span>${s.agency}</span
        ><input data-meta="agency" lang="zh-CN" autocomplete="organization" ?disabled=${disabled} .value=${typeof report.agency === 'string' ? report.agency : ''}
      /></label>
      <label part="field"
        ><span>${s.year}</span
        ><input
          data-meta="year"
          inputmode="numeric"
          autocomplete="off"
          size="6"
          aria-invalid=${yearError ? 'true' : nothing}
          aria-describedby=${yearError ? 'year-error' : nothing}
          ?disabled=${disabled}
          .value=${editor.texts.get('meta.year') ?? String(report.year ?? '')}
        />${yearError ? html`<span class="field-error" id="year-error">${yearError}</span>` : nothing}</label
      >
      <label part="field"
        ><span>${s.format}</span
        ><select data-meta="format" ?disabled=${disabled}>
          ${formatIds.map(
            (f) => html`<option value=${f} .selected=${report.format === f}>${taxonomy(f).label[lang]}</option>`,
          )}
        </select></label
      >
      <label part="field"
        ><span>${s.publishedOn}</span
        ><input type="date" data-meta="publishedOn" ?disabled=${disabled} .value=${report.publishedOn ?? ''}
      /></label>
      <label part="field"
        ><span>${s.bodyType}</span
        ><select data-meta="bodyType" ?disabled=${disabled}>
          <option value="" .selected=${!bodyType}>${s.bodyTypeUnknown}</option>
          ${bodyTypes.map((b) => html`<option value=${b} .selected=${bodyType === b}>${s.bodyTypeValue[b]}</option>`)}
        </select></label
      >
      <label part="field" class="wide"
        ><span>${s.title}</span
        ><input
          data-meta="title"
          lang="zh-CN"
          ?disabled=${disabled}
          placeholder=${typeof report.agency === 'string' && report.agency ? defaultTitle(report.agency, report.year) : s.titlePlaceholder}
          .value=${typeof report.title === 'string' ? report.title : ''}
      /></label>
    </div>`;
  }

  /** What the tables of this element render with (read-only cells unless edit mode swaps them). */
  #tableContext(report: Report, findings: readonly Finding[], selected: Finding | null): TableContext {
    const compared = this.compare && !this.#editing ? this.#compare.comparison(report) : null;
    const tax = taxonomy(report.format);
    // View mode: the cells with a provenance reachable by keyboard (edit mode's inputs already are).
    const tabbable = this.#editing ? undefined : this.#provenance.tabbable(tax.cells);
    return {
      ...(compared ? { comparison: compared.cells } : {}),
      ...(tabbable ? { tabbable } : {}),
      report,
      taxonomy: tax,
      lang: this.resolvedLang,
      strings: this.strings,
      findingsByCell: indexFindings(findings),
      explained: explainedSums(findings),
      selectedCells: new Set(selected?.cells ?? []),
      idPrefix: '',
      captionVisible: false,
      renderCell: renderCellView,
    };
  }

  private renderReport(report: Report): TemplateResult {
    const lang = this.resolvedLang;
    const strings = this.strings;
    const findings = this.showFindings ? this.findingsFor(report) : [];
    // By rule and target: edit mode keeps the finding objects of an earlier check while they say the same.
    const chosen = this.selectedFinding;
    const selected = chosen ? (findings.find((f) => f.rule === chosen.rule && f.target === chosen.target) ?? null) : null;
    const ctx = this.#tableContext(report, findings, selected);
    // The report's own words are Chinese whatever the UI language.
    const dataLang = lang === 'en' ? 'zh-CN' : nothing;
    const agency = typeof report.agency === 'string' ? report.agency : '';
    const year = typeof report.year === 'number' ? report.year : null;
    // Shown only when stated (and valid: malformed data is never echoed as a label key).
    const bodyType = bodyTypes.find((b) => b === report.bodyType);
    const title =
      (typeof report.title === 'string' && report.title.trim()) ||
      (agency && year !== null ? defaultTitle(agency, year) : strings.untitled);
    return html`<article class="report ${this.rootClass}" part="report" lang=${lang} aria-labelledby="title" @click=${this.#onViewSelect} @focusin=${this.#onViewSelect} @keydown=${this.#provenance.keydown}>
      <header>
        <h2 id="title" class="title" part="title" lang=${dataLang}>${title}</h2>
        <dl class="meta" part="meta">
          ${agency
            ? html`<div>
                <dt>${strings.agency}</dt>
                <dd lang=${dataLang}>${agency}</dd>
              </div>`
            : nothing}
          ${year !== null
            ? html`<div>
                <dt>${strings.year}</dt>
                <dd>${format(strings.yearValue, { year })}</dd>
              </div>`
            : nothing}
          <div>
            <dt>${strings.publishedOn}</dt>
            <dd>${report.publishedOn ? String(report.publishedOn) : strings.publishedOnUnknown}</dd>
          </div>
          ${bodyType
            ? html`<div>
                <dt>${strings.bodyType}</dt>
                <dd>${strings.bodyTypeValue[bodyType]}</dd>
              </div>`
            : nothing}
        </dl>
      </header>
      ${this.compare ? this.#compare.legend(report, strings) : nothing}${this.#provenance.render(strings, this.#cellName)}
      ${sections.map((section) => this.renderSection(ctx, section.key, section.heading, dataLang))}
      ${this.showFindings
        ? findingsList({
            findings,
            strings,
            lang,
            idPrefix: '',
            headingLevel: 3,
            selected,
            onSelect: (f) => this.selectFinding(f),
            status: this.checksStatus,
            notice: this.packsNotice,
          })
        : nothing}
    </article>`;
  }

  private renderSection(
    ctx: TableContext,
    key: SectionKey,
    heading: Label,
    dataLang: string | typeof nothing,
  ): TemplateResult {
    const headingId = `section-${key}`;
    const body =
      key === 'active' || key === 'requests' || key === 'reviews'
        ? tableRenderers[key](ctx, heading)
        : html`<div lang=${dataLang}>
            ${ctx.comparison
              ? comparedParagraphs((ctx.report.sections as Record<string, unknown> | undefined)?.[key], this.#compare.repeated(ctx.report, key), ctx.strings)
              : paragraphs((ctx.report.sections as Record<string, unknown> | undefined)?.[key], ctx.strings.sectionEmpty)}
          </div>`;
    // Not a landmark (no accessible name): the tables' scroll regions are, and names must be unique.
    return html`<section class="section" part="section section-${key}">
      <h3 id=${headingId} class="section-heading" part="section-heading">${heading[ctx.lang]}</h3>
      ${body}
    </section>`;
  }
}

define('disclosure-report', DisclosureReportElement);

declare global {
  interface HTMLElementTagNameMap {
    'disclosure-report': DisclosureReportElement;
  }
}
