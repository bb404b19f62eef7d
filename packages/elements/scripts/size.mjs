// Prints the sizes of the standalone build, raw and gzipped: node scripts/size.mjs
// The entry is what a page loads before the element paints in view mode (issue 15: ≤ 40 KiB
// gzip); the chunks are loaded on demand, from beside it (the checks; edit mode).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { allBudget, entryBudget } from './budget.mjs';

const files = ['disclosure-report.js', 'disclosure-report-checks.js', 'disclosure-report-edit.js'];
let total = 0;
for (const name of files) {
  const raw = readFileSync(new URL(`../dist/${name}`, import.meta.url));
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`dist/${name}: ${(raw.length / 1024).toFixed(1)} KiB, ${(gz / 1024).toFixed(1)} KiB gzipped (${gz} bytes)`);
}
console.log(`all three: ${(total / 1024).toFixed(1)} KiB gzipped (${total} bytes)`);
console.log(`budgets (scripts/budget.mjs): the entry ≤ ${entryBudget / 1024} KiB, all three < ${allBudget / 1024} KiB`);
