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
});
