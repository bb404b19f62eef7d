/**
 * Last year beside this year in `<disclosure-report compare>` (issue 17): each figure with last
 * year's and the change, and the sentences of the texts that repeat last year's, marked. What is
 * shown is also in the text a screen reader reads (the change in words, 「与上年相同」 after each
 * repeated sentence), not only in arrows and colour. The report's text is rendered as text.
 */
import { type CellComparison, type Report, type ReportComparison, type TextSectionKey, compareReports } from '@disclosure-report/core';
import { type ReactiveController, type ReactiveControllerHost, type TemplateResult, html, nothing } from 'lit';
import { type DisclosureStrings, figure, format } from './i18n.js';
import { fetchReport } from './load.js';


/** The line under a figure: last year's, and the change (in words for screen readers, an arrow for the eye). */
export function comparisonLine(c: CellComparison, s: DisclosureStrings): TemplateResult {
  const before = c.before === null ? s.compareBlank : figure(c.before);
  const change = c.change;
  const delta =
    change === null
      ? nothing
      : change === 0
        ? // Unchanged: said, not drawn (a table of ＝ would hide the changes).
          html`<span class="visually-hidden" part="cell-change">${s.compareSame}</span>`
        : html` <span class="delta ${change > 0 ? 'up' : 'down'}" part="cell-change"
            ><span aria-hidden="true">${change > 0 ? '▲' : '▼'}${figure(Math.abs(change))}</span
            ><span class="visually-hidden">${format(change > 0 ? s.compareUp : s.compareDown, { delta: figure(Math.abs(change)) })}</span></span
          >`;
  return html`<span class="previous" part="cell-previous"><span class="last">${format(s.compareLast, { value: before })}</span>${delta}</span>`;
}

/** A section's text as paragraphs, the sentences that repeat last year's marked (and said). */
export function comparedParagraphs(text: unknown, repeated: ReportComparison['sections'][number]['repeated'], s: DisclosureStrings): TemplateResult {
  if (typeof text !== 'string' || !text.trim()) return html`<p class="empty" part="paragraph">${s.sectionEmpty}</p>`;
  const out: TemplateResult[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (!line.trim()) continue;
    const parts: (string | TemplateResult)[] = [];
    let at = start;
    for (const r of repeated) {
      if (r.end <= start || r.start >= start + line.length) continue;
      const from = Math.max(r.start, at);
      if (from > at) parts.push(text.slice(at, from));
      const to = Math.min(r.end, start + line.length);
      parts.push(html`<mark class="repeated" part="repeated">${text.slice(from, to)}</mark><span class="visually-hidden">${s.compareRepeated}</span>`);
      at = to;
    }
    if (at < start + line.length) parts.push(text.slice(at, start + line.length));
    out.push(html`<p part="paragraph">${parts}</p>`);
  }
  return html`${out}`;
}

/**
 * The comparison of an element's report with last year's (`previous`, or `previous-src` fetched
 * into it), computed once per pair of report objects, and the state of fetching last year's.
 */
export class CompareController implements ReactiveController {
  #cache: { report: Report; previous: Report; comparison: ReportComparison; cells: Map<string, CellComparison> } | null = null;
  #src: string | null = null;
  #abort: AbortController | null = null;
  /** Why `previous-src` could not be used, or null. */
  error: unknown = null;

  constructor(private readonly host: ReactiveControllerHost & { previous: Report | null; previousSrc: string | null }) {
    host.addController(this);
  }

  hostUpdate(): void {
    const src = this.host.previousSrc;
    if (src === this.#src) return;
    this.#src = src;
    this.#abort?.abort();
    this.error = null;
    if (!src) return;
    const controller = new AbortController();
    this.#abort = controller;
    fetchReport(src, controller.signal).then(
      (report) => {
        if (controller.signal.aborted) return;
        // Last year's report for the across-year checks too.
        this.host.previous = report;
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        this.error = error ?? new Error('failed');
        this.host.requestUpdate();
      },
    );
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#src = null;
  }

  /** This year's report beside last year's, or null without last year's. */
  comparison(report: Report): { comparison: ReportComparison; cells: ReadonlyMap<string, CellComparison> } | null {
    const previous = this.host.previous;
    if (!previous) return null;
    const c = this.#cache;
    if (c && c.report === report && c.previous === previous) return c;
    const comparison = compareReports(report, previous);
    this.#cache = { report, previous, comparison, cells: new Map(comparison.cells.map((x) => [x.id, x])) };
    return this.#cache;
  }

  /** What the comparison shows, above the report: last year's report named, or why there is none. */
  legend(report: Report, s: DisclosureStrings): TemplateResult {
    const previous = this.host.previous;
    if (this.error) {
      const e = this.error as { localized?: (s: DisclosureStrings) => string; message?: string };
      const detail = e.localized?.(s) ?? String(e.message ?? this.error);
      return html`<p class="compare-legend" part="compare-legend" role="alert">${format(s.compareFailed, { detail })}</p>`;
    }
    if (!previous) return html`<p class="compare-legend" part="compare-legend">${s.compareNone}</p>`;
    const repeated = this.comparison(report)?.comparison.sections.reduce((n, x) => n + x.repeated.length, 0) ?? 0;
    return html`<p class="compare-legend" part="compare-legend">
      ${format(s.compareWith, { agency: typeof previous.agency === 'string' ? previous.agency : '', year: String(previous.year) })}${repeated
        ? format(s.compareRepeatedCount, { count: repeated })
        : ''}
    </p>`;
  }

  /** The repeated sentences of a text section (none without last year's). */
  repeated(report: Report, key: TextSectionKey): ReportComparison['sections'][number]['repeated'] {
    return this.comparison(report)?.comparison.sections.find((x) => x.key === key)?.repeated ?? [];
  }
}
