/**
 * `disclosure-report tally` (issue 18): tables 三 and 四 from the office's ledgers, every line
 * checked and each bad one named with its line; the templates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Report, check, getCell } from '@disclosure-report/core';
import { describe, expect, it } from 'vitest';
import { cli, repoRoot, seedFile } from './run-cli.js';
import { scratchFolder } from './scratch.js';



let dir = '';
const write = scratchFolder('disclosure-tally-', (d) => (dir = d));
const requests = ['序号,收到日期,申请人类型,办理结果,办结日期', '1,2022-12-20,自然人,予以公开,2023-01-05', '2,2023-03-01,商业企业,不予公开 — 属于国家秘密,2023-03-20', '3,2023-12-28,自然人,,'].join('\r\n');
const appeals = ['序号,类型,结果', '1,行政复议,维持', '2,复议后起诉,尚未审结'].join('\n');

describe('disclosure-report tally', () => {
  it('writes a new report whose tables 三 and 四 pass every rule', async () => {
    const ledger = write('requests.csv', requests);
    const appealsFile = write('appeals.csv', appeals);
    const out = join(dir, 'report.json');
    const r = await cli('tally', ledger, '--year', '2023', '--appeals', appealsFile, '-o', out, '--agency', '某某局');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`已统计 2023 年度：依申请公开台账 3 行，复议诉讼台账 2 行；已写入 ${out}\n`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.agency).toBe('某某局');
    expect(getCell(report, 'requests.carriedOver.naturalPerson')).toBe(1);
    expect(getCell(report, 'requests.newReceived.total')).toBe(2);
    expect(getCell(report, 'requests.carriedForward.total')).toBe(1);
    expect(getCell(report, 'reviews.litigationAfterReconsideration.pending')).toBe(1);
    const sums = check(report).filter((f) => f.rule.startsWith('requests.') || f.rule.startsWith('reviews.'));
    expect(sums).toEqual([]);
  });

  it('fills an existing draft\'s tables 三 and 四 and nothing else (--into)', async () => {
    const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as Report;
    const draft = write('draft.json', seed);
    const r = await cli('tally', write('r2023.csv', requests), '--year', '2023', '--into', draft);
    expect(r.code).toBe(0);
    const filled = JSON.parse(readFileSync(draft, 'utf8')) as Report;
    expect(getCell(filled, 'requests.newReceived.total')).toBe(2);
    expect(filled.sections).toEqual(seed.sections);
    expect(getCell(filled, 'active.regulations.issued')).toBe(getCell(seed, 'active.regulations.issued'));
    // A draft of another year is refused, not overwritten.
    const wrong = await cli('tally', write('r2024.csv', requests), '--year', '2024', '--into', draft, '--lang', 'en');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('not a report for 2024 in the 2021 format: cannot fill it');
  });

  it('names every line it cannot count, with its number, and writes nothing (exit 2)', async () => {
    const bad = ['序号,收到日期,申请人类型,办理结果,办结日期', '1,2023-02-30,自然人,予以公开,2023-03-01', '2,2023-03-01,企业,国家秘密,2023-03-05', '2,2023-03-02,自然人,同意,2023-03-06'].join('\n');
    const ledger = write('bad.csv', bad);
    const out = join(dir, 'never.json');
    const r = await cli('tally', ledger, '--year', '2023', '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      `${ledger}：无法统计：第 2 行：收到日期「2023-02-30」不是日期（应写作 2025-03-05）`,
      `${ledger}：注意：第 3 行：申请人类型「企业」按「商业企业」计`,
      `${ledger}：注意：第 3 行：办理结果「国家秘密」按「不予公开 — 属于国家秘密」计`,
      `${ledger}：无法统计：第 4 行：序号「2」与第 3 行重复`,
      `${ledger}：无法统计：第 4 行：办理结果「同意」不是国家格式的办理结果（如「予以公开」「不予公开 — 属于国家秘密」）`,
      '有 3 处无法统计：未写出报告（改正台账后重新统计）',
    ]);
    expect(() => readFileSync(out)).toThrow();
  });

  it('reads a ledger saved as GB18030 (Excel and WPS in China)', async () => {
    const r = await cli('tally', join(repoRoot, 'packages/cli/test/fixtures/ledger.gb18030.csv'), '--year', '2023');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(getCell(report, 'requests.granted.naturalPerson')).toBe(1);
    expect(getCell(report, 'requests.denied.stateSecret.research')).toBe(1);
  });

  it('writes the templates, which tally as they are', async () => {
    const t = await cli('tally', '--template');
    expect(t.stdout.startsWith('\ufeff序号,收到日期,申请人类型,办理结果,办结日期\r\n')).toBe(true);
    const a = await cli('tally', '--template', 'appeals', '-o', join(dir, 'appeals-template.csv'));
    expect(a.code).toBe(0);
    expect(readFileSync(join(dir, 'appeals-template.csv'), 'utf8')).toContain('序号,收到日期,类型,结果');
    const counted = await cli('tally', write('template.csv', t.stdout), '--year', '2025', '--appeals', join(dir, 'appeals-template.csv'));
    expect(counted.code).toBe(0);
    expect(getCell(JSON.parse(counted.stdout) as Report, 'requests.newReceived.total')).toBe(3);
  });

  it('writes the template as one workbook (.xlsx) and counts both its sheets', async () => {
    const book = join(dir, '台账模板.xlsx');
    const t = await cli('tally', '--template', 'xlsx', '-o', book);
    expect(t.code).toBe(0);
    expect(readFileSync(book).subarray(0, 2).toString()).toBe('PK');
    const counted = await cli('tally', book, '--year', '2025');
    expect(counted.code).toBe(0);
    expect(counted.stderr).toBe('已统计 2025 年度：依申请公开台账 3 行，复议诉讼台账 2 行\n');
    const report = JSON.parse(counted.stdout) as Report;
    expect(getCell(report, 'requests.newReceived.total')).toBe(3);
    expect(getCell(report, 'reviews.litigationDirect.pending')).toBe(1);
    // A workbook without a ledger's header: named, with its sheets.
    const other = await cli('tally', write('other.xlsx', readFileSync(book)), '--year', '2025', '--appeals', write('not-a-book.xlsx', 'PK nothing'));
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/not-a-book\.xlsx.*无法读取：.*Excel \(\.xlsx\)/);
    expect((await cli('tally', '--template', 'xlsx')).stderr).toContain('--template xlsx 需要 -o');
  });

  it('says what is wrong with the options', async () => {
    expect((await cli('tally', 'x.csv')).stderr).toContain('--year 须为报告年度');
    expect((await cli('tally', '--template', 'other')).stderr).toContain('--template 须为 requests、appeals 或 xlsx');
    expect((await cli('tally', 'x.csv', '--year', '2023', '-o', 'a', '--into', 'b')).stderr).toContain('-o 和 --into 只能给一个');
  });
});
