/**
 * The region site in chromium (issue 17, part 3): opened from the file system and served under a
 * strict Content-Security-Policy, it asks for nothing outside the site, breaks no policy, sorts
 * and filters its table, and each report page shows the element with last year beside this year.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import { type ServedFolder, serveFolder } from '../../../scripts/serve-folder.mjs';
import { cli } from './run-cli.js';
import { scratchFolder } from './scratch.js';
import { hostileAgency, writeRegion } from './site-fixture.js';

const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

let dir = '';
scratchFolder('disclosure-site-browser-', (d) => (dir = d));
let site = '';
let server: ServedFolder;
let base = '';
let browser: Browser;

beforeAll(async () => {
  const region = writeRegion(dir);
  site = join(dir, 'site');
  const r = await cli('report', region, '--prev', region, '-o', site);
  if (r.code !== 0) throw new Error(r.stderr);
  server = await serveFolder(site, { 'Content-Security-Policy': csp });
  base = server.base;
  browser = await chromium.launch(chromiumLaunchOptions);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Opened {
  page: Page;
  /** Page errors, console errors and CSP violations. */
  problems: string[];
  /** Every URL the page asked for. */
  requests: string[];
}

async function open(url: string): Promise<Opened> {
  const page = await browser.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('request', (r) => requests.push(r.url()));
  // Said on the console, where the listener above collects it (a string: this runs in the page).
  await page.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));" });
  await page.goto(url);
  return { page, problems, requests };
}

const fileUrl = (path: string) => pathToFileURL(join(site, path)).href;
/** The overview's rows as shown: the file under each agency. */
const shownFiles = (page: Page) => page.locator('#reports-table tbody tr:not([hidden]) .file').allTextContents();

describe.each([
  ['opened from the file system', (path: string) => fileUrl(path), (url: string) => url.startsWith('file://')],
  ['served under a strict CSP', (path: string) => `${base}/${path}`, (url: string) => url.startsWith(`${base}/`)],
])('the region site %s', (_, urlOf, inSite) => {
  it('sorts and filters the overview, asking for nothing outside the site', async () => {
    const { page, problems, requests } = await open(urlOf('index.html'));
    const output = page.locator('form.filters output');
    await expect.poll(() => output.textContent()).toBe('显示 6 / 6 份报告');
    // 新收申请, largest first; again, smallest first; the blank-free column has every row.
    const received = page.getByRole('button', { name: '新收申请' });
    await received.click();
    expect(await page.locator('#reports-table th[aria-sort]').textContent()).toBe('新收申请');
    expect((await shownFiles(page))[0]).toBe('published/pingtan-2024.html');
    await received.click();
    expect(await page.locator('#reports-table th[aria-sort="ascending"]').count()).toBe(1);
    expect((await shownFiles(page)).at(-1)).toBe('published/pingtan-2024.html');
    // 公开率: the reports with a share first, those without (too few, none, blank) after, either way.
    const share = page.getByRole('button', { name: '公开率', exact: true });
    await share.click();
    const withShare = (await shownFiles(page)).slice(0, 3).sort();
    expect(withShare).toEqual(['published/hongze-2023.pdf', 'published/pingtan-2024.html', 'published/pingtan-2025.html']);
    await share.click();
    expect((await shownFiles(page)).slice(0, 3).sort()).toEqual(withShare);

    await page.getByLabel('查找机关').fill('平潭');
    await expect.poll(() => shownFiles(page)).toEqual(expect.arrayContaining(['published/pingtan-2024.html', 'published/pingtan-2025.html']));
    expect(await output.textContent()).toBe('显示 2 / 6 份报告');
    await page.getByLabel('查找机关').fill('');
    await page.getByLabel('显示').selectOption('late');
    await expect.poll(() => shownFiles(page)).toEqual(['few.json']);
    await page.getByLabel('显示').selectOption('errors');
    expect((await shownFiles(page)).length).toBeGreaterThan(0);
    expect(await page.locator('#reports-table tbody tr:not([hidden]) td.has-errors').count()).toBe((await shownFiles(page)).length);
    await page.getByLabel('显示').selectOption('all');
    await page.getByLabel('类型').selectOption('department');
    await expect.poll(() => shownFiles(page)).toEqual(['few.json']);

    // The charts are there as drawings with their names.
    expect(await page.getByRole('img', { name: '办理结果构成' }).count()).toBe(1);
    expect(await page.getByRole('img', { name: '本年新收申请数量分布' }).count()).toBe(1);
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !inSite(u))).toEqual([]);
    await page.close();
  });

  it('shows a report with the element, last year beside this year', async () => {
    const { page, problems, requests } = await open(urlOf('reports/published__pingtan-2025.html'));
    const report = page.locator('disclosure-report').first();
    await expect.poll(() => report.locator('td[data-cell]').count(), { timeout: 30_000 }).toBe(200);
    expect(await report.locator('[part~="compare-legend"]').textContent()).toContain('对照上年：平潭综合实验区 2024 年度报告');
    expect(await report.locator('[part~="cell-previous"]').count()).toBeGreaterThan(100);
    // No static article is left: both years became elements (last year's in its <details>).
    expect(await page.locator('article[data-disclosure-report]').count()).toBe(0);
    expect(await page.locator('details.previous disclosure-report').count()).toBe(1);
    // Where a figure came from: the published page, its place, its printed labels and text.
    await report.locator('td[data-cell="active.fees.amount"]').click();
    const popover = report.locator('[part~="provenance"]');
    await expect.poll(() => popover.evaluate((p) => p.matches(':popover-open'))).toBe(true);
    const said = (await popover.textContent()) ?? '';
    for (const part of ['pingtan-2025.html', '行政事业性收费', '「4166.241619」']) expect(said).toContain(part);
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !inSite(u))).toEqual([]);
    await page.close();
  });

  it('shows an agency named with markup as its characters', async () => {
    const { page, problems } = await open(urlOf('reports/hostile.html'));
    await expect.poll(() => page.locator('disclosure-report td[data-cell]').count(), { timeout: 30_000 }).toBe(200);
    expect(await page.locator('h1').first().textContent()).toContain(hostileAgency);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('style').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the overview, as assistive technology meets it', () => {
  it('has no axe violations', async () => {
    const { page } = await open(fileUrl('index.html'));
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = (await page.evaluate('axe.run().then((r) => r.violations.map((v) => v.id + " (" + v.nodes.length + ")"))')) as string[];
    expect(violations).toEqual([]);
    await page.close();
  });
});
