/**
 * Edit mode from the standalone bundle on a plain page under a strict CSP, in Debian's chromium:
 * typing, a draft that survives a real page reload, the leave-page prompt, form posts that fail
 * or succeed (the server here keeps what was posted and serves it back), and two real tabs.
 */
import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { seedReportPath } from '../scripts/paths.ts';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import { readStandalone, standaloneFileOf } from './standalone-files.ts';

const csp = "default-src 'self'; script-src 'self'; style-src 'self'";
const seedJson = readFileSync(seedReportPath, 'utf8');

/**
 * The page; `?action=/fail` posts the form where the server answers 500. Under `/broken/` the
 * script is served but its chunks are not (a deployment that forgot them).
 */
const page = (action: string, dir = '/') => `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>编辑</title><script type="module" src="${dir}disclosure-report.js"></script></head>
<body>
<form id="form" action="${action === '/fail' ? '/fail' : '/submitted'}" method="post">
<disclosure-report id="editor" mode="edit" name="report" src="/report.json"></disclosure-report>
<button>提交</button>
</form>
</body>
</html>`;

/** The report as the server has it: what was last posted to /submitted. */
let savedReport = seedJson;

let server: Server;
let base: string;
/** The paths requested, in order. */
const requested: string[] = [];
let browser: Browser;

beforeAll(async () => {
  const files = readStandalone();
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requested.push(url.pathname);
    const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
    if (url.pathname === '/' || url.pathname === '/broken/') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(page(url.searchParams.get('action') ?? '', url.pathname));
    } else if (url.pathname.startsWith('/broken/disclosure-report-')) {
      res.writeHead(404, headers);
      res.end();
    } else if (standaloneFileOf(url.pathname, files)) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' });
      res.end(standaloneFileOf(url.pathname, files));
    } else if (url.pathname === '/report.json') {
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(savedReport);
    } else if (url.pathname === '/submitted' || url.pathname === '/fail') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const ok = url.pathname === '/submitted';
        // Saved as a database would: same data, keys in another order.
        if (ok) savedReport = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(new URLSearchParams(body).get('report')!)).reverse()));
        res.writeHead(ok ? 200 : 500, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(ok ? body : 'Internal Server Error');
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

beforeEach(() => {
  savedReport = seedJson;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

const cell = (id: string) => `#editor td[data-cell="${id}"] input`;
const draftKeys = (p: Page) => p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('disclosure-report:')));
/** The draft's value at a path of its report (undefined when there is no draft). */
const draftAt = (p: Page, path: string) =>
  p.evaluate((path) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('disclosure-report:') && !k.endsWith(':invalid'));
    const report = key ? (JSON.parse(localStorage.getItem(key) as string) as { report: unknown }).report : undefined;
    return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], report);
  }, path);
const overview = '#editor textarea[data-section="overview"]';
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
    requested.length = 0;
    await p.goto(base + '/');
    await p.locator(cell('requests.newReceived.naturalPerson')).click();
    await p.keyboard.type('１２');
    await p.keyboard.press('Tab');
    await p.keyboard.type('3');
    expect(await valueOf(p, 'requests.newReceived.naturalPerson')).toBe(12);
    expect(await valueOf(p, 'requests.newReceived.commercial')).toBe(3);
    // The finding shows up while typing.
    await p.locator('#editor li[data-rule="requests.row-total"]').first().waitFor();
    // Edit mode and the checks came as the script's chunks, from beside it, under script-src 'self'.
    expect(requested).toEqual(expect.arrayContaining(['/disclosure-report.js', '/disclosure-report-edit.js', '/disclosure-report-checks.js']));

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
    // Opened again as the server saved it: the draft, which it holds all of, is dropped.
    await p.goto(base + '/');
    await p.locator(cell('requests.newReceived.naturalPerson')).waitFor();
    expect(await p.locator('#editor [part~="draft-prompt"]').count()).toBe(0);
    expect(await draftKeys(p)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('edit mode whose chunk cannot be loaded: the report read-only, and a clear message (no crash)', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(base + '/broken/');
    const alert = p.locator('#editor [part~="status-error"][role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('编辑功能加载失败');
    // The report is still there to read: the tables as in view mode, no inputs.
    expect(await p.locator('#editor td[data-cell]').count()).toBe(200);
    expect(await p.locator('#editor td[data-cell] input').count()).toBe(0);
    // The element's API stays safe to call.
    expect(await p.evaluate(() => (document.getElementById('editor') as HTMLElement & { undo(): boolean }).undo())).toBe(false);
    expect(errors).toEqual([]);
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
  test('a form post that fails loses nothing (no leave prompt on posting); one that succeeds drops the draft on the next load', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    const dialogs: string[] = [];
    p.on('dialog', async (d) => {
      dialogs.push(d.type());
      await d.accept();
    });
    await p.goto(base + '/?action=/fail');
    await p.locator(overview).click();
    await p.keyboard.press('Control+End');
    await p.keyboard.type('补充一句。');
    const typed = (await p.locator(overview).inputValue()) as string;
    await Promise.all([p.waitForURL('**/fail'), p.locator('button', { hasText: '提交' }).click()]);
    // Posting is leaving the page on purpose: no leave prompt; the draft is kept all the same.
    expect(dialogs).toEqual([]);
    expect(await draftAt(p, 'sections.overview')).toBe(typed);

    // Back on the page (the server still has the old report): the work is offered. Until the
    // answer the fields wait, and a reload leaves the draft as it was.
    await p.goto(base + '/');
    await p.locator('#editor [part~="draft-prompt"]').waitFor();
    expect(await p.locator(overview).isDisabled()).toBe(true);
    const before = await p.evaluate(() => JSON.stringify({ ...localStorage }));
    await p.reload();
    await p.locator('#editor [part~="draft-prompt"]').waitFor();
    expect(await p.evaluate(() => JSON.stringify({ ...localStorage }))).toBe(before);
    expect(dialogs).toEqual([]);
    await p.locator('#editor button[data-action="restore-draft"]').click();
    expect(await p.locator(overview).inputValue()).toBe(typed);

    // Posted again, this time saved: kept until the page opens with the saved report, then dropped.
    await Promise.all([p.waitForURL('**/submitted'), p.locator('button', { hasText: '提交' }).click()]);
    expect(dialogs).toEqual([]);
    expect(await draftAt(p, 'sections.overview')).toBe(typed);
    await p.goto(base + '/');
    await p.locator(overview).waitFor();
    expect(await p.locator(overview).inputValue()).toBe(typed);
    expect(await p.locator('#editor [part~="draft-prompt"]').count()).toBe(0);
    expect(await draftKeys(p)).toEqual([]);
    await context.close();
  });

  test('two tabs: 放弃 (discard) in one does not lose the other tab’s live changes', async () => {
    const context = await browser.newContext();
    const [a, b] = [await context.newPage(), await context.newPage()];
    await b.goto(base + '/');
    await b.locator(cell('requests.granted.naturalPerson')).click();
    await b.keyboard.type('5');
    await expect.poll(() => draftAt(b, 'requests.granted.naturalPerson')).toBe(5);
    // Tab A opens the same report, is offered B's draft and chooses 放弃草稿.
    await a.goto(base + '/');
    await a.locator('#editor button[data-action="discard-draft"]').click();
    // B notices at once, saves its changes again and says so.
    await expect.poll(() => draftAt(a, 'requests.granted.naturalPerson')).toBe(5);
    await b.locator('#editor [part~="edit-status"]', { hasText: '另一个窗口或标签页放弃了草稿' }).waitFor();
    // A, with nothing of its own, raises no conflict; opened again it offers B's work.
    await a.waitForTimeout(600);
    expect(await a.locator('#editor [part~="draft-conflict"]').count()).toBe(0);
    await a.reload();
    await a.locator('#editor button[data-action="restore-draft"]').click();
    expect(await valueOf(a, 'requests.granted.naturalPerson')).toBe(5);
    await context.close();
  });
});
