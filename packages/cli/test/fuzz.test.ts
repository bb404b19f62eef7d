/**
 * Bad and strange input through the CLI, in-process: every file ends in a report or a
 * clear error naming it, the run goes on, and nothing prints a stack trace.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const source = readFileSync(join(repoRoot, 'corpus/chenjiaba-2023/source.txt'), 'utf8');
const expected = readFileSync(join(repoRoot, 'corpus/chenjiaba-2023/expected.json'), 'utf8');
const fixtures = join(repoRoot, 'packages/import/test/fixtures/chenjiaba-2023');

async function run(args: string[], isTTY = false) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY });
  return { code, stdout, stderr };
}

describe('the CLI on bad and strange files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'disclosure-fuzz-'));
  const put = (name: string, content: string | Uint8Array) => {
    const path = join(dir, 'in', name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  };
  const lines = source.split('\n');
  // Mutations of the published seed and the classic traps.
  put('good.txt', source);
  put('truncated-half.txt', source.slice(0, source.length / 2));
  put('truncated-end.txt', source.slice(0, source.length - 40));
  put('shuffled.txt', [...lines].reverse().join('\n'));
  put('no-tables.txt', lines.slice(0, 25).join('\n'));
  put('gbk-declared-utf8.html', iconv.encode(`<html><head><meta charset="utf-8"></head><body><pre>${source}</pre></body></html>`, 'gbk'));
  put('png-renamed.pdf', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(200)]));
  put('truncated.pdf', readFileSync(join(fixtures, 'report.pdf')).subarray(0, 3000));
  put('truncated.docx', readFileSync(join(fixtures, 'report.docx')).subarray(0, 3000));
  put('empty.json', '');
  put('array.json', '[]');
  put('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  put('nested.html', `<html><body>${'<table><tr><td>'.repeat(1000)}x${'</td></tr></table>'.repeat(1000)}</body></html>`);
  put('wide.html', `<html><body><table><tr>${'<td>1</td>'.repeat(10_000)}</tr></table></body></html>`);
  put('huge.txt', new Uint8Array(50 * 1024 * 1024).fill(0x31));
  fc.sample(fc.uint8Array({ minLength: 0, maxLength: 4000 }), { numRuns: 6, seed: 11 }).forEach((bytes, i) => {
    put(`random-${i}.${['txt', 'html', 'json', 'docx', 'pdf', 'htm'][i]}`, bytes);
  });

  it('check: every file is named in a clear error or checked; exit 2; no stack trace', async () => {
    const r = await run(['check', join(dir, 'in'), '--json']);
    expect(r.code).toBe(2);
    type Result = { file: string; error?: string; completeness?: { read: number; expected: number }; findings: { rule: string; severity: string }[] };
    const results = JSON.parse(r.stdout) as Result[];
    expect(results).toHaveLength(21);
    const name = (x: Result) => x.file.slice(dir.length + 4);
    // Cutting only the end of the last section still leaves a whole report (its findings say
    // what is missing). Cut sources are read as far as they go: the rest is blank, with warnings
    // (no-tables.txt has table 二's heading and a cut-off row, but not one cell: refused).
    expect(results.filter((x) => !x.error).map(name)).toEqual(['good.txt', 'truncated-end.txt', 'truncated-half.txt']);
    expect(Object.fromEntries(results.filter((x) => !x.error).map((x) => [name(x), x.completeness?.read]))).toEqual({
      'good.txt': 200,
      'truncated-end.txt': 200,
      'truncated-half.txt': 45,
    });
    for (const x of results.filter((y) => !y.error && (y.completeness?.read ?? 0) < 200)) {
      expect(x.findings.filter((f) => f.rule.startsWith('import.') && f.severity === 'warning').length, name(x)).toBeGreaterThan(0);
    }
    for (const x of results.filter((y) => y.error)) {
      // `file：error`, or `file 第 L 行第 C 列：…` for JSON that does not parse.
      expect(r.stderr).toContain(`${x.file}${x.error?.startsWith('第 ') ? ' ' : '：'}${x.error}`);
      expect(x.error?.length).toBeGreaterThan(5);
    }
    expect(r.stderr).toContain('huge.txt：无法读取：50.0 MB，超过报告可能的大小（至多 16 MB）');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain('意外错误');
    const en = await run(['check', join(dir, 'in', 'huge.txt'), join(dir, 'in', 'empty.json'), '--lang', 'en']);
    expect(en.stderr).toContain('huge.txt: cannot read: 50.0 MB is more than a report can be (16 MB at most)');
    expect(en.stderr).toContain('empty.json, line 1, column 1: not valid JSON (Unexpected end of JSON input)');

    // --strict: only what reads as the national format, whole, is checked.
    const strict = await run(['check', '--strict', join(dir, 'in'), '--json']);
    expect(strict.code).toBe(2);
    const strictResults = JSON.parse(strict.stdout) as Result[];
    expect(strictResults.filter((x) => !x.error).map(name)).toEqual(['good.txt', 'truncated-end.txt']);
    expect(strict.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('import: what can be read is written, the rest listed as failed; --strict writes only the whole', async () => {
    const out = join(dir, 'out');
    const r = await run(['import', join(dir, 'in'), '--out-dir', out, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('已导入 3/21；失败 18 个');
    expect(JSON.parse(readFileSync(join(out, 'good.json'), 'utf8'))).toEqual(JSON.parse(expected));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const strict = await run(['import', '--strict', join(dir, 'in'), '--out-dir', join(dir, 'out-strict'), '--quiet', '--lang', 'en']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('imported 2 of 21; failed: 19');
    expect(strict.stderr).toContain(`failed: ${join(dir, 'in/truncated-half.txt')}`);
  }, 120_000);

  it('shows a progress bar on a terminal, and none in a pipe', async () => {
    const out = join(dir, 'out-tty');
    const tty = await run(['import', join(dir, 'in'), '--out-dir', out, '--quiet'], true);
    expect(tty.stderr).toMatch(/\r\x1b\[K\[#*\.*\] 0\/21 /);
    expect(tty.stderr).toMatch(/\[#+\.*\] 20\/21 /);
    const piped = await run(['import', join(dir, 'in'), '--out-dir', out, '--quiet']);
    expect(piped.stderr).not.toContain('\r');
  }, 120_000);
});
