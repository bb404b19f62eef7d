/**
 * The CLI speaks the user's language: every message in Chinese by default and in English with
 * `--lang en` (decided before the rest is parsed), JSON errors with line and column, the human
 * listing without rule ids unless `--ids`, aligned by display width, and help that agrees with itself.
 * In-process through `main`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Finding, type Report, check, withCell } from '@disclosure-report/core';
import { describe, expect, it } from 'vitest';
import { formatFindings } from '../src/commands/check.js';
import { jsonErrorOffset, jsonFailure, positionAt } from '../src/json-position.js';
import { main } from '../src/main.js';
import { commandNames, displayWidth, messages, takeLang } from '../src/messages.js';
import { scratchFolder } from './scratch.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const seedFile = join(repoRoot, 'corpus/chenjiaba-2023/expected.json');
const seed = () => JSON.parse(readFileSync(seedFile, 'utf8')) as Report;

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false });
  return { code, stdout, stderr };
}

let dir: string;
const write = scratchFolder('disclosure-lang-', (d) => (dir = d));

/** Columns on a terminal, counted here independently: CJK ideographs and full-width forms are two. */
const columns = (text: string) => [...text].reduce((n, ch) => n + (/[\u3000-\u303f\u4e00-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
/** The display column at which the message of each finding line starts (after the label and its padding). */
const messageColumns = (stdout: string) =>
  [...stdout.matchAll(/^( {2}(?:错误|警告|提示|error|warning|info) {2,})\S/gm)].map(([, lead]) => columns(lead as string));

describe('usage errors', () => {
  it('are in Chinese by default and in English with --lang en, wherever --lang is given', async () => {
    const zh = await run('check', seedFile, '--bogus');
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('disclosure-report: 未知选项 --bogus');
    expect(zh.stderr).toContain('退出码：0 没有错误级问题');
    for (const args of [
      ['check', seedFile, '--bogus', '--lang', 'en'],
      ['--lang', 'en', 'check', seedFile, '--bogus'],
      ['check', '--lang=en', '--bogus', seedFile],
    ]) {
      const en = await run(...args);
      expect(en.code, args.join(' ')).toBe(2);
      expect(en.stderr, args.join(' ')).toContain('disclosure-report: unknown option --bogus');
      expect(en.stderr, args.join(' ')).toContain('Exit status: 0 no error-level finding');
    }
    expect((await run('check', '--prev')).stderr).toContain('选项 --prev 需要一个值');
    expect((await run('check', '--prev', '--lang', 'en')).stderr).toContain('option --prev needs a value');
    expect((await run('check', seedFile, '--json=yes', '--lang', 'en')).stderr).toContain('option --json takes no value');
    expect((await run('check')).stderr).toContain('check 需要至少一个文件或目录');
    expect((await run('check', '--lang', 'en')).stderr).toContain('check needs at least one file or directory');
    expect((await run('import', 'a.txt', 'b.txt', '--lang', 'en')).stderr).toContain('several sources need --out-dir');
    expect((await run('import', 'a.txt', 'b.txt')).stderr).toContain('多个原文需要 --out-dir');
  });

  it('accept --lang zh, zh-CN and en, and refuse anything else in both languages', () => {
    expect(takeLang(['check', 'a.json'])).toEqual({ lang: 'zh-CN', args: ['check', 'a.json'] });
    expect(takeLang(['--lang', 'en', 'check', 'a.json'])).toEqual({ lang: 'en', args: ['check', 'a.json'] });
    expect(takeLang(['check', '--lang=zh-CN', 'a.json'])).toEqual({ lang: 'zh-CN', args: ['check', 'a.json'] });
    expect(takeLang(['check', '--lang', 'zh'])).toEqual({ lang: 'zh-CN', args: ['check'] });
    // After `--` it is a file name.
    expect(takeLang(['check', '--', '--lang', 'en'])).toEqual({ lang: 'zh-CN', args: ['check', '--', '--lang', 'en'] });
    expect(takeLang(['check', '--lang', 'fr']).error).toBe('--lang 只能是 zh 或 en，不能是“fr”（--lang must be zh or en, got "fr"）');
    expect(takeLang(['check', '--lang']).error).toContain('--lang needs a value');
  });
});

describe('input errors', () => {
  const broken = () => write('broken.json', '{\n  "format": "2021",\n  "agency": 陈家坝镇,\n  "year": 2023\n}\n');

  it('not JSON: names the file, the line and the column, in both languages', async () => {
    const file = broken();
    const zh = await run('check', file);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 第 3 行第 13 列：不是有效的 JSON（[^）]+）\\n$`));
    const en = await run('check', file, '--lang', 'en');
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, line 3, column 13: not valid JSON \\([^)]+\\)\\n$`));
    // --json says where too, and export names the same place.
    const [entry] = JSON.parse((await run('check', file, '--json', '--lang', 'en')).stdout) as { error: string }[];
    expect(entry?.error).toMatch(/^line 3, column 13: not valid JSON/);
    expect((await run('export', file, '--to', 'csv')).stderr).toContain(`${file} 第 3 行第 13 列：不是有效的 JSON`);
  });

  it('finds the line and column from V8 message of any version, or from the text', () => {
    const text = '{\n  "a": 1,\n  "b": 2 x\n}';
    const offset = text.indexOf('x');
    expect(jsonErrorOffset(text)).toBe(offset);
    expect(positionAt(text, offset)).toEqual({ line: 3, column: 10 });
    // Node 20 (V8 11): the offset only.
    expect(jsonFailure(text, new SyntaxError(`Expected ',' or '}' after property value in JSON at position ${offset}`))).toEqual({
      at: { line: 3, column: 10 },
      reason: "Expected ',' or '}' after property value",
    });
    // Node 22+ (V8 12.4+): the offset, line and column.
    expect(jsonFailure(text, new SyntaxError(`Expected ',' or '}' after property value in JSON at position ${offset} (line 3 column 10)`))).toEqual({
      at: { line: 3, column: 10 },
      reason: "Expected ',' or '}' after property value",
    });
    // No position in the message: the text is scanned.
    expect(jsonFailure('[1,\n2,\n]', new SyntaxError('Unexpected token \']\', "[1,\n2,\n]" is not valid JSON'))).toEqual({
      at: { line: 3, column: 1 },
      reason: "Unexpected token ']'",
    });
    expect(jsonFailure('', new SyntaxError('Unexpected end of JSON input'))).toEqual({ at: { line: 1, column: 1 }, reason: 'Unexpected end of JSON input' });
    // Windows line ends are one line end; the scanner agrees with JSON.parse on what is JSON.
    expect(positionAt('{\r\n\r\n x', 6)).toEqual({ line: 3, column: 2 });
    for (const ok of ['{}', '[]', ' {"a":[1,-2.5e+3,"\\u00e9\\n",true,false,null,{}]} ', '"x"', '0']) expect(jsonErrorOffset(ok), ok).toBe(-1);
    for (const [bad, at] of [['{"a":1,}', 7], ['[01]', 2], ['"\\x"', 2], ['{"a" 1}', 5], ['nul', 3], [`${'['.repeat(100_000)}`, 100_000]] as const) {
      expect(jsonErrorOffset(bad), bad.slice(0, 10)).toBe(at);
      expect(() => JSON.parse(bad)).toThrow(SyntaxError);
    }
    // And on this Node's real messages.
    for (const bad of ['{"format": "2021",', 'not json', '{\n\n  "a": tru\n}', '[1,]']) {
      let error: unknown;
      try {
        JSON.parse(bad);
      } catch (e) {
        error = e;
      }
      expect(jsonFailure(bad, error).at, bad).toEqual(positionAt(bad, jsonErrorOffset(bad)));
    }
  });

  it('an invalid report document: said in both languages', async () => {
    const bad = seed() as unknown as { requests: { denied: { stateSecret: Record<string, unknown> } } };
    bad.requests.denied.stateSecret.naturalPerson = '12件';
    const file = write('invalid.json', JSON.stringify(bad));
    const zh = await run('check', file);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain(`${file}：不是有效的报告文件：\n  requests.denied.stateSecret.naturalPerson（`);
    const en = await run('check', file, '--lang', 'en');
    expect(en.code).toBe(2);
    expect(en.stderr).toContain(`${file}: not a valid report document:\n  requests.denied.stateSecret.naturalPerson（`);
  });

  it('a file that cannot be read: in both languages', async () => {
    const missing = join(dir, 'missing.json');
    expect((await run('check', missing)).stderr).toBe(`${missing}：无法读取：文件不存在\n`);
    expect((await run('check', missing, '--lang', 'en')).stderr).toBe(`${missing}: cannot read: no such file\n`);
  });
});

describe('the human output of check', () => {
  const typo = () => write('typo.json', JSON.stringify(withCell(seed(), 'requests.granted.total', 5)));

  it('lists severity and message without rule ids; --ids appends rule[target]; --json is unchanged', async () => {
    const file = typo();
    for (const lang of ['zh-CN', 'en'] as const) {
      const flag = lang === 'en' ? ['--lang', 'en'] : [];
      const m = messages(lang);
      const findings = check(withCell(seed(), 'requests.granted.total', 5), { lang });
      const plain = await run('check', file, ...flag);
      expect(plain.code).toBe(1);
      for (const f of findings) {
        expect(plain.stdout).toMatch(new RegExp(`^ {2}${m.severity[f.severity]} +${f.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
        expect(plain.stdout).not.toContain(`${f.rule}[${f.target}]`);
      }
      const ids = await run('check', file, '--ids', ...flag);
      for (const f of findings) expect(ids.stdout).toContain(`${f.message}  ${f.rule}[${f.target}]\n`);
      // --json: the findings as core gives them, in core's order, one file per line; --ids changes nothing.
      const json = await run('check', file, '--json', ...flag);
      expect(json.stdout).toBe(`[\n${JSON.stringify({ file, findings })}\n]\n`);
      expect((await run('check', file, '--json', '--ids', ...flag)).stdout).toBe(json.stdout);
    }
  });

  it('says 2021年格式 / 2021 format in the header', async () => {
    expect((await run('check', seedFile)).stdout.split('\n')[0]).toBe(`${seedFile} — 陈家坝镇人民政府 2023（2021年格式）`);
    expect((await run('check', seedFile, '--lang', 'en')).stdout.split('\n')[0]).toBe(`${seedFile} — 陈家坝镇人民政府 2023 (2021 format)`);
  });

  it('starts every message in the same display column, in both languages', async () => {
    const file = typo();
    for (const flag of [[], ['--lang', 'en']]) {
      const r = await run('check', file, ...flag);
      const starts = messageColumns(r.stdout);
      // Errors, warnings and an info: all three labels.
      expect(new Set([...r.stdout.matchAll(/^ {2}(\S+) /gm)].map(([, l]) => l)).size, flag.join(' ')).toBeGreaterThanOrEqual(3);
      expect(starts.length).toBeGreaterThanOrEqual(4);
      expect(new Set(starts), flag.join(' ')).toEqual(new Set([starts[0]]));
    }
    expect(messageColumns((await run('check', file)).stdout)[0]).toBe(8);
    expect(messageColumns((await run('check', file, '--lang', 'en')).stdout)[0]).toBe(11);
  });

  it('lists suspect.cell first (the cell to fix), then by severity, and a note on the next line under the message', () => {
    const finding = (rule: string, severity: Finding['severity'], message: string, extra: Partial<Finding> = {}): Finding => ({
      rule,
      target: 't',
      severity,
      message,
      cells: [],
      ...extra,
    });
    const findings = [
      finding('sections.x', 'warning', '一条警告'),
      finding('requests.row-total', 'error', '总计不符', { note: '几个单元格都可能有误，请逐一核对' }),
      finding('suspect.cell', 'warning', '（一）予以公开·总计 可能有误', { fix: [{ cell: 'requests.granted.total', from: 5, to: 0 }] }),
      finding('published.deadline', 'info', 'an info'),
      finding('requests.balance', 'error', 'first error'),
    ];
    expect(formatFindings(findings, messages('zh-CN'))).toEqual([
      '  警告  （一）予以公开·总计 可能有误',
      '  错误  总计不符',
      '        几个单元格都可能有误，请逐一核对',
      '  错误  first error',
      '  警告  一条警告',
      '  提示  an info',
    ]);
    expect(formatFindings(findings, messages('en'), true)).toEqual([
      '  warning  （一）予以公开·总计 可能有误  suspect.cell[t]',
      '  error    总计不符  requests.row-total[t]',
      '           几个单元格都可能有误，请逐一核对',
      '  error    first error  requests.balance[t]',
      '  warning  一条警告  sections.x[t]',
      '  info     an info  published.deadline[t]',
    ]);
  });

  it('measures display width: CJK and full-width forms are two columns', () => {
    expect(displayWidth('错误')).toBe(4);
    expect(displayWidth('warning')).toBe(7);
    expect(displayWidth('（一）予以公开·总计')).toBe(19);
    expect(displayWidth('ｗ１')).toBe(4);
    expect(displayWidth('한글')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('𠀀')).toBe(2);
  });
});

describe('help', () => {
  it('the top-level help lists each command by the first line of its own --help, in both languages', async () => {
    for (const flag of [[], ['--lang', 'en']]) {
      const top = await run('--help', ...flag);
      expect(top.code).toBe(0);
      const bare = await run(...flag);
      expect(bare.code).toBe(2);
      expect(bare.stdout).toBe(top.stdout);
      for (const command of commandNames) {
        const own = await run(command, '--help', ...flag);
        expect(own.code).toBe(0);
        const synopsis = own.stdout.split('\n')[0] as string;
        expect(synopsis).toMatch(new RegExp(`^disclosure-report ${command}\\b`));
        expect(top.stdout).toContain(`\n  ${synopsis}\n`);
        expect((await run('help', command, ...flag)).stdout).toBe(own.stdout);
      }
    }
    expect((await run('--help')).stdout).toMatch(/^用法：disclosure-report <命令> \[选项\]/);
    expect((await run('--help', '--lang', 'en')).stdout).toMatch(/^Usage: disclosure-report <command> \[options\]/);
    expect((await run('export', '--help')).stdout).toContain('退出码：0 已写出');
    expect((await run('export', '--help', '--lang', 'en')).stdout).toContain('Exit status: 0 written');
  });
});
