/**
 * `check` as a stream: NDJSON and JSON arrays (files and standard input) entry by entry, results
 * written as they come (--ndjson), folders walked lazily in memory that does not grow with the
 * number of files, last year's folder read once, --jobs auto; and import --out-dir writing
 * concurrently with the same files and messages as before.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Report, withCell } from '@disclosure-report/core';
import { describe, expect, it } from 'vitest';
import { autoLook, autoPublished, autoWorkers } from '../src/commands/check.js';
import type { Source } from '../src/sources.js';
import { scratchFolder } from './scratch.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const seedFile = join(repoRoot, 'corpus/chenjiaba-2023/expected.json');
const sourceFile = join(repoRoot, 'corpus/chenjiaba-2023/source.txt');
const bin = join(repoRoot, 'packages/cli/bin/disclosure-report.js');
const seed = () => JSON.parse(readFileSync(seedFile, 'utf8')) as Report;
const town = (agency: string, year = 2023): Report => ({ ...seed(), agency, year });

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in a real process, with `input` on its standard input. */
function cli(args: string[], options: { input?: string; nodeArgs?: string[]; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), bin, ...args],
      { cwd: repoRoot, env: { ...process.env, ...options.env }, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
  });
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at |FATAL ERROR|heap out of memory/);
const lines = (text: string) => text.split('\n').filter(Boolean);
type Entry = { file: string; error?: string; duplicateOf?: string; findings: { rule: string; severity: string }[] };

let dir: string;
const write = scratchFolder('dr-stream-', (d) => (dir = d));


describe('check on NDJSON and JSON arrays', () => {
  // Line 3 does not parse, line 4 is blank, line 5 is JSON but not a report: each fails alone.
  const ndjson = [
    JSON.stringify(town('甲镇')),
    JSON.stringify(withCell(town('乙镇'), 'requests.granted.total', 5)),
    '{"format": "2021", oops}',
    '',
    '{"format": "2021"}',
    JSON.stringify(town('丙镇')),
  ].join('\r\n');

  it('checks an NDJSON file line by line: each entry named file:line, a bad line fails alone (exit 2)', async () => {
    const file = write('batch.ndjson', `${ndjson}\n`);
    const r = await cli(['check', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(lines(r.stdout).filter((l) => !l.startsWith(' '))).toEqual([
      `${file}:1 — 甲镇 2023 (2021 format)`,
      `${file}:2 — 乙镇 2023 (2021 format)`,
      `${file}:6 — 丙镇 2023 (2021 format)`,
    ]);
    // The line is in the name; the column of the syntax error after it.
    expect(r.stderr).toContain(`${file}:3, column 20: not valid JSON (`);
    expect(r.stderr).toContain(`${file}:5: not a valid report document:\n`);
    noStackTrace(r.stderr);
    const zh = await cli(['check', file, '--json']);
    expect(zh.stderr).toContain(`${file}:3 第 20 列：不是有效的 JSON（`);
    const results = JSON.parse(zh.stdout) as Entry[];
    expect(results.map((x) => [x.file.slice(file.length), x.error ? 'unusable' : x.findings.some((f) => f.severity === 'error')])).toEqual([
      [':1', false],
      [':2', true],
      [':3', 'unusable'],
      [':5', 'unusable'],
      [':6', false],
    ]);
  });

  it('checks the NDJSON files a folder holds line by line, in the folder\'s order', async () => {
    const folder = join(dir, 'mixed');
    write('mixed/a.json', JSON.stringify(town('甲镇')));
    write('mixed/b.ndjson', `${JSON.stringify(town('乙镇'))}\n${JSON.stringify(withCell(town('丙镇'), 'requests.granted.total', 5))}\n`);
    write('mixed/c/d.jsonl', JSON.stringify(town('丁镇')));
    const r = await cli(['check', folder, '--json', '--lang', 'en']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as Entry[];
    expect(results.map((x) => [x.file.slice(folder.length + 1), x.findings.some((f) => f.severity === 'error')])).toEqual([
      ['a.json', false],
      ['b.ndjson:1', false],
      ['b.ndjson:2', true],
      ['c/d.jsonl:1', false],
    ]);
  });

  it('checks a JSON array file element by element, named file[index]; a file that does not parse is named with line and column', async () => {
    const file = write('batch.json', JSON.stringify([town('甲镇'), { format: '2021' }, withCell(town('乙镇'), 'requests.granted.total', 5)], null, 2));
    const r = await cli(['check', file, '--json', '--lang', 'en']);
    expect(r.code).toBe(2);
    const results = JSON.parse(r.stdout) as Entry[];
    expect(results.map((x) => [x.file, x.error ? 'unusable' : x.findings.some((f) => f.severity === 'error')])).toEqual([
      [`${file}[0]`, false],
      [`${file}[1]`, 'unusable'],
      [`${file}[2]`, true],
    ]);
    expect(r.stderr).toContain(`${file}[1]: not a valid report document:\n`);
    const broken = write('broken-array.json', '[\n  {"format": "2021"},\n  {"format" "2021"}\n]');
    const b = await cli(['check', broken, '--lang', 'en']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain(`${broken}, line 3, column 13: not valid JSON (`);
    const empty = await cli(['check', write('empty-array.json', '[]'), '--lang', 'en']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('empty-array.json: an empty JSON array: no report in it');
  });

  it('reads standard input (-): NDJSON, or a JSON array told by its first non-blank character', async () => {
    const nd = await cli(['check', '-', '--ndjson', '--lang', 'en'], { input: `\n${ndjson}` });
    expect(nd.code).toBe(2);
    expect(lines(nd.stdout).map((l) => (JSON.parse(l) as Entry).file)).toEqual(['<stdin>:2', '<stdin>:3', '<stdin>:4', '<stdin>:6', '<stdin>:7']);
    expect(nd.stderr).toContain('<stdin>:4, column 20: not valid JSON (');
    const array = JSON.stringify([town('甲镇'), town('乙镇')], null, 2);
    const ar = await cli(['check', '-', '--json'], { input: `  \n${array}` });
    expect(ar.code).toBe(0);
    expect((JSON.parse(ar.stdout) as Entry[]).map((x) => x.file)).toEqual(['<stdin>[0]', '<stdin>[1]']);
    // With files around it, in the order given.
    const mixed = await cli(['check', seedFile, '-', '--json'], { input: JSON.stringify(town('甲镇')) });
    expect((JSON.parse(mixed.stdout) as Entry[]).map((x) => x.file)).toEqual([seedFile, '<stdin>:1']);
  });

  it('--ndjson prints the entries of --json, one a line, the first as soon as it is checked', async () => {
    const file = write('nd/batch.ndjson', ndjson);
    const json = await cli(['check', file, '--json']);
    const nd = await cli(['check', file, '--ndjson']);
    expect(nd.code).toBe(json.code);
    expect(nd.stdout.endsWith('\n')).toBe(true);
    expect(lines(nd.stdout).map((l) => JSON.parse(l) as unknown)).toEqual(JSON.parse(json.stdout));
    expect(nd.stderr).toBe(json.stderr);

    // The first line comes while standard input is still open: nothing waits for the end.
    const child = spawn(process.execPath, [bin, 'check', '-', '--ndjson'], { cwd: repoRoot });
    child.stdin.write(`${JSON.stringify(town('甲镇'))}\n`);
    let out = '';
    const first = await new Promise<string>((done) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) done(out.slice(0, out.indexOf('\n')));
      });
    });
    expect(JSON.parse(first)).toMatchObject({ file: '<stdin>:1' });
    child.stdin.end(`${JSON.stringify(town('乙镇'))}\n`);
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(0);
    expect(lines(out).map((l) => (JSON.parse(l) as Entry).file)).toEqual(['<stdin>:1', '<stdin>:2']);

    const both = await cli(['check', file, '--json', '--ndjson', '--lang', 'en']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give either --json or --ndjson, not both');
    expect((await cli(['check', file, '--json', '--ndjson'])).stderr).toContain('--json 和 --ndjson 只能给一个');
  });
});

describe('check --prev <folder>', () => {
  it('reads and validates each of last year\'s files once (also with workers) and names an unusable one once', async () => {
    write('prev/town.json', JSON.stringify({ ...withCell(seed(), 'requests.carriedForward.total', 4), year: 2022 }));
    write('prev/other.json', JSON.stringify(town('别的镇', 2022)));
    write('prev/sub/broken.json', '{"format": ');
    const folder = join(dir, 'prev');
    // Counts every file the CLI and its workers open under the folder.
    const log = join(dir, 'opened.log');
    const probe = write(
      'count-opens.cjs',
      `const fs = require('fs');
const open = fs.openSync;
fs.openSync = function (path, ...rest) {
  if (typeof path === 'string' && path.startsWith(${JSON.stringify(folder)})) fs.appendFileSync(${JSON.stringify(log)}, path + '\\n');
  return open.call(this, path, ...rest);
};
require('module').syncBuiltinESMExports();`,
    );
    const inputs = [seedFile, write('this-year/town.json', JSON.stringify(seed())), write('this-year/other.json', JSON.stringify(town('别的镇')))];
    for (const jobs of ['1', '2']) {
      writeFileSync(log, '');
      const r = await cli(['check', ...inputs, '--prev', folder, '--json', '--jobs', jobs, '--lang', 'en'], { nodeArgs: ['--require', probe] });
      expect(r.code, r.stderr).toBe(1);
      const results = JSON.parse(r.stdout) as (Entry & { findings: Record<string, unknown>[] })[];
      // Matched by agency and year: the town's carry-over differs, the other town's does not.
      for (const x of results.slice(0, 2)) {
        expect(x.findings.filter((f) => f.rule === 'prev.carry-over')).toEqual([expect.objectContaining({ target: 'total', expected: 4, actual: 0 })]);
      }
      expect(results[2]?.findings.some((f) => f.rule === 'prev.carry-over')).toBe(false);
      expect(results[2]?.findings.some((f) => f.rule === 'prev.copied-text')).toBe(true);
      const broken = join(folder, 'sub/broken.json');
      expect(r.stderr.split(`${broken}: not used as last year's report: line 1, column 12: not valid JSON (`)).toHaveLength(2);
      const opened = lines(readFileSync(log, 'utf8')).sort();
      expect(opened, `--jobs ${jobs}`).toEqual([join(folder, 'other.json'), join(folder, 'sub/broken.json'), join(folder, 'town.json')]);
    }
    const zh = await cli(['check', seedFile, '--prev', folder]);
    expect(zh.stderr).toContain(`${join(folder, 'sub/broken.json')}：未用作去年的报告：第 1 行第 12 列：不是有效的 JSON（`);
  });
});

describe('duplicates in a lazily walked tree', () => {
  it('names the same report twice, across folders, arrays and workers, as the first file with it', async () => {
    write('tree/a/x.json', JSON.stringify(town('甲镇')));
    write('tree/a/y.json', JSON.stringify(town('乙镇')));
    write('tree/b/c/z.json', JSON.stringify(town('甲镇')));
    write('tree/b/list.json', JSON.stringify([town('丙镇'), town('乙镇')]));
    write('tree/d.json', JSON.stringify(town('甲镇', 2022)));
    const one = await cli(['check', join(dir, 'tree'), '--json', '--lang', 'en']);
    expect(one.code).toBe(0);
    const results = JSON.parse(one.stdout) as Entry[];
    const rel = (f?: string) => f?.slice(join(dir, 'tree').length + 1);
    expect(results.map((x) => [rel(x.file), rel(x.duplicateOf)])).toEqual([
      ['a/x.json', undefined],
      ['a/y.json', undefined],
      ['b/c/z.json', 'a/x.json'],
      ['b/list.json[0]', undefined],
      ['b/list.json[1]', 'a/y.json'],
      ['d.json', undefined],
    ]);
    expect(one.stderr).toContain(`${join(dir, 'tree/b/list.json[1]')}: the same report (agency, year, format) as ${join(dir, 'tree/a/y.json')}`);
    const two = await cli(['check', join(dir, 'tree'), '--json', '--lang', 'en', '--jobs', '2']);
    expect(two).toEqual(one);
  });
});

describe('a folder of 100,000 reports', () => {
  it('is checked under a 32 MB heap: every result, in order, duplicates named', async () => {
    const count = 100_000;
    const folder = join(dir, 'many');
    mkdirSync(folder);
    // Small reports (short sections), one agency each; the last is the first again.
    const doc = { ...seed(), agency: '\u0000', sections: Object.fromEntries(Object.entries(seed().sections).map(([k, v]) => [k, v.slice(0, 40)])) };
    const [before, after] = JSON.stringify(doc).split('\\u0000') as [string, string];
    const name = (i: number) => join(folder, `r${String(i).padStart(6, '0')}.json`);
    for (let i = 0; i < count; i++) writeFileSync(name(i), `${before}镇${i === count - 1 ? 0 : i}${after}`);

    // The output is counted as it comes, never held: 100,000 entries are some 100 MB.
    const child = spawn(process.execPath, ['--max-old-space-size=32', bin, 'check', folder, '--ndjson', '--lang', 'en'], { cwd: repoRoot });
    let results = 0;
    let rest = '';
    let firstFile: string | undefined;
    let lastFile: string | undefined;
    let outOfOrder = 0;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      const parts = (rest + d).split('\n');
      rest = parts.pop() as string;
      for (const line of parts) {
        const file = /^\{"file":"([^"]*)"/.exec(line)?.[1];
        if (file !== undefined && lastFile !== undefined && file <= lastFile) outOfOrder++;
        firstFile ??= file;
        lastFile = file;
        results++;
      }
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr = (stderr + d).slice(-100_000);
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    noStackTrace(stderr);
    expect([0, 1]).toContain(code);
    expect(rest).toBe('');
    expect(results).toBe(count);
    expect(outOfOrder).toBe(0);
    expect([firstFile, lastFile]).toEqual([name(0), name(count - 1)]);
    expect(stderr.trim()).toBe(`${name(count - 1)}: the same report (agency, year, format) as ${name(0)}`);
    rmSync(folder, { recursive: true, force: true });
  }, 300_000);
});

describe('--jobs auto', () => {
  it('chooses this process for report documents, small batches and 2 cores; workers for many published sources on more cores', () => {
    const files = (n: number, ext: string): Source[] => Array.from({ length: n }, (_, i) => ({ kind: 'file', file: `r${i}.${ext}` }));
    expect(autoWorkers(2, files(autoLook, 'pdf'))).toBe(1);
    expect(autoWorkers(8, files(autoLook, 'json'))).toBe(1);
    expect(autoWorkers(8, files(autoPublished - 1, 'pdf'))).toBe(1);
    expect(autoWorkers(8, [...files(autoPublished, 'txt'), ...files(autoLook - autoPublished, 'json')])).toBe(8);
    const lines: Source[] = Array.from({ length: autoLook }, (_, i) => ({ kind: 'bytes', name: `-:${i}`, bytes: new Uint8Array(), line: true }));
    expect(autoWorkers(8, lines)).toBe(1);
  });

  it('gives exactly the output of --jobs 1', async () => {
    write('auto/a.json', JSON.stringify(town('甲镇')));
    write('auto/b.json', JSON.stringify(withCell(town('乙镇'), 'requests.granted.total', 5)));
    write('auto/c.txt', readFileSync(sourceFile, 'utf8').replace('陈家坝镇人民政府', '丙镇'));
    write('auto/d.json', JSON.stringify([town('丁镇'), { format: '2021' }]));
    write('auto/e.json', '{');
    const nd = write('auto.ndjson', `${JSON.stringify(town('戊镇'))}\n{\n`);
    for (const format of ['--json', '--ids']) {
      const one = await cli(['check', join(dir, 'auto'), nd, format, '--jobs', '1']);
      const auto = await cli(['check', join(dir, 'auto'), nd, format, '--jobs', 'auto']);
      expect(one.code).toBe(2);
      expect(auto).toEqual(one);
    }
  });
});

describe('import --out-dir', () => {
  it('writes every file (several at once) with the content import gives one file, and says so in the files\' order', async () => {
    const folder = join(dir, 'published');
    const agencies = Array.from({ length: 20 }, (_, i) => `镇${String(i).padStart(2, '0')}`);
    for (const a of agencies) write(`published/${a}.txt`, readFileSync(sourceFile, 'utf8').replace('陈家坝镇人民政府', a));
    write('published/镇zz-none.txt', '本单位无年度报告。'); // sorted last
    const out = join(dir, 'imported');
    const r = await cli(['import', folder, '--out-dir', out, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(readdirSync(out).sort()).toEqual(agencies.map((a) => `${a}.json`));
    const single = await cli(['import', join(folder, `${agencies[7]}.txt`)]);
    expect(readFileSync(join(out, `${agencies[7]}.json`), 'utf8')).toBe(single.stdout);
    for (const a of agencies) expect((JSON.parse(readFileSync(join(out, `${a}.json`), 'utf8')) as Report).agency).toBe(a);
    // Each source's lines together, the sources in order, the failure last, then the summary.
    const said = lines(r.stderr).filter((l) => !l.startsWith(' '));
    const firstLineOf = (a: string) => said.findIndex((l) => l.startsWith(`${join(folder, `${a}.txt`)}: `));
    expect(agencies.map(firstLineOf)).toEqual([...agencies.map(firstLineOf)].sort((x, y) => x - y));
    expect(said.at(-2)).toMatch(/镇zz-none\.txt: cannot import: /);
    expect(said.at(-1)).toBe('imported 20 of 21; failed: 1');
  });
});
