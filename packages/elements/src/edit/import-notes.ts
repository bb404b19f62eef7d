/**
 * What the last import of a published file (PDF, Word, HTML, text) leaves a person to check:
 * how much of it was read, the importer's warnings (shown with the findings, each going to its
 * cell) and the cells not read (marked in the tables until edited). It lasts until the next
 * import, another report, or the clerk dismisses it. (The standalone bundle, which imports JSON
 * only, has a stand-in: `./importers-unavailable.ts`.)
 */
import type { Finding, Lang, Report } from '@disclosure-report/core';
import { type ReactiveController, type ReactiveControllerHost, type TemplateResult, html, nothing } from 'lit';
import type { ChangeCause, DisclosureChangeDetail } from '../events.js';
import { type DisclosureStrings, format } from '../i18n.js';
import type { Imported } from './import-other.js';

/** Changes that replace the whole report: what the import said no longer applies. */
const replacing: readonly ChangeCause[] = ['format', 'restore', 'reset'];
/** Changes that give cells a value (by hand, or totals computed from their parts). */
const editing: readonly ChangeCause[] = ['input', 'clear', 'paste', 'fix', 'auto-totals'];

export class ImportNotes implements ReactiveController {
  /** The last import, or null. */
  imported: Imported | null = null;
  /** Cells not read and not edited since. */
  readonly unread = new Set<string>();
  readonly #edited = new Set<string>();
  /** The report before the import: undoing back to it undoes the import. */
  #before: Report | null = null;
  #warnings: { lang: Lang; findings: Finding[] } | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('disclosure-change', this.#onChange);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('disclosure-change', this.#onChange);
  }

  /** A file was imported over `before` (null: forget the last import); `blank` tells the cells still without a value. */
  set(imported: Imported | null, before: Report | null = null, blank: (id: string) => boolean = () => true): void {
    this.imported = imported;
    this.#before = before;
    this.#warnings = null;
    this.#edited.clear();
    this.unread.clear();
    for (const id of imported?.completeness.unread ?? []) if (blank(id)) this.unread.add(id);
    this.host.requestUpdate();
  }

  /**
   * The findings to show: the import's warnings first (one stays until each cell it names has
   * been edited), then the checks, less those that read a cell not read (they cannot be checked).
   */
  merge(checks: Finding[], lang: Lang): Finding[] {
    if (!this.imported) return checks;
    if (this.#warnings?.lang !== lang) this.#warnings = { lang, findings: this.imported.warnings(lang) };
    const open = this.#warnings.findings.filter((f) => !f.cells.length || f.cells.some((c) => !this.#edited.has(c)));
    return [...open, ...checks.filter((f) => !f.cells.some((c) => this.unread.has(c)))];
  }

  /** How much was read and how many warnings are open (`findings` as merged), with a button to dismiss them. */
  render(s: DisclosureStrings, findings: readonly Finding[]): TemplateResult | typeof nothing {
    if (!this.imported) return nothing;
    const { read, expected, unread } = this.imported.completeness;
    const warnings = findings.filter((f) => f.rule.startsWith('import.')).length;
    return html`<div class="import-summary" part="import-summary" role="status">
      <span
        >${format(s.importRead, { read, expected })}${unread.length ? format(s.importUnread, { count: unread.length }) : ''}${warnings
          ? format(s.importWarnings, { count: warnings })
          : ''}</span
      >
      <button type="button" data-action="dismiss-import" part="toolbar-button">${s.importDismiss}</button>
    </div>`;
  }

  #onChange = (e: Event): void => {
    if (!this.imported) return;
    const { cause, cells, report } = (e as CustomEvent<DisclosureChangeDetail>).detail;
    if (replacing.includes(cause) || (cause === 'undo' && report === this.#before)) this.set(null);
    else if (editing.includes(cause)) {
      for (const id of cells) this.unread.delete(id), this.#edited.add(id);
    }
  };
}
