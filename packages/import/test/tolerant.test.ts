/** Tolerant reading: label matching by similarity, and findings on what was (not) read. */
import { describe, expect, it } from 'vitest';
import { check, taxonomy, withCell } from '@disclosure-report/core';
import { checkImported, importFindings, importHtml, importText } from '../src/index.js';
import { LabelSet, norm, similarLabels } from '../src/normalize.js';
import { expectedReport } from '../../core/test/shared.js';
import { renderHtmlPage, renderRowsText } from './render.js';

const seed = expectedReport('chenjiaba-2023');
const rows = new LabelSet(taxonomy('2021').requests.rows.map((r) => ({ value: r.key, label: (r.labels.at(-1) as { 'zh-CN': string })['zh-CN'] })));

describe('labels by similarity', () => {
  it.each([
    ['2.其他法律行政止公开', 'denied.prohibitedByLaw'], // characters missing (a real report)
    ['2.其他法律行政法规禁上公开', 'denied.prohibitedByLaw'], // a character wrong
    ['1.本机关不掌握相关的政府信息', 'unavailable.notHeld'], // a character added
    ['3.补正后申请内容仍然不明确', 'unavailable.stillUnclear'],
  ])('「%s」 is read as %s, as a fuzzy match (a guess to note)', (text, key) => {
    expect(rows.match(norm(text), true, true)).toMatchObject({ value: key, kind: 'fuzzy' });
    // Not without asking for it (strict reading).
    expect(rows.match(norm(text), true, false)).toBeUndefined();
  });

  it('never guesses between labels that differ only in their numbering, or for short labels', () => {
    expect(rows.match(norm('5.重复申清'), true, true)).toBeUndefined(); // 重复申请 is 2.
    expect(rows.match(norm('重申'), true, true)).toBeUndefined();
    expect(rows.match(norm('本年度工作很好'), true, true)).toBeUndefined();
    expect(similarLabels('规章', '规范')).toBe(0);
  });
});

describe('findings on an imported source', () => {
  const text = renderRowsText(seed).replace(/(（一）予以公开 \| )\d+/, '$1若干');

  it('a cell not read is an import.unread-cell warning; rules that read it are not checked, the others are', () => {
    const r = importText(text);
    expect(r.completeness.unread).toEqual(['requests.granted.naturalPerson']);
    const findings = checkImported(r);
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'import.unread-cell', severity: 'warning', target: 'requests.granted.naturalPerson', cells: ['requests.granted.naturalPerson'] }),
    );
    // The same report as a document: rules read the blank cell (blank-cell, the sums); imported, they are not checked.
    const plain = check(r.report);
    expect(plain).toContainEqual(expect.objectContaining({ rule: 'blank-cell', target: 'requests.granted.naturalPerson' }));
    // A sum over the unread cell, broken elsewhere: as a document it is an error; imported, it cannot be checked.
    const sumBroken = { ...r, report: withCell(r.report, 'requests.granted.total', 5) };
    expect(check(sumBroken.report)).toContainEqual(expect.objectContaining({ rule: 'requests.row-total', target: 'granted', severity: 'error' }));
    expect(checkImported(sumBroken).filter((f) => f.rule === 'requests.row-total' && f.target === 'granted')).toEqual([]);
    expect(findings.filter((f) => !f.rule.startsWith('import.') && f.cells.includes('requests.granted.naturalPerson'))).toEqual([]);
    // Another error elsewhere is still found.
    const broken = { ...r, report: withCell(r.report, 'reviews.reconsideration.total', 99) };
    expect(checkImported(broken)).toContainEqual(expect.objectContaining({ rule: 'reviews.total', target: 'reconsideration', severity: 'error' }));
  });

  it('notes become findings in either language; a clean import has only info ones', () => {
    const clean = importText(renderRowsText(seed));
    expect(importFindings(clean).every((f) => f.severity === 'info')).toBe(true);
    const en = importFindings(importText(text), 'en').find((f) => f.rule === 'import.unread-cell');
    expect(en?.message).toMatch(/^cell not read, left blank: .*若干/);
    const zh = importFindings(importText(text)).find((f) => f.rule === 'import.unread-cell');
    expect(zh?.message).toMatch(/^未能读取此单元格，按空白处理：/);
    expect(checkImported(importText(text), { severities: ['error'] }).every((f) => f.severity === 'error')).toBe(true);
  });
});

describe('merged cells that do not line up (as in the 2019 Word template, table 二)', () => {
  const page = renderHtmlPage(seed);
  const header = '<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>';
  const row = '<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>';

  it('as many figures as columns but not one under each header: read in order, with a warning', () => {
    expect(page).toContain(header);
    const html = page
      .replace(header, '<tr><td>信息内容</td><td colspan="2">本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>')
      .replace(row, '<tr><td>规章</td><td>4</td><td>1</td><td>9</td><td></td></tr>');
    const r = importHtml(html);
    expect(r.report.active).toMatchObject({ regulations: { issued: 4, repealed: 1, inForce: 9 } });
    expect(r.notes).toContainEqual(
      expect.objectContaining({ code: 'columns-realigned', level: 'warning', cells: ['active.regulations.issued', 'active.regulations.repealed', 'active.regulations.inForce'] }),
    );
    expect(() => importHtml(html, { strict: true })).toThrow(expect.objectContaining({ code: 'cell-ambiguous' }));
  });

  it('two figures under one header and too few to read in order: that cell is left blank, the others read', () => {
    const html = page
      .replace(header, '<tr><td>信息内容</td><td colspan="2">本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>')
      .replace(row, '<tr><td>规章</td><td>4</td><td>1</td><td></td><td>9</td></tr>');
    const r = importHtml(html);
    expect(r.report.active).toMatchObject({ regulations: { issued: null, repealed: null, inForce: 9 } });
    expect(r.completeness.unread).toEqual(['active.regulations.issued']);
    expect(r.notes).toContainEqual(expect.objectContaining({ code: 'unread-cell', level: 'warning', cell: 'active.regulations.issued' }));
  });
});

describe('clean sources', () => {
  it('get no new notes: nothing at warning level, none of the tolerant reading codes', () => {
    for (const r of [importText(renderRowsText(seed)), importHtml(renderHtmlPage(seed))]) {
      expect(r.notes.filter((n) => n.level === 'warning')).toEqual([]);
      expect(r.notes.map((n) => n.code).filter((c) => ['label-matched', 'columns-realigned', 'rows-merged', 'unread-cell', 'row-unread', 'body-type', 'year-inferred'].includes(c))).toEqual([]);
      expect(r.completeness).toEqual({ read: 200, expected: 200, unread: [] });
      expect(r.report).toEqual(seed);
    }
  });
});

describe('metadata of a portal page', () => {
  it('the agency from ContentSource when no title names it, with a warning', () => {
    const html = renderHtmlPage(seed)
      .replace(/<title>[^<]*<\/title>/, '<title>2023年度政府信息公开工作年度报告</title><meta name="ContentSource" content="某某县交通运输局">')
      .replace(/<h1[^>]*>[\s\S]*?<\/h1>/, '<h1>2023年度政府信息公开工作年度报告</h1>')
      .replace(/<meta name="ArticleTitle"[^>]*>/, '');
    const r = importHtml(html);
    expect(r.report.agency).toBe('某某县交通运输局');
    expect(r.report.bodyType).toBe('department');
    expect(r.notes).toContainEqual(expect.objectContaining({ code: 'metadata', level: 'warning', message: expect.stringContaining('ContentSource') }));
  });

  it('a year in Chinese numerals (二〇二三年度)', () => {
    const r = importText(renderRowsText(seed).replace('（2023年度）', '').replace(seed.agency, `${seed.agency}二〇二三年度`));
    expect(r.report.year).toBe(2023);
    expect(r.report.agency).toBe(seed.agency);
  });

  it('a first sentence that cites the 条例 and says 年度报告 is not taken for the title', () => {
    const html = renderHtmlPage(seed).replace(
      /(<h3>一、总体情况<\/h3>)/,
      '<p>本报告根据《中华人民共和国政府信息公开条例》要求编制，特发布某某2023年度报告。</p>$1',
    );
    expect(importHtml(html).report.agency).toBe(seed.agency);
  });
});

describe('figures merged over rows, bounded', () => {
  it('rows below a merged figure get it at most htmlLimits.mergedFigures times in a page (memory stays bounded)', async () => {
    const { htmlDoc, htmlLimits } = await import('../src/html.js');
    // 50 tables, each with a figure merged over its 300 rows: 15,000 rows below a merged figure.
    const table = `<table><tr><td>（一）予以公开</td><td rowspan="300">0</td></tr>${'<tr><td>（一）予以公开</td></tr>'.repeat(299)}</table>`;
    const html = table.repeat(50);
    const doc = htmlDoc(html, 'html', () => undefined);
    const tokens = doc.items.flatMap((i) => (i.kind === 'table' ? i.tokens : []));
    const merged = tokens.filter((t) => t.mergedFrom).length;
    expect(merged).toBeGreaterThan(0);
    expect(merged).toBeLessThanOrEqual(htmlLimits.mergedFigures);
  });
});
