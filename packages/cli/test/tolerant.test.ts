/**
 * Published sources as they really are: `check` and `import` read what they can, report what
 * they cannot as import.* findings with the share of cells read, and `--strict` refuses instead.
 * In-process through `main`, except where the process itself (worker processes) is the point.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(repoRoot, 'packages/cli/bin/disclosure-report.js');
const hongze = join(repoRoot, 'corpus/real/hongze-2023/source.pdf');
const pingtan2024 = join(repoRoot, 'corpus/real/pingtan-2024/source.html');
const pingtan2025 = join(repoRoot, 'corpus/real/pingtan-2025/source.html');
const seedSource = join(repoRoot, 'corpus/chenjiaba-2023/source.txt');

interface Finding {
  rule: string;
  target: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  cells: string[];
  expected?: unknown;
  actual?: unknown;
}
interface Entry {
  file: string;
  findings: Finding[];
  completeness?: { read: number; expected: number };
  error?: string;
}

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false });
  return { code, stdout, stderr };
}

/** The built CLI in a real process. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile(process.execPath, [bin, ...args], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      done({ code: err ? (err as { code: number }).code : 0, stdout, stderr }),
    ),
  );
}

const errorsOf = (e: Entry | undefined) => e?.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}[${f.target}]`);
const severityOrder = { error: 0, warning: 1, info: 2 };
const zhSeverity: Record<string, Finding['severity']> = { 错误: 'error', 警告: 'warning', 提示: 'info' };
/** `severity rule[target]` of every finding line of the human output with --ids, as printed. */
const printed = (stdout: string) =>
  [...stdout.matchAll(/^ {2}(错误|警告|提示|error|warning|info) +.*? {2}(\S+?)\[([^\]]*)\]$/gm)].map(
    ([, s, rule, target]) => `${zhSeverity[s as string] ?? s} ${rule}[${target}]`,
  );
/** The same, from a --json entry, in the order the human output prints (by severity, suspect.cell first). */
const listed = (e: Entry) =>
  [...e.findings]
    .sort((a, b) => Number(b.rule === 'suspect.cell') - Number(a.rule === 'suspect.cell') || severityOrder[a.severity] - severityOrder[b.severity])
    .map((f) => `${f.severity} ${f.rule}[${f.target}]`);

let dir: string;
/** A copy of the seed's published text with the figure after the line `label` replaced. */
function seedWith(name: string, replace: Record<string, string>): string {
  const lines = readFileSync(seedSource, 'utf8').split('\n');
  for (const [label, value] of Object.entries(replace)) {
    const at = lines.findIndex((l) => l.trim() === label);
    expect(at, label).toBeGreaterThan(0);
    // The first figure after a row label is the 自然人 column.
    expect(lines[at + 1]?.trim()).toBe('0 |');
    lines[at + 1] = `${value} |`;
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'disclosure-tolerant-'));
});

describe('check on real published reports', () => {
  it('hongze 2023 (PDF): the publisher\'s two errors, the misspelled row read with a warning, 200/200 cells', async () => {
    const r = await run('check', hongze, '--ids');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(`${hongze} — 洪泽区人民政府 2023（2021年格式） — 读取 200/200 个单元格`);
    expect(r.stdout).toContain('  错误  行政复议：结果维持、结果纠正、其他结果、尚未审结之和 = 11，总计 = 0（差 11）  reviews.total[reconsideration]\n');
    expect(r.stdout).toMatch(/^ {2}错误 {2}行政诉讼.*复议后起诉：结果维持、结果纠正、其他结果、尚未审结之和 = 5，总计 = 0（差 5） {2}reviews\.total\[litigationAfterReconsideration\]$/m);
    expect(r.stdout).toMatch(/^ {2}警告 {2}.*「2\.其他法律行政止公开」.* {2}import\.label-matched\[requests\.denied\.prohibitedByLaw\.total\]$/m);
    expect(r.stdout).toMatch(/^ {2}提示 {2}.*（六）其他处理.* {2}import\.rows-merged\[requests\.otherHandling\.[^\]]+\]$/m);
    expect(printed(r.stdout).filter((f) => f.startsWith('error '))).toEqual([
      'error reviews.total[reconsideration]',
      'error reviews.total[litigationAfterReconsideration]',
    ]);
    expect(r.stdout).toContain('错误 2 项');
    // 行政复议's parts add up to 11 and its 总计 says 0: no part can be 11 less, so the 总计 is named.
    expect(r.stdout.split('\n')[1]).toBe('  警告  行政复议·总计 可能有误：填 0，按各项合计应为 11  suspect.cell[reviews.reconsideration.total]');
    expect(r.stderr).toBe('');

    const json = await run('check', hongze, '--json');
    expect(json.code).toBe(1);
    const entries = JSON.parse(json.stdout) as Entry[];
    expect(entries).toHaveLength(1);
    const [entry] = entries as [Entry];
    expect(entry.completeness).toEqual({ read: 200, expected: 200 });
    expect(errorsOf(entry)).toEqual(['reviews.total[reconsideration]', 'reviews.total[litigationAfterReconsideration]']);
    expect(entry.findings).toContainEqual(expect.objectContaining({ rule: 'reviews.total', target: 'reconsideration', severity: 'error', expected: 11, actual: 0 }));
    expect(entry.findings).toContainEqual(
      expect.objectContaining({ rule: 'reviews.total', target: 'litigationAfterReconsideration', severity: 'error', expected: 5, actual: 0 }),
    );
    expect(entry.findings).toContainEqual(
      expect.objectContaining({ rule: 'import.label-matched', severity: 'warning', cells: ['requests.denied.prohibitedByLaw.total'] }),
    );
    // The same findings as the human output, finding for finding.
    expect(listed(entry)).toEqual(printed(r.stdout));
  }, 60_000);

  it('pingtan 2025 with 2024 as --prev: the in-force warning, no error, 200 of 200 cells', async () => {
    const r = await run('check', pingtan2025, '--prev', pingtan2024, '--lang', 'en', '--ids');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`${pingtan2025} — 平潭综合实验区 2025 (2021 format) — 200 of 200 cells read`);
    expect(r.stdout).toMatch(/^ {2}warning {2}.*= 453, in force = 546.* {2}prev\.in-force\[normativeDocuments\]$/m);
    expect(r.stdout).toContain('0 errors,');

    const json = await run('check', pingtan2025, '--prev', pingtan2024, '--json');
    expect(json.code).toBe(0);
    const [entry] = JSON.parse(json.stdout) as Entry[];
    expect(entry?.completeness).toEqual({ read: 200, expected: 200 });
    expect(errorsOf(entry)).toEqual([]);
    expect(entry?.findings.filter((f) => f.rule.startsWith('prev.'))).toEqual([
      expect.objectContaining({ rule: 'prev.in-force', target: 'normativeDocuments', severity: 'warning', expected: 453, actual: 546 }),
    ]);

    // Last year's report on its own: no error either.
    const last = await run('check', pingtan2024, '--json');
    expect(last.code).toBe(0);
    const [lastEntry] = JSON.parse(last.stdout) as Entry[];
    expect(lastEntry?.completeness).toEqual({ read: 200, expected: 200 });
    expect(errorsOf(lastEntry)).toEqual([]);
  }, 60_000);

  it('--strict refuses hongze 2023 (exit 2), naming the rows it does not find', async () => {
    const r = await run('check', '--strict', hongze, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${hongze}: cannot import:`);
    expect(r.stderr).toContain('row 「三、本年度办理结果/（三）不予公开/2.其他法律行政法规禁止公开」 not found');
    expect(r.stderr).toMatch(/row 「三、本年度办理结果\/（六）其他处理\/1\.[^」]*」 not found/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('--jobs gives the same findings and completeness on worker processes, and passes --strict on (real process)', async () => {
    const one = await run('check', hongze, pingtan2025, '--json');
    const two = await cli('check', hongze, pingtan2025, '--json', '--jobs', '2');
    expect(two.code).toBe(1);
    // File names as given: both runs use absolute paths.
    expect(two.stdout).toBe(one.stdout);
    expect((JSON.parse(two.stdout) as Entry[]).map((e) => e.completeness)).toEqual([
      { read: 200, expected: 200 },
      { read: 200, expected: 200 },
    ]);
    // (pingtan 2025 prints an amount to six decimals, which --strict refuses too: 2024 it reads.)
    const strict = await cli('check', '--strict', hongze, pingtan2024, '--json', '--jobs', '2');
    expect(strict.code).toBe(2);
    const [refused, read] = JSON.parse(strict.stdout) as Entry[];
    // The error is in the run's language (zh by default), as the findings' messages are.
    expect(refused?.error).toMatch(/^无法导入：.*rows not found/);
    expect(read?.error).toBeUndefined();
    expect(read?.completeness).toEqual({ read: 200, expected: 200 });
  }, 180_000);
});

describe('a source with a cell that cannot be read', () => {
  const cell = 'requests.denied.stateSecret.naturalPerson';

  it('check: the cell is an import.unread-cell warning; the rest is checked (exit 0, 199/200)', async () => {
    const file = seedWith('some.txt', { '1.属于国家秘密 |': '若干' });
    const r = await run('check', file, '--json');
    expect(r.code).toBe(0);
    const [entry] = JSON.parse(r.stdout) as Entry[];
    expect(entry?.completeness).toEqual({ read: 199, expected: 200 });
    expect(entry?.findings).toContainEqual(
      expect.objectContaining({ rule: 'import.unread-cell', target: cell, severity: 'warning', cells: [cell], message: expect.stringContaining('若干') }),
    );
    const human = await run('check', file);
    expect(human.stdout.split('\n')[0]).toContain('— 读取 199/200 个单元格');
    expect(human.stdout).toMatch(/^ {2}警告 {2}未能读取此单元格，按空白处理：.*若干/m);
    expect((await run('check', file, '--ids')).stdout).toMatch(new RegExp(`^ {2}警告 {2}未能读取此单元格.* {2}import\\.unread-cell\\[${cell.replace(/\./g, '\\.')}\\]$`, 'm'));
  }, 60_000);

  it('check: rules that do not read the cell still find errors; rules that do are skipped (exit 1)', async () => {
    // 3 requesters granted, total still 0: (一)予以公开's row total is wrong. The 自然人 column
    // no longer balances either, but its rule reads the unread cell, so it cannot say so.
    const both = seedWith('some-and-granted.txt', { '1.属于国家秘密 |': '若干', '(一)予以公开 |': '3' });
    const r = await run('check', both, '--json');
    expect(r.code).toBe(1);
    const [entry] = JSON.parse(r.stdout) as Entry[];
    expect(errorsOf(entry)).toEqual(['requests.row-total[granted]']);
    expect(entry?.findings.map((f) => f.rule)).toContain('import.unread-cell');
    // Control: with the cell read, the column's rule does report it.
    const granted = seedWith('granted.txt', { '(一)予以公开 |': '3' });
    const [control] = JSON.parse((await run('check', granted, '--json')).stdout) as Entry[];
    expect(control?.completeness).toEqual({ read: 200, expected: 200 });
    expect(errorsOf(control)).toEqual(expect.arrayContaining(['requests.row-total[granted]', 'requests.results-sum[naturalPerson]']));
  }, 60_000);

  it('import: writes the report with the cell null, says 199 of 200 and why; --strict refuses (exit 2)', async () => {
    const file = seedWith('some.txt', { '1.属于国家秘密 |': '若干' });
    const out = join(dir, 'some.json');
    const r = await run('import', file, '-o', out, '--lang', 'en');
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { requests: { denied: { stateSecret: Record<string, number | null> } } };
    expect(report.requests.denied.stateSecret.naturalPerson).toBeNull();
    expect(report.requests.denied.stateSecret.commercial).toBe(0);
    expect(r.stderr).toContain(`${file}: 199 of 200 cells read (1 left blank: see the warnings)`);
    expect(r.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: warning unread-cell ${cell}: .*「若干」 is not a number`));
    // In Chinese by default, the notes too.
    const zh = await run('import', file, '-o', out);
    expect(zh.stderr).toContain(`${file}：读取 199/200 个单元格（1 个留空：见警告）`);
    expect(zh.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}：警告 unread-cell ${cell}：未能读取此单元格.*「若干」`));

    const details = await run('import', file, '--details', '--quiet');
    expect(details.stderr).toBe('');
    expect((JSON.parse(details.stdout) as { completeness: unknown }).completeness).toMatchObject({ read: 199, expected: 200, unread: [cell] });

    const strict = await run('import', '--strict', file, '-o', join(dir, 'strict.json'), '--lang', 'en');
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(`${file}: cannot import: `);
    expect(strict.stderr).toMatch(/\(requests\.denied\.stateSecret\.naturalPerson\): 「若干」 is not a number/);
    expect(strict.stderr).toContain('imported 0 of 1; failed: 1');
  }, 60_000);
});

describe('a source with no report table', () => {
  it('is still refused (exit 2) by check and import', async () => {
    const prose = join(dir, 'prose.txt');
    writeFileSync(prose, '陈家坝镇人民政府\n政府信息公开工作年度报告\n(2023年度)\n今年以来，我镇认真落实政务公开各项工作，没有收到政府信息公开申请。\n');
    const r = await run('check', prose, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${prose}: cannot import: no report tables found`);
    expect((await run('check', prose)).stderr).toContain(`${prose}：无法导入：未找到报告的表格（no report tables found`);
    const imported = await run('import', prose);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain('no report tables found');
  }, 60_000);
});
