// Screenshots of the running demo with Debian's chromium: node scripts/screenshot.mjs [url] [outDir]
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';

const url = process.argv[2] ?? 'http://localhost:5173/';
const out = process.argv[3] ?? '.';
const browser = await chromium.launch({
  ...chromiumLaunchOptions,
});
const shots = [
  ['demo-seed.png', '', { width: 1280, height: 900 }],
  ['demo-city.png', '?report=shifan-natural-resources-2023', { width: 1280, height: 900 }],
  ['demo-narrow.png', '', { width: 390, height: 844 }],
];
for (const [name, query, viewport] of shots) {
  const page = await browser.newPage({ viewport });
  await page.goto(url + query);
  await page.waitForFunction(() => document.getElementById('report')?.shadowRoot?.querySelector('table, [role=alert]'));
  await page.screenshot({ path: `${out}/${name}`, fullPage: true });
  if (name === 'demo-seed.png') {
    // Close-ups of the merged headers (locators pierce open shadow roots).
    for (const t of ['active', 'requests', 'reviews']) {
      await page.locator(`#report table.${t}`).screenshot({ path: `${out}/demo-table-${t}.png` });
    }
  }
  await page.close();
}
// The 编辑 page: a new report being filled in, with auto totals, a refused value and findings.
{
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url.replace(/\/?$/, '/') + 'edit.html?auto-totals');
  await page.waitForFunction(() => document.getElementById('editor')?.shadowRoot?.querySelector('table'));
  await page.locator('#editor td[data-cell="requests.newReceived.naturalPerson"] input').click();
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  await page.keyboard.type('-1');
  await page.screenshot({ path: `${out}/demo-edit.png`, fullPage: true });
  await page.close();
  shots.push(['demo-edit.png']);
}
await browser.close();
console.log('saved', shots.map((s) => s[0]).join(', '));
