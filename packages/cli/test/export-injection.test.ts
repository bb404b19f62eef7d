/**
 * What `disclosure-report export` writes is safe where it goes: JSON inside a page's script
 * element, CSV in Excel or WPS, a whole page under a strict Content-Security-Policy.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Report, parseCsv, printCss, withCell } from '@disclosure-report/core';
import { describe, expect, it } from 'vitest';
import { cli, cliIn, seedFile } from './run-cli.js';
import { scratchFolder } from './scratch.js';

const seed = () => JSON.parse(readFileSync(seedFile, 'utf8')) as Report;
const breakout = '</script><img src=x onerror=alert(1)>';



let dir: string;
const write = scratchFolder('disclosure-cli-injection-', (d) => (dir = d));
const hostile = (): Report => ({
  ...seed(),
  agency: breakout,
  title: '<!--<script>',
  sections: { ...seed().sections, overview: `一\u2028二\u2029三 & </SCRIPT>` },
});


describe('export --to json', () => {
  it('is safe inside <script type="application/json">: no < > & U+2028 U+2029, the same document', async () => {
    const file = write('hostile.json', hostile());
    const r = await cli('export', file, '--to', 'json');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[<>&\u2028\u2029]/);
    expect(r.stdout).toContain('"agency": "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e"');
    expect(JSON.parse(r.stdout)).toEqual(hostile());
    const out = join(dir, 'out.json');
    expect((await cli('export', file, '--to', 'json', '-o', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(r.stdout);
  });

  it('and so are the NDJSON lines', async () => {
    const file = write('hostile.json', hostile());
    const r = await cli('export', file, '--to', 'ndjson');
    expect(r.stdout).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(r.stdout.split('\n')[0] as string)).toMatchObject({ agency: breakout });
  });
});

describe('export --to csv', () => {
  it('writes no formula for a spreadsheet to evaluate: text, batch file names included; numbers stay numbers', async () => {
    const report = withCell({ ...seed(), agency: '=HYPERLINK("http://x","点击")', title: '@SUM(1)', sections: { ...seed().sections, other: '-1+cmd|\' /C calc\'!A0' } }, 'requests.granted.total', 0);
    const single = parseCsv((await cli('export', write('r.json', report), '--to', 'csv')).stdout);
    expect(single).toContainEqual(['agency', '', '机关名称', '', '\'=HYPERLINK("http://x","点击")']);
    expect(single).toContainEqual(['title', '', '标题', '', "'@SUM(1)"]);
    expect(single.find((r) => r[0] === 'sections.other')?.[4]).toBe("'-1+cmd|' /C calc'!A0");
    write('batch/+1.json', report);
    write('batch/=2.json', report);
    write('batch/@3.json', report);
    // File names as given on the command line: a batch CSV names each report's file on every line.
    const batch = await cliIn(join(dir, 'batch'), 'export', '+1.json', '=2.json', '@3.json', '--to', 'csv');
    expect(batch.code).toBe(0);
    const rows = parseCsv(batch.stdout).slice(1);
    expect(rows).toHaveLength(600);
    for (const row of rows) {
      for (const field of row) expect(/^[=+\-@\t\r]/.test(field) && !/^-?\d+$/.test(field), field).toBe(false);
    }
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(["'+1.json", "'=2.json", "'@3.json"]));
    expect(rows[0]?.[1]).toBe('\'=HYPERLINK("http://x","点击")');
  });
});

describe('export --to html --page', () => {
  it('with -o x.html writes x.css beside it and links it (no inline style); to standard output it stays one file', async () => {
    const out = join(dir, 'page', '年报 #1.html');
    mkdirSync(dirname(out), { recursive: true });
    expect((await cli('export', seedFile, '--to', 'html', '--page', '-o', out)).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<style|style=/);
    expect(html).toContain(`<link rel="stylesheet" href="${encodeURIComponent('年报 #1.css')}">`);
    expect(readFileSync(join(dir, 'page', '年报 #1.css'), 'utf8')).toBe(printCss());
    const stdout = (await cli('export', seedFile, '--to', 'html', '--page')).stdout;
    expect(stdout).toContain('<style>');
  });
});
