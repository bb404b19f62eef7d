/**
 * `disclosure-report report` (issue 17, part 3): a region's reports as a static site. What is
 * written (a row per report with its figures, a page per report with last year's beside it, every
 * finding in findings.csv, the same findings as `check`), that nothing in it is inline script or
 * style or points elsewhere, that report text stays text, and how the site folder is treated.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Finding, type Report, keyFigures, parseCsv, readCsvSafeText } from '@disclosure-report/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../src/io.js';
import { main } from '../src/main.js';
import { cli } from './run-cli.js';
import { scratchFolder } from './scratch.js';
import { hostileAgency, seed, writeRegion } from './site-fixture.js';

let dir = '';
scratchFolder('disclosure-site-', (d) => (dir = d));
let region = '';
let site = '';
let run: { code: number; stderr: string };

beforeAll(async () => {
  region = writeRegion(dir);
  site = join(dir, 'site');
  run = await cli('report', region, '--prev', region, '-o', site, '--title', '某某市 2023—2025 年度报告');
}, 120_000);

const read = (path: string) => readFileSync(join(site, path), 'utf8');
/** The overview's rows, by the file each was read from: the cells' text, markup stripped. */
function rows(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const tr of read('index.html').match(/<tr data-body-type[\s\S]*?<\/tr>/g) ?? []) {
    const cells = [...tr.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
    const file = /<span class="file">([^<]*)<\/span>/.exec(tr)?.[1] ?? '';
    out.set(file, cells);
  }
  return out;
}
const htmlFiles = () => ['index.html', ...readdirSync(join(site, 'reports')).map((f) => `reports/${f}`)];

describe('disclosure-report report', () => {
  it('writes the overview, a page per report, the assets and findings.csv, and names the file it could not read', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('broken.json 第 1 行第 20 列：不是有效的 JSON');
    expect(run.stderr).toContain(`已生成站点：6 份报告，1 项无法读取 → ${site}`);
    expect(readdirSync(join(site, 'reports')).sort()).toEqual(
      ['chenjiaba-2023.html', 'few.html', 'hostile.html', 'published__hongze-2023.html', 'published__pingtan-2024.html', 'published__pingtan-2025.html'].sort(),
    );
    expect(readdirSync(join(site, 'assets')).sort()).toEqual(['disclosure-report.classic.js', 'favicon.svg', 'site.css', 'site.js']);
    const index = read('index.html');
    expect(index).toContain('<h1>某某市 2023—2025 年度报告</h1>');
    expect(index).toMatch(/无法读取的文件或报告（1 项）[\s\S]*broken\.json/);
  });

  it('gives each report its row: body type, late or not, errors and warnings, import completeness and the key figures', () => {
    const r = rows();
    expect([...r.keys()].sort()).toEqual(['chenjiaba-2023.json', 'few.json', 'hostile.json', 'published/hongze-2023.pdf', 'published/pingtan-2024.html', 'published/pingtan-2025.html']);
    const pingtan = r.get('published/pingtan-2025.html') as string[];
    // 机关, 类型, 年度, 发布日期, 错误, 警告, 导入完整度, 新收申请, 公开率, 不予公开率, 复议诉讼纠错
    expect(pingtan.slice(0, 4)).toEqual(['平潭综合实验区 published/pingtan-2025.html', '政府', '2025', '2026-03-10']);
    expect(pingtan[6]).toBe('200/200');
    const expected = JSON.parse(readFileSync(join(import.meta.dirname, '../../../corpus/real/pingtan-2025/expected-cells.json'), 'utf8')) as Record<string, number>;
    expect(pingtan[7]).toBe(String(expected['requests.newReceived.total']));
    const disclosed = ((expected['requests.granted.total'] ?? 0) + (expected['requests.partiallyGranted.total'] ?? 0)) / (expected['requests.resultsTotal.total'] ?? 1);
    expect(pingtan[8]).toBe(`${(Math.round(disclosed * 1000) / 10).toFixed(1)}%`);
    // The department's report came after 31 January: late.
    expect(r.get('few.json')?.slice(1, 4)).toEqual(['部门', '2023', '2024-02-20 逾期']);
    // Two requests handled: the count, not "100.0%".
    expect(r.get('few.json')?.slice(7, 10)).toEqual(['2', '仅 2 件', '仅 2 件']);
    // The seed handled none; a report document has no import completeness.
    expect(r.get('chenjiaba-2023.json')?.slice(6, 9)).toEqual(['文档', '0', '无申请']);
    // A body type the report does not state, decided by the name (洪泽区人民政府), is marked.
    expect(r.get('published/hongze-2023.pdf')?.[1]).toBe('政府*');
    // A blank outcome: no share over it.
    expect(r.get('hostile.json')?.[8]).toBe('有空白');
    const h = keyFigures(JSON.parse(readFileSync(join(region, 'hostile.json'), 'utf8')) as Report);
    expect(h.disclosedShare.why).toBe('blank');
  });

  it('lists in findings.csv the very findings `check` gives for the same reports (one per line, for spreadsheets)', async () => {
    const text = read('findings.csv');
    expect(text.startsWith('\uFEFF文件,机关,年度,格式,规则,严重程度,对象,说明,备注\r\n')).toBe(true);
    const lines = parseCsv(text.slice(1)).slice(1);
    const checked = await cli('check', region, '--prev', region, '--json');
    const results = JSON.parse(checked.stdout) as { file: string; findings: Finding[] }[];
    const want = results.flatMap((x) => x.findings.map((f) => [x.file, f.rule, f.severity, f.target, f.message].join('|'))).sort();
    const got = lines.map((l) => [l[0], l[4], l[5], l[6], l[7]].map((v) => readCsvSafeText(v ?? '')).join('|')).sort();
    expect(got).toEqual(want);
    expect(got.length).toBeGreaterThan(10);
    // The chart of findings by rule counts the reports with an error or warning of each rule, once a report.
    const chart = /<figure class="chart" id="chart-rules">[\s\S]*?<\/figure>/.exec(read('index.html'))?.[0] ?? '';
    const charted = Object.fromEntries([...chart.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>[^<]*<\/td><td>(\d+)<\/td><\/tr>/g)].map((x) => [x[1], Number(x[2])]));
    const perRule: Record<string, number> = {};
    for (const x of results) for (const rule of new Set(x.findings.filter((f) => f.severity !== 'info').map((f) => f.rule))) perRule[rule] = (perRule[rule] ?? 0) + 1;
    expect(Object.keys(charted).length).toBeGreaterThan(3);
    for (const [rule, n] of Object.entries(charted)) expect(n, rule).toBe(perRule[rule]);
    // 逾期 on the overview where the check warns published.deadline (the same deadlines and body types).
    for (const x of results.filter((r) => r.findings.length)) {
      const row = rows().get(x.file.slice(region.length + 1)) as string[];
      expect(/ 逾期$/.test(row[3] ?? ''), x.file).toBe(x.findings.some((f) => f.rule === 'published.deadline' && f.severity === 'warning'));
    }
    // The overview's counts are the same findings'.
    const pingtan = results.find((x) => x.file.endsWith('pingtan-2025.html')) as { findings: Finding[] };
    expect(rows().get('published/pingtan-2025.html')?.slice(4, 6)).toEqual(
      [pingtan.findings.filter((f) => f.severity === 'error').length, pingtan.findings.filter((f) => f.severity === 'warning').length].map(String),
    );
  });

  it('puts last year\'s report beside this year\'s on the report page, for the element to compare', () => {
    const page = read('reports/published__pingtan-2025.html');
    expect(page).toMatch(/<article data-compare="" data-previous="previous-report" [^>]*data-disclosure-report=""[^>]*data-year="2025"/);
    expect(page).toMatch(/<article id="previous-report" [^>]*data-year="2024"/);
    expect(page).toContain('<script defer src="../assets/disclosure-report.classic.js"></script>');
    expect(page).toContain('<a href="../index.html">');
    // Its findings, every one, with the rule and target.
    expect(page).toContain('sections.government-assessment[overview]');
    // No last year's report for the seed township: said so.
    expect(read('reports/chenjiaba-2023.html')).toContain('未找到上年报告。');
    // An imported report carries where each figure came from (as import --details gives it); a report document none.
    const attr = /data-import-details="([^"]*)"/.exec(page)?.[1] ?? '';
    const details = JSON.parse(attr.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))) as {
      source: string;
      provenance: Record<string, { text: string; rowLabel?: string; columnLabel?: string }>;
    };
    expect(details.source).toBe('pingtan-2025.html');
    expect(details.provenance['active.fees.amount']).toMatchObject({ text: '4166.241619', rowLabel: '行政事业性收费' });
    expect(read('reports/chenjiaba-2023.html')).not.toContain('data-import-details');
  });

  it('has no inline script, no inline style, no event attribute and no URL to anywhere else', () => {
    for (const file of htmlFiles()) {
      const html = read(file);
      // The tags as written (text has every < escaped, so these are the only tags).
      const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
      expect(tags.length).toBeGreaterThan(50);
      // Every script has a src (the element's and the table's, in the site's assets).
      expect(tags.filter((t) => /^<script/i.test(t) && !/\ssrc="/.test(t)), file).toEqual([]);
      // Attribute names only (a value, escaped, may say anything).
      const names = tags.map((t) => t.replace(/"[^"]*"/g, '""'));
      expect(names.filter((t) => /^<style/i.test(t) || /\sstyle\s*=/i.test(t) || /\son[a-z]+\s*=/i.test(t)), file).toEqual([]);
      for (const tag of tags) {
        for (const [, url] of tag.matchAll(/\s(?:src|href|action|formaction|poster|data|xlink:href)\s*=\s*"([^"]*)"/gi)) {
          expect(url, `${file}: ${url}`).not.toMatch(/^(?:[a-z][a-z0-9+.-]*:|\/\/|\/)/i);
          const target = join(site, file.includes('/') ? 'reports' : '', (url ?? '').split('#')[0] ?? '');
          expect(existsSync(decodeURIComponent(target)), `${file}: ${url}`).toBe(true);
        }
      }
    }
    // The stylesheet loads nothing either.
    expect(read('assets/site.css')).not.toMatch(/url\(|@import/);
  });

  it('writes report text as text: an agency named with markup stays its characters', () => {
    const index = read('index.html');
    const page = read('reports/hostile.html');
    for (const html of [index, page]) {
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('</script><style>');
    }
    expect(index).toContain('&#60;img src=x onerror=alert(1)&#62;&#34;局&#39;&#60;/script&#62;&#60;style&#62;*{}&#60;/style&#62;');
    const csv = parseCsv(read('findings.csv').slice(1));
    expect(csv.some((line) => line[1] === hostileAgency)).toBe(true);
  });
});

describe('the site folder', () => {
  it('is replaced whole when it is a site written before; refused when it holds anything else', async () => {
    const other = join(dir, 'mine');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'my notes');
    const refused = await cli('report', join(region, 'few.json'), '-o', other);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${other} 不是空目录，也不是本命令生成的站点：不写入`);
    expect(readdirSync(other)).toEqual(['notes.txt']);

    const again = join(dir, 'again');
    expect((await cli('report', region, '-o', again)).code).toBe(0);
    writeFileSync(join(again, 'reports', 'stale.html'), 'left from before');
    const second = await cli('report', join(region, 'few.json'), '-o', again);
    expect(second.code).toBe(0);
    expect(readdirSync(join(again, 'reports'))).toEqual(['few.html']);
    // Nothing is left beside it.
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it("a rule pack or last year's folder that cannot be used stops it before anything is written, as check does", async () => {
    const pack = join(dir, 'not-json.json');
    writeFileSync(pack, '{ nope');
    for (const args of [['--rules', pack], ['--prev', join(dir, 'no-such-folder')]]) {
      const out = join(dir, 'stopped');
      const r = await cli('report', join(region, 'few.json'), '-o', out, ...args);
      const checked = await cli('check', join(region, 'few.json'), ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(checked.code).toBe(2);
      // The same words as check's (one place says them).
      expect(r.stderr).toBe(checked.stderr);
      expect(r.stderr).toContain(args[1]);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('writes nothing when no report can be read', async () => {
    const out = join(dir, 'none');
    const r = await cli('report', join(region, 'broken.json'), '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有可读取的报告：未生成站点');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('speaks English with --lang en: the page\'s language, its headings and its messages', async () => {
    const out = join(dir, 'english');
    const r = await cli('--lang', 'en', 'report', join(region, 'few.json'), join(region, 'broken.json'), '-o', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`site written: 1 reports, 1 could not be read → ${out}`);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('<html lang="en">');
    expect(index).toContain('Files or reports that could not be read (1)');
    expect(index).toMatch(/broken\.json<\/span>: /);
    expect(index).toContain('>Disclosed</th>');
    expect(readFileSync(join(out, 'findings.csv'), 'utf8').startsWith('\uFEFFfile,agency,year,format,rule,severity,target,message,note\r\n')).toBe(true);
  });

  it('reads a JSON array of reports and NDJSON as `check` does: a page and a row each, and each bad entry named', async () => {
    const a = { ...seed(), agency: '甲局' };
    const b = { ...seed(), agency: '乙局' };
    const array = join(dir, 'batch', 'reports.json');
    const lines = join(dir, 'batch', 'reports.ndjson');
    mkdirSync(join(dir, 'batch'));
    writeFileSync(array, JSON.stringify([a, { format: '2021' }, b]));
    writeFileSync(lines, `${JSON.stringify(a)}\n\n${JSON.stringify(b)}\n{bad\n`);
    const out = join(dir, 'batch-site');
    const r = await cli('report', join(dir, 'batch'), '-o', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${array}[1]：不是有效的报告文件`);
    expect(r.stderr).toContain(`${lines}:4 第 2 列：不是有效的 JSON`);
    expect(r.stderr).toContain(`已生成站点：4 份报告，2 项无法读取 → ${out}`);
    expect(readdirSync(join(out, 'reports')).sort()).toEqual(['reports-0.html', 'reports-1.html', 'reports-2.html', 'reports-3.html']);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const name of ['reports.json[0]', 'reports.json[2]', 'reports.ndjson:1', 'reports.ndjson:3']) expect(index).toContain(`<span class="file">${name}</span>`);
    // findings.csv names each entry as check does.
    expect(readFileSync(join(out, 'findings.csv'), 'utf8')).toContain(`${lines}:3,乙局,`);
  });

  it('needs -o, and says so', async () => {
    const r = await cli('report', region);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('report 需要 -o <站点目录>');
  });

  it('shows its progress on a terminal, file by file', async () => {
    let err = '';
    const io: Io = { stdout: () => undefined, stderr: (t) => (err += t), isTTY: true };
    const code = await main(['report', join(region, 'published'), join(region, 'few.json'), '-o', join(dir, 'progress')], io);
    expect(code).toBe(0);
    expect(err).toContain('[........................] 0/4 ');
    expect(err).toMatch(/\] 3\/4 .*few\.json/);
    expect(err.endsWith('已生成站点：4 份报告 → ' + join(dir, 'progress') + '\n')).toBe(true);
  }, 120_000);
});
