/**
 * Generated report documents for the benchmarks: consistent tables (a few with mistakes) and
 * realistic section texts (2,000–4,000 characters each, see texts.ts), every one distinct.
 * `tsx bench/generate.ts <dir> <count>` writes them as files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { type Report, getCell, withCell } from '../packages/core/src/index.js';
import { consistentReport } from '../packages/core/test/arbitraries.js';
import { sectionPair } from './texts.js';

const parts = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'];

/**
 * `count` distinct reports of a large city (figures up to `max`), each with last year's report
 * of the same agency: its tables another consistent sample whose 结转下年度继续办理 this year's
 * 上年结转 carries forward, its texts sharing some of this year's sentences. Every tenth report
 * has one wrong figure (a mistyped total), as real reports do now and then.
 */
export function reportPairs(count: number, seed = 3, max = 100_000): { report: Report; previous: Report }[] {
  const tables = fc.sample(consistentReport('2021', max), { numRuns: Math.min(count, 250) * 2, seed }) as Report[];
  const half = tables.length / 2;
  const out: { report: Report; previous: Report }[] = [];
  for (let i = 0; i < count; i++) {
    const { sections, previous: lastTexts } = sectionPair(seed * 1_000_003 + i);
    const agency = `某某市第${i + 1}局`;
    const own = tables[i % half] as Report;
    let report: Report = { ...own, agency, title: `${agency}政府信息公开工作年度报告（${own.year}年度）`, sections };
    const year = report.year - 1;
    let previous: Report = {
      ...(tables[half + ((i * 7) % half)] as Report),
      agency,
      year,
      title: `${agency}政府信息公开工作年度报告（${year}年度）`,
      publishedOn: `${year + 1}-01-15`,
      sections: lastTexts,
    };
    for (const c of parts) previous = withCell(previous, `requests.carriedForward.${c}`, getCell(report, `requests.carriedOver.${c}`) ?? null);
    if (i % 10 === 9) report = withCell(report, 'requests.granted.total', (getCell(report, 'requests.granted.total') as number) + 18);
    out.push({ report, previous });
  }
  return out;
}

/** Writes `count` distinct report documents (JSON, one per file) into a folder; returns the file names. */
export function generateReports(dir: string, count: number, seed = 42): string[] {
  mkdirSync(dir, { recursive: true });
  const tables = fc.sample(consistentReport('2021', 500), { numRuns: Math.min(count, 200), seed }) as Report[];
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    let r: Report = { ...(tables[i % tables.length] as Report), agency: `某某市第${i}局`, sections: sectionPair(seed * 1_000_003 + i).sections };
    // Every tenth report has a mistyped total.
    if (i % 10 === 0) r = withCell(r, 'requests.granted.total', 999_999);
    const name = `${String(i).padStart(6, '0')}.json`;
    writeFileSync(join(dir, name), JSON.stringify(r));
    names.push(name);
  }
  return names;
}

if (process.argv[1]?.endsWith('generate.ts')) {
  const [dir, count] = process.argv.slice(2);
  generateReports(dir ?? '/tmp/reports', Number(count ?? 1000));
}
