/** Edge cases: the 2019 format, blank cells, pages without tables, unreadable cells, JSON, encodings, detection. */
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type Report, getCell, sections, taxonomy } from '@disclosure-report/core';
import {
  ImportError,
  decodeText,
  detectForm,
  importHtml,
  importReport,
  importText,
  parseValue,
} from '../src/index.js';
import { expectedReport } from '../../core/test/shared.js';
import { asImported, fixturesDir, readBytes, readJson } from './helpers.js';
import { renderCellsText, renderHtmlPage, renderRowsText } from './render.js';

const edge = join(fixturesDir, 'edge');
const seed = expectedReport('chenjiaba-2023');

async function importError(input: Uint8Array | string, options = {}): Promise<ImportError> {
  try {
    await importReport(input, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
}

describe('a 2019-format report (county department, 2020)', () => {
  const expected = readJson<Report>(join(edge, 'county-2020', 'expected.json'));
  describe.each(['page.html', 'rows.txt', 'cells.txt', 'report.docx', 'report.pdf'])('%s', (file) => {
    it('imports to exactly its expected JSON, converting 251000元 to 25.1 万元', { timeout: 30_000 }, async () => {
      const result = await importReport(readBytes(join(edge, 'county-2020', file)), { fileName: file });
      // A 局's report: the importer records that it is a department's (the rules' deadline is 31 January).
      expect(result.report).toEqual({ ...expected, bodyType: 'department' });
      expect(result.notes.filter((n) => n.level === 'warning')).toEqual([]);
      expect(result.report.format).toBe('2019');
      expect(result.provenance['active.procurement.amount']?.text).toBe('251000元');
      expect(result.notes).toContainEqual(expect.objectContaining({ code: 'unit-converted', cell: 'active.procurement.amount' }));
      expect(result.notes).toContainEqual(expect.objectContaining({ code: 'thousands-separator', cell: 'active.licensing.decisions' }));
      expect(result.notes).toContainEqual(expect.objectContaining({ code: 'format-detected' }));
      expect(result.report.active).toMatchObject({ coercion: { change: null }, licensing: { change: -3 }, otherServices: { change: 2 } });
    });
  });
});

describe('HTML laid out differently from the national tables', () => {
  it('table 二 as one small table per block, table 四 with the groups as rows, units and dashes in cells', () => {
    const page = renderHtmlPage(seed);
    const active = `<h3>二、主动公开政府信息情况</h3>
<p>第二十条第（一）项</p><table border="1"><tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr>
<tr><td>规章</td><td>0件</td><td>0</td><td>0</td></tr><tr><td>规范性文件</td><td>0</td><td>0</td><td>0</td></tr></table>
<p>第二十条第（五）项</p><table border="1"><tr><th>信息内容</th><th>本年处理决定数量</th></tr><tr><td>行政许可</td><td>0</td></tr></table>
<p>第二十条第（六）项</p><table border="1"><tr><th>信息内容</th><th>本年处理决定数量</th></tr><tr><td>行政处罚</td><td>0</td></tr><tr><td>行政强制</td><td>0</td></tr></table>
<p>第二十条第（八）项</p><table border="1"><tr><th>信息内容</th><th>本年收费金额（单位：万元）</th></tr><tr><td>行政事业性收费</td><td>—</td></tr></table>`;
    const reviews = `<h3>四、政府信息公开行政复议、行政诉讼情况</h3>
<table border="1"><tr><td colspan="2">&nbsp;</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td colspan="2">行政复议</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td rowspan="2">行政诉讼</td><td>未经复议直接起诉</td><td>0</td><td>0</td><td>0</td><td>2</td><td>2</td></tr>
<tr><td>复议后起诉</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>`;
    const html = page
      .replace(/<h3>二、[\s\S]*?<\/table>/, active)
      .replace(/<h3>四、[\s\S]*?<\/table>/, reviews);
    const r = importHtml(html);
    expect(r.report.active).toEqual({ ...seed.active, fees: { amount: null } });
    expect(r.report.reviews).toEqual({
      reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
      litigationDirect: { upheld: 0, corrected: 0, other: 0, pending: 2, total: 2 },
      litigationAfterReconsideration: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    });
    expect(r.report.requests).toEqual(seed.requests);
    expect(r.provenance['reviews.litigationDirect.pending']).toMatchObject({ form: 'html', row: 3, column: 6, text: '2' });
    expect(r.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['unit-stripped', 'blank-mark', 'label-variant']));
  });
});

describe('amounts in 元', () => {
  it('converts values under a header that states 元 (采购总金额（元）) to 万元, with a note', () => {
    const county = readJson<Report>(join(edge, 'county-2020', 'expected.json'));
    const html = renderHtmlPage(county, { raw: { 'active.procurement.amount': '251000' }, labels: { 采购总金额: '采购总金额（元）' } });
    const r = importHtml(html);
    expect(r.report).toEqual(asImported(county));
    expect(r.notes).toContainEqual(expect.objectContaining({ code: 'unit-converted', cell: 'active.procurement.amount' }));
  });
});

describe('format detection', () => {
  it('tells the 2019 format by a single （六）其他处理 row even where the year says 2021', () => {
    const county = readJson<Report>(join(edge, 'county-2020', 'expected.json'));
    const rows = renderRowsText(county).split('\n');
    const start = rows.indexOf('二、主动公开政府信息情况');
    const end = rows.indexOf('三、收到和处理政府信息公开申请情况');
    const text = [...rows.slice(0, start + 1), ...rows.slice(end)].join('\n').replace('（2020年度）', '（2021年度）');
    const r = importText(text, { partial: true });
    expect(r.report.format).toBe('2019');
    expect(r.report.requests).toEqual(county.requests);
    expect(r.missing).toEqual(taxonomy('2019').cells.filter((c) => c.table === 'active').map((c) => c.id));
    expect(r.notes).toContainEqual(expect.objectContaining({ code: 'table-not-found' }));
  });
});

describe('blank cells', () => {
  const expected = readJson<Report>(join(edge, 'blank-cell', 'expected.json'));
  it.each(['page.html', 'rows.txt', 'cells.txt'])('%s: a blank cell is null, never 0', async (file) => {
    const result = await importReport(readBytes(join(edge, 'blank-cell', file)), { fileName: file });
    expect(result.report).toEqual(expected);
    expect(result.report.requests.denied.stateSecret.commercial).toBeNull();
    expect(result.report.reviews.litigationDirect.pending).toBeNull();
    expect((result.report.active as { fees: { amount: number | null } }).fees.amount).toBeNull();
    expect(result.provenance['requests.denied.stateSecret.commercial']?.text).toBe('');
  });

  it('reads dashes and slashes as blank, with a note', () => {
    const text = renderRowsText(seed, { 'requests.granted.research': '—', 'requests.granted.otherOrg': '/' });
    const result = importText(text);
    expect(result.report.requests.granted.research).toBeNull();
    expect(result.report.requests.granted.otherOrg).toBeNull();
    expect(result.notes.filter((n) => n.code === 'blank-mark').map((n) => n.cell)).toEqual(['requests.granted.research', 'requests.granted.otherOrg']);
  });
});

describe('sources that are not complete reports', () => {
  it('a page without the tables: an ImportError naming the missing tables', async () => {
    const e = await importError(readBytes(join(edge, 'no-tables.html')));
    expect(e.code).toBe('tables-missing');
    for (const t of ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']) expect(e.message).toContain(t);
  });

  it('a page missing one table: its cells null with a warning note; strict: an ImportError naming it', () => {
    const html = renderHtmlPage(seed).replace(/<h3>四、[\s\S]*?<\/table>/, '<h3>四、政府信息公开行政复议、行政诉讼情况</h3><p>无</p>');
    const r = importHtml(html);
    const reviews = taxonomy('2021').cells.filter((c) => c.table === 'reviews').map((c) => c.id);
    expect(r.report.reviews.reconsideration.total).toBeNull();
    expect(r.report.requests).toEqual(seed.requests);
    expect(r.completeness).toEqual({ read: 200 - 15, expected: 200, unread: reviews });
    expect(r.notes).toContainEqual(expect.objectContaining({ code: 'table-not-found', level: 'warning', cells: reviews }));
    let error: unknown;
    try {
      importHtml(html, { strict: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('table-missing');
    expect((error as ImportError).message).toContain('四、政府信息公开行政复议、行政诉讼情况');
  });

  it('a row not found: its cells null with a warning note; strict: an ImportError naming the row, or with partial a result listing the missing cells', () => {
    const text = renderRowsText(seed).replace(/^.*3\.要求提供公开出版物.*\n/m, '');
    const tolerant = importText(text);
    expect(tolerant.missing).toHaveLength(7);
    expect(tolerant.completeness.read).toBe(193);
    expect(tolerant.report.requests.notProcessed.publication.total).toBeNull();
    expect(tolerant.notes).toContainEqual(expect.objectContaining({ code: 'row-not-found', level: 'warning', cell: 'requests.notProcessed.publication.naturalPerson' }));
    let error: unknown;
    try {
      importText(text, { strict: true });
    } catch (e) {
      error = e;
    }
    expect((error as ImportError).code).toBe('rows-missing');
    expect((error as ImportError).message).toContain('3.要求提供公开出版物');
    const partial = importText(text, { strict: true, partial: true });
    expect(partial.missing).toHaveLength(7);
    expect(partial.missing[0]).toBe('requests.notProcessed.publication.naturalPerson');
    expect(partial.report.requests.notProcessed.publication.total).toBeNull();
    expect(partial.notes).toContainEqual(expect.objectContaining({ code: 'row-not-found', cell: 'requests.notProcessed.publication.naturalPerson' }));
  });

  it.each(['non-numeric.html', 'non-numeric.txt'])('%s: 若干 in a cell is null with a warning naming table, row and column; strict: an ImportError', async (file) => {
    const r = await importReport(readBytes(join(edge, file)), { fileName: file });
    expect(r.report.requests.granted.naturalPerson).toBeNull();
    expect(r.completeness.unread).toEqual(['requests.granted.naturalPerson']);
    const note = r.notes.find((n) => n.code === 'unread-cell');
    expect(note).toMatchObject({ level: 'warning', cell: 'requests.granted.naturalPerson' });
    for (const words of ['三、收到和处理政府信息公开申请情况', '（一）予以公开', '自然人', '若干']) expect(note?.message).toContain(words);
    const e = await importError(readBytes(join(edge, file)), { fileName: file, strict: true });
    expect(e.code).toBe('cell-unreadable');
    expect(e.location?.table).toBe('三、收到和处理政府信息公开申请情况');
    expect(e.location?.row).toContain('（一）予以公开');
    expect(e.location?.column).toBe('自然人');
    expect(e.message).toContain('若干');
    if (file.endsWith('.txt')) expect(e.location?.line).toBeGreaterThan(0);
  });

  it('a report without a year: an ImportError, unless the year is given or a publication date implies it', () => {
    const text = renderRowsText(seed).replace('（2023年度）', '');
    expect(() => importText(text)).toThrow(ImportError);
    const dated = importText(`发布日期：2024-01-20\n${text}`);
    expect(dated.report.year).toBe(2023);
    expect(dated.notes).toContainEqual(expect.objectContaining({ code: 'year-inferred', level: 'warning' }));
    expect(() => importText(`发布日期：2024-01-20\n${text}`, { strict: true })).toThrow(ImportError);
    expect(importText(text, { meta: { year: 2023 } }).report).toEqual(seed);
  });

  it('empty input and plain prose: ImportError', async () => {
    expect((await importError('')).code).toBe('tables-missing');
    expect((await importError('今年以来，我镇认真落实政务公开。')).code).toBe('tables-missing');
  });
});

describe('metadata', () => {
  it('reads publishedOn from a stated 发布时间, else null', () => {
    const stated = importHtml(renderHtmlPage(seed, { publishedOn: '2024-01-15' }));
    expect(stated.report.publishedOn).toBe('2024-01-15');
    expect(stated.notes).toContainEqual(expect.objectContaining({ code: 'metadata' }));
    expect(importHtml(renderHtmlPage(seed)).report.publishedOn).toBeNull();
    const text = `发布日期：2024年2月3日\n${renderRowsText(seed)}`;
    expect(importText(text).report.publishedOn).toBe('2024-02-03');
  });

  it('ignores dates of other articles in sidebars and footers', () => {
    const html = renderHtmlPage(seed).replace('<div class="footer">', '<div class="sidebar"><ul><li>关于2023年春耕的通知 发布时间：2023-03-01</li></ul></div><div class="footer">');
    expect(importHtml(html).report.publishedOn).toBeNull();
  });

  it('takes the title from the page <title> without the site name when the article has none', () => {
    const html = renderHtmlPage(seed).replace(/<h1[^>]*>.*?<\/h1>/, '').replace(/<meta name="ArticleTitle"[^>]*>/, '');
    expect(importHtml(html).report).toEqual(seed);
  });

  it('keeps a title that is not the conventional one', () => {
    const text = renderRowsText(seed).replace('陈家坝镇人民政府\n政府信息公开工作年度报告\n（2023年度）', '陈家坝镇人民政府2023年政府信息公开工作年度报告');
    const r = importText(text).report;
    expect(r.agency).toBe('陈家坝镇人民政府');
    expect(r.year).toBe(2023);
    expect(r.title).toBe('陈家坝镇人民政府2023年政府信息公开工作年度报告');
  });
});

describe('label variants', () => {
  it('matches 规范性文件, truncated table 四 headers, spaces and ASCII punctuation in labels, with notes', () => {
    const html = new TextDecoder().decode(readBytes(join(fixturesDir, 'chenjiaba-2023', 'quirky.html')));
    const r = importHtml(html);
    expect(r.report).toEqual({ ...seed, publishedOn: '2024-01-15' });
    expect(r.notes).toContainEqual(expect.objectContaining({ code: 'label-variant', message: expect.stringContaining('行政规范性文件') }));
    expect(r.notes).toContainEqual(expect.objectContaining({ code: 'label-truncated', message: expect.stringContaining('结果纠正') }));
  });

  it('finds headings numbered by Word lists (the numbers are not text) or in another style', () => {
    let html = renderHtmlPage(seed);
    for (const s of sections) {
      const h = s.heading['zh-CN'];
      html = html.replace(`<h3>${h}</h3>`, s.key === 'problems' ? `<p><b>5. ${h.slice(2)}</b></p>` : `<ol><li>${h.slice(2)}</li></ol>`);
    }
    expect(importHtml(html).report).toEqual(seed);
  });

  it('reads tab-separated rows (copied from Word or a spreadsheet)', () => {
    const text = renderRowsText(seed).replace(/ \| /g, '\t');
    expect(importText(text).report).toEqual(seed);
  });

  it('reads text without separators: wide spaces (pdftotext -layout), single spaces, one cell per line without pipes', () => {
    expect(importText(renderRowsText(seed).replace(/ \| /g, '    ')).report).toEqual(seed);
    expect(importText(renderRowsText(seed).replace(/ \| /g, ' ')).report).toEqual(seed);
    const bare = renderCellsText(seed)
      .split('\n')
      .filter((l) => !/^\|+$/.test(l))
      .map((l) => l.replace(/ \|$/, ''))
      .join('\n');
    expect(importText(bare).report).toEqual(seed);
  });

  it('blank cells that vanish in space-separated text leave the row unread, never shifted values (strict: an error)', () => {
    const county = readJson<Report>(join(edge, 'county-2020', 'expected.json'));
    const text = renderRowsText(county, { 'active.procurement.amount': '251000元' }).replace(/ \| /g, ' ');
    expect(() => importText(text, { strict: true })).toThrow(expect.objectContaining({ code: 'row-incomplete', message: expect.stringContaining('3.补正后申请内容仍不明确') }));
    const r = importText(text);
    const row = taxonomy('2019').cells.filter((c) => c.id.startsWith('requests.unavailable.stillUnclear.')).map((c) => c.id);
    for (const id of row) expect(getCell(r.report, id)).toBeNull();
    expect(r.notes).toContainEqual(expect.objectContaining({ code: 'row-unread', level: 'warning', cells: row, message: expect.stringContaining('3.补正后申请内容仍不明确') }));
    expect(r.report.requests.granted).toEqual(county.requests.granted);
  });

  it('reads markdown tables', () => {
    const text = renderRowsText(seed)
      .split('\n')
      .map((l) => (l.includes(' | ') ? `| ${l} |` : l))
      .join('\n');
    expect(importText(text).report).toEqual(seed);
  });

  it('reads table 四 printed with the groups as rows', () => {
    const rows = renderRowsText(seed).split('\n');
    const start = rows.indexOf('四、政府信息公开行政复议、行政诉讼情况');
    const end = rows.indexOf('五、存在的主要问题及改进情况');
    const transposed = [
      '项目 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计',
      '行政复议 | 1 | 0 | 0 | 0 | 1',
      '未经复议直接起诉 | 0 | 2 | 0 | 0 | 2',
      '复议后起诉 | 0 | 0 | 0 | 3 | 3',
    ];
    const text = [...rows.slice(0, start + 1), ...transposed, ...rows.slice(end)].join('\n');
    const r = importText(text).report;
    expect(r.reviews.reconsideration).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
    expect(r.reviews.litigationDirect).toEqual({ upheld: 0, corrected: 2, other: 0, pending: 0, total: 2 });
    expect(r.reviews.litigationAfterReconsideration).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 3, total: 3 });
  });
});

describe('files that are not read', () => {
  it.each([
    ['old Word .doc', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
    ['RTF', [...new TextEncoder().encode('{\\rtf1\\ansi')]],
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0]],
  ])('%s: an ImportError saying what it is', async (_name, bytes) => {
    expect((await importError(new Uint8Array(bytes))).code).toBe('unsupported-format');
  });

  it('a PDF without text (a scan): an ImportError asking for OCR', { timeout: 30_000 }, async () => {
    const pdf = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
    expect((await importError(new TextEncoder().encode(pdf))).code).toBe('pdf-no-text');
  });
});

describe('JSON', () => {
  it('validates and returns a report document', async () => {
    const r = await importReport(JSON.stringify(seed));
    expect(r.form).toBe('json');
    expect(r.report).toEqual(seed);
  });
  it('a schema violation is an ImportError with the issues', async () => {
    const bad = structuredClone(seed) as unknown as { requests: { granted: { total: unknown } } };
    bad.requests.granted.total = -1;
    const e = await importError(JSON.stringify(bad));
    expect(e.code).toBe('invalid-report');
    expect(e.message).toContain('requests.granted.total');
  });
  it('broken JSON is an ImportError', async () => {
    expect((await importError('{"format": "2021",', { form: 'json' })).code).toBe('json-syntax');
  });
});

describe('detection and encodings', () => {
  const enc = new TextEncoder();
  it('detects the form from magic bytes, extension and content', () => {
    expect(detectForm(enc.encode('%PDF-1.7\n'))).toBe('pdf');
    expect(detectForm(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('docx');
    expect(detectForm('{"format":"2021"}')).toBe('json');
    expect(detectForm('<!DOCTYPE html><html><body></body></html>')).toBe('html');
    expect(detectForm('<table><tr><td>1</td></tr></table>')).toBe('html');
    expect(detectForm('一、总体情况\n无')).toBe('text');
    expect(detectForm('<p>x</p>', { fileName: 'report.txt' })).toBe('text');
    expect(detectForm(enc.encode('x'), { fileName: 'a.HTML' })).toBe('html');
  });

  it('decodes by BOM, <meta charset>, valid UTF-8, else GB18030', () => {
    const s = '陈家坝镇人民政府 规章 0';
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(s)]))).toEqual({ text: s, encoding: 'utf-8' });
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from([...s].map((c) => c.charCodeAt(0))).buffer)]);
    expect(decodeText(le)).toEqual({ text: s, encoding: 'utf-16le' });
    expect(decodeText(enc.encode(s))).toEqual({ text: s, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array(iconv.encode(s, 'gbk')))).toEqual({ text: s, encoding: 'gb18030' });
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=GB2312"></head><body>${s}</body></html>`;
    expect(decodeText(new Uint8Array(iconv.encode(html, 'gb2312')))).toEqual({ text: html, encoding: 'gb18030' });
    // Characters beyond GBK (GB18030 four-byte sequences) survive.
    const rare = '𠮷䶮';
    expect(decodeText(new Uint8Array(iconv.encode(rare, 'gb18030'))).text).toBe(rare);
  });

  it('imports a GB18030 text and reports the encoding in a note', async () => {
    const r = await importReport(new Uint8Array(iconv.encode(renderRowsText(seed), 'gb18030')));
    expect(r.encoding).toBe('gb18030');
    expect(r.notes[0]).toMatchObject({ code: 'encoding' });
    expect(r.report).toEqual(seed);
  });
});

describe('cell values', () => {
  it.each([
    ['0', 'count', 0],
    ['12', 'count', 12],
    ['1,234', 'count', 1234],
    ['1，234', 'count', 1234],
    ['３５', 'count', 35],
    ['7件', 'count', 7],
    ['', 'count', null],
    ['&nbsp;'.replace('&nbsp;', '\u00a0'), 'count', null],
    ['251000元', 'amount', 25.1],
    ['25.1万元', 'amount', 25.1],
    ['1,234,500元', 'amount', 123.45],
    ['0.5', 'amount', 0.5],
    ['0.12345', 'amount', 0.12345],
    ['1,234,567.8元', 'amount', 123.45678], // never rounded
    ['4166.241619', 'amount', 4166.241619], // 万元 exact to the 分, as real reports print it
    ['-3', 'change', -3],
    ['+2', 'change', 2],
    ['减少2', 'change', -2],
  ] as const)('%s (%s) → %s', (text, kind, value) => {
    expect(parseValue(text, kind)).toMatchObject({ ok: true, value });
  });

  it.each([
    ['若干', 'count'],
    ['-1', 'count'],
    ['1.5', 'count'],
    ['12万元', 'count'],
    ['3件', 'amount'],
    ['1e3', 'count'],
    ['0x10', 'count'],
    ['１２３４５６７８９０１２３４５６７', 'count'],
  ] as const)('%s (%s) is not read', (text, kind) => {
    expect(parseValue(text, kind).ok).toBe(false);
  });
});
