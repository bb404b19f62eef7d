/**
 * Regenerates the importer's test fixtures (packages/import/test/fixtures/) from the corpus
 * (corpus/, and any cases DISCLOSURE_CORPUS_DIR adds) and the edge cases defined here:
 *
 *   npx tsx packages/import/scripts/fixtures.ts
 *
 * For each corpus document: a portal HTML page (UTF-8, GBK with <meta>, GB18030 without
 * <meta>), a quirky hand-tuned page, extracted text in the row-per-line layout, the text
 * in GB18030, a .docx (docx library) and PDFs (the page printed by chromium: with cell
 * borders, and with the table's outer border only, landscape, read from text positions).
 *
 * PDF: this machine has no CJK fonts, so chromium would print boxes without a text layer.
 * The script makes a stand-in font: DejaVu Sans with its cmap replaced so that every
 * character of the page maps to a glyph of its own (the shapes are Latin letters, the
 * text layer — what importers read — is exact). CHROMIUM_PATH and FIXTURE_FONT override
 * the paths.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { type Report, blankReport, defaultTitle, validateReport, withCell } from '@disclosure-report/core';
import { type HtmlOptions, type RawTexts, quirkyLabels, quirkyPublishedOn, renderCellsText, renderDocx, renderHtmlPage, renderRowsText } from '../test/render.js';
import { type CorpusCase, corpusCaseDir, corpusCases } from '../../core/test/shared.js';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixturesDir = resolve(here, '../test/fixtures');
const fontPath = process.env.FIXTURE_FONT ?? '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

function write(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  console.log(`wrote ${path.slice(fixturesDir.length + 1)} (${typeof data === 'string' ? Buffer.byteLength(data) : data.length} bytes)`);
}

// ---------------------------------------------------------------- stand-in CJK font

function u16(b: Buffer, o: number): number {
  return b.readUInt16BE(o);
}
function u32(b: Buffer, o: number): number {
  return b.readUInt32BE(o);
}
function checksum(b: Buffer): number {
  let sum = 0;
  const padded = Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/** A copy of a TrueType font whose cmap maps each given character to a distinct non-empty glyph. */
export function standInFont(ttf: Buffer, chars: readonly string[]): Buffer {
  const numTables = u16(ttf, 4);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    const tag = ttf.toString('latin1', rec, rec + 4);
    tables.set(tag, ttf.subarray(u32(ttf, rec + 8), u32(ttf, rec + 8) + u32(ttf, rec + 12)));
  }
  const head = Buffer.from(tables.get('head') as Buffer);
  const maxp = tables.get('maxp') as Buffer;
  const loca = tables.get('loca') as Buffer;
  const numGlyphs = u16(maxp, 4);
  const longLoca = u16(head, 50) === 1;
  const offset = (g: number) => (longLoca ? u32(loca, g * 4) : u16(loca, g * 2) * 2);
  const pool: number[] = [];
  for (let g = 1; g < numGlyphs - 1 && pool.length < chars.length; g++) if (offset(g + 1) - offset(g) > 0) pool.push(g);
  if (pool.length < chars.length) throw new Error(`the font has ${pool.length} glyphs for ${chars.length} characters`);
  const codes = [...new Set(chars.map((c) => c.codePointAt(0) as number))].filter((c) => c <= 0xffff && c !== 0xffff).sort((a, b) => a - b);
  const map = codes.map((c, i) => [c, pool[i] as number] as const);

  // cmap: (3,1) format 4 and (3,10) format 12.
  const segs = [...map.map(([c, g]) => ({ start: c, end: c, delta: (g - c + 65536) % 65536 })), { start: 0xffff, end: 0xffff, delta: 1 }];
  const segCount = segs.length;
  const f4 = Buffer.alloc(16 + 8 * segCount);
  const es = Math.floor(Math.log2(segCount));
  f4.writeUInt16BE(4, 0);
  f4.writeUInt16BE(f4.length, 2);
  f4.writeUInt16BE(0, 4);
  f4.writeUInt16BE(segCount * 2, 6);
  f4.writeUInt16BE(2 * 2 ** es, 8);
  f4.writeUInt16BE(es, 10);
  f4.writeUInt16BE(segCount * 2 - 2 * 2 ** es, 12);
  segs.forEach((s, i) => {
    f4.writeUInt16BE(s.end, 14 + 2 * i);
    f4.writeUInt16BE(s.start, 16 + 2 * segCount + 2 * i);
    f4.writeUInt16BE(s.delta, 16 + 4 * segCount + 2 * i);
    f4.writeUInt16BE(0, 16 + 6 * segCount + 2 * i);
  });
  const f12 = Buffer.alloc(16 + 12 * map.length);
  f12.writeUInt16BE(12, 0);
  f12.writeUInt32BE(f12.length, 4);
  f12.writeUInt32BE(map.length, 12);
  map.forEach(([c, g], i) => {
    f12.writeUInt32BE(c, 16 + 12 * i);
    f12.writeUInt32BE(c, 20 + 12 * i);
    f12.writeUInt32BE(g, 24 + 12 * i);
  });
  const cmapHead = Buffer.alloc(4 + 8 * 2);
  cmapHead.writeUInt16BE(2, 2);
  cmapHead.writeUInt16BE(3, 4);
  cmapHead.writeUInt16BE(1, 6);
  cmapHead.writeUInt32BE(cmapHead.length, 8);
  cmapHead.writeUInt16BE(3, 12);
  cmapHead.writeUInt16BE(10, 14);
  cmapHead.writeUInt32BE(cmapHead.length + f4.length, 16);
  tables.set('cmap', Buffer.concat([cmapHead, f4, f12]));
  // post 3.0: no glyph names (they would name Latin letters).
  const post = Buffer.from((tables.get('post') as Buffer).subarray(0, 32));
  post.writeUInt32BE(0x00030000, 0);
  tables.set('post', post);
  // No shaping tables: ligatures and kerning would act on the reassigned glyphs.
  for (const t of ['GSUB', 'GPOS', 'GDEF', 'kern', 'morx', 'DSIG', 'hdmx', 'VDMX', 'LTSH']) tables.delete(t);
  head.writeUInt32BE(0, 8);
  tables.set('head', head);

  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const es2 = Math.floor(Math.log2(n));
  const dir = Buffer.alloc(12 + 16 * n);
  dir.writeUInt32BE(0x00010000, 0);
  dir.writeUInt16BE(n, 4);
  dir.writeUInt16BE(16 * 2 ** es2, 6);
  dir.writeUInt16BE(es2, 8);
  dir.writeUInt16BE(16 * n - 16 * 2 ** es2, 10);
  const bodies: Buffer[] = [];
  let off = dir.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag) as Buffer;
    const rec = 12 + 16 * i;
    dir.write(tag, rec, 'latin1');
    dir.writeUInt32BE(checksum(data), rec + 4);
    dir.writeUInt32BE(off, rec + 8);
    dir.writeUInt32BE(data.length, rec + 12);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    off += padded.length;
  });
  const font = Buffer.concat([dir, ...bodies]);
  const headOffset = u32(dir, 12 + 16 * tags.indexOf('head') + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  return font;
}

/** Table 四 etc. drawn with the table's outer border only (no cell borders): read from text positions. */
const borderlessCss = 'td,th{border:none!important;padding:2px 8px}';

async function printPdf(html: string, extraCss = '', landscape = false): Promise<Uint8Array> {
  const { chromium } = await import('playwright-core');
  const chars = [...new Set([...html])];
  const font = standInFont(readFileSync(fontPath), chars);
  const css = `<style>@font-face{font-family:"Fixture CJK";src:url(data:font/ttf;base64,${font.toString('base64')}) format("truetype")}
body,td,th,p,h1,h3,div{font-family:"Fixture CJK"!important}
.header,.nav,.breadcrumb,.footer,.share,.info{display:none}${extraCss}</style>`;
  const page0 = html.replace('</head>', `${css}</head>`);
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    await page.setContent(page0, { waitUntil: 'load' });
    await page.evaluate(() => (document as unknown as { fonts: { ready: Promise<unknown> } }).fonts.ready);
    return new Uint8Array(await page.pdf({ format: 'A4', landscape, margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } }));
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------- edge-case reports

/** A county department's 2020 report in the 2019 format: 元 in the procurement amount, thousands separators, blank cells. */
function county2020(): { report: Report; raw: RawTexts } {
  const agency = '青川县交通运输局';
  let r: Report = blankReport('2019', { agency, year: 2020, title: defaultTitle(agency, 2020), publishedOn: null });
  r = {
    ...r,
    sections: {
      overview:
        '2020年，青川县交通运输局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕县委、县政府中心工作，扎实推进政府信息公开工作。\n（一）主动公开情况。全年通过县政府门户网站公开交通运输领域信息1,268条，其中行政许可结果公示312条。\n（二）依申请公开情况。全年收到政府信息公开申请7件，均在法定期限内答复。\n（三）政府信息管理。严格落实信息发布保密审查制度，未发生泄密事件。',
      problems: '一是信息公开的及时性有待提高；二是解读回应形式较为单一。\n下一步，我局将加强业务培训，规范公开流程，丰富解读形式。',
      other: '本年度未收取信息处理费。',
    },
  };
  const set = (id: string, v: number | null) => {
    r = withCell(r, id, v);
  };
  const a = (row: string, vals: Record<string, number | null>) => {
    for (const [k, v] of Object.entries(vals)) set(`active.${row}.${k}`, v);
  };
  a('regulations', { made: 0, published: 0, publicTotal: 0 });
  a('normativeDocuments', { made: 2, published: 2, publicTotal: 15 });
  a('licensing', { previousItems: 46, change: -3, decisions: 1268 });
  a('otherServices', { previousItems: 12, change: 2, decisions: 305 });
  a('penalties', { previousItems: 58, change: 0, decisions: 1027 });
  a('coercion', { previousItems: 9, change: null, decisions: 14 });
  a('fees', { previousItems: 1, change: -1 });
  a('procurement', { projects: 3, amount: 25.1 });
  const cols = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'];
  const req = (row: string, vals: (number | null)[]) => vals.forEach((v, i) => set(`requests.${row}.${cols[i]}`, v));
  const zero = [0, 0, 0, 0, 0, 0, 0];
  req('newReceived', [5, 1, 0, 0, 1, 0, 7]);
  req('carriedOver', [1, 0, 0, 0, 0, 0, 1]);
  req('granted', [3, 1, 0, 0, 0, 0, 4]);
  req('partiallyGranted', [1, 0, 0, 0, 0, 0, 1]);
  for (const k of ['stateSecret', 'prohibitedByLaw', 'securityStability', 'thirdPartyRights', 'internalAffairs', 'processInfo', 'enforcementFiles', 'administrativeQuery'])
    req(`denied.${k}`, zero);
  req('unavailable.notHeld', [1, 0, 0, 0, 1, 0, 2]);
  req('unavailable.needsCreation', zero);
  req('unavailable.stillUnclear', [null, null, null, null, null, null, null]);
  for (const k of ['complaint', 'duplicate', 'publication', 'excessive', 'confirmation']) req(`notProcessed.${k}`, zero);
  req('otherHandling', zero);
  req('resultsTotal', [5, 1, 0, 0, 1, 0, 7]);
  req('carriedForward', [1, 0, 0, 0, 0, 0, 1]);
  for (const g of ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'])
    for (const k of ['upheld', 'corrected', 'other', 'pending', 'total']) set(`reviews.${g}.${k}`, 0);
  set('reviews.reconsideration.upheld', 1);
  set('reviews.reconsideration.total', 1);
  const v = validateReport(r);
  if (!v.ok) throw new Error(`county2020 is invalid: ${JSON.stringify(v.issues)}`);
  return {
    report: r,
    raw: {
      'active.procurement.amount': '251000元',
      'active.licensing.decisions': '1,268',
      'active.penalties.decisions': '1,027',
      'active.licensing.change': '-3',
      'active.otherServices.change': '+2',
      'active.coercion.change': '',
    },
  };
}

// ---------------------------------------------------------------- main

async function corpusFixtures({ name, dir: caseDir }: CorpusCase): Promise<void> {
  const dir = join(fixturesDir, name);
  const expected = JSON.parse(readFileSync(join(caseDir, 'expected.json'), 'utf8')) as Report;
  const source = readFileSync(join(caseDir, 'source.txt'), 'utf8');
  const page = renderHtmlPage(expected);
  write(join(dir, 'page.html'), page);
  write(join(dir, 'rows.txt'), renderRowsText(expected));
  write(join(dir, 'source.gb18030.txt'), iconv.encode(source, 'gb18030'));
  write(join(dir, 'page.gbk.html'), iconv.encode(renderHtmlPage(expected, { charset: 'gbk' }), 'gbk'));
  write(join(dir, 'page.gb18030-nometa.html'), iconv.encode(renderHtmlPage(expected, { charset: null }), 'gb18030'));
  const quirky: HtmlOptions = { quirky: true, labels: quirkyLabels, publishedOn: quirkyPublishedOn };
  write(join(dir, 'quirky.html'), renderHtmlPage(expected, quirky));
  write(join(dir, 'report.docx'), await renderDocx(expected));
  write(join(dir, 'report.pdf'), await printPdf(page));
  write(join(dir, 'report-borderless.pdf'), await printPdf(page, borderlessCss, true));
}

async function edgeFixtures(): Promise<void> {
  const dir = join(fixturesDir, 'edge');
  const { report, raw } = county2020();
  write(join(dir, 'county-2020', 'expected.json'), `${JSON.stringify(report, null, 2)}\n`);
  write(join(dir, 'county-2020', 'page.html'), renderHtmlPage(report, { raw }));
  write(join(dir, 'county-2020', 'rows.txt'), renderRowsText(report, raw));
  write(join(dir, 'county-2020', 'cells.txt'), renderCellsText(report, raw));
  write(join(dir, 'county-2020', 'report.docx'), await renderDocx(report, raw));
  write(join(dir, 'county-2020', 'report.pdf'), await printPdf(renderHtmlPage(report, { raw })));

  // A 2021 report with blank cells (null, never 0).
  const base = JSON.parse(readFileSync(join(corpusCaseDir('chenjiaba-2023'), 'expected.json'), 'utf8')) as Report;
  let blank = withCell(base, 'requests.denied.stateSecret.commercial', null);
  blank = withCell(blank, 'reviews.litigationDirect.pending', null);
  blank = withCell(blank, 'active.fees.amount', null);
  write(join(dir, 'blank-cell', 'expected.json'), `${JSON.stringify(blank, null, 2)}\n`);
  write(join(dir, 'blank-cell', 'page.html'), renderHtmlPage(blank));
  write(join(dir, 'blank-cell', 'rows.txt'), renderRowsText(blank));
  write(join(dir, 'blank-cell', 'cells.txt'), renderCellsText(blank));

  // A page with the report's text but without its tables.
  write(join(dir, 'no-tables.html'), renderHtmlPage(base, { withoutTables: true }));
  // A table with a cell that is not a number.
  write(join(dir, 'non-numeric.html'), renderHtmlPage(base, { raw: { 'requests.granted.naturalPerson': '若干' } }));
  write(join(dir, 'non-numeric.txt'), renderRowsText(base, { 'requests.granted.naturalPerson': '若干' }));
}

async function main(): Promise<void> {
  for (const c of corpusCases()) await corpusFixtures(c);
  await edgeFixtures();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
