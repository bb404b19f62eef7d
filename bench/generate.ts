/** Writes N generated report documents (consistent, with a few mistakes) into a folder, for the end-to-end benchmark. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { withCell } from '../packages/core/src/index.js';
import { consistentReport } from '../packages/core/test/arbitraries.js';

export function generateReports(dir: string, count: number, seed = 42): void {
  mkdirSync(dir, { recursive: true });
  const reports = fc.sample(consistentReport('2021', 500), { numRuns: Math.min(count, 200), seed });
  for (let i = 0; i < count; i++) {
    let r = reports[i % reports.length] as ReturnType<typeof withCell>;
    r = { ...r, agency: `某某市第${i}局` };
    // Every tenth report has a mistyped total.
    if (i % 10 === 0) r = withCell(r, 'requests.granted.total', 999_999);
    writeFileSync(join(dir, `${String(i).padStart(5, '0')}.json`), JSON.stringify(r));
  }
}

if (process.argv[1]?.endsWith('generate.ts')) {
  const [dir, count] = process.argv.slice(2);
  generateReports(dir ?? '/tmp/reports', Number(count ?? 1000));
}
