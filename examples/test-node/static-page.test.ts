/**
 * The static page (`toHtml(report, { page: true })`, `disclosure-report export --to html --page`)
 * served under `Content-Security-Policy: default-src 'self'; style-src 'self'`, in chromium: with
 * its stylesheet linked (`stylesheet: 'report.css'`, `printCss()` served there) the page has no
 * CSP violation and its screen and print styles apply.
 */
import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';
import { printCss, toHtml } from '@disclosure-report/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const seed = JSON.parse(readFileSync(join(repoRoot, 'corpus/chenjiaba-2023/expected.json'), 'utf8'));
const csp = "default-src 'self'; script-src 'self'; style-src 'self'";
const files: Record<string, [string, string]> = {
  '/linked.html': [toHtml(seed, { page: true, stylesheet: 'report.css' }), 'text/html; charset=utf-8'],
  '/report.css': [printCss(), 'text/css; charset=utf-8'],
  // The page as it was: its styles in an inline <style>.
  '/inline.html': [toHtml(seed, { page: true }), 'text/html; charset=utf-8'],
};

let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = files[path];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file[1], 'Content-Security-Policy': csp });
    res.end(file[0]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ ...chromiumLaunchOptions });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** Opens a page, collecting CSP violations (reported as console errors). */
async function open(path: string): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${base}${path}`, { waitUntil: 'load' });
  return { page, violations };
}

const styles = (page: Page) =>
  page.evaluate(() => {
    const article = document.querySelector<HTMLElement>('.disclosure-report')!;
    return {
      maxWidth: getComputedStyle(article).maxWidth,
      padding: getComputedStyle(article).paddingTop,
      scroll: getComputedStyle(document.querySelector('.table-scroll')!).overflowX,
      border: getComputedStyle(document.querySelector('.disclosure-report td[data-cell]')!).borderTopStyle,
    };
  });

it('links its stylesheet: no CSP violation, screen styles apply, and print styles under print media', async () => {
  const { page, violations } = await open('/linked.html');
  expect(await styles(page)).toMatchObject({ scroll: 'auto', border: 'solid', padding: '16px' });
  expect((await styles(page)).maxWidth).not.toBe('none');
  await page.emulateMedia({ media: 'print' });
  expect(await styles(page)).toEqual({ maxWidth: 'none', padding: '0px', scroll: 'visible', border: 'solid' });
  expect(violations).toEqual([]);
  await page.close();
});

it('control: the inline <style> is blocked by the same policy (a violation, and no styles)', async () => {
  const { page, violations } = await open('/inline.html');
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations.join('\n')).toMatch(/CSP: style-src/);
  expect((await styles(page)).border).toBe('none');
  await page.close();
});
