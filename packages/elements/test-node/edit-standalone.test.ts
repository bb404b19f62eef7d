/**
 * Edit mode from the standalone bundle on a plain page under a strict CSP, in Debian's chromium:
 * typing, a draft that survives a real page reload, and the leave-page prompt.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedReportPath } from '../scripts/paths.ts';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundlePath = resolve(pkgDir, 'dist/disclosure-report.js');
const csp = "default-src 'self'; script-src 'self'; style-src 'self'";
const seedJson = readFileSync(seedReportPath, 'utf8');

const page = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>编辑</title><script type="module" src="/disclosure-report.js"></script></head>
<body>
<form id="form" action="/submitted" method="post">
<disclosure-report id="editor" mode="edit" name="report" src="/report.json"></disclosure-report>
<button>提交</button>
</form>
</body>
</html>`;

let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(bundlePath)) execFileSync('npx', ['vite', 'build', '--mode', 'standalone'], { cwd: pkgDir, stdio: 'inherit' });
  const bundle = readFileSync(bundlePath);
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
    if (url.pathname === '/') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(page);
    } else if (url.pathname === '/disclosure-report.js') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' });
      res.end(bundle);
    } else if (url.pathname === '/report.json') {
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
      res.end(seedJson);
    } else if (url.pathname === '/submitted') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.writeHead(200, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(body);
      });
    } else {
      res.writeHead(404, headers);
      res.end();
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

const cell = (id: string) => `#editor td[data-cell="${id}"] input`;
const valueOf = (p: Page, id: string) =>
  p.evaluate((id) => {
    const el = document.getElementById('editor') as HTMLElement & { value: Record<string, unknown> };
    return id.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], el.value);
  }, id);

describe('edit mode in the standalone bundle', () => {
  test('typing under CSP, a draft surviving a real reload, the leave prompt, and submitting the JSON', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    const problems: string[] = [];
    p.on('pageerror', (e) => problems.push(e.message));
    p.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    await p.goto(base + '/');
    await p.locator(cell('requests.newReceived.naturalPerson')).click();
    await p.keyboard.type('１２');
    await p.keyboard.press('Tab');
    await p.keyboard.type('3');
    expect(await valueOf(p, 'requests.newReceived.naturalPerson')).toBe(12);
    expect(await valueOf(p, 'requests.newReceived.commercial')).toBe(3);
    // The finding shows up while typing.
    await p.locator('#editor li[data-rule="requests.row-total"]').first().waitFor();

    // Leaving with changes asks first (the person says "leave").
    let asked = '';
    p.once('dialog', async (d) => {
      asked = d.type();
      await d.accept();
    });
    await p.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('disclosure-report:')));
    await p.reload();
    expect(asked).toBe('beforeunload');

    await p.locator('#editor [part~="draft-prompt"]').waitFor();
    expect(await valueOf(p, 'requests.newReceived.naturalPerson')).toBe(0);
    await p.locator('#editor button[data-action="restore-draft"]').click();
    expect(await valueOf(p, 'requests.newReceived.naturalPerson')).toBe(12);
    expect(await p.locator(cell('requests.newReceived.commercial')).inputValue()).toBe('3');

    // Broken report: the form does not submit.
    expect(await p.evaluate(() => (document.getElementById('form') as HTMLFormElement).checkValidity())).toBe(false);
    // Fix it, then submit: the JSON arrives as the field's value and the draft is gone.
    for (const [id, v] of [
      ['requests.newReceived.naturalPerson', '0'],
      ['requests.newReceived.commercial', '0'],
    ] as const) {
      await p.locator(cell(id)).click();
      await p.keyboard.press('Control+A');
      await p.keyboard.type(v);
    }
    expect(await p.evaluate(() => (document.getElementById('form') as HTMLFormElement).checkValidity())).toBe(true);
    await Promise.all([p.waitForURL('**/submitted'), p.locator('button', { hasText: '提交' }).click()]);
    const body = new URLSearchParams(await p.locator('body').innerText());
    expect(JSON.parse(body.get('report')!)).toEqual(JSON.parse(seedJson));
    expect(await p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('disclosure-report:')))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('closing the tab mid-typing keeps every keystroke in the draft', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(base + '/');
    await p.locator(cell('requests.granted.naturalPerson')).click();
    await p.keyboard.type('1234', { delay: 20 });
    // No waiting for the debounced save: the tab goes away at once.
    await p.close();
    const again = await context.newPage();
    await again.goto(base + '/');
    await again.locator('#editor [part~="draft-prompt"]').waitFor();
    await again.locator('#editor button[data-action="restore-draft"]').click();
    expect(await valueOf(again, 'requests.granted.naturalPerson')).toBe(1234);
    await context.close();
  });

  test('two tabs on one report: the later save does not overwrite the other, and the user is told', async () => {
    const context = await browser.newContext();
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto(base + '/');
    await b.goto(base + '/');
    await a.locator(cell('requests.granted.naturalPerson')).click();
    await a.keyboard.type('5');
    const stored = (p: Page) =>
      p.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.startsWith('disclosure-report:'));
        return key ? (JSON.parse(localStorage.getItem(key) as string) as { report: { requests: { granted: Record<string, number> } } }).report.requests.granted : null;
      });
    await expect.poll(() => stored(a)).toMatchObject({ naturalPerson: 5 });
    // Tab B, opened before A saved, edits another cell: its save finds A's newer draft.
    await b.locator(cell('requests.granted.commercial')).click();
    await b.keyboard.type('7');
    await b.locator('#editor [part~="draft-conflict"]').waitFor();
    expect(await b.locator('#editor [part~="draft-conflict"]').innerText()).toContain('另一个窗口或标签页');
    await b.waitForTimeout(600);
    expect(await stored(b)).toMatchObject({ naturalPerson: 5, commercial: 0 });
    // B keeps its changes: now A (which has changes too) is told.
    await b.locator('#editor button[data-action="keep-mine"]').click();
    await expect.poll(() => stored(a)).toMatchObject({ naturalPerson: 0, commercial: 7 });
    await a.locator('#editor [part~="draft-conflict"]').waitFor();
    // A loads B's draft instead of overwriting it.
    await a.locator('#editor button[data-action="load-other"]').click();
    expect(await valueOf(a, 'requests.granted.commercial')).toBe(7);
    expect(await valueOf(a, 'requests.granted.naturalPerson')).toBe(0);
    await context.close();
  });
});
