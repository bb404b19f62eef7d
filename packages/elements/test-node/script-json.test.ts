/**
 * A report pasted into the page, as docs/embedding.md says: the output of core's `toJson`
 * (`disclosure-report export --to json`, the editor's 导出 JSON) inside
 * `<script type="application/json">` in `<disclosure-report>`, on a page with no CSP at all.
 * Report text that tries to end the script element or open a comment stays text. And the
 * standalone bundle's 导入文件 refuses a JSON document that is not a valid report.
 */
import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Report, toJson } from '@disclosure-report/core';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedReportPath } from '../scripts/paths.ts';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import { readStandalone, standaloneFileOf } from './standalone-files.ts';

const csp = "default-src 'self'; script-src 'self'; style-src 'self'";
const seed = JSON.parse(readFileSync(seedReportPath, 'utf8')) as Report;

// No quotes inside: JSON.stringify would write them as \" and spoil the handler.
const breakout = '</script><img src=/pwned onerror=window.__pwned=1>';
const hostile: Report = {
  ...seed,
  agency: breakout,
  title: '<!--<script>',
  sections: { overview: '第一段\u2028第二段\u2029第三段', problems: '</SCRIPT ><script>window.__pwned=2</script>', other: '<!--<script>-->&amp; &lt;' },
};

const pageWith = (json: string, attrs = '') => `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>年报</title><script type="module" src="/disclosure-report.js"></script></head>
<body>
<disclosure-report id="report" ${attrs}>
<script type="application/json">${json}</script>
</disclosure-report>
<p id="after">页面其余部分</p>
</body>
</html>`;

const pages: Record<string, { html: string; csp?: boolean }> = {
  '/safe.html': { html: pageWith(toJson(hostile, { space: 2 })) },
  // What the guide used to have the portal paste: JSON.stringify's output, unescaped.
  '/unsafe.html': { html: pageWith(JSON.stringify(hostile, null, 2)) },
  '/edit.html': { html: pageWith(toJson(seed), 'mode="edit" no-drafts'), csp: true },
};

let server: Server;
let base: string;
let browser: Browser;
const requested: string[] = [];

beforeAll(async () => {
  const files = readStandalone();
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    requested.push(path);
    const page = pages[path];
    if (page) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...(page.csp ? { 'Content-Security-Policy': csp } : {}) });
      res.end(page.html);
    } else if (standaloneFileOf(path, files)) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      res.end(standaloneFileOf(path, files));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ ...chromiumLaunchOptions });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

const pwned = (page: Page) => page.evaluate(() => (window as { __pwned?: number }).__pwned);

describe('a report pasted into <script type="application/json">', () => {
  test('toJson output: the text shows as text, no script runs, the rest of the page is there', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    requested.length = 0;
    await page.goto(`${base}/safe.html`);
    await page.waitForFunction(() => document.getElementById('report')?.shadowRoot?.querySelector('[part~="title"]'));
    const shown = await page.evaluate(() => {
      const root = document.getElementById('report')!.shadowRoot!;
      return {
        title: root.querySelector('[part~="title"]')!.textContent!.trim(),
        meta: root.querySelector('[part~="meta"]')!.textContent!,
        paragraphs: [...root.querySelectorAll('[part~="paragraph"]')].map((p) => p.textContent!.trim()),
        images: document.querySelectorAll('img').length + root.querySelectorAll('img').length,
        scripts: document.scripts.length,
        after: document.getElementById('after')?.textContent,
      };
    });
    expect(shown.title).toBe('<!--<script>');
    expect(shown.meta).toContain(breakout);
    expect(shown.paragraphs).toEqual(expect.arrayContaining(['</SCRIPT ><script>window.__pwned=2</script>', '<!--<script>-->&amp; &lt;']));
    expect(shown.paragraphs.join('')).toContain('第一段\u2028第二段');
    expect(shown.images).toBe(0);
    // The bundle and the JSON: no script element made of report text.
    expect(shown.scripts).toBe(2);
    expect(shown.after).toBe('页面其余部分');
    await page.waitForTimeout(300);
    expect(await pwned(page)).toBeUndefined();
    expect(requested).not.toContain('/pwned');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('control: the same report as plain JSON.stringify output runs the injected script', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/unsafe.html`);
    await page.waitForFunction(() => (window as { __pwned?: number }).__pwned !== undefined, null, { timeout: 10_000 });
    expect(await pwned(page)).toBe(1);
    await page.close();
  });
});

describe('导入文件 in the standalone bundle', () => {
  test('refuses a JSON document that is not a valid report, naming the problem; takes a valid one', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${base}/edit.html`);
    const status = page.locator('#report [part~="edit-status"]');
    await page.waitForFunction(() => document.getElementById('report')?.shadowRoot?.querySelector('input[type="file"]:not([data-ledger])'));
    const choose = (name: string, doc: unknown) =>
      page.locator('#report input[type="file"]:not([data-ledger])').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    const year = () => page.evaluate(() => (document.getElementById('report') as unknown as { value: Report }).value.year);

    await choose('bad.json', { ...seed, year: '<img src=/pwned onerror="window.__pwned=1">' });
    await expect.poll(() => status.textContent()).toMatch(/^导入失败：数据不是年度报告文档：year: /);
    expect(await year()).toBe(2023);
    await choose('cell.json', { ...seed, requests: { ...seed.requests, granted: { ...seed.requests.granted, total: '12' } } });
    await expect.poll(() => status.textContent()).toContain('requests.granted.total');

    await choose('good.json', { ...seed, year: 2022 });
    await expect.poll(() => status.textContent()).toBe('已导入 good.json');
    expect(await year()).toBe(2022);
    expect(await pwned(page)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  });
});
