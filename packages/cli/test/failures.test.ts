/**
 * The CLI's own failures: output files it cannot write, names that would collide, a reader that
 * stops early, JSON that is not UTF-8, a worker that runs out of memory. Each ends in a message
 * naming the file and an exit status, never a stack trace, and never in garbled or lost output.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Report, withCell } from '@disclosure-report/core';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from './scratch.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const seedFile = join(repoRoot, 'corpus/chenjiaba-2023/expected.json');
const sourceFile = join(repoRoot, 'corpus/chenjiaba-2023/source.txt');
const bin = join(repoRoot, 'packages/cli/bin/disclosure-report.js');
const seedText = () => readFileSync(seedFile, 'utf8');
const seed = () => JSON.parse(seedText()) as Report;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in a real process (`node [nodeArgs] bin args`), with extra environment. */
function cli(args: string[], options: { env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<Run> {
  return new Promise((done) =>
    execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), bin, ...args],
      { cwd: repoRoot, env: { ...process.env, ...options.env }, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    ),
  );
}

/** Neither a JavaScript stack trace nor V8's fatal-error report. */
const noStackTrace = (text: string) => {
  expect(text).not.toMatch(/\n\s+at |FATAL ERROR|Last few GCs|Native stack trace|Unhandled 'error'/);
};

let dir: string;
const write = scratchFolder('dr-failures-', (d) => (dir = d));


describe('export -o', () => {
  it('names an output path it cannot write (a missing folder), exits 2, no stack trace', async () => {
    write('two/a.json', seedText());
    write('two/b.json', JSON.stringify({ ...seed(), agency: '乙镇人民政府' }));
    const missing = join(dir, 'no-such-folder', 'x.csv');
    const batch = await cli(['export', join(dir, 'two'), '--to', 'csv', '-o', missing, '--lang', 'en']);
    expect(batch.code).toBe(2);
    expect(batch.stderr).toBe(`${missing}: cannot write: no such directory\n`);
    noStackTrace(batch.stderr);
    const single = await cli(['export', seedFile, '--to', 'csv', '-o', missing, '--lang', 'en']);
    expect(single.code).toBe(2);
    expect(single.stderr).toBe(`${missing}: cannot write: no such directory\n`);
    // In Chinese by default.
    const zh = await cli(['export', seedFile, '--to', 'csv', '-o', missing]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toBe(`${missing}：无法写入：目录不存在\n`);
    const docx = await cli(['export', seedFile, '--to', 'docx', '-o', join(dir, 'no-such-folder', 'x.docx'), '--lang', 'en']);
    expect(docx.code).toBe(2);
    expect(docx.stderr).toContain('x.docx: cannot write: no such directory');
    // A folder where the file should be.
    const folder = await cli(['export', join(dir, 'two'), '--to', 'ndjson', '-o', dir, '--lang', 'en']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(`${dir}: cannot write: is a directory\n`);
    noStackTrace(folder.stderr);
  });

  it('streams a batch to the file: peak memory does not grow with the number of reports', async () => {
    // Peak resident memory (maxRSS) of the CLI process, written when it exits.
    const probe = write('peak.cjs', "process.on('exit', () => require('fs').writeFileSync(process.env.PEAK_FILE, String(process.resourceUsage().maxRSS)));");
    const text = seedText();
    const peak = async (n: number) => {
      const folder = join(dir, `batch-${n}`);
      mkdirSync(folder, { recursive: true });
      for (let i = 0; i < n; i++) writeFileSync(join(folder, `r${i}.json`), text);
      const out = join(dir, `batch-${n}.csv`);
      const peakFile = join(dir, `peak-${n}`);
      const r = await cli(['export', folder, '--to', 'csv', '-o', out], { nodeArgs: ['--require', probe], env: { PEAK_FILE: peakFile } });
      expect(r.code, r.stderr).toBe(0);
      const csv = readFileSync(out);
      let lines = 0;
      for (let i = csv.indexOf(10); i !== -1; i = csv.indexOf(10, i + 1)) lines++;
      expect(lines).toBe(1 + n * 200);
      return { kb: Number(readFileSync(peakFile, 'utf8')), bytes: statSync(out).size };
    };
    const small = await peak(300);
    const large = await peak(3000);
    // 3,000 reports are about 150 MB of CSV: held in memory before being written, the peak would
    // grow by about that much; streamed with back-pressure, it stays where 300 reports put it.
    expect(large.bytes - small.bytes).toBeGreaterThan(120 * 1024 * 1024);
    expect((large.kb - small.kb) / 1024).toBeLessThan(50);
  }, 180_000);
});

describe('import --out-dir', () => {
  const source = (agency: string) => readFileSync(sourceFile, 'utf8').replace('陈家坝镇人民政府', agency);
  const agencyOf = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as Report).agency;
  const listing = (folder: string): string[] =>
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(folder, join(e.parentPath, e.name)))
      .sort();

  it('never gives two sources one name: a folder per input folder, then name.ext.json, name-2.json', async () => {
    write('in/a/report.txt', source('甲镇人民政府'));
    write('in/a/report.html', readFileSync(join(repoRoot, 'packages/import/test/fixtures/chenjiaba-2023/page.html')));
    write('in/b/report.txt', source('乙镇人民政府'));
    write('in/b/Report.TXT', source('丙镇人民政府'));
    const out = join(dir, 'out-folders');
    const r = await cli(['import', join(dir, 'in/a'), join(dir, 'in/b'), '--out-dir', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('已导入 4/4');
    // Report.TXT and report.txt are one name on Windows and macOS: never written over each other.
    expect(listing(out)).toEqual(['a/report.json', 'a/report.txt.json', 'b/Report.json', 'b/report.txt.json']);
    expect(agencyOf(join(out, 'a/report.txt.json'))).toBe('甲镇人民政府');
    expect(agencyOf(join(out, 'a/report.json'))).toBe('陈家坝镇人民政府');
    expect(new Set([agencyOf(join(out, 'b/Report.json')), agencyOf(join(out, 'b/report.txt.json'))])).toEqual(new Set(['乙镇人民政府', '丙镇人民政府']));

    // The same name given three times as files: report.json, report.txt.json, report-2.json.
    write('in/c/report.txt', source('丁镇人民政府'));
    const flat = join(dir, 'out-flat');
    const files = ['a', 'b', 'c'].map((x) => join(dir, `in/${x}/report.txt`));
    const f = await cli(['import', ...files, '--out-dir', flat, '--lang', 'en']);
    expect(f.code, f.stderr).toBe(0);
    expect(f.stderr).toContain('imported 3 of 3');
    expect(listing(flat)).toEqual(['report-2.json', 'report.json', 'report.txt.json']);
    expect(['report.json', 'report.txt.json', 'report-2.json'].map((n) => agencyOf(join(flat, n)))).toEqual(['甲镇人民政府', '乙镇人民政府', '丁镇人民政府']);
    expect(f.stderr).toContain(`${files[2]}: written to ${join(flat, 'report-2.json')}`);
  });

  it('never overwrites a file already there without --force: that source fails, named (exit 2)', async () => {
    write('keep/x.txt', source('甲镇人民政府'));
    write('keep/y.txt', source('乙镇人民政府'));
    const out = join(dir, 'out-keep');
    const existing = write('out-keep/x.json', 'mine: do not overwrite');
    const r = await cli(['import', join(dir, 'keep'), '--out-dir', out, '--quiet', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'keep/x.txt')}: not written: ${existing} already exists (--force overwrites it)`);
    expect(r.stderr).toContain('imported 1 of 2; failed: 1');
    const zh = await cli(['import', join(dir, 'keep'), '--out-dir', out, '--quiet']);
    expect(zh.stderr).toContain(`${join(dir, 'keep/x.txt')}：未写入：${existing} 已存在（--force 可覆盖）`);
    expect(zh.stderr).toContain('已导入 0/2；失败 2 个');
    noStackTrace(r.stderr);
    expect(readFileSync(existing, 'utf8')).toBe('mine: do not overwrite');
    expect(agencyOf(join(out, 'y.json'))).toBe('乙镇人民政府');

    const forced = await cli(['import', join(dir, 'keep'), '--out-dir', out, '--quiet', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(agencyOf(existing)).toBe('甲镇人民政府');
  });
});

describe('a reader that closes early (… | head)', () => {
  /** Runs the CLI with a reader that closes its end of the pipe: at once, or after the first chunk. */
  const closeEarly = async (args: string[], when: 'at-once' | 'after-first-chunk') => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    if (when === 'after-first-chunk') await new Promise<void>((done) => child.stdout.once('data', () => done()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    return { code, stderr };
  };

  it('schema ends quietly with status 0', async () => {
    for (const when of ['at-once', 'after-first-chunk'] as const) {
      const r = await closeEarly(['schema'], when);
      expect(r.stderr, when).toBe('');
      expect(r.code, when).toBe(0);
    }
  });

  it('export to standard output and check --jobs (results from the workers) end quietly', async () => {
    const folder = join(dir, 'pipe');
    const text = seedText();
    for (let i = 0; i < 300; i++) write(`pipe/r${String(i).padStart(3, '0')}.json`, text.replace('陈家坝镇人民政府', `镇${i}`));
    for (const args of [
      ['export', folder, '--to', 'csv'],
      ['export', folder, '--to', 'ndjson'],
      ['check', folder, '--jobs', '2'],
      ['check', folder, '--jobs', '2', '--json'],
    ]) {
      for (const when of ['at-once', 'after-first-chunk'] as const) {
        const r = await closeEarly(args, when);
        expect(r.stderr, `${args.join(' ')} (${when})`).not.toMatch(/EPIPE|ERR_STREAM|\n\s+at /);
        expect(r.code, `${args.join(' ')} (${when})`).toBe(0);
      }
    }
  });
});

describe('JSON that is not UTF-8', () => {
  it('reads a GB18030 report document as GB18030 in check, export and import: never mojibake', async () => {
    const gb = write('gb18030.json', new Uint8Array(iconv.encode(seedText(), 'gb18030')));
    const check = await cli(['check', gb]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain(`${gb} — 陈家坝镇人民政府 2023（2021年格式）`);
    const exported = await cli(['export', gb, '--to', 'json']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual(seed());
    const csv = await cli(['export', gb, '--to', 'csv']);
    expect(csv.stdout).not.toContain('\uFFFD');
    const imported = await cli(['import', gb]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual(seed());
  });

  it('refuses a document that is neither UTF-8 nor GB18030 with a clear message (exit 2)', async () => {
    // Bytes that no UTF-8 or GB18030 decoder reads (0xFF never occurs in either).
    const text = seedText();
    const at = text.indexOf('陈家坝');
    const bad = write('undecodable.json', Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xff, 0xfe, 0x81]), Buffer.from(text.slice(at))]));
    for (const args of [['check', bad, '--lang', 'en'], ['export', bad, '--to', 'json', '--lang', 'en'], ['import', bad, '--lang', 'en']]) {
      const r = await cli(args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot (read|import): the JSON is neither UTF-8 nor GB18030 text`));
      expect(r.stdout, args[0]).not.toContain('\uFFFD');
      noStackTrace(r.stderr);
    }
  });
});

describe('check --jobs: a worker that runs out of memory or crashes', () => {
  it('names the file as not checked, checks the others, exits 2, prints no stack trace', async () => {
    const folder = join(dir, 'oom');
    const text = seedText();
    for (const i of [1, 2, 4, 5, 6]) write(`oom/r${i}.json`, text.replace('陈家坝镇人民政府', `镇${i}`));
    // Under the 16 MB a source may have, but 5 million arrays once parsed: more than a 32 MB worker holds.
    const huge = write('oom/r3.json', `{"format":"2021","x":[${'[],'.repeat(5_000_000)}[]]}`);
    // Numbers in one array (large-object space): a worker thread over its resourceLimits could abort
    // the whole process on this one (nodejs/node#47224). It may or may not fit: either way it is named.
    write('oom/r7.json', `{"format":"2021","x":[${'0,'.repeat(7_000_000)}0]}`);
    const env = { DISCLOSURE_WORKER_MAX_MB: '32' };
    const r = await cli(['check', folder, '--jobs', '2', '--json', '--lang', 'en'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${huge}: could not be checked: the worker ran out of memory (more than 32 MB; DISCLOSURE_WORKER_MAX_MB raises the limit)`);
    noStackTrace(r.stderr);
    const results = JSON.parse(r.stdout) as { file: string; error?: string; findings: unknown[] }[];
    expect(results.map((x) => [relative(folder, x.file), x.error ? 'not checked' : 'checked'])).toEqual([
      ['r1.json', 'checked'],
      ['r2.json', 'checked'],
      ['r3.json', 'not checked'],
      ['r4.json', 'checked'],
      ['r5.json', 'checked'],
      ['r6.json', 'checked'],
      ['r7.json', 'not checked'],
    ]);
    // The human output too: every other file has its line.
    const one = await cli(['check', folder, '--jobs', '2'], { env });
    expect(one.code).toBe(2);
    expect(one.stderr).toContain(`${huge}：未能检查：工作进程内存不足（超过 32 MB`);
    expect(one.stdout.match(/^\S+ — 镇\d 2023/gm)).toHaveLength(5);
    noStackTrace(one.stderr);
  }, 120_000);

  it('gives the workers the job: --prev and --lang reach them', async () => {
    const prev = write('jobs-prev.json', JSON.stringify({ ...withCell(seed(), 'requests.carriedForward.naturalPerson', 2), year: 2022 }));
    const r = await cli(['check', seedFile, seedFile, '--jobs', '2', '--prev', prev, '--lang', 'en', '--json']);
    const results = JSON.parse(r.stdout) as { findings: { rule: string; message: string }[] }[];
    expect(results).toHaveLength(2);
    for (const x of results) expect(x.findings.map((f) => f.rule)).toContain('prev.carry-over');
  });
});

describe('a 15 MB report checked against a 15 MB last year', () => {
  it('stays under a 512 MB heap: sections past what textSimilarity compares cost nothing more', async () => {
    // Long sections of varied characters (a bigram map as large as it gets), each nearly the same
    // as last year's, so the copied-text rule compares them in full.
    let x = 12345;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
    const long = Array.from({ length: 1_700_000 }, () => String.fromCharCode(0x4e00 + (next() % 20000))).join('');
    const report = { ...seed(), sections: { overview: long, problems: long, other: long } };
    const previous = { ...report, year: report.year - 1, sections: { overview: `${long}。`, problems: `${long}。`, other: `${long}。` } };
    const file = write('big/report.json', JSON.stringify(report));
    const prev = write('big/prev.json', JSON.stringify(previous));
    expect(statSync(file).size).toBeGreaterThan(14_500_000); // under the CLI's 16 MB limit for one file
    const r = await cli(['check', file, '--prev', prev, '--json'], { nodeArgs: ['--max-old-space-size=512'] });
    noStackTrace(r.stderr);
    expect(r.stderr).not.toMatch(/heap out of memory/);
    expect([0, 1]).toContain(r.code);
    const [entry] = JSON.parse(r.stdout) as { findings: { rule: string }[] }[];
    expect(entry?.findings.some((f) => f.rule === 'prev.copied-text')).toBe(true);
  });
});
