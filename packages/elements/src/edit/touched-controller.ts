/**
 * Calm filling: in edit mode a finding is shown once the clerk has touched what it is about,
 * so a new form does not open on 6 errors and 200 warnings. Touched is edited in this session,
 * or not blank when the report was loaded or imported (a document with values is not a new
 * form). The rest waits until the clerk asks (检查全部), submits, or the form is validated.
 */
import { type Finding, type Report, getCell, taxonomy, textSectionKeys } from '@disclosure-report/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChangeCause, DisclosureChangeDetail } from '../events.js';

/** Changes that bring a whole document: what it holds counts as touched. */
const whole: readonly ChangeCause[] = ['import', 'restore', 'reset', 'format'];
const metaFields = ['agency', 'year', 'title', 'publishedOn', 'bodyType', 'format'] as const;

const tableOf = (cellId: string) => cellId.slice(0, cellId.indexOf('.'));
const findingKey = (f: Finding) => `${f.rule}[${f.target}]`;

export class TouchedController implements ReactiveController {
  /** The clerk asked to see every finding (检查全部, a submission, form validation). */
  all = false;
  /** Cell ids, `section.<key>`, `meta.<field>` and `table.<key>` (a cell of it) touched. */
  readonly #touched = new Set<string>();
  #last: Report | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('disclosure-change', this.#onChange);
    // Form validation (submit, checkValidity, reportValidity) found the report invalid.
    this.host.addEventListener('invalid', this.showAll);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('disclosure-change', this.#onChange);
    this.host.removeEventListener('invalid', this.showAll);
  }

  /** A report was opened for editing: what it holds is touched, the rest waits. */
  loaded(report: Report): void {
    this.all = false;
    this.#touched.clear();
    this.#addFilled(report);
  }

  /** Shows every finding from now on (`on` false: back to calm). */
  showAll = (on: unknown = true): void => {
    const next = on !== false;
    if (next === this.all) return;
    this.all = next;
    this.host.requestUpdate();
  };

  /** The findings to show now; the others are held (their number goes in the summary). */
  shown(findings: readonly Finding[]): readonly Finding[] {
    if (this.all) return findings;
    const t = this.#touched;
    const visible = new Set<string>();
    const out: Finding[] = [];
    for (const f of findings) if (f.rule !== 'suspect.cell' && this.#ready(f)) visible.add(findingKey(f));
    const present = new Set(findings.map(findingKey));
    for (const f of findings) {
      const show =
        f.rule === 'suspect.cell'
          ? // A suspect shows with a sum it explains (a blank elsewhere in another need not hold it back).
            f.cells.every((c) => t.has(c)) && (!f.explains?.some((k) => present.has(k)) || f.explains.some((k) => visible.has(k)))
          : visible.has(findingKey(f));
      if (show) out.push(f);
    }
    return out.length === findings.length ? findings : out;
  }

  #ready(f: Finding): boolean {
    const t = this.#touched;
    // What an import says is about what was just imported.
    if (f.rule.startsWith('import.')) return true;
    if (f.cells.length) return f.cells.every((c) => t.has(c));
    const target = f.target;
    if ((textSectionKeys as readonly string[]).includes(target)) return t.has(`section.${target}`);
    if (target === 'active' || target === 'requests' || target === 'reviews') return t.has(`table.${target}`);
    if (f.rule === 'published.deadline') return t.has('meta.publishedOn');
    if (f.rule === 'format.current') return t.has('meta.year');
    return true;
  }

  #addCell(id: string): void {
    this.#touched.add(id);
    this.#touched.add(`table.${tableOf(id)}`);
  }

  #addFilled(report: Report): void {
    this.#last = report;
    for (const cell of taxonomy(report.format).cells) if (getCell(report, cell.id) != null) this.#addCell(cell.id);
    for (const key of textSectionKeys) {
      const text = report.sections?.[key];
      if (typeof text === 'string' && text.trim()) this.#touched.add(`section.${key}`);
    }
    for (const field of metaFields) if (report[field] != null && report[field] !== '') this.#touched.add(`meta.${field}`);
  }

  #onChange = (e: Event): void => {
    const { cause, cells, report } = (e as CustomEvent<DisclosureChangeDetail>).detail;
    const last = this.#last;
    if (whole.includes(cause) || !last) {
      this.#addFilled(report);
      return;
    }
    for (const id of cells) this.#addCell(id);
    // Text and metadata: the event names no field, the reports tell which one changed.
    for (const key of textSectionKeys) if (last.sections?.[key] !== report.sections?.[key]) this.#touched.add(`section.${key}`);
    for (const field of metaFields) if (last[field] !== report[field]) this.#touched.add(`meta.${field}`);
    this.#last = report;
  };
}
