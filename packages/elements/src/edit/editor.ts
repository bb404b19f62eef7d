/**
 * The state of edit mode and what every keystroke does: the working report, undo/redo, text
 * being typed and refusals, automatic totals, drafts in localStorage and the form value. The
 * element renders from it and forwards the events of its shadow root.
 */
import {
  type CellDef,
  type CellFix,
  type Finding,
  type FormatId,
  type Lang,
  type Report,
  type TextSectionKey,
  convertFormat,
  fillTotals,
  getCell,
  isBodyType,
  isFormatId,
  taxonomy,
  totalDefinitions,
  withCell,
} from '@disclosure-report/core';
import type { ReactiveControllerHost } from 'lit';
import type { ChangeCause, DisclosureEventMap } from '../events.js';
import { type DisclosureStrings, format } from '../i18n.js';
import { type Draft, defaultDraftKey, readDraft, removeDraft, sameReport, writeDraft } from './drafts.js';
import { blockTargets, navGrid, neighbour } from './grid.js';
import { EditHistory } from './history.js';
import { cellName } from './cells.js';
import { isBlock, parseTsv } from './tsv.js';
import { readCellInput } from './values.js';

/** What the editor needs from its element. */
export interface EditorHost {
  readonly element: ReactiveControllerHost & HTMLElement;
  strings(): DisclosureStrings;
  lang(): Lang;
  findings(report: Report): readonly Finding[];
  emit<K extends keyof DisclosureEventMap>(type: K, detail: DisclosureEventMap[K]['detail']): void;
  root(): ParentNode;
  autoTotals(): boolean;
  /** The `draft-key` attribute, or null for the default key. */
  draftKey(): string | null;
  draftsDisabled(): boolean;
}

type MetaField = 'agency' | 'year' | 'title' | 'publishedOn' | 'bodyType' | 'format';

const YEAR_KEY = 'meta.year';
/** Text that is a number still being typed: a sign alone. */
const INCOMPLETE = /^\s*[-+－＋]\s*$/;
const SAVE_DELAY = 300;

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform ?? '');

export class ReportEditor {
  /** The report as edited (null before one is loaded). */
  report: Report | null = null;
  /** The report as loaded: form reset returns to it. */
  origin: Report | null = null;
  /** The report as last loaded, saved (`saved()`) or exported: unsaved changes are those since. */
  baseline: Report | null = null;
  /** The report as last submitted, until the page says it was saved (`saved()`). */
  submitted: Report | null = null;
  readonly history = new EditHistory();
  /** Text typed into cells (and the year), kept as typed while the field is being edited. */
  readonly texts = new Map<string, string>();
  /** Refused text: the reason by cell id (and `meta.year`). */
  readonly errors = new Map<string, string>();
  justFilled: ReadonlySet<string> = new Set();
  /** The last announcement (polite live region). */
  get status(): string {
    return this.#status;
  }
  set status(text: string) {
    this.#status = text;
    this.#statusFor = null;
  }
  /** A lasting notice (drafts cannot be saved). */
  notice = '';
  /**
   * A draft found on opening, waiting for 恢复 or 放弃. Until it is answered the report cannot
   * change (the fields are disabled) and nothing is saved: the draft stays as it was.
   */
  draftPrompt: Draft | null = null;
  /**
   * A draft of the same report saved by another tab or window since this one last saw it:
   * saving waits until the user keeps this page's changes or loads the other draft.
   */
  conflict: Draft | null = null;
  lastSavedAt: Date | null = null;
  disabled = false;

  #status = '';
  /** The field the status is about (a refused value): it goes once that value is fixed or another edit is made. */
  #statusFor: string | null = null;
  #session = 0;
  #focus: { key: string; group: string } | null = null;
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #draftKey = '';
  /** This editor's id in the drafts it writes. */
  readonly #writer = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  /** `savedAt` of the stored draft as this editor last read or wrote it. */
  #seenSavedAt: string | null = null;

  constructor(readonly host: EditorHost) {}

  get dirty(): boolean {
    return !!this.report && this.report !== this.baseline;
  }

  get key(): string {
    return this.#draftKey;
  }

  /** Total cells computed by the element (when auto totals are on). */
  autoCells(): ReadonlySet<string> {
    if (!this.host.autoTotals() || !this.report) return new Set();
    return totalCells(this.report.format);
  }

  // ---------------------------------------------------------------- loading

  /** Starts editing a (newly loaded) report. */
  load(report: Report): void {
    this.report = this.origin = this.baseline = report;
    this.history.clear();
    this.texts.clear();
    this.errors.clear();
    this.justFilled = new Set();
    this.status = '';
    this.notice = '';
    this.draftPrompt = null;
    this.conflict = null;
    this.lastSavedAt = null;
    this.submitted = null;
    this.#seenSavedAt = null;
    this.#cancelSave();
    this.#draftKey = this.host.draftKey() || defaultDraftKey(report);
    if (!this.host.draftsDisabled()) {
      const draft = this.#read();
      if (draft === 'unavailable') this.notice = this.host.strings().draftsUnavailable;
      // The report as opened already holds all of it (say, as the server saved a form posted
      // with it): the draft is dropped, never offered again.
      else if (draft && sameReport(draft.report, report)) removeDraft(this.#draftKey);
      else if (draft) {
        this.#seenSavedAt = draft.savedAt;
        this.draftPrompt = draft;
      }
    }
    if (this.host.autoTotals()) this.fillTotalsNow();
  }

  // ---------------------------------------------------------------- changes

  /**
   * Replaces the report with `next` as one undoable step (merged into the open step of `group`),
   * filling totals first when auto totals are on. Returns whether anything changed.
   */
  commit(next: Report, cause: ChangeCause, o: { group?: string | null; cells?: readonly string[] } = {}): boolean {
    const before = this.report;
    // Nothing changes while the draft prompt waits (the browser restoring the form's state aside).
    if (!before || (this.draftPrompt && cause !== 'restore')) return false;
    let filled: string[] = [];
    if (this.host.autoTotals()) ({ report: next, filled } = fillTotals(next));
    if (next === before) return false;
    this.history.record(before, o.group ?? null);
    this.report = next;
    this.justFilled = new Set(filled);
    if (filled.length && cause !== 'auto-totals') this.#announceFilled(filled);
    this.#changed(cause, [...(o.cells ?? []), ...filled]);
    return true;
  }

  /** Fills every total from its parts now (one step). */
  fillTotalsNow(): void {
    if (!this.report) return;
    for (const id of totalCells(this.report.format)) {
      this.texts.delete(id);
      this.errors.delete(id);
    }
    const { report, filled } = fillTotals(this.report);
    if (!filled.length) {
      this.host.element.requestUpdate();
      return;
    }
    this.history.record(this.report, null);
    this.report = report;
    this.justFilled = new Set(filled);
    this.#announceFilled(filled);
    this.#changed('auto-totals', filled);
  }

  #announceFilled(filled: readonly string[]): void {
    const s = this.host.strings();
    const t = taxonomy((this.report as Report).format);
    const names = filled.slice(0, 3).map((id) => cellName(t.cellById.get(id) as CellDef, this.host.lang()));
    this.status = format(s.autoFilled, {
      count: filled.length,
      cells: names.join(this.host.lang() === 'en' ? '; ' : '；') + (filled.length > 3 ? '…' : ''),
    });
  }

  /** Sets the report without a new undo step (undo, redo, Escape). */
  #replace(report: Report, cause: ChangeCause): void {
    const before = this.report;
    this.report = report;
    this.justFilled = new Set();
    this.#changed(cause, before ? changedCells(before, report) : []);
  }

  /** Announces `text` about the value typed in `field` (it goes when that value is fixed or another edit is made). */
  #say(text: string, field: string): void {
    this.status = text;
    this.#statusFor = field;
  }

  /** `field`'s value is no longer refused: what the status said about it is over. */
  #settled(field: string): void {
    if (this.#statusFor === field) this.status = '';
  }

  #changed(cause: ChangeCause, cells: readonly string[]): void {
    // A change made: a refusal announced earlier no longer describes the latest edit.
    if (this.#statusFor !== null) this.status = '';
    const report = this.report as Report;
    const findings = this.host.findings(report);
    this.host.emit('disclosure-change', { report, findings, cause, cells });
    this.#scheduleSave();
    this.host.element.requestUpdate();
  }

  undo(): boolean {
    if (!this.report) return false;
    const previous = this.history.undo(this.report);
    if (!previous) return false;
    this.texts.clear();
    this.errors.clear();
    this.status = this.host.strings().undone;
    this.#replace(previous, 'undo');
    return true;
  }

  redo(): boolean {
    if (!this.report) return false;
    const next = this.history.redo(this.report);
    if (!next) return false;
    this.texts.clear();
    this.errors.clear();
    this.status = this.host.strings().redone;
    this.#replace(next, 'redo');
    return true;
  }

  /** Sets a cell from typed text: committed when it reads as a number, else kept and marked. */
  typeInCell(cellId: string, text: string, final = false): void {
    const report = this.report;
    if (!report) return;
    const def = taxonomy(report.format).cellById.get(cellId);
    if (!def || this.autoCells().has(cellId)) return;
    const s = this.host.strings();
    this.texts.set(cellId, text);
    if (!final && INCOMPLETE.test(text)) {
      // A sign on its own is a number being typed (or a blank mark, read when the cell is left).
      this.errors.delete(cellId);
      this.#settled(cellId);
      this.host.element.requestUpdate();
      return;
    }
    const read = readCellInput(text, def.kind, s);
    if (read.ok) {
      this.errors.delete(cellId);
      this.#settled(cellId);
      this.commit(withCell(report, cellId, read.value), 'input', { group: this.#group(cellId), cells: [cellId] });
      this.host.emit('disclosure-input', { cellId, text, value: read.value, error: null });
    } else {
      this.errors.set(cellId, read.reason);
      this.#say(format(s.cellRefused, { cell: cellName(def, this.host.lang()), text: text.trim(), reason: read.reason }), cellId);
      this.host.emit('disclosure-input', { cellId, text, value: undefined, error: read.reason });
    }
    this.host.element.requestUpdate();
  }

  /** Delete: the cell becomes blank (null), one step. */
  clearCell(cellId: string): void {
    const report = this.report;
    if (!report || this.autoCells().has(cellId)) return;
    this.texts.delete(cellId);
    this.errors.delete(cellId);
    this.history.endGroup();
    if (!this.commit(withCell(report, cellId, null), 'clear', { cells: [cellId] })) this.host.element.requestUpdate();
    else this.host.emit('disclosure-input', { cellId, text: '', value: null, error: null });
  }

  /** Escape: the cell goes back to what it held when it got focus. */
  restoreCell(cellId: string): void {
    this.texts.delete(cellId);
    this.errors.delete(cellId);
    this.#settled(cellId);
    const group = this.#focus?.key === cellId ? this.#focus.group : null;
    const before = group ? this.history.discardGroup(group) : null;
    if (before) this.#replace(before, 'escape');
    else this.host.element.requestUpdate();
  }

  /** Pastes a block copied from a spreadsheet at `cellId`; all or nothing. Returns whether it was a block. */
  paste(cellId: string, text: string): boolean {
    const report = this.report;
    if (!report || !isBlock(text)) return false;
    const s = this.host.strings();
    const rows = parseTsv(text);
    const height = rows.length;
    // A loop, not Math.max(...rows): a spread over a 200,000-line paste overflows the stack.
    let width = 0;
    for (const r of rows) width = Math.max(width, r.length);
    const grid = navGrid(report.format);
    const targets = blockTargets(grid, cellId, height, width);
    if (!targets) {
      this.status = format(s.pasteDoesNotFit, { rows: height, cols: width });
      this.host.element.requestUpdate();
      return true;
    }
    const t = taxonomy(report.format);
    const auto = this.autoCells();
    let next = report;
    const cells: string[] = [];
    let skippedTotals = false;
    for (let i = 0; i < height; i++) {
      for (let j = 0; j < width; j++) {
        const id = (targets[i] as string[])[j] as string;
        const raw = rows[i]?.[j] ?? '';
        if (auto.has(id)) {
          skippedTotals = true;
          continue;
        }
        const read = readCellInput(raw, (t.cellById.get(id) as CellDef).kind, s);
        if (!read.ok) {
          this.status = format(s.pasteBadValue, { row: i + 1, col: j + 1, text: raw.trim(), reason: read.reason });
          this.host.element.requestUpdate();
          return true;
        }
        next = withCell(next, id, read.value);
        cells.push(id);
      }
    }
    for (const id of cells) {
      this.texts.delete(id);
      this.errors.delete(id);
    }
    this.history.endGroup();
    this.commit(next, 'paste', { cells });
    this.status = format(s.pasteDone, { rows: height, cols: width }) + (skippedTotals ? s.pasteAutoTotals : '');
    this.host.element.requestUpdate();
    return true;
  }

  /**
   * Applies a suspect's fix (core's `fix`: one cell, or the two of a transposition) as one undo
   * step. Refused (false) when a cell no longer holds what the fix was computed from.
   */
  applyFix(fix: readonly CellFix[]): boolean {
    const report = this.report;
    if (!report || !fix.length || fix.some((c) => (getCell(report, c.cell) ?? null) !== c.from)) return false;
    let next = report;
    for (const c of fix) {
      next = withCell(next, c.cell, c.to);
      this.texts.delete(c.cell);
      this.errors.delete(c.cell);
    }
    this.history.endGroup();
    if (!this.commit(next, 'fix', { cells: fix.map((c) => c.cell) })) return false;
    const t = taxonomy(report.format);
    const lang = this.host.lang();
    this.status = format(this.host.strings().fixApplied, {
      cells: fix.map((c) => `${cellName(t.cellById.get(c.cell) as CellDef, lang)} ${c.from ?? ''} → ${c.to}`).join(lang === 'en' ? '; ' : '；'),
    });
    this.host.element.requestUpdate();
    return true;
  }

  /** A free-text section typed into. */
  typeInSection(key: TextSectionKey, text: string): void {
    const report = this.report;
    if (!report) return;
    this.commit({ ...report, sections: { ...report.sections, [key]: text } }, 'section', { group: this.#group(`section.${key}`) });
  }

  /** A metadata field changed. */
  setMeta(field: MetaField, raw: string): void {
    const report = this.report;
    if (!report) return;
    const group = this.#group(`meta.${field}`);
    if (field === 'year') {
      this.texts.set(YEAR_KEY, raw);
      const t = raw.normalize('NFKC').trim();
      if (/^\d{4}$/.test(t)) {
        this.errors.delete(YEAR_KEY);
        this.#settled(YEAR_KEY);
        this.commit({ ...report, year: Number(t) }, 'meta', { group });
      } else {
        this.errors.set(YEAR_KEY, this.host.strings().refusedYear);
        this.#say(this.host.strings().refusedYear, YEAR_KEY);
      }
      this.host.element.requestUpdate();
      return;
    }
    if (field === 'format') {
      if (!isFormatId(raw) || raw === report.format) return;
      this.history.endGroup();
      this.texts.clear();
      this.errors.delete(YEAR_KEY);
      for (const id of [...this.errors.keys()]) if (id !== YEAR_KEY) this.errors.delete(id);
      this.commit(convertFormat(report, raw as FormatId), 'format');
      this.status = format(this.host.strings().formatChanged, { label: taxonomy(raw).label[this.host.lang()] });
      return;
    }
    if (field === 'publishedOn') {
      this.commit({ ...report, publishedOn: raw || null }, 'meta', { group });
      return;
    }
    if (field === 'bodyType') {
      // '' is 未注明: the report then has no bodyType (absent = unknown). Each choice is one step.
      if (raw !== '' && !isBodyType(raw)) return;
      if ((raw || undefined) === report.bodyType) return;
      const next: Report = { ...report };
      if (isBodyType(raw)) next.bodyType = raw;
      else delete next.bodyType;
      this.history.endGroup();
      this.commit(next, 'meta');
      return;
    }
    this.commit({ ...report, [field]: raw }, 'meta', { group });
  }

  /** Replaces the whole report (import, form state restore, form reset), as one step; false when refused. */
  replaceAll(report: Report, cause: ChangeCause): boolean {
    this.texts.clear();
    this.errors.clear();
    this.history.endGroup();
    return this.commit(report, cause);
  }

  /**
   * Form reset: back to the report as opened, one undoable step. The draft keeps the changes
   * until the next change is saved over it (a reset by mistake survives a reload too).
   */
  reset(): void {
    this.flushDraft();
    if (!this.origin || !this.replaceAll(this.origin, 'reset')) return;
    this.#cancelSave();
    this.status = this.host.strings().formReset;
  }

  // ---------------------------------------------------------------- focus and keys

  #group(key: string): string {
    if (this.#focus?.key !== key) this.#focus = { key, group: `${key}#${++this.#session}` };
    return this.#focus.group;
  }

  /** A field got focus: typing there until it loses focus is one undo step. */
  focused(key: string): void {
    this.#focus = { key, group: `${key}#${++this.#session}` };
    this.history.endGroup();
  }

  /** A field lost focus: valid text is shown as the number it became. */
  blurred(key: string): void {
    const typed = this.texts.get(key);
    if (typed !== undefined && INCOMPLETE.test(typed)) this.typeInCell(key, typed, true);
    if (!this.errors.has(key) && this.texts.delete(key)) this.host.element.requestUpdate();
    if (this.#focus?.key === key) this.#focus = null;
    this.history.endGroup();
  }

  /** Whether a key event is undo (Ctrl+Z) or redo (Ctrl+Shift+Z, Ctrl+Y). */
  static undoKey(e: KeyboardEvent): 'undo' | 'redo' | null {
    const mod = isMac() ? e.metaKey : e.ctrlKey;
    if (!mod || e.altKey) return null;
    const k = e.key.toLowerCase();
    if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (k === 'y' && !e.shiftKey) return 'redo';
    return null;
  }

  /** The cell to move to from a key in a cell input, or null to let the key through. */
  moveFor(cellId: string, e: KeyboardEvent, input: HTMLInputElement): string | null | 'stay' {
    const report = this.report;
    if (!report || e.altKey || e.ctrlKey || e.metaKey) return null;
    const grid = navGrid(report.format);
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    const all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    let dir: 'up' | 'down' | 'left' | 'right' | null = null;
    switch (e.key) {
      case 'ArrowUp':
        dir = 'up';
        break;
      case 'ArrowDown':
        dir = 'down';
        break;
      case 'ArrowLeft':
        if (atStart || all) dir = 'left';
        break;
      case 'ArrowRight':
        if (atEnd || all) dir = 'right';
        break;
      case 'Enter':
        dir = e.shiftKey ? 'up' : 'down';
        break;
    }
    if (!dir) return null;
    return neighbour(grid, cellId, dir) ?? 'stay';
  }

  // ---------------------------------------------------------------- drafts

  #cancelSave(): void {
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
  }

  #scheduleSave(): void {
    if (this.host.draftsDisabled() || this.draftPrompt || this.conflict) return;
    this.#cancelSave();
    this.#saveTimer = setTimeout(() => this.saveDraft(), SAVE_DELAY);
  }

  /** Saves the draft now if one is due (debounced saves, page hidden or left). */
  flushDraft(): void {
    if (this.#saveTimer !== null) this.saveDraft();
  }

  /** The stored draft; a damaged one is set aside (readDraft) and the status line says where. */
  #read(): Draft | null | 'unavailable' {
    const draft = readDraft(this.#draftKey);
    if (draft !== 'invalid') return draft;
    this.status = format(this.host.strings().draftInvalid, { key: `${this.#draftKey}:invalid` });
    this.host.element.requestUpdate();
    return null;
  }

  /** A draft another editor saved since this one last saw the stored draft, if any. */
  #newerForeignDraft(): Draft | null {
    const stored = this.#read();
    if (!stored || stored === 'unavailable') return null;
    if (stored.writer === this.#writer || stored.savedAt === this.#seenSavedAt) return null;
    return stored;
  }

  saveDraft(force = false): void {
    this.#cancelSave();
    const report = this.report;
    if (!report || this.host.draftsDisabled() || this.draftPrompt || (this.conflict && !force)) return;
    const foreign = this.#newerForeignDraft();
    if (!this.dirty) {
      // Nothing unsaved here: the draft goes, unless it is another tab's.
      if (!foreign && !force) removeDraft(this.#draftKey);
      return;
    }
    if (foreign && !force) {
      // Never overwrite another tab's work unseen: say so and let the user choose.
      this.conflict = foreign;
      this.host.element.requestUpdate();
      return;
    }
    const now = new Date();
    if (writeDraft(this.#draftKey, report, now, this.#writer)) {
      this.#seenSavedAt = now.toISOString();
      this.lastSavedAt = now;
      if (this.notice === this.host.strings().draftsUnavailable) this.notice = '';
    } else this.notice = this.host.strings().draftsUnavailable;
    this.host.element.requestUpdate();
  }

  /** Another tab changed the draft of this report (the `storage` event): tell the user now. */
  draftChangedElsewhere(): void {
    // Only a page with changes of its own has something to lose; a clean one saves nothing.
    if (this.host.draftsDisabled() || this.draftPrompt || !this.dirty) return;
    if (this.#read() === null) {
      // Discarded there (放弃草稿, or damaged): this page's changes become the draft again at once.
      this.conflict = null;
      this.saveDraft();
      this.status = this.host.strings().draftResaved;
      return;
    }
    const foreign = this.#newerForeignDraft();
    if (!foreign) return;
    this.#cancelSave();
    this.conflict = foreign;
    this.host.element.requestUpdate();
  }

  /** Conflict resolved in favour of this page: its report becomes the draft. */
  keepMine(): void {
    if (!this.conflict) return;
    this.conflict = null;
    this.saveDraft(true);
    this.host.element.requestUpdate();
  }

  /** Conflict resolved in favour of the other tab: its draft replaces this page's report (undoable). */
  loadOther(): void {
    const other = this.conflict;
    if (!other) return;
    this.conflict = null;
    this.#seenSavedAt = other.savedAt;
    this.replaceAll(other.report, 'restore');
    this.#cancelSave();
    this.status = this.host.strings().draftRestored;
    this.host.element.requestUpdate();
  }

  restoreDraft(): void {
    const draft = this.draftPrompt;
    if (!draft) return;
    this.draftPrompt = null;
    this.#seenSavedAt = draft.savedAt;
    this.replaceAll(draft.report, 'restore');
    this.status = this.host.strings().draftRestored;
    this.host.element.requestUpdate();
  }

  discardDraft(): void {
    if (!this.draftPrompt) return;
    this.draftPrompt = null;
    // The draft offered only: a newer one another tab saved since stays.
    if (!this.#newerForeignDraft()) removeDraft(this.#draftKey);
    this.#scheduleSave();
    this.host.element.requestUpdate();
  }

  /**
   * `report` (by default the one submitted last, else the current one) is saved elsewhere (the
   * server; with `keepDraft`, an exported file): unsaved changes are those since it. With none,
   * this page's draft is removed.
   */
  saved(report = this.submitted ?? this.report, keepDraft = false): void {
    const current = this.report;
    if (!report || !current) return;
    if (!keepDraft) this.submitted = null;
    this.baseline = sameReport(report, current) ? current : report;
    if (this.dirty) this.#scheduleSave();
    else {
      this.#cancelSave();
      this.conflict = null;
      if (!keepDraft && !this.draftPrompt && !this.#newerForeignDraft()) removeDraft(this.#draftKey);
      this.lastSavedAt = null;
    }
    this.host.element.requestUpdate();
  }

  /** Stops pending work (element removed). */
  dispose(): void {
    this.flushDraft();
    this.#cancelSave();
  }
}

const totalsByFormat = new Map<FormatId, ReadonlySet<string>>();
function totalCells(format: FormatId): ReadonlySet<string> {
  let set = totalsByFormat.get(format);
  if (!set) totalsByFormat.set(format, (set = new Set(totalDefinitions(format).map((d) => d.total))));
  return set;
}

/** The cells whose values differ between two reports of the same format (for events). */
function changedCells(a: Report, b: Report): string[] {
  if (a.format !== b.format) return [];
  const out: string[] = [];
  for (const key of ['active', 'requests', 'reviews'] as const) {
    if (a[key] === b[key]) continue;
    for (const cell of taxonomy(b.format).cells) if (cell.table === key && getCell(a, cell.id) !== getCell(b, cell.id)) out.push(cell.id);
  }
  return out;
}

