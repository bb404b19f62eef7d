/**
 * Content systems whose editors strip `<script>` and unknown tags keep the static HTML
 * export (core's `toHtml`): an `<article data-disclosure-report>` with every number in a
 * `td[data-cell]`. It reads fine without JavaScript; where the bundle runs, each such article
 * is replaced in place by a `<disclosure-report>` showing the same report, read back from it.
 */
import { type FormatId, type Report, blankReport, isBodyType, isFormatId, taxonomy, textSectionKeys, withCell } from '@disclosure-report/core';
import { type CellProvenance, detailsProvenance } from './provenance.js';

/** Why a static report could not be read (the article is then left as it is). */
export class StaticReportError extends Error {
  override name = 'StaticReportError';
}

/** Reads the report back from a static export's article. */
export function readStaticReport(article: Element): Report {
  const format = article.getAttribute('data-format');
  if (!isFormatId(format)) throw new StaticReportError(`data-format is "${format ?? ''}", not 2021 or 2019`);
  const year = Number(article.getAttribute('data-year'));
  if (!Number.isInteger(year)) throw new StaticReportError(`data-year is "${article.getAttribute('data-year') ?? ''}"`);
  // Absent or not a body type: unknown (the report then has no bodyType).
  const bodyType = article.getAttribute('data-body-type');
  let report: Report = blankReport(format as FormatId, {
    agency: article.getAttribute('data-agency') ?? '',
    year,
    title: article.querySelector('h1')?.textContent ?? '',
    publishedOn: article.getAttribute('data-published-on') || null,
    ...(isBodyType(bodyType) ? { bodyType } : {}),
  });
  const text = Object.fromEntries(
    textSectionKeys.map((key) => {
      const paragraphs = Array.from(article.querySelectorAll(`section[data-section="${key}"] > p`), (p) => p.textContent ?? '');
      return [key, paragraphs.join('\n')];
    }),
  ) as Report['sections'];
  report = { ...report, sections: text };
  const cells = new Map(Array.from(article.querySelectorAll('td[data-cell]'), (td) => [td.getAttribute('data-cell') ?? '', td]));
  for (const cell of taxonomy(format as FormatId).cells) {
    const td = cells.get(cell.id);
    if (!td) throw new StaticReportError(`cell ${cell.id} is missing`);
    const raw = (td.textContent ?? '').trim();
    if (raw === '' || td.hasAttribute('data-blank')) continue;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new StaticReportError(`cell ${cell.id} holds "${raw}", not a number`);
    report = withCell(report, cell.id, value);
  }
  return report;
}

/**
 * Replaces every static report under `root` by a live `<disclosure-report>`. Articles that
 * cannot be read stay as they are (they still show the report). Returns the new elements.
 *
 * Besides `lang`, `id` and `class`, an article's `data-show-findings` and `data-compare` become
 * the element's `show-findings` and `compare`, and `data-previous="ID"` names last year's report:
 * another static article (or an element) with that id in the same document, which becomes the
 * element's `previous` (the across-year checks, and compare mode).
 */
export function upgradeStaticReports(root: ParentNode = document): HTMLElement[] {
  // Every article is read before any is replaced: one may name a later one as last year's.
  const read = new Map<Element, Report>();
  for (const article of Array.from(root.querySelectorAll('[data-disclosure-report]'))) {
    if (article.closest('disclosure-report')) continue;
    try {
      read.set(article, readStaticReport(article));
    } catch (error) {
      console.warn(`disclosure-report: static report left as it is: ${(error as Error).message}`);
    }
  }
  const previousOf = (article: Element): Report | null => {
    const id = article.getAttribute('data-previous');
    // Under root first (it may not be in the document yet), then anywhere in the document.
    const other = id ? (root.querySelector(`[id="${CSS.escape(id)}"]`) ?? document.getElementById(id)) : null;
    if (!other || other === article) return null;
    return read.get(other) ?? (other as Element & { report?: Report | null }).report ?? null;
  };
  const upgraded: HTMLElement[] = [];
  for (const [article, report] of read) {
    const el = document.createElement('disclosure-report') as HTMLElement & { report: Report; previous: Report | null; provenance: Record<string, CellProvenance> | null };
    el.report = report;
    try {
      // Data from the page (absent: null): only an object with a provenance object is taken, as from src.
      const details = JSON.parse(article.getAttribute('data-import-details') as string) as Record<string, unknown> | null;
      if (details?.provenance instanceof Object) el.provenance = detailsProvenance(details);
    } catch {
      // Not JSON: no provenance (the report shows as it is).
    }
    const previous = previousOf(article);
    if (previous) el.previous = previous;
    const lang = article.getAttribute('lang');
    if (lang) el.setAttribute('lang', lang);
    for (const [from, to] of [
      ['id', 'id'],
      ['class', 'class'],
      ['data-show-findings', 'show-findings'],
      ['data-compare', 'compare'],
    ] as const) {
      const value = article.getAttribute(from);
      if (value !== null) el.setAttribute(to, value);
    }
    article.replaceWith(el);
    upgraded.push(el);
  }
  return upgraded;
}
