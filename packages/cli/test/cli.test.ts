import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Report, reportJsonSchema, withCell } from '@disclosure-report/core';
import { describe, expect, it } from 'vitest';
import { type Run, bin, cli, repoRoot, seedFile } from './run-cli.js';
import { scratchFolder } from './scratch.js';

const seed = () => JSON.parse(readFileSync(seedFile, 'utf8')) as Report;



let dir: string;
const write = scratchFolder('disclosure-cli-', (d) => (dir = d));


describe('disclosure-report check', () => {
  it('finds no error in the seed and warns about the fee report and the government assessment', async () => {
    const r = await cli('check', seedFile);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('陈家坝镇人民政府 2023（2021年格式）');
    expect(r.stdout).toMatch(/^ {2}警告 {2}六、其他需要报告的事项：/m);
    expect(r.stdout).toMatch(/^ {2}警告 {2}一、总体情况：/m);
    expect(r.stdout).not.toContain('sections.fee-report');
    expect(r.stdout).not.toContain('错误  ');
    const ids = await cli('check', seedFile, '--ids');
    expect(ids.stdout).toMatch(/^ {2}警告 {2}六、其他需要报告的事项：.*  sections\.fee-report\[other\]$/m);
    expect(ids.stdout).toMatch(/^ {2}警告 {2}一、总体情况：.*  sections\.government-assessment\[overview\]$/m);
  });

  it('catches one mistyped total with the exact rule, target, expected and actual (exit 1)', async () => {
    const file = write('typo.json', withCell(seed(), 'requests.granted.total', 5));
    const r = await cli('check', file, '--json', '--lang', 'en');
    expect(r.code).toBe(1);
    const [result] = JSON.parse(r.stdout) as { file: string; findings: Record<string, unknown>[] }[];
    expect(result?.file).toBe(file);
    const errors = result?.findings.filter((f) => f.severity === 'error');
    expect(errors).toContainEqual(
      expect.objectContaining({ rule: 'requests.row-total', target: 'granted', expected: 0, actual: 5 }),
    );
    expect(errors?.map((f) => `${f.rule}[${f.target}]`)).toEqual([
      'requests.results-sum[total]',
      'requests.row-total[granted]',
    ]);
    const [zh] = JSON.parse((await cli('check', file, '--json')).stdout) as { findings: { rule: string; target: string; message: string }[] }[];
    const rowTotal = zh?.findings.find((f) => f.rule === 'requests.row-total' && f.target === 'granted');
    expect(rowTotal?.message).toContain('（差 5）');
    const human = await cli('check', file);
    expect(human.stdout).toContain(`\n  错误  ${rowTotal?.message}\n`);
    expect(human.stdout).not.toContain('requests.row-total');
    expect((await cli('check', file, '--ids')).stdout).toContain(`\n  错误  ${rowTotal?.message}  requests.row-total[granted]\n`);
  });

  it('uses last year\'s report for the carry-over', async () => {
    const prev = write('prev.json', { ...withCell(seed(), 'requests.carriedForward.naturalPerson', 2), year: 2022 });
    const r = await cli('check', seedFile, '--prev', prev, '--json');
    expect(r.code).toBe(1);
    const [result] = JSON.parse(r.stdout) as { findings: Record<string, unknown>[] }[];
    expect(result?.findings).toContainEqual(
      expect.objectContaining({ rule: 'prev.carry-over', target: 'naturalPerson', expected: 2, actual: 0 }),
    );
  });

  it('says what is wrong with unusable input, names the file, exits 2 and shows no stack trace', async () => {
    const notJson = write('broken.json', '{"format": "2021",');
    const bad = seed() as unknown as { requests: { denied: { stateSecret: Record<string, unknown> } } };
    bad.requests.denied.stateSecret.naturalPerson = '12件';
    const invalid = write('invalid.json', bad);
    const r = await cli('check', notJson, invalid, join(dir, 'missing.json'), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${notJson}, line 1, column 19: not valid JSON (`);
    expect(r.stderr).toContain(
      `${invalid}: not a valid report document:\n  requests.denied.stateSecret.naturalPerson（（三）不予公开 — 1.属于国家秘密·自然人）: expected a whole number ≥ 0, got "12件"`,
    );
    expect(r.stderr).toContain(`${join(dir, 'missing.json')}: cannot read: no such file`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('checks a directory file by file; one bad file does not stop the rest', async () => {
    write('year/a.json', seed());
    write('year/b/c.json', withCell(seed(), 'reviews.reconsideration.total', 1));
    write('year/d.json', 'not json');
    write('year/notes.md', 'ignored');
    symlinkSync(join(dir, 'nowhere.json'), join(dir, 'year/broken-link.json'));
    const r = await cli('check', join(dir, 'year'), '--json');
    expect(r.code).toBe(2);
    const results = JSON.parse(r.stdout) as { file: string; findings: { rule: string }[]; error?: string }[];
    expect(results.map((x) => [x.file.slice(dir.length + 6), x.error ? 'unusable' : x.findings.some((f) => f.rule === 'reviews.total')])).toEqual([
      ['a.json', false],
      ['b/c.json', true],
      ['broken-link.json', 'unusable'],
      ['d.json', 'unusable'],
    ]);
  });

  it('refuses what is not a report file without blocking, and names duplicates', async () => {
    write('odd/a.json', seed());
    write('odd/copy.json', seed());
    execFileSync('mkfifo', [join(dir, 'odd/pipe.json')]);
    const r = await cli('check', join(dir, 'odd'), join(dir, 'odd/pipe.json'), '--json', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('odd/pipe.json: cannot read: not a regular file');
    expect(r.stderr).toContain(`odd/copy.json: the same report (agency, year, format) as ${join(dir, 'odd/a.json')}`);
    const results = JSON.parse(r.stdout) as { file: string; duplicateOf?: string }[];
    expect(results.find((x) => x.file.endsWith('copy.json'))?.duplicateOf).toBe(join(dir, 'odd/a.json'));
  });

  // As root the test runs the CLI as nobody, which needs to read the checkout: skip where it cannot.
  const unprivilegedCanRun = (() => {
    if (process.getuid?.() !== 0) return true;
    try {
      execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(bin)})`]);
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!unprivilegedCanRun)('names a file it may not read (permission denied) and checks the rest', async () => {
    const folder = join(dir, 'perm');
    write('perm/good.json', seed());
    const locked = write('perm/locked.json', seed());
    chmodSync(folder, 0o755);
    chmodSync(dir, 0o755);
    chmodSync(locked, 0o000);
    // Root reads anything: run the CLI as an unprivileged user then (nobody, 65534).
    const asRoot = process.getuid?.() === 0;
    const command = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [process.execPath];
    const r = await new Promise<Run>((done) =>
      execFile(command[0] as string, [...command.slice(1), bin, 'check', folder, '--json', '--lang', 'en'], { cwd: repoRoot }, (err, stdout, stderr) =>
        done({ code: err ? (err as { code: number }).code : 0, stdout, stderr }),
      ),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${locked}: cannot read: permission denied`);
    const results = JSON.parse(r.stdout) as { file: string; error?: string }[];
    expect(results.map((x) => [x.file.slice(folder.length + 1), !x.error])).toEqual([
      ['good.json', true],
      ['locked.json', false],
    ]);
  });

  it('--jobs checks on worker processes with the same output, in the same order', async () => {
    for (let i = 0; i < 12; i++) write(`many/${String(i).padStart(2, '0')}.json`, i % 3 ? seed() : withCell(seed(), 'requests.granted.total', i + 1));
    write('many/zz.json', '{');
    const one = await cli('check', join(dir, 'many'), '--json');
    const two = await cli('check', join(dir, 'many'), '--json', '--jobs', '2');
    expect(two.code).toBe(2);
    expect(two.stdout).toBe(one.stdout);
    const results = JSON.parse(two.stdout) as { findings: { rule: string }[] }[];
    expect(results).toHaveLength(13);
    expect(results.map((r) => r.findings.some((f) => f.rule === 'requests.row-total'))).toEqual(
      [...Array.from({ length: 12 }, (_, i) => i % 3 === 0), false],
    );
    expect((await cli('check', seedFile, '--jobs', '0')).stderr).toContain('--jobs 须为不小于 1 的整数或 auto，不能是“0”');
    expect((await cli('check', seedFile, '--jobs', '0', '--lang', 'en')).stderr).toContain('--jobs must be a whole number ≥ 1 or auto');
  });

  it('--prev with a folder matches last year\'s report by agency', async () => {
    write('2022/town.json', { ...withCell(seed(), 'requests.carriedForward.total', 4), year: 2022 });
    write('2022/other.json', { ...seed(), agency: '别的镇人民政府', year: 2022 });
    const r = await cli('check', seedFile, '--prev', join(dir, '2022'), '--json');
    const [result] = JSON.parse(r.stdout) as { findings: Record<string, unknown>[] }[];
    expect(result?.findings.filter((f) => f.rule === 'prev.carry-over')).toEqual([
      expect.objectContaining({ target: 'total', expected: 4, actual: 0 }),
    ]);
    const bad = await cli('check', seedFile, '--prev', join(dir, 'nothing.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('nothing.json：无法读取：文件不存在');
    expect((await cli('check', seedFile, '--prev', join(dir, 'nothing.json'), '--lang', 'en')).stderr).toContain('nothing.json: cannot read: no such file');
  });

  it('prints messages in English with --lang en and refuses an unknown language', async () => {
    const r = await cli('check', seedFile, '--lang', 'en');
    expect(r.stdout).toContain('陈家坝镇人民政府 2023 (2021 format)');
    expect(r.stdout).toMatch(/^ {2}warning {2}6\. Other matters/m);
    expect(r.stdout).toContain('0 errors, 2 warnings, 1 info');
    // zh-CN is accepted as zh, and --lang=… as --lang …
    expect((await cli('check', seedFile, '--lang=zh-CN')).stdout).toContain('（2021年格式）');
    expect((await cli('check', seedFile, '--lang=en')).stdout).toBe(r.stdout);
    const bad = await cli('check', seedFile, '--lang', 'fr');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang must be zh or en, got "fr"');
    expect(bad.stderr).toContain('--lang 只能是 zh 或 en');
  });
});

describe('disclosure-report import', () => {
  const sourceFile = join(repoRoot, 'corpus/chenjiaba-2023/source.txt');
  const fixtures = join(repoRoot, 'packages/import/test/fixtures/chenjiaba-2023');

  it('reads the published text of the seed into exactly its expected document', async () => {
    const r = await cli('import', sourceFile);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(seed());
    // Notes say what was read loosely: the seed's table 四 header lost words.
    expect(r.stderr).toContain('label-truncated');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('gives the provenance of every cell with --details, and writes -o', async () => {
    const out = join(dir, 'imported.json');
    const r = await cli('import', sourceFile, '--details', '-o', out, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const details = JSON.parse(readFileSync(out, 'utf8')) as { report: Report; form: string; provenance: Record<string, { line?: number }> };
    expect(details.report).toEqual(seed());
    expect(details.form).toBe('text');
    expect(Object.keys(details.provenance)).toHaveLength(200);
    expect(details.provenance['requests.newReceived.naturalPerson']?.line).toBeGreaterThan(0);
  });

  it('imports a folder file by file; one bad file is named and does not stop the rest', async () => {
    const folder = join(dir, 'published');
    for (const name of ['page.html', 'report.docx', 'report.pdf', 'rows.txt', 'source.gb18030.txt']) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, name), readFileSync(join(fixtures, name)));
    }
    writeFileSync(join(folder, 'notes.html'), '<html><body><p>本单位无年度报告。</p></body></html>');
    const outDir = join(dir, 'imported');
    const r = await cli('import', folder, '--out-dir', outDir, '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(folder, 'notes.html')}：无法导入：`);
    expect(r.stderr).toContain('已导入 5/6；失败 1 个');
    const en = await cli('import', folder, '--out-dir', join(dir, 'imported-en'), '--quiet', '--lang', 'en');
    expect(en.stderr).toContain(`${join(folder, 'notes.html')}: cannot import:`);
    expect(en.stderr).toContain('imported 5 of 6; failed: 1');
    for (const name of ['page', 'report', 'report.pdf', 'rows', 'source.gb18030']) {
      expect(JSON.parse(readFileSync(join(outDir, `${name}.json`), 'utf8')), name).toEqual(seed());
    }
  });

  it('checks published sources directly (import, then check)', async () => {
    const r = await cli('check', sourceFile, join(fixtures, 'page.html'), '--json');
    expect(r.code).toBe(0);
    type Result = { findings: { rule: string; severity: string }[]; completeness: unknown };
    const results = JSON.parse(r.stdout) as Result[];
    expect(results.map((x) => x.findings.filter((f) => !f.rule.startsWith('import.')).map((f) => f.rule))).toEqual([
      ['sections.fee-report', 'sections.government-assessment', 'published.deadline'],
      ['sections.fee-report', 'sections.government-assessment', 'published.deadline'],
    ]);
    // What the import noted comes along as import.* findings; both read every cell, nothing to warn about.
    for (const x of results) {
      expect(x.completeness).toEqual({ read: 200, expected: 200 });
      const noted = x.findings.filter((f) => f.rule.startsWith('import.'));
      expect(noted.length).toBeGreaterThan(0);
      expect(new Set(noted.map((f) => f.severity))).toEqual(new Set(['info']));
    }
    // A figure that is not a number: the cell is left blank and reported, the rest is checked...
    const nonNumeric = join(repoRoot, 'packages/import/test/fixtures/edge/non-numeric.html');
    const tolerant = await cli('check', nonNumeric);
    expect(tolerant.code).toBe(0);
    expect(tolerant.stdout).toContain('读取 199/200 个单元格');
    expect(tolerant.stdout).toMatch(/^ {2}警告 {2}未能读取此单元格.*若干/m);
    expect((await cli('check', nonNumeric, '--ids')).stdout).toMatch(/^ {2}警告 {2}未能读取此单元格.*若干.*  import\.unread-cell\[requests\.granted\.naturalPerson\]$/m);
    // ...and --strict refuses the source as a whole.
    const bad = await cli('check', '--strict', nonNumeric);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/non-numeric\.html：无法导入：.*若干/);
  }, 60_000);
});

describe('disclosure-report export', () => {
  it('writes one report as CSV with the national labels, and as JSON', async () => {
    const r = await cli('export', seedFile, '--to', 'csv');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe('\uFEFFid,table,row,column,value');
    expect(lines).toContain('requests.denied.stateSecret.naturalPerson,三、收到和处理政府信息公开申请情况,三、本年度办理结果/（三）不予公开/1.属于国家秘密,自然人,0');
    const out = join(dir, 'seed.json');
    expect((await cli('export', seedFile, '--to', 'json', '-o', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(seed());
  });

  it('writes static HTML and a Word document', async () => {
    const html = await cli('export', seedFile, '--to', 'html');
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<article class="disclosure-report" data-disclosure-report=""/);
    expect(html.stdout).toContain('<td headers="requests-r-newReceived requests-applicants requests-c-naturalPerson" data-cell="requests.newReceived.naturalPerson">0</td>');
    expect((await cli('export', seedFile, '--to', 'html', '--page')).stdout).toMatch(/^<!doctype html>/);
    const out = join(dir, 'seed.docx');
    expect((await cli('export', seedFile, '--to', 'docx', '-o', out)).code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const noOut = await cli('export', seedFile, '--to', 'docx');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--to docx 需要 -o');
    expect((await cli('export', seedFile, '--to', 'docx', '--lang', 'en')).stderr).toContain('--to docx needs -o');
  });

  it('writes a folder to one CSV or NDJSON, one line per report and cell, naming bad files', async () => {
    write('region/a.json', seed());
    write('region/b.json', { ...withCell(seed(), 'requests.granted.total', 3), agency: '乙镇人民政府' });
    write('region/c.json', '{');
    const out = join(dir, 'region.csv');
    const r = await cli('export', join(dir, 'region'), '--to', 'csv', '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('region/c.json 第 1 行第 2 列：不是有效的 JSON（');
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('\uFEFFfile,agency,year,format,id,table,row,column,value');
    expect(lines).toHaveLength(1 + 2 * 200);
    expect(lines).toContain(`${join(dir, 'region/b.json')},乙镇人民政府,2023,2021,requests.granted.total,三、收到和处理政府信息公开申请情况,三、本年度办理结果/（一）予以公开,总计,3`);
    const nd = await cli('export', join(dir, 'region/a.json'), join(dir, 'region/b.json'), '--to', 'ndjson', '--lang', 'en');
    const objects = nd.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects).toHaveLength(400);
    expect(objects[399]).toMatchObject({ agency: '乙镇人民政府', id: 'reviews.litigationAfterReconsideration.total', row: 'Administrative litigation/Filed after reconsideration', column: 'Total', value: 0 });
    expect((await cli('export', seedFile, '--to', 'pptx')).stderr).toContain('--to 须为 html、docx、json、csv、ndjson 之一，不能是“pptx”');
    expect((await cli('export', seedFile, '--to', 'pptx', '--lang', 'en')).stderr).toContain('--to must be one of');
  });
});

describe('disclosure-report (other commands)', () => {
  it('schema prints the JSON Schema', async () => {
    const r = await cli('schema');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(reportJsonSchema());
  });

  it('explains wrong usage with exit 2', async () => {
    expect((await cli('frobnicate')).stderr).toContain('未知命令“frobnicate”');
    expect((await cli('frobnicate', '--lang', 'en')).stderr).toContain('unknown command "frobnicate"');
    expect((await cli('check')).code).toBe(2);
    const r = await cli('check', seedFile, '--bogus', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option --bogus');
    expect((await cli('check', '--help', '--lang', 'en')).stdout).toContain('Exit status: 0 no error-level finding');
    expect((await cli('check', '--help')).stdout).toContain('退出码：0 没有错误级问题');
  });
});

describe('a reader that stops early (… | head)', () => {
  it('ends the CLI quietly: no EPIPE stack trace', async () => {
    const { spawn } = await import('node:child_process');
    // Enough reports that the CLI is still writing when the pipe closes.
    const folder = mkdtempSync(join(tmpdir(), 'dr-head-'));
    const text = readFileSync(seedFile, 'utf8');
    for (let i = 0; i < 400; i++) writeFileSync(join(folder, `r${i}.json`), text);
    const child = spawn(process.execPath, [bin, 'check', folder], { cwd: repoRoot });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    // Read the first line, then close the pipe as `head -1` does.
    await new Promise<void>((done) => child.stdout.once('data', () => done()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).not.toBe(null);
  });
});

describe('--version', () => {
  it("prints the package's version and exits 0", async () => {
    const r = await cli('--version');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8')).version);
  });
});
