/**
 * The office that collects a region's reports (issue 16): sum them (aggregate), compare a
 * published summary with them (check --parts), list who is missing or late (check --expect),
 * and check with a province's or a city's rule pack (check --rules).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Report, getCell, withCell } from '@disclosure-report/core';
import { describe, expect, it } from 'vitest';
import { cli, repoRoot, seedFile } from './run-cli.js';
import { scratchFolder } from './scratch.js';

const seed = () => JSON.parse(readFileSync(seedFile, 'utf8')) as Report;


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

const examplePack = join(repoRoot, 'packages/core/rules/packs/example-city-notice.json');

describe('disclosure-report check --rules', () => {
  it('runs a rule pack with the national rules; its findings carry its ids', async () => {
    const r = await cli('check', seedFile, '--rules', examplePack, '--json');
    expect(r.code).toBe(0);
    const [result] = JSON.parse(r.stdout) as { findings: { rule: string; target: string }[] }[];
    const local = result?.findings.filter((f) => f.rule.startsWith('local.')).map((f) => `${f.rule}[${f.target}]`);
    expect(local).toEqual(['local.example-city-notice.overview.counts[active]', 'local.example-city-notice.overview.counts[requests]']);
    const human = await cli('check', seedFile, '--rules', examplePack);
    expect(human.stdout).toContain('一、总体情况：未写明本年收到政府信息公开申请的件数（通知要求写明）');
  });

  it('refuses a pack that cannot be used before reading any report, naming the file, rule and path (exit 2)', async () => {
    const bad = write('bad-pack.json', {
      name: 'sz',
      version: '1.0.0',
      formats: ['2021'],
      rules: [{ id: 'local.sz.x', target: 'overview', severity: 'warning', cells: [], condition: { and: [true, { regex: ['a'] }] }, message: { 'zh-CN': 'x', en: 'x' } }],
    });
    const r = await cli('check', seedFile, '--rules', bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`disclosure-report: 规则包无法使用：${bad}: rule pack "sz": rules[0].condition: unknown JSON-logic operation "regex" (at and[1])\n`);
    const notJson = await cli('check', seedFile, '--rules', write('not-json.json', '{ nope'));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/not-json\.json.*不是有效的 JSON/);
  });

  it('runs packs in worker processes too', async () => {
    write('jobs/a.json', part('甲局', 1));
    write('jobs/b.json', part('乙局', 2));
    const r = await cli('check', join(dir, 'jobs'), '--rules', examplePack, '--json', '--jobs', '2');
    const results = JSON.parse(r.stdout) as { findings: { rule: string }[] }[];
    expect(results.map((x) => x.findings.filter((f) => f.rule.startsWith('local.')).length)).toEqual([2, 2]);
  });
});

describe('disclosure-report check --expect', () => {
  it('lists the bodies missing, not on the list, duplicated and late after the reports', async () => {
    write('region/a.json', part('某某区教育局', 1));
    write('region/b.json', { ...part('某某区城管局', 2), publishedOn: '2024-02-05' });
    write('region/c.json', part('某某区教育局', 1));
    const bodies = write('bodies.csv', 'agency,bodyType\n某某区教育局,department\n某某区卫生健康委员会,department\n');
    const r = await cli('check', join(dir, 'region'), '--expect', bodies);
    expect(r.code).toBe(1);
    const block = r.stdout.slice(r.stdout.indexOf('名单核对'));
    expect(block.split('\n').filter(Boolean)).toEqual([
      `名单核对（${bodies}：名单 2 个机关，收到报告 3 份）`,
      '  错误  缺少报告：某某区卫生健康委员会（部门）',
      `  警告  某某区教育局 有 2 份报告：${join(dir, 'region/a.json')}、${join(dir, 'region/c.json')}`,
      '  警告  名单外的报告：某某区城管局',
      '  警告  某某区城管局（部门）于 2024-02-05 发布，晚于 2024-01-31',
      '  缺少 1 份，名单外 1 份，重复 1 个机关，逾期发布 1 份',
    ]);
    const json = await cli('check', join(dir, 'region'), '--expect', bodies, '--json');
    const entries = JSON.parse(json.stdout) as ({ file: string } | { region: { findings: { rule: string; target: string }[] } })[];
    const last = entries[entries.length - 1] as { region: { reports: number; findings: { rule: string; target: string }[] } };
    expect(last.region.reports).toBe(3);
    expect(last.region.findings.map((f) => `${f.rule}[${f.target}]`)).toEqual([
      'region.missing[某某区卫生健康委员会]',
      'region.duplicate[某某区教育局]',
      'region.unexpected[某某区城管局]',
      'region.late[某某区城管局]',
    ]);
    const nd = await cli('check', join(dir, 'region'), '--expect', bodies, '--ndjson');
    const lines = nd.stdout.trim().split('\n');
    expect(JSON.parse(lines[lines.length - 1] as string).region.findings).toHaveLength(4);
  });

  it('refuses a list it cannot read, with the line (exit 2)', async () => {
    const r = await cli('check', seedFile, '--expect', write('bad.csv', 'agency,bodyType\n某局,委员会\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv：第 2 行：机关类型「委员会」应为 government（政府）或 department（部门）/);
  });
});

describe('disclosure-report check --parts', () => {
  it('compares a summary report with the sum of its parts, naming the largest parts', async () => {
    write('parts2/a.json', part('某某区教育局', 30));
    write('parts2/b.json', part('某某区卫生健康委员会', 12));
    const summary = { ...part('某某区人民政府', 40), bodyType: 'government' };
    const file = write('summary.json', summary);
    const r = await cli('check', file, '--parts', join(dir, 'parts2'), '--json');
    const [result] = JSON.parse(r.stdout) as { findings: { rule: string; target: string; expected: number; actual: number; contributors: unknown }[] }[];
    const sums = result?.findings.filter((f) => f.rule === 'region.sum');
    // In national order: table 二's fees, then table 三.
    expect(sums).toEqual([
      expect.objectContaining({ target: 'active.fees.amount', expected: 2.5, actual: 1.25 }),
      expect.objectContaining({
        target: 'requests.newReceived.total',
        expected: 42,
        actual: 40,
        contributors: [
          { agency: '某某区教育局', value: 30 },
          { agency: '某某区卫生健康委员会', value: 12 },
        ],
      }),
    ]);
    const human = await cli('check', file, '--parts', join(dir, 'parts2'));
    expect(human.stdout).toContain('所汇总的 2 份报告合计 42，汇总报告为 40（差 2）；主要来自 某某区教育局 30、某某区卫生健康委员会 12');
  });
});
