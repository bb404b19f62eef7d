import { toHtml, withCell } from '@disclosure-report/core';
import { afterEach, describe, expect, test } from 'vitest';
import { readStaticReport, upgradeStaticReports } from '../src/upgrade.js';
import { cleanup, seed } from './helpers.js';

afterEach(cleanup);

function paste(html: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = html; // as a content system's editor would paste it
  document.body.append(host);
  return host;
}

describe('static HTML upgraded in place', () => {
  test('reads the report back exactly from the static export', () => {
    const report = withCell(withCell({ ...seed, publishedOn: '2024-01-15' }, 'requests.granted.total', null), 'active.fees.amount', 25.1);
    const host = paste(toHtml(report));
    expect(readStaticReport(host.querySelector('[data-disclosure-report]') as Element)).toEqual(report);
  });

  test('carries whose report it is (data-body-type), and an amount exact to the 分', () => {
    for (const bodyType of ['government', 'department'] as const) {
      const report = withCell({ ...seed, agency: '平潭综合实验区', bodyType }, 'active.fees.amount', 4166.241619);
      const html = toHtml(report);
      expect(html).toContain(`data-body-type="${bodyType}"`);
      expect(readStaticReport(paste(html).querySelector('[data-disclosure-report]') as Element)).toEqual(report);
    }
    // Absent (unknown) stays absent; a value that is not a body type is read as unknown.
    expect(toHtml(seed)).not.toContain('data-body-type');
    expect(readStaticReport(paste(toHtml(seed)).querySelector('[data-disclosure-report]') as Element)).not.toHaveProperty('bodyType');
    const odd = paste(toHtml(seed).replace('data-published-on=', 'data-body-type="ministry" data-published-on='));
    expect(readStaticReport(odd.querySelector('[data-disclosure-report]') as Element)).not.toHaveProperty('bodyType');
  });

  test('replaces the article by a live element showing the same report', async () => {
    const host = paste(`<p>前文</p>${toHtml(seed)}`);
    const [el] = upgradeStaticReports(host) as [HTMLElement & { updateComplete: Promise<unknown>; report: unknown }];
    expect(host.querySelector('[data-disclosure-report]')).toBeNull();
    expect(el.tagName).toBe('DISCLOSURE-REPORT');
    await el.updateComplete;
    expect(el.report).toEqual(seed);
    expect(el.shadowRoot?.querySelectorAll('td[data-cell]')).toHaveLength(200);
    expect(host.firstElementChild?.textContent).toBe('前文');
  });

  test('data-previous names last year\'s article and data-compare shows it beside this year\'s', async () => {
    const now = withCell(seed, 'requests.newReceived.total', 12);
    const last = { ...withCell(seed, 'requests.newReceived.total', 15), year: 2022 };
    // This year's first, naming an article that comes after it (read before either is replaced).
    const thisYear = toHtml(now).replace('<article ', '<article data-compare="" data-previous="last-year" ');
    const lastYear = toHtml(last).replace('<article ', '<article id="last-year" ');
    const host = paste(`${thisYear}<details>${lastYear}</details>`);
    const [el, lastEl] = upgradeStaticReports(host) as [
      HTMLElement & { updateComplete: Promise<unknown>; report: unknown; previous: unknown },
      HTMLElement & { report: unknown },
    ];
    expect(el.hasAttribute('compare')).toBe(true);
    expect(el.previous).toEqual(last);
    expect(lastEl.id).toBe('last-year');
    expect(lastEl.report).toEqual(last);
    await el.updateComplete;
    const cell = el.shadowRoot?.querySelector('td[data-cell="requests.newReceived.total"] [part~="cell-previous"]');
    expect(cell?.textContent?.replace(/\s+/g, ' ').trim()).toBe('上年 15 ▼3，比上年减少 3');
    // No such id, or the article itself: no last year's report (and no error).
    const lone = paste(toHtml(now).replace('<article ', '<article id="self" data-compare="" data-previous="self" '));
    const [alone] = upgradeStaticReports(lone) as [HTMLElement & { previous: unknown }];
    expect(alone.previous).toBeNull();
  });

  test('data-import-details gives where each figure came from; anything else there, none', async () => {
    const evil = '<img src=x onerror="document.title=1">';
    const details = { source: `source.html${evil}`, provenance: { 'active.fees.amount': { form: 'html', table: 1, row: 9, column: 2, text: `4166.241619${evil}`, rowLabel: evil } }, findings: [] };
    const article = (attr: string) => toHtml(seed).replace('<article ', `<article data-import-details="${attr.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" `);
    const host = paste(article(JSON.stringify(details)) + article('{not json') + article('{"provenance": "x"}') + toHtml(seed));
    const [el, bad, odd, plain] = upgradeStaticReports(host) as (HTMLElement & { provenance: unknown; updateComplete: Promise<unknown> })[];
    expect(el?.provenance).toEqual({ 'active.fees.amount': { form: 'html', table: 1, row: 9, column: 2, text: `4166.241619${evil}`, rowLabel: evil, source: `source.html${evil}`, notes: [] } });
    for (const other of [bad, odd, plain]) expect(other?.provenance).toBeNull();
    await el?.updateComplete;
    (el?.shadowRoot?.querySelector('td[data-cell="active.fees.amount"]') as HTMLElement).click();
    await el?.updateComplete;
    const shown = el?.shadowRoot?.querySelector('[part~="provenance"]');
    expect(shown?.textContent).toContain(`「4166.241619${evil}」`);
    expect(shown?.querySelector('img')).toBeNull();
  });

  test('leaves an article it cannot read as it is', () => {
    const host = paste(toHtml(seed).replace('data-cell="requests.granted.total"', 'data-cell="x"'));
    expect(upgradeStaticReports(host)).toEqual([]);
    expect(host.querySelector('[data-disclosure-report]')).not.toBeNull();
  });

  test('inside the element, the static export is the data (and the no-JavaScript fallback)', async () => {
    const host = paste(`<disclosure-report show-findings>${toHtml(withCell(seed, 'requests.granted.total', 4))}</disclosure-report>`);
    const el = host.querySelector('disclosure-report') as HTMLElement & { whenLoaded(): Promise<unknown>; currentReport: unknown };
    await el.whenLoaded();
    expect(el.currentReport).toEqual(withCell(seed, 'requests.granted.total', 4));
    expect(el.shadowRoot?.querySelector('td[data-cell="requests.granted.total"]')?.textContent).toContain('4');
    // The light-DOM copy is not shown once the element runs, and is not upgraded a second time.
    expect((host.querySelector('article') as HTMLElement).offsetHeight).toBe(0);
    expect(upgradeStaticReports(host)).toEqual([]);
  });
});
