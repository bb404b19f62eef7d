/**
 * The built demo portal (both pages) served with a strict Content-Security-Policy header and
 * loaded in chromium: the report shows, the editor works, and no CSP violation is reported.
 */
import { existsSync, readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';

const dist = resolve(fileURLToPath(new URL('..', import.meta.url)), 'dist');
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";
const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.mjs': 'text/javascript' };

let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('build the demo first: npm run build');
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': csp });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch(chromiumLaunchOptions);
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function open(path: string) {
  const page = await browser.newPage();
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

  it('edits on the 编辑 page', async () => {
    const { page, problems } = await open('/edit.html');
    const input = page.locator('disclosure-report td[data-cell="requests.granted.naturalPerson"] input');
    await input.waitFor();
    await input.fill('3');
    await expect.poll(() => page.locator('disclosure-report li[data-rule="requests.row-total"]').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
