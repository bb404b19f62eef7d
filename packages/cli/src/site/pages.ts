/**
 * The region site's pages as HTML text. Everything taken from a report (agency, file names,
 * messages, figures) goes through `escapeHtml`: report text is data, never markup. No page has
 * an inline script, an inline style or a style attribute, and every URL is relative to the
 * site's folder: it works from the file system and under `default-src 'self'` when served.
 */
import {
  type BodyType,
  type Finding,
  type FormatId,
  type KeyFigures,
  type Lang,
  type Lateness,
  type Report,
  type Share,
  bodyTypeLabels,
  escapeHtml as esc,
  minShareBase,
  outcomeKeys,
  outcomeLabels,
  toHtml,
} from '@disclosure-report/core';
import { listed } from '../messages.js';
import { type ChartDatum, barChart, rowChart, stackedBar } from './charts.js';
import type { SiteStrings } from './strings.js';

/** One report of the overview: what its row shows and sorts by. */
export interface OverviewRow {
  /** Its page: `reports/<slug>.html`. */
  slug: string;
  /** The file it was read from, as given. */
  file: string;
  /** The file's path under the folder given (what the overview shows). */
  name: string;
  agency: string;
  year: number;
  format: FormatId;
  /** As the report states it, else a government for an agency ending in 人民政府 (`bodyTypeInferred`: the deadline rule's definition), else null. */
  bodyType: BodyType | null;
  bodyTypeInferred: boolean;
  publishedOn: string | null;
  lateness: Lateness;
  /** The deadline that applies (the later one when the body type is not known). */
  deadline: string;
  errors: number;
  warnings: number;
  /** Cells read from a published file; null for a report document. */
  completeness: { read: number; expected: number } | null;
  figures: KeyFigures;
}

/**
 * Where each figure of an imported report came from, in the shape of `import --details` (the
 * source's file name, each cell's place, printed labels and text, the import's warnings): the
 * page's element shows it when a figure is selected.
 */
export interface ImportDetails {
  source: string;
  provenance: Readonly<Record<string, unknown>>;
  findings: readonly Finding[];
}

/** A file that could not be read, and why. */
export interface Unreadable {
  file: string;
  error: string;
}

/** What the overview shows besides its rows. */
export interface OverviewData {
  title: string;
  generatedOn: string;
  rows: readonly OverviewRow[];
  unreadable: readonly Unreadable[];
  /** Reports with an error or warning of each rule, by rule id. */
  ruleReports: ReadonlyMap<string, { severity: 'error' | 'warning'; reports: number }>;
}

const page = (s: SiteStrings, title: string, root: string, bodyClass: string, body: string, scripts: readonly string[]) => `<!doctype html>
<html lang="${esc(s.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<link rel="icon" href="${root}assets/favicon.svg">
<link rel="stylesheet" href="${root}assets/site.css">
${scripts.map((src) => `<script defer src="${root}${src}"></script>`).join('\n')}
</head>
<body class="${bodyClass}">
${body}
</body>
</html>
`;

/** A page's name in an href: each character that is not safe in a URL path escaped. */
export const pageHref = (slug: string) => `reports/${encodeURIComponent(slug)}.html`;

const yearsOf = (rows: readonly OverviewRow[]) => {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  if (years.length === 0) return '—';
  return years.length === 1 ? String(years[0]) : `${years[0]}–${years[years.length - 1]}`;
};

/** The default title: the years of the reports. */
export const defaultTitle = (rows: readonly OverviewRow[], s: SiteStrings) => s.defaultTitle(yearsOf(rows));

const pct = (value: number) => `${(Math.round(value * 1000) / 10).toFixed(1)}%`;

/** A share's cell: the percentage with what it is computed from, or why there is none (and the count). */
function shareCell(share: Share, s: SiteStrings): string {
  if (share.value !== null) return `<td class="num" data-sort="${share.value}" title="${esc(`${share.numerator} / ${share.base}`)}">${pct(share.value)}</td>`;
  const why = share.why === 'few' ? s.shareWhy.few(share.base ?? 0) : share.why === 'none' ? s.shareWhy.none : s.shareWhy.blank;
  return `<td class="num no-share" data-sort=""><span class="why">${esc(why)}</span></td>`;
}

const numCell = (value: number | null, extraClass = '') =>
  value === null ? `<td class="num blank${extraClass}" data-sort="">—</td>` : `<td class="num${extraClass}" data-sort="${value}">${value}</td>`;

function publishedCell(row: OverviewRow, s: SiteStrings): string {
  const date = row.publishedOn ? `<time datetime="${esc(row.publishedOn)}">${esc(row.publishedOn)}</time>` : `<span class="blank">${esc(s.noDate)}</span>`;
  let badge = '';
  if (row.lateness === 'late') badge = ` <span class="badge late" title="${esc(s.lateTitle(row.deadline))}">${esc(s.late)}</span>`;
  if (row.lateness === 'maybe') badge = ` <span class="badge maybe" title="${esc(s.mayBeLateTitle(`${row.year + 1}-01-31`, `${row.year + 1}-03-31`))}">${esc(s.mayBeLate)}</span>`;
  return `<td data-sort="${esc(row.publishedOn ?? '')}">${date}${badge}</td>`;
}

function completenessCell(row: OverviewRow, s: SiteStrings): string {
  const c = row.completeness;
  if (!c) return `<td class="num doc" data-sort="2" title="${esc(s.documentTitle)}">${esc(s.document)}</td>`;
  const whole = c.read === c.expected;
  return `<td class="num${whole ? '' : ' incomplete'}" data-sort="${c.expected ? c.read / c.expected : 0}" title="${esc(s.completenessTitle(c.read, c.expected))}">${c.read}/${c.expected}</td>`;
}

function bodyTypeCell(row: OverviewRow, s: SiteStrings, lang: Lang): string {
  if (!row.bodyType) return `<td data-sort="" class="blank">${esc(s.unknownBodyType)}</td>`;
  const label = esc(bodyTypeLabels[lang][row.bodyType]);
  return row.bodyTypeInferred ? `<td data-sort="${row.bodyType}" class="inferred" title="${esc(s.inferredTitle)}">${label}*</td>` : `<td data-sort="${row.bodyType}">${label}</td>`;
}

function overviewRow(row: OverviewRow, s: SiteStrings, lang: Lang): string {
  const f = row.figures;
  const attrs = [
    `data-body-type="${row.bodyType ?? ''}"`,
    `data-errors="${row.errors}"`,
    `data-late="${row.lateness === 'late' || row.lateness === 'maybe' ? row.lateness : ''}"`,
    `data-incomplete="${row.completeness && row.completeness.read < row.completeness.expected ? '1' : ''}"`,
  ].join(' ');
  return `<tr ${attrs}>
<th scope="row" data-sort="${esc(row.agency)}"><a href="${esc(pageHref(row.slug))}">${esc(row.agency || '—')}</a><span class="file">${esc(row.name)}</span></th>
${bodyTypeCell(row, s, lang)}
<td class="num" data-sort="${row.year}">${row.year}</td>
${publishedCell(row, s)}
${numCell(row.errors, row.errors ? ' has-errors' : '')}
${numCell(row.warnings, row.warnings ? ' has-warnings' : '')}
${completenessCell(row, s)}
${numCell(f.received)}
${shareCell(f.disclosedShare, s)}
${shareCell(f.deniedShare, s)}
${numCell(f.corrected)}
</tr>`;
}

/** The bins of the request volumes chart: inclusive lower bounds. */
const volumeBins: readonly [number, number, string][] = [
  [0, 0, '0'],
  [1, 9, '1–9'],
  [10, 49, '10–49'],
  [50, 99, '50–99'],
  [100, 499, '100–499'],
  [500, 999, '500–999'],
  [1000, Number.POSITIVE_INFINITY, '≥1000'],
];

function charts(data: OverviewData, s: SiteStrings, lang: Lang): string {
  const rows = data.rows;
  const blank = rows.filter((r) => r.figures.received === null).length;
  const bins: ChartDatum[] = volumeBins.map(([lo, hi, label]) => ({
    label,
    value: rows.filter((r) => r.figures.received !== null && r.figures.received >= lo && r.figures.received <= hi).length,
  }));
  if (blank) bins.push({ label: s.blankBin, value: blank, kind: 'blank' });
  const volume = barChart('chart-volume', s.volumeChart, s.volumeDesc(rows.length, blank), s.volumeAxis, bins, s);

  // Only reports whose every outcome is stated: a blank is unknown, not 0.
  const whole = rows.filter((r) => outcomeKeys.every((k) => r.figures.outcomes[k] !== null));
  const parts: ChartDatum[] = outcomeKeys.map((k) => ({ label: outcomeLabels[lang][k], value: whole.reduce((a, r) => a + (r.figures.outcomes[k] ?? 0), 0) }));
  const total = parts.reduce((a, p) => a + p.value, 0);
  const outcomes = stackedBar('chart-outcomes', s.outcomeChart, s.outcomeDesc(total, whole.length, rows.length - whole.length), parts, s, s.outcomeNone, s.outcomeChart);

  const shown = 12;
  const rules = [...data.ruleReports.entries()].sort((a, b) => b[1].reports - a[1].reports || a[0].localeCompare(b[0]));
  const bars: ChartDatum[] = rules.slice(0, shown).map(([rule, v]) => ({ label: rule, value: v.reports, kind: v.severity }));
  const byRule = rowChart('chart-rules', s.rulesChart, s.rulesDesc(rows.length), bars, s, s.rulesNone, rules.length > shown ? s.rulesMore(rules.length - shown) : '');
  return `<section class="charts" aria-labelledby="charts-heading"><h2 id="charts-heading">${esc(s.chartsHeading)}</h2><div class="chart-grid">${volume}${outcomes}${byRule}</div></section>`;
}

/** The overview page (index.html). */
export function overviewPage(data: OverviewData, s: SiteStrings, lang: Lang): string {
  const rows = data.rows;
  const withErrors = rows.filter((r) => r.errors > 0).length;
  const late = rows.filter((r) => r.lateness === 'late').length;
  const received = rows.reduce((a, r) => a + (r.figures.received ?? 0), 0);
  const stat = (label: string, value: number, cls = '') => `<div class="stat${cls}"><dt>${esc(label)}</dt><dd>${value}</dd></div>`;
  const stats = `<dl class="stats">${stat(s.stats.reports, rows.length)}${stat(s.stats.withErrors, withErrors, withErrors ? ' bad' : '')}${stat(s.stats.late, late, late ? ' bad' : '')}${
    data.unreadable.length ? stat(s.stats.unreadable, data.unreadable.length, ' bad') : ''
  }${stat(s.stats.received, received)}</dl>`;
  const c = s.columns;
  const heads = [c.agency, c.bodyType, c.year, c.published, c.errors, c.warnings, c.completeness, c.received, c.disclosed, c.denied, c.corrected];
  const numeric = new Set([2, 4, 5, 6, 7, 8, 9, 10]);
  const thead = `<thead><tr>${heads.map((h, i) => `<th scope="col"${numeric.has(i) ? ' class="num"' : ''} data-type="${i === 0 ? 'text' : numeric.has(i) ? 'number' : 'text'}">${esc(h)}</th>`).join('')}</tr></thead>`;
  const bodyTypes = [...new Set(rows.map((r) => r.bodyType ?? ''))].sort();
  const typeLabel = (t: string) => (t === '' ? s.unknownBodyType : bodyTypeLabels[lang][t as BodyType]);
  // Shown by site.js: without a script there is nothing to filter with, and the whole table is there.
  const filters = `<form class="filters" hidden role="search" aria-controls="reports-table">
<label>${esc(s.filterLabel)} <input type="search" name="q" placeholder="${esc(s.filterPlaceholder)}" autocomplete="off"></label>
<label>${esc(s.bodyTypeFilter)} <select name="type"><option value="*">${esc(s.allBodyTypes)}</option>${bodyTypes.map((t) => `<option value="${esc(t)}">${esc(typeLabel(t))}</option>`).join('')}</select></label>
<label>${esc(s.showFilter)} <select name="show"><option value="all">${esc(s.show.all)}</option><option value="errors">${esc(s.show.errors)}</option><option value="late">${esc(s.show.late)}</option><option value="incomplete">${esc(s.show.incomplete)}</option></select></label>
<output name="count" aria-live="polite" data-template="${esc(s.shown)}"></output>
</form>`;
  const table = `<div class="table-scroll" tabindex="0" role="region" aria-labelledby="reports-caption"><table id="reports-table" class="reports" data-sortable=""><caption id="reports-caption">${esc(s.tableCaption)}</caption>${thead}<tbody>
${rows.map((r) => overviewRow(r, s, lang)).join('\n')}
</tbody></table></div>`;
  const how = `<ul class="how">${s.howComputed(minShareBase).map((line) => `<li>${esc(line)}</li>`).join('')}</ul>`;
  const unreadable = data.unreadable.length
    ? `<section class="unreadable" aria-labelledby="unreadable-heading"><h2 id="unreadable-heading">${esc(s.unreadableHeading(data.unreadable.length))}</h2><ul>${data.unreadable
        .map((u) => `<li><span class="file">${esc(u.file)}</span>${esc(s.colon)}${esc(u.error)}</li>`)
        .join('')}</ul></section>`
    : '';
  const body = `<header class="site-header"><h1>${esc(data.title)}</h1><p>${esc(s.generated(rows.length, yearsOf(rows), data.generatedOn))}</p></header>
<main>
${stats}
${charts(data, s, lang)}
<section class="reports-section" aria-labelledby="reports-heading"><h2 id="reports-heading">${esc(s.reportsHeading)}</h2>
${filters}
${table}
${how}
</section>
${unreadable}
<section class="downloads"><h2>${esc(s.downloads)}</h2><ul><li><a href="findings.csv" download>${esc(s.findingsCsv)}</a></li></ul></section>
</main>`;
  return page(s, data.title, '', 'overview', body, ['assets/site.js']);
}

/** One report's page: who and when, every finding (in the order `check` prints them), and the report (the element, last year's beside it). */
export function reportPage(row: OverviewRow, report: Report, previous: Report | undefined, findings: readonly Finding[], s: SiteStrings, lang: Lang, details?: ImportDetails): string {
  const count = (sev: Finding['severity']) => findings.filter((f) => f.severity === sev).length;
  const list = findings.length
    ? `<p>${esc(s.findingsSummary(count('error'), count('warning'), count('info')))}</p><ul class="findings">${listed(findings)
        .map(
          (f) =>
            `<li class="finding ${f.severity}"><span class="severity">${esc(s.severity[f.severity])}</span> <span class="message">${esc(f.message)}</span> <code>${esc(`${f.rule}[${f.target}]`)}</code>${
              typeof f.note === 'string' && f.note ? `<p class="note">${esc(f.note)}</p>` : ''
            }</li>`,
        )
        .join('')}</ul>`
    : `<p>${esc(s.noFindings)}</p>`;
  const meta: [string, string][] = [
    [s.meta.bodyType, row.bodyType ? `${bodyTypeLabels[lang][row.bodyType]}${row.bodyTypeInferred ? `（${s.inferredTitle}）` : ''}` : s.unknownBodyType],
    [s.meta.published, row.publishedOn ?? s.noDate],
    [s.meta.deadline, row.deadline],
    [s.meta.format, s.formatName(row.format)],
    [s.meta.source, row.name],
    ...(row.completeness ? [[s.meta.completeness, s.completenessTitle(row.completeness.read, row.completeness.expected)] as [string, string]] : []),
  ];
  const lateBadge = row.lateness === 'late' ? ` <span class="badge late">${esc(s.late)}</span>` : row.lateness === 'maybe' ? ` <span class="badge maybe">${esc(s.mayBeLate)}</span>` : '';
  // The static tables are the page without a script; disclosure-report.classic.js upgrades them in
  // place into the element, with last year's report (the article named by data-previous) beside it,
  // and where each figure came from (data-import-details: JSON in an attribute, escaped like any
  // value: data, not markup) shown when it is selected.
  const extra = `${previous ? 'data-previous="previous-report" ' : ''}${details ? `data-import-details="${esc(JSON.stringify(details))}" ` : ''}`;
  const now = toHtml(report, { lang }).replace('<article ', `<article data-compare="" ${extra}`);
  const before = previous
    ? `<details class="previous"><summary>${esc(s.previousHeading(previous.agency, previous.year))}</summary>${toHtml(previous, { lang, idPrefix: 'previous-' }).replace('<article ', '<article id="previous-report" ')}</details>`
    : '';
  const body = `<nav class="crumbs"><a href="../index.html">← ${esc(s.back)}</a></nav>
<header class="report-header"><h1>${esc(s.reportHeading(row.agency || '—', row.year))}</h1>
<dl class="meta">${meta.map(([k, v], i) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}${i === 1 ? lateBadge : ''}</dd></div>`).join('')}</dl></header>
<main>
<section class="report-findings" aria-labelledby="findings-heading"><h2 id="findings-heading">${esc(s.findingsHeading)}</h2>${list}</section>
<section class="report-tables" aria-labelledby="report-heading"><h2 id="report-heading">${esc(s.reportSection)}</h2>
<p class="compare-note">${esc(previous ? s.compareNote(previous.year) : s.noPrevious)}</p>
${now}
${before}
</section>
</main>`;
  return page(s, s.reportHeading(row.agency || '—', row.year), '../', 'report-page', body, ['assets/disclosure-report.classic.js']);
}
