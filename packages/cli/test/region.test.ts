/**
 * The office that collects a region's reports (issue 16): sum them (aggregate), compare a
 * published summary with them (check --parts), list who is missing or late (check --expect),
 * and check with a province's or a city's rule pack (check --rules).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Report, getCell, withCell } from '@disclosure-report/core';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from './scratch.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const seedFile = join(repoRoot, 'corpus/chenjiaba-2023/expected.json');
const bin = join(repoRoot, 'packages/cli/bin/disclosure-report.js');
const seed = () => JSON.parse(readFileSync(seedFile, 'utf8')) as Report;

/** Runs the built CLI as a user would, in a real process. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let dir = '';
const write = scratchFolder('disclosure-region-', (d) => (dir = d));
const part = (agency: string, received: number, fee: number | null = 1.25): Report =>
  withCell(withCell({ ...seed(), agency, bodyType: 'department', publishedOn: '2024-01-20' }, 'requests.newReceived.total', received), 'active.fees.amount', fee);

describe('disclosure-report aggregate', () => {
  it('sums a folder of reports into one report, listing the agencies, exactly to the 分', async () => {
    write('parts/a.json', part('某某区教育局', 7, 0.1));
    write('parts/b.json', part('某某区卫生健康委员会', 40, 0.2));
    write('parts/c.json', part('某某区城市管理局', 3, null));
    const out = join(dir, 'summary.json');
    const r = await cli('aggregate', join(dir, 'parts'), '-o', out, '--agency', '某某区人民政府');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('已汇总 3 份报告（2023 年度，2021年格式）\n');
    const summary = JSON.parse(readFileSync(out, 'utf8')) as Report & { summaryOf: string[] };
    expect(summary.agency).toBe('某某区人民政府');
    expect(summary.summaryOf).toEqual(['某某区教育局', '某某区卫生健康委员会', '某某区城市管理局']);
    expect(getCell(summary, 'requests.newReceived.total')).toBe(50);
    expect(getCell(summary, 'active.fees.amount')).toBe(0.3);
    expect(Object.values(summary.sections)).toEqual(['', '', '']);
    // What aggregate writes is a report `check` reads.
    const checked = await cli('check', out, '--json');
    expect(JSON.parse(checked.stdout)[0].file).toBe(out);
  });

  it('refuses mixed years, naming the file and the first report that differs (exit 2)', async () => {
    write('mixed/a.json', part('甲局', 1));
    write('mixed/b.json', { ...part('乙局', 2), year: 2022 });
    const r = await cli('aggregate', join(dir, 'mixed'), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('b.json: cannot sum reports of different years: #2 (乙局) is for 2022, #1 (甲局) for 2023');
  });

  it('writes no partial summary when a file cannot be read (exit 2, the file named)', async () => {
    write('broken/a.json', part('甲局', 1));
    write('broken/b.json', '{ not json');
    const out = join(dir, 'partial.json');
    const r = await cli('aggregate', join(dir, 'broken'), '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/b\.json.*不是有效的 JSON/);
    expect(r.stderr).toContain('有 1 个文件无法读取：未写出汇总');
    expect(() => readFileSync(out)).toThrow();
  });

  it('is listed in the help', async () => {
    const r = await cli('--help');
    expect(r.stdout).toContain('disclosure-report aggregate <文件|目录…>');
  });
});
