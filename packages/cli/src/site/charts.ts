/**
 * The overview's charts, drawn as SVG markup at build time: no script draws them, every colour
 * comes from a class in site.css (no style attribute: a strict CSP holds), and each has a title
 * and description for screen readers and its figures in a table below it.
 */
import { escapeHtml as esc } from '@disclosure-report/core';
import type { SiteStrings } from './strings.js';

/** One bar or segment: its label, its figure, and a class for its colour. */
export interface ChartDatum {
  label: string;
  value: number;
  kind?: string;
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);
const percent = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—');

/** A chart's frame: the caption, the description, the drawing, and its figures as a table. */
function figure(id: string, title: string, desc: string, svg: string, rows: readonly (readonly string[])[], head: readonly string[], s: SiteStrings): string {
  const table = rows.length
    ? `<details class="chart-data"><summary>${esc(s.chartData)}</summary><table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr><th scope="row">${esc(r[0] ?? '')}</th>${r.slice(1).map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table></details>`
    : '';
  return `<figure class="chart" id="${id}"><figcaption><h3 id="${id}-title">${esc(title)}</h3><p id="${id}-desc">${esc(desc)}</p></figcaption>${svg}${table}</figure>`;
}

const svgOpen = (id: string, width: number, height: number) =>
  `<svg class="chart-svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" xmlns="http://www.w3.org/2000/svg">`;

/** Vertical bars: how many reports fall into each bin. */
export function barChart(id: string, title: string, desc: string, axis: string, bins: readonly ChartDatum[], s: SiteStrings): string {
  const width = 560;
  const height = 250;
  const top = 24;
  const bottom = 56;
  const left = 16;
  const plot = height - top - bottom;
  const max = Math.max(1, ...bins.map((b) => b.value));
  const step = (width - 2 * left) / Math.max(bins.length, 1);
  const barWidth = Math.min(56, step * 0.7);
  let body = `<line class="axis" x1="${left}" y1="${top + plot}" x2="${width - left}" y2="${top + plot}"/>`;
  bins.forEach((b, i) => {
    const h = b.value === 0 ? 0 : Math.max(2, (b.value / max) * plot);
    const cx = left + step * i + step / 2;
    const x = cx - barWidth / 2;
    const y = top + plot - h;
    body += `<rect class="bar ${esc(b.kind ?? '')}" x="${fmt(x)}" y="${fmt(y)}" width="${fmt(barWidth)}" height="${fmt(h)}"/>`;
    body += `<text class="value" x="${fmt(cx)}" y="${fmt(y - 6)}" text-anchor="middle">${b.value}</text>`;
    body += `<text class="label" x="${fmt(cx)}" y="${top + plot + 18}" text-anchor="middle">${esc(b.label)}</text>`;
  });
  body += `<text class="axis-label" x="${width / 2}" y="${height - 10}" text-anchor="middle">${esc(axis)}</text>`;
  const total = bins.reduce((a, b) => a + b.value, 0);
  const rows = bins.map((b) => [b.label, String(b.value), percent(b.value, total)]);
  return figure(id, title, desc, `${svgOpen(id, width, height)}${body}</svg>`, rows, [axis, s.stats.reports, s.share], s);
}

/** One bar split into the parts of a whole, with a legend giving each part's figure and share. */
export function stackedBar(id: string, title: string, desc: string, parts: readonly ChartDatum[], s: SiteStrings, empty: string, partHeading: string): string {
  const total = parts.reduce((a, p) => a + p.value, 0);
  if (total === 0) return figure(id, title, desc, `<p class="chart-empty">${esc(empty)}</p>`, [], [], s);
  const width = 560;
  const barTop = 8;
  const barHeight = 36;
  const rowHeight = 24;
  const legendTop = barTop + barHeight + 24;
  const height = legendTop + parts.length * rowHeight;
  let body = '';
  let x = 0;
  parts.forEach((p, i) => {
    const w = (p.value / total) * width;
    if (w > 0) body += `<rect class="seg seg-${i}" x="${fmt(x)}" y="${barTop}" width="${fmt(w)}" height="${barHeight}"/>`;
    x += w;
  });
  parts.forEach((p, i) => {
    const y = legendTop + i * rowHeight;
    body += `<rect class="seg seg-${i}" x="0" y="${y - 12}" width="14" height="14"/>`;
    body += `<text class="label" x="22" y="${y}">${esc(p.label)}</text>`;
    body += `<text class="value" x="${width - 80}" y="${y}" text-anchor="end">${p.value}</text>`;
    body += `<text class="value" x="${width}" y="${y}" text-anchor="end">${percent(p.value, total)}</text>`;
  });
  const rows = parts.map((p) => [p.label, String(p.value), percent(p.value, total)]);
  return figure(id, title, desc, `${svgOpen(id, width, height)}${body}</svg>`, rows, [partHeading, s.count || '#', s.share], s);
}

/** Horizontal bars, one per label (the longest first), coloured by kind. */
export function rowChart(id: string, title: string, desc: string, rows: readonly ChartDatum[], s: SiteStrings, empty: string, more: string): string {
  if (rows.length === 0) return figure(id, title, desc, `<p class="chart-empty">${esc(empty)}</p>`, [], [], s);
  const width = 560;
  const labelWidth = 250;
  const rowHeight = 22;
  const height = rows.length * rowHeight + 8;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const plot = width - labelWidth - 48;
  let body = '';
  rows.forEach((r, i) => {
    const y = 4 + i * rowHeight;
    const w = Math.max(2, (r.value / max) * plot);
    body += `<text class="label mono" x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${esc(r.label)}</text>`;
    body += `<rect class="bar ${esc(r.kind ?? '')}" x="${labelWidth}" y="${y + 3}" width="${fmt(w)}" height="${rowHeight - 6}"/>`;
    body += `<text class="value" x="${fmt(labelWidth + w + 6)}" y="${y + 15}">${r.value}</text>`;
  });
  const table = rows.map((r) => [r.label, r.kind ? (s.severity[r.kind as keyof SiteStrings['severity']] ?? r.kind) : '', String(r.value)]);
  const after = more ? `<p class="chart-more">${esc(more)}</p>` : '';
  return figure(id, title, desc, `${svgOpen(id, width, height)}${body}</svg>${after}`, table, [s.csvColumns[4] ?? '', s.csvColumns[5] ?? '', s.stats.reports], s);
}
