/**
 * The plain-page example as a portal would host it: examples/plain/ served as static files
 * with the standalone bundle beside it, under a strict Content-Security-Policy, in chromium.
 */
import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { toHtml, withCell } from '@disclosure-report/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const files: Record<string, [string, string]> = {
  '/': [join(here, '../plain/index.html'), 'text/html; charset=utf-8'],
  '/page.css': [join(here, '../plain/page.css'), 'text/css'],
  // The script and, beside it, the chunks it loads on demand (the checks, edit mode).
  '/disclosure-report.js': [join(repoRoot, 'packages/elements/dist/disclosure-report.js'), 'text/javascript'],
  '/disclosure-report-checks.js': [join(repoRoot, 'packages/elements/dist/disclosure-report-checks.js'), 'text/javascript'],
  '/disclosure-report-edit.js': [join(repoRoot, 'packages/elements/dist/disclosure-report-edit.js'), 'text/javascript'],
  '/report.json': [join(repoRoot, 'corpus/chenjiaba-2023/expected.json'), 'application/json'],
};
const csp = "default-src 'self'; script-src 'self'; style-src 'self'";
// A content system page holding only the pasted static export, the bundle loaded by the template.
const seedReport = JSON.parse(readFileSync(join(repoRoot, 'corpus/chenjiaba-2023/expected.json'), 'utf8'));
const pasted = withCell(seedReport, 'requests.granted.total', 7);
const cmsPage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>CMS</title>
<script type="module" src="/disclosure-report.js"></script></head>
<body><div class="article-body">${toHtml(pasted).replace('data-disclosure-report=""', 'data-disclosure-report="" data-show-findings=""')}</div></body></html>`;

let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (path === '/cms.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp });
      res.end(cmsPage);
      return;
    }
    const file = files[path];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file[1], 'Content-Security-Policy': csp });
    res.end(readFileSync(file[0]));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  browser = await chromium.launch({
    ...chromiumLaunchOptions,
  });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

it('shows the report from one script tag and one element, with no CSP violation', async () => {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP: ${e.violatedDirective}`));
  });
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const cells = page.locator('disclosure-report td[data-cell]');
  await expect.poll(() => cells.count()).toBe(200);
  expect(await page.locator('disclosure-report [part~="title"]').textContent()).toContain('陈家坝镇人民政府');
  // The fallback link is not shown once the element runs.
  expect(await page.locator('disclosure-report > p').isVisible()).toBe(false);
  expect(violations).toEqual([]);
  await page.close();
});

it('upgrades a pasted static export in place to the live element, findings included', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/cms.html`);
  await expect.poll(() => page.locator('disclosure-report td[data-cell]').count()).toBe(200);
  expect(await page.locator('article[data-disclosure-report]').count()).toBe(0);
  expect(await page.locator('disclosure-report td[data-cell="requests.granted.total"]').textContent()).toContain('7');
  // The mistyped total is found by the live checks (loaded once the report is shown).
  const findings = page.locator('disclosure-report [part~="findings"]');
  await findings.locator('[part~="finding"]').first().waitFor();
  expect(await findings.textContent()).toContain('（一）予以公开：各类申请人之和 = 0，总计 = 7（差 7）');
  // ...and pinpointed: the mistyped 总计 is named first, with the value the sums call for.
  expect(await findings.locator('[data-rule="suspect.cell"]').first().textContent()).toContain('（一）予以公开·总计 可能有误：填 7，按各项合计应为 0');
  expect(errors).toEqual([]);
  await page.close();
});
