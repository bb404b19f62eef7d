/**
 * The region site of a generated region, and screenshots of it:
 * `tsx scripts/region-site.ts [count] [siteDir] [--shots <dir>]` (after `npm run build`).
 * Writes `count` reports (200 by default) of a made-up region with last year's (bench/generate.ts
 * `regionReports`), runs `disclosure-report report` over them, and with `--shots` takes chromium
 * screenshots of the overview (whole page, sorted by 错误 and narrowed to the reports with errors,
 * and on a phone) and of one report's page.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { regionReports } from '../bench/generate.js';
import { chromiumLaunchOptions } from './chromium.mjs';

const args = process.argv.slice(2);
const shotsAt = args.indexOf('--shots');
const shots = shotsAt >= 0 ? resolve(args.splice(shotsAt, 2)[1] ?? '.') : undefined;
const count = Number(args[0] ?? 200);
const work = mkdtempSync(join(tmpdir(), 'region-site-'));
const site = resolve(args[1] ?? join(work, 'site'));
for (const folder of ['now', 'prev']) mkdirSync(join(work, folder));
regionReports(count).forEach(({ report, previous }, i) => {
  const name = `${String(i).padStart(4, '0')}.json`;
  writeFileSync(join(work, 'now', name), JSON.stringify(report));
  writeFileSync(join(work, 'prev', name), JSON.stringify(previous));
});
const cli = resolve(import.meta.dirname, '../packages/cli/bin/disclosure-report.js');
const title = `示范市 2023 年度政府信息公开工作年度报告概览（生成的 ${count} 份报告）`;
execFileSync(process.execPath, [cli, 'report', join(work, 'now'), '--prev', join(work, 'prev'), '-o', site, '--title', title], { stdio: 'inherit' });
console.log(`${site}/index.html`);

if (shots) {
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch(chromiumLaunchOptions);
  const open = async (path: string, width: number, height: number) => {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(pathToFileURL(join(site, path)).href);
    await page.waitForLoadState('load');
    return page;
  };
  let page = await open('index.html', 1280, 900);
  await page.screenshot({ path: join(shots, 'region-site.png'), fullPage: true });
  await page.getByRole('button', { name: '错误', exact: true }).click();
  await page.getByLabel('显示').selectOption('errors');
  await page.locator('#reports-heading').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'region-site-errors.png') });
  await page.close();
  page = await open('index.html', 390, 844);
  await page.screenshot({ path: join(shots, 'region-site-phone.png') });
  await page.close();
  page = await open('reports/0011.html', 1280, 900);
  await page.locator('disclosure-report').first().locator('td[data-cell]').first().waitFor();
  await page.screenshot({ path: join(shots, 'region-site-report.png') });
  await page.close();
  await browser.close();
  console.log(`screenshots in ${shots}`);
}
