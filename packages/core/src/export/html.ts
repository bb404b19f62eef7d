/**
 * Static HTML of a report: the national tables with the same grid and accessibility
 * markup as the web component, and no script. For content systems that accept only pasted
 * HTML, and as the no-JavaScript fallback that `<disclosure-report>` upgrades in place.
 */
import { type LayoutRow, type TableLayout, tableLayout } from '../layout.js';
import { type Report, getCell } from '../report.js';
import { type Lang, type TableId, sections } from '../taxonomy.js';

/**
 * Escapes text for HTML content and attribute values (quoted with `"`): report text is data,
 * never markup. A value that is not a string (an unvalidated document's `year: "<img …>"` is
 * still a string, but `year: {}` is not) is written as its `String()`, escaped the same way.
 */
export function escapeHtml(text: string): string {
  // NUL is not allowed in HTML (parsers drop it, joining what it separated): write U+FFFD.
  return String(text)
    .replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
    .replace(/\0/g, '\ufffd');
}

// Every value written into the markup goes through here, those of the taxonomy and the layout
// included: toHtml is called with documents nobody validated (`report as any`).
const esc = (value: unknown): string => escapeHtml(value === null || value === undefined ? '' : (value as string));

export interface HtmlOptions {
  lang?: Lang;
  /** A whole page (`<!doctype html>` with a print stylesheet) instead of a fragment to paste. */
  page?: boolean;
  /**
   * With `page`: link this stylesheet (a URL, relative to the page: `report.css`) instead of
   * writing the styles into an inline `<style>`, which a Content-Security-Policy with
   * `style-src 'self'` blocks. Serve {@link printCss}`()` under that URL.
   */
  stylesheet?: string;
  /** Prefix for the header ids, when several reports share a page. */
  idPrefix?: string;
}

const publishedLabel: Record<Lang, string> = { 'zh-CN': '发布日期：', en: 'Published: ' };

function renderRow(row: LayoutRow, report: Report, lang: Lang): string {
  const cells = row.cells.map((cell) => {
    if (cell.kind === 'note') return `<td class="note" rowspan="${esc(cell.rowSpan)}" colspan="${esc(cell.colSpan)}">${esc(cell.label[lang])}</td>`;
    if (cell.kind === 'header') {
      const span = `${cell.rowSpan > 1 ? ` rowspan="${esc(cell.rowSpan)}"` : ''}${cell.colSpan > 1 ? ` colspan="${esc(cell.colSpan)}"` : ''}`;
      return `<th id="${esc(cell.id)}" scope="${esc(cell.scope)}"${span} class="${esc(cell.role)}-header">${esc(cell.label[lang])}</th>`;
    }
    const value = getCell(report, cell.cellId);
    const span = cell.colSpan > 1 ? ` colspan="${esc(cell.colSpan)}"` : '';
    // A blank cell stays empty (screen readers announce it as blank): no text that could be read as a value.
    const text = esc(value);
    return `<td headers="${esc(cell.headers.join(' '))}"${span} data-cell="${esc(cell.cellId)}"${value === null ? ' data-blank=""' : ''}>${text}</td>`;
  });
  return `<tr${row.rowKey ? ` data-row="${esc(row.rowKey)}"` : ''}>${cells.join('')}</tr>`;
}

function renderTable(layout: TableLayout, report: Report, lang: Lang): string {
  const head = layout.head.length ? `<thead>${layout.head.map((r) => renderRow(r, report, lang)).join('')}</thead>` : '';
  const bodies = layout.bodies.map((rows) => `<tbody>${rows.map((r) => renderRow(r, report, lang)).join('')}</tbody>`).join('');
  return `<div class="table-scroll" tabindex="0" role="region" aria-label="${esc(layout.heading[lang])}"><table class="${esc(layout.table)}"><caption>${esc(layout.heading[lang])}</caption>${head}${bodies}</table></div>`;
}

const paragraphs = (text: string) =>
  esc(text)
    .split('\n')
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${p}</p>`)
    .join('\n');

/** The report as static HTML (a fragment with the `data-disclosure-report` marker, or a whole page). */
export function toHtml(report: Report, options: HtmlOptions = {}): string {
  const lang = options.lang ?? 'zh-CN';
  const parts = sections.map((s) => {
    const body = s.kind === 'text' ? paragraphs(report.sections[s.key as keyof Report['sections']]) : renderTable(tableLayout(report.format, s.key as TableId, options.idPrefix ?? ''), report, lang);
    return `<section data-section="${esc(s.key)}"><h2>${esc(s.heading[lang])}</h2>\n${body}\n</section>`;
  });
  const meta = [
    ['data-format', report.format],
    ['data-agency', report.agency],
    ['data-year', String(report.year)],
    ['data-published-on', report.publishedOn ?? ''],
    // Only when stated: absent means unknown.
    ...(report.bodyType ? [['data-body-type', report.bodyType]] : []),
  ]
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(' ');
  const fragment = `<article class="disclosure-report" data-disclosure-report="" lang="${esc(lang)}" ${meta}>
<h1>${esc(report.title)}</h1>
<p class="byline"><span class="agency">${esc(report.agency)}</span> <span class="year">${esc(report.year)}</span>${report.publishedOn ? ` <span class="published">${esc(publishedLabel[lang])}<time datetime="${esc(report.publishedOn)}">${esc(report.publishedOn)}</time></span>` : ''}</p>
${parts.join('\n')}
</article>`;
  if (!options.page) return fragment;
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(report.title)}</title>
${options.stylesheet === undefined ? `<style>${staticStyles}</style>` : `<link rel="stylesheet" href="${esc(options.stylesheet)}">`}
</head>
<body>
${fragment}
</body>
</html>
`;
}

/** Styles of the static page: a government document on screen and on A4. */
export const staticStyles = `
.disclosure-report{font-family:"SimSun","Songti SC",serif;line-height:1.6;max-width:60em;margin:0 auto;padding:1em;color:#000}
.disclosure-report h1{text-align:center;font-size:1.5em}
.disclosure-report h2{font-size:1.15em;margin-top:1.5em}
.disclosure-report p{text-indent:2em;margin:.4em 0}
.disclosure-report .byline{text-align:center;text-indent:0}
.disclosure-report .table-scroll{overflow-x:auto}
.disclosure-report table{border-collapse:collapse;width:100%;font-size:.9em}
.disclosure-report caption{font-weight:bold;padding:.3em}
.disclosure-report th,.disclosure-report td{border:1px solid #000;padding:.25em .4em}
.disclosure-report td[data-cell]{text-align:right;font-variant-numeric:tabular-nums}
.disclosure-report .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{@page{size:A4;margin:2cm}.disclosure-report{max-width:none;padding:0}.disclosure-report table{page-break-inside:avoid}.disclosure-report .table-scroll{overflow:visible}}
`;

/**
 * The stylesheet of the static page ({@link staticStyles}): on screen and on A4 paper. For
 * `toHtml(report, { page: true, stylesheet: 'report.css' })`, write it to `report.css` beside
 * the page, so that a page under `Content-Security-Policy: style-src 'self'` keeps its styles
 * (an inline `<style>` would be blocked).
 */
export function printCss(): string {
  return staticStyles.trimStart();
}
