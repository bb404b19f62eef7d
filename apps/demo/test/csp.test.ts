/**
 * The built demo portal (both pages) served with a strict Content-Security-Policy header and
 * loaded in chromium: the report shows, the editor works, and no CSP violation is reported.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import { type ServedFolder, serveFolder } from '../../../scripts/serve-folder.mjs';

const dist = resolve(fileURLToPath(new URL('..', import.meta.url)), 'dist');
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";

let server: ServedFolder;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('build the demo first: npm run build');
  server = await serveFolder(dist, { 'Content-Security-Policy': csp });
  base = server.base;
  browser = await chromium.launch(chromiumLaunchOptions);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, viewport?: { width: number; height: number }) {
  const page = await browser.newPage(viewport ? { viewport } : {});
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(base + path);
  return { page, problems };
}

describe('the demo portal under a strict CSP', () => {
  it('shows the seed report with its findings', async () => {
    const { page, problems } = await open('/');
    await expect.poll(() => page.locator('disclosure-report td[data-cell]').count()).toBe(200);
    expect(await page.locator('disclosure-report [part~="title"]').first().textContent()).toContain('陈家坝镇人民政府');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows last year beside this year (compare mode, last year fetched from previous-src)', async () => {
    const { page, problems } = await open('/?report=shifan-natural-resources-2023-compare');
    await expect.poll(() => page.locator('disclosure-report [part~="cell-previous"]').count()).toBeGreaterThan(100);
    expect(await page.locator('disclosure-report [part~="compare-legend"]').textContent()).toContain('对照上年：示范市自然资源和规划局 2022 年度报告');
    expect(await page.locator('disclosure-report mark[part~="repeated"]').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('edits on the 编辑 page', async () => {
    const { page, problems } = await open('/edit.html');
    const input = page.locator('disclosure-report td[data-cell="requests.granted.naturalPerson"] input');
    await input.waitFor();
    await input.fill('3');
    // A new form is filled in calmly: the row's sum waits for the rest of it, until 检查全部.
    await expect.poll(() => page.locator('disclosure-report [part~="findings-summary"]').textContent()).toContain('待填写后检查');
    expect(await page.locator('disclosure-report li[data-rule="requests.row-total"]').count()).toBe(0);
    await page.locator('disclosure-report button[data-action="check-all"]').click();
    await expect.poll(() => page.locator('disclosure-report li[data-rule="requests.row-total"]').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('asks for no /favicon.ico: the pages link their own icon', async () => {
    for (const path of ['/', '/edit.html']) {
      const { page, problems } = await open(path);
      await page.locator('disclosure-report td[data-cell]').first().waitFor();
      // Chromium asks for an icon once the page has loaded: the linked one, else /favicon.ico.
      await expect.poll(() => server.served.some((p) => p.startsWith('/favicon.'))).toBe(true);
      expect(server.served).not.toContain('/favicon.ico');
      expect(problems).toEqual([]);
      await page.close();
      server.served.length = 0;
    }
  });

  it('in English at 1366 × 768, tables 三 and 四 fit beside the menu', async () => {
    const { page, problems } = await open('/?report=shifan-natural-resources-2023&lang=en', { width: 1366, height: 768 });
    await expect.poll(() => page.locator('disclosure-report td[data-cell]').count()).toBe(200);
    const misplaced = await page.evaluate(() => {
      const root = document.querySelector('disclosure-report')!.shadowRoot!;
      const out: string[] = [];
      for (const table of ['requests', 'reviews']) {
        const scroller = root.querySelector(`table.${table}`)!.closest('.scroll') as HTMLElement;
        const view = scroller.getBoundingClientRect();
        const room = scroller.scrollWidth - scroller.clientWidth;
        if (room > 0) out.push(`${table} scrolls by ${room}px`);
        for (const td of root.querySelectorAll<HTMLElement>(`table.${table} td[data-cell]`)) {
          const r = td.getBoundingClientRect();
          const visible = r.left >= 0 && r.right <= innerWidth && r.right <= view.right + 0.5;
          if (!visible && r.right - view.right > room + 0.5) out.push(td.dataset.cell!);
        }
      }
      return out;
    });
    expect(misplaced).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
