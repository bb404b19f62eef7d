/**
 * The standalone bundle on a plain HTML page, no build step, under
 * `Content-Security-Policy: script-src 'self'` — in Debian's chromium via playwright-core.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allBudget, entryBudget } from '../scripts/budget.mjs';
import { seedReportPath } from '../scripts/paths.ts';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import { pkgDir, readStandalone, standaloneFileOf, standaloneFiles } from './standalone-files.ts';

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
  // View mode only, no findings: the script alone paints it.
  '/view': `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>View</title><script type="module" src="/disclosure-report.js"></script></head>
<body>
<disclosure-report id="view" src="/report.json"></disclosure-report>
<disclosure-requests-table id="t3" src="/report.json"></disclosure-requests-table>
</body>
</html>`,
  // A deployment that forgot the chunks (they answer 404 under /broken/).
  '/broken/': `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>Broken</title><script type="module" src="/broken/disclosure-report.js"></script></head>
<body>
<disclosure-report id="checked" src="/report.json" show-findings></disclosure-report>
</body>
</html>`,
};

let server: Server;
let base: string;
let browser: Browser;
/** The paths requested, in order. */
const requested: string[] = [];
let files: Map<string, Buffer>;

beforeAll(async () => {
  files = readStandalone();
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requested.push(url.pathname);
    const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
    if (pages[url.pathname] !== undefined) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(pages[url.pathname]);
    } else if (standaloneFileOf(url.pathname, files) && !url.pathname.startsWith('/broken/disclosure-report-')) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' });
      res.end(standaloneFileOf(url.pathname, files));
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
    requested.length = 0;
    await page.goto(base + '/');
    await page.waitForFunction(() => {
      const ids = ['by-src', 'by-script', 't4', 'broken'];
      return ids.every((id) => document.getElementById(id)?.shadowRoot?.querySelector('table, [role="alert"]'));
    });
    // The findings come once the checks chunk is loaded (the tables did not wait for it).
    await page.waitForFunction(() => document.getElementById('by-script')?.shadowRoot?.querySelector('[part~="finding"]'));
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
    // The checks came from beside the script whose elements are on the page (the second copy
    // defines none, so it loads nothing); edit mode was never asked for.
    expect(requested.filter((p) => /-(checks|edit)\.js$/.test(p))).toEqual(['/disclosure-report-checks.js']);
    await page.close();
  });

  test('view mode paints from the one script: no chunk requested', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    requested.length = 0;
    await page.goto(base + '/view');
    await page.waitForFunction(() => ['view', 't3'].every((id) => document.getElementById(id)?.shadowRoot?.querySelector('td[data-cell]')));
    // Give a chunk request that should not happen the time to show.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.getElementById('view')!.shadowRoot!.querySelectorAll('td[data-cell]').length)).toBe(200);
    expect(requested.filter((p) => p.endsWith('.js'))).toEqual(['/disclosure-report.js']);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('checks that cannot be loaded: the report shown, and the findings say why (no crash)', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base + '/broken/');
    const status = page.locator('#checked [part~="findings-status"]');
    await status.filter({ hasText: '检查程序加载失败' }).waitFor();
    expect(await page.locator('#checked td[data-cell]').count()).toBe(200);
    expect(errors).toEqual([]);
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

  test('the standalone build is the entry and its two chunks, and nothing else', () => {
    const built = readdirSync(resolve(pkgDir, 'dist')).filter((f) => /^disclosure-report.*\.js$/.test(f) && f !== 'disclosure-report.classic.js');
    expect(built.sort()).toEqual([...standaloneFiles].sort());
    const entry = files.get('disclosure-report.js')!.toString('utf8');
    // Nothing to load before it runs: no static import (a bundle puts those first), and the chunks
    // named only in import(), which runs when they are needed.
    expect(entry).not.toMatch(/^\s*import\s*[{*"'`\w$]/);
    expect(entry.match(/\.\/disclosure-report[\w-]*\.js/g)?.sort()).toEqual(['./disclosure-report-checks.js', './disclosure-report-edit.js']);
    expect(entry).toContain('import(`./disclosure-report-checks.js`)');
    expect(entry).toContain('import(`./disclosure-report-edit.js`)');
  });

  test('the classic build is one classic script: nothing imported, nothing loaded on demand', () => {
    // For pages opened from the file system (the region site of `disclosure-report report`),
    // where module scripts and import() are refused: everything but the importers in one file.
    const classic = readFileSync(resolve(pkgDir, 'dist/disclosure-report.classic.js'), 'utf8');
    expect(classic).not.toMatch(/^\s*(import|export)\b/m);
    expect(classic).not.toMatch(/\bimport\s*\(/);
    expect(classic).not.toContain('import.meta');
    // The element, its checks and edit mode are in it.
    for (const name of ['disclosure-report', 'disclosure-findings']) expect(classic).toMatch(new RegExp(`[\`"']${name}[\`"']`));
    expect(gzipSync(classic, { level: 9 }).length).toBeLessThanOrEqual(80 * 1024);
  });

  test('stays lean: the entry ≤ 40 KiB gzip, the whole set budgeted (sizes reported)', () => {
    const gz = (f: string) => gzipSync(files.get(f)!, { level: 9 }).length;
    for (const f of standaloneFiles) console.log(`dist/${f}: ${files.get(f)!.length} bytes, ${gz(f)} bytes gzipped`);
    // The budgets and what moved them are in scripts/budget.mjs.
    expect(gz('disclosure-report.js')).toBeLessThanOrEqual(entryBudget);
    const all = standaloneFiles.reduce((sum, f) => sum + gz(f), 0);
    expect(all).toBeLessThan(allBudget);
  });
});
