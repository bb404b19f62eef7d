/**
 * Renders a report document the way portals publish it: the national tables with their
 * merged cells (from the taxonomy, never a hand-kept list), as HTML pages, extracted text
 * in both common layouts, and .docx. Used by `scripts/fixtures.ts` and by the tests.
 */
import {
  type FormatId,
  type HeaderNode,
  type Report,
  getCell,
  sections,
  taxonomy,
} from '@disclosure-report/core';

export interface Cell {
  text: string;
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  header?: boolean;
}

/** A table as placed cells (row, column, spans). */
export interface Grid {
  cells: Cell[];
  rows: number;
  cols: number;
}

/** Raw cell texts that differ from the value (`251000元`, `1,234`), by cell id. */
export type RawTexts = Record<string, string>;

/** Label replacements (national label → what the page prints), for quirky pages. */
export type LabelMap = Record<string, string>;

/** Labels as the quirky page prints them (variants seen in real reports). */
export const quirkyLabels: LabelMap = {
  行政规范性文件: '规范性文件',
  '第二十条第（一）项': '第二十条第(一)项',
  结果纠正: '结果',
  尚未审结: '尚未',
  其他结果: '其他',
  商业企业: '商业 企业',
  '4.无正当理由大量反复申请': '4、无正当理由大量反复申请',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）': '（二）部分公开(区分处理的,只计这一情形,不计其他情形)',
};
/** The date the quirky page states (发布时间). */
export const quirkyPublishedOn = '2024-01-15';

function leafCount(n: HeaderNode): number {
  return n.children?.length ? n.children.reduce((s, c) => s + leafCount(c), 0) : 1;
}
function depth(nodes: readonly HeaderNode[]): number {
  return Math.max(...nodes.map((n) => (n.children?.length ? 1 + depth(n.children) : 1)));
}

function grid(cells: Cell[]): Grid {
  return {
    cells: cells.sort((a, b) => a.row - b.row || a.col - b.col),
    rows: Math.max(...cells.map((c) => c.row + c.rowspan)),
    cols: Math.max(...cells.map((c) => c.col + c.colspan)),
  };
}

function valueText(report: Report, id: string, raw: RawTexts): string {
  if (raw[id] !== undefined) return raw[id] as string;
  const v = getCell(report, id);
  return v === null || v === undefined ? '' : String(v);
}

const L = (labels: LabelMap, s: string) => labels[s] ?? s;

/** Table 二: one block after another, a header row each, the value spanning when a block has fewer columns. */
export function activeGrid(report: Report, raw: RawTexts = {}, labels: LabelMap = {}): Grid {
  const t = taxonomy(report.format).active;
  const width = 1 + Math.max(...t.blocks.map((b) => b.columns.length));
  const cells: Cell[] = [];
  let r = 0;
  for (const b of t.blocks) {
    cells.push({ text: L(labels, b.label['zh-CN']), row: r, col: 0, rowspan: 1, colspan: width, header: true });
    r++;
    cells.push({ text: L(labels, t.rowHeading['zh-CN']), row: r, col: 0, rowspan: 1, colspan: 1, header: true });
    b.columns.forEach((c, k) => {
      const last = k === b.columns.length - 1;
      cells.push({ text: L(labels, (c.labels[0] as { 'zh-CN': string })['zh-CN']), row: r, col: 1 + k, rowspan: 1, colspan: last ? width - 1 - k : 1, header: true });
    });
    r++;
    for (const row of b.rows) {
      cells.push({ text: L(labels, (row.labels.at(-1) as { 'zh-CN': string })['zh-CN']), row: r, col: 0, rowspan: 1, colspan: 1, header: true });
      b.columns.forEach((c, k) => {
        const last = k === b.columns.length - 1;
        cells.push({ text: valueText(report, `active.${row.key}.${c.key}`, raw), row: r, col: 1 + k, rowspan: 1, colspan: last ? width - 1 - k : 1 });
      });
      r++;
    }
  }
  return grid(cells);
}

/** Table 三: the 勾稽 note in the corner, the requester columns' tree across, the rows' tree down. */
export function requestsGrid(report: Report, raw: RawTexts = {}, labels: LabelMap = {}): Grid {
  const t = taxonomy(report.format).requests;
  const labelCols = depth(t.rowTree);
  const headDepth = depth(t.columnTree);
  const cells: Cell[] = [];
  cells.push({ text: L(labels, t.note['zh-CN']), row: 0, col: 0, rowspan: headDepth + 1, colspan: labelCols, header: true });
  cells.push({ text: L(labels, t.columnsHeading['zh-CN']), row: 0, col: labelCols, rowspan: 1, colspan: t.columns.length, header: true });
  const placeCols = (nodes: readonly HeaderNode[], row: number, col: number) => {
    let c = col;
    for (const n of nodes) {
      const span = leafCount(n);
      const leaf = !n.children?.length;
      cells.push({ text: L(labels, n.label['zh-CN']), row, col: c, rowspan: leaf ? headDepth - (row - 1) : 1, colspan: span, header: true });
      if (!leaf) placeCols(n.children as HeaderNode[], row + 1, c);
      c += span;
    }
  };
  placeCols(t.columnTree, 1, labelCols);
  let r = headDepth + 1;
  const placeRows = (nodes: readonly HeaderNode[], d: number, path: string[]) => {
    for (const n of nodes) {
      const keyPath = n.key ? [...path, n.key] : path;
      if (n.children?.length) {
        cells.push({ text: L(labels, n.label['zh-CN']), row: r, col: d, rowspan: leafCount(n), colspan: 1, header: true });
        placeRows(n.children, d + 1, keyPath);
      } else {
        cells.push({ text: L(labels, n.label['zh-CN']), row: r, col: d, rowspan: 1, colspan: labelCols - d, header: true });
        t.columns.forEach((c, k) => {
          cells.push({ text: valueText(report, `requests.${keyPath.join('.')}.${c.key}`, raw), row: r, col: labelCols + k, rowspan: 1, colspan: 1 });
        });
        r++;
      }
    }
  };
  placeRows(t.rowTree, 0, []);
  return grid(cells);
}

/** Table 四: the groups across (行政复议 | 行政诉讼 › 未经复议直接起诉, 复议后起诉), five columns each, one row of values. */
export function reviewsGrid(report: Report, raw: RawTexts = {}, labels: LabelMap = {}): Grid {
  const t = taxonomy(report.format).reviews;
  const gDepth = depth(t.rowTree);
  const n = t.columns.length;
  const cells: Cell[] = [];
  const place = (nodes: readonly HeaderNode[], d: number, col: number, path: string[]) => {
    let c = col;
    for (const g of nodes) {
      const keyPath = g.key ? [...path, g.key] : path;
      const span = leafCount(g) * n;
      cells.push({ text: L(labels, g.label['zh-CN']), row: d, col: c, rowspan: 1, colspan: span, header: true });
      if (g.children?.length) place(g.children, d + 1, c, keyPath);
      else
        t.columns.forEach((k, i) => {
          cells.push({ text: L(labels, (k.labels.at(-1) as { 'zh-CN': string })['zh-CN']), row: d + 1, col: c + i, rowspan: gDepth - d, colspan: 1, header: true });
          cells.push({ text: valueText(report, `reviews.${keyPath.join('.')}.${k.key}`, raw), row: gDepth + 1, col: c + i, rowspan: 1, colspan: 1 });
        });
      c += span;
    }
  };
  place(t.rowTree, 0, 0, []);
  return grid(cells);
}

export function reportGrids(report: Report, raw: RawTexts = {}, labels: LabelMap = {}): Record<'active' | 'requests' | 'reviews', Grid> {
  return { active: activeGrid(report, raw, labels), requests: requestsGrid(report, raw, labels), reviews: reviewsGrid(report, raw, labels) };
}

/** Cells starting in each row, in order. */
export function gridRows(g: Grid): Cell[][] {
  const rows: Cell[][] = Array.from({ length: g.rows }, () => []);
  for (const c of g.cells) (rows[c.row] as Cell[]).push(c);
  return rows;
}

/** Title lines as portals print them: agency, the report's name, the year. */
function titleLines(report: Report): string[] {
  return [report.agency, '政府信息公开工作年度报告', `（${report.year}年度）`];
}

function paragraphs(text: string): string[] {
  return text.split('\n').filter((p) => p !== '');
}

// ---------------------------------------------------------------- text

/** Extracted text, one table row per line with cells joined by ` | ` (a merged label only on its first row). */
export function renderRowsText(report: Report, raw: RawTexts = {}, labels: LabelMap = {}): string {
  const grids = reportGrids(report, raw, labels);
  const out: string[] = [...titleLines(report)];
  for (const s of sections) {
    out.push(s.heading['zh-CN']);
    if (s.kind === 'text') out.push(...paragraphs(report.sections[s.key as 'overview']));
    else for (const row of gridRows(grids[s.key as 'active'])) out.push(row.map((c) => c.text).join(' | '));
  }
  return `${out.join('\n')}\n`;
}

/** Extracted text, one cell per line ending in ` |`, and a line of `|` for the empty cells that pad a row. */
export function renderCellsText(report: Report, raw: RawTexts = {}, labels: LabelMap = {}): string {
  const grids = reportGrids(report, raw, labels);
  const out: string[] = [...titleLines(report).map((l) => l.replace('（', '(').replace('）', ')'))];
  for (const s of sections) {
    out.push(s.heading['zh-CN']);
    if (s.kind === 'text') out.push(...paragraphs(report.sections[s.key as 'overview']));
    else {
      const g = grids[s.key as 'active'];
      for (const row of gridRows(g)) {
        for (const c of row) out.push(c.text === '' ? '|' : `${c.text} |`);
        const covered = row.reduce((n, c) => n + c.colspan, 0);
        if (g.cols - covered > 0 && row.length) out.push('|'.repeat(g.cols - covered));
      }
    }
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------- HTML

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface HtmlOptions {
  raw?: RawTexts;
  labels?: LabelMap;
  /** `<meta charset>` value; null for none. */
  charset?: string | null;
  /** A page with the quirks of older content systems (layout table, th/thead, <p> in cells, &nbsp;, a stated date). */
  quirky?: boolean;
  /** Stated on the page as 发布时间. */
  publishedOn?: string | null;
  /** Leave out the report's tables (for the error case). */
  withoutTables?: boolean;
  /** Extra CSS (print). */
  css?: string;
}

function tableHtml(g: Grid, quirky: boolean): string {
  const rows = gridRows(g);
  const lines: string[] = [];
  lines.push(quirky ? '<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">' : '<table border="1" cellspacing="0" cellpadding="4">');
  const headerRows = rows.findIndex((r) => r.some((c) => !c.header));
  if (quirky) lines.push('<tbody>');
  rows.forEach((row, ri) => {
    const cells = row.map((c) => {
      const tag = quirky && c.header && ri < headerRows ? 'th' : 'td';
      const span = `${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}`;
      let body: string;
      if (c.text === '') body = '&nbsp;';
      else if (quirky && c.header && c.text.length > 4 && c.text.length < 9) body = `<p align="center"><span style="font-family:仿宋">${esc(c.text.slice(0, 2))}</span><br/>${esc(c.text.slice(2))}</p>`;
      else if (quirky) body = `<p align="center" style="text-align:center"><span lang="EN-US">${esc(c.text)}</span></p>`;
      else body = esc(c.text);
      return `<${tag}${span}>${body}</${tag}>`;
    });
    lines.push(`<tr>${cells.join('')}</tr>`);
  });
  if (quirky) lines.push('</tbody>');
  lines.push('</table>');
  return lines.join('\n');
}

/** A portal page: site header, navigation, breadcrumb, the article (title, info bar, body), footer. */
export function renderHtmlPage(report: Report, o: HtmlOptions = {}): string {
  const grids = reportGrids(report, o.raw ?? {}, o.labels ?? {});
  const quirky = !!o.quirky;
  const body: string[] = [];
  if (quirky) body.push(`<p style="text-align:center"><b>${esc(report.agency)}</b></p>`, `<p style="text-align:center"><b>政府信息公开工作年度报告（${report.year}年度）</b></p>`);
  for (const s of sections) {
    body.push(quirky ? `<p style="text-indent:2em"><strong><span style="font-family:黑体">${esc(s.heading['zh-CN'])}</span></strong></p>` : `<h3>${esc(s.heading['zh-CN'])}</h3>`);
    if (s.kind === 'text') {
      for (const p of paragraphs(report.sections[s.key as 'overview']))
        body.push(quirky ? `<p style="text-indent:2em">&nbsp;&nbsp;${esc(p)}</p>` : `<p>${esc(p)}</p>`);
    } else if (!o.withoutTables) body.push(tableHtml(grids[s.key as 'active'], quirky));
  }
  const charset = o.charset === undefined ? 'utf-8' : o.charset;
  const meta = charset === null ? '' : quirky ? `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">` : `<meta charset="${charset}">`;
  const date = o.publishedOn ?? report.publishedOn;
  const info = `<div class="info"><span>来源：${esc(report.agency)}</span>${date ? `<span>发布时间：${date} 09:30</span>` : ''}<span>浏览次数：<script>document.write(1024)</script></span></div>`;
  const article = `<div class="article">
<h1 class="title">${esc(report.title)}</h1>
${info}
<div class="content" id="zoom">
${body.join('\n')}
</div>
<div class="share">分享到：微信 微博</div>
</div>`;
  const wrapped = quirky
    ? `<table class="layout" width="1000" align="center"><tr><td class="left-menu"><ul><li>机构概况</li><li>政策文件</li></ul></td><td class="main">${article}</td></tr></table>`
    : article;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
${meta}
<title>${esc(report.title)}_政府信息公开年报_${esc(report.agency)}门户网站</title>
<meta name="ArticleTitle" content="${esc(report.title)}">
${date ? `<meta name="PubDate" content="${date} 09:30">` : ''}
<style>table{border-collapse:collapse}td,th{border:1px solid #000;font-size:10pt}${o.css ?? ''}</style>
</head>
<body>
<div class="header"><div class="logo">${esc(report.agency)}门户网站</div><div class="search"><input type="text" value="请输入关键字"><button>搜索</button></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
${wrapped}
<div class="footer"><p>主办单位：${esc(report.agency)}　联系电话：0816-1234567</p><p>网站标识码：5107000001　蜀ICP备12345678号</p></div>
<script>var _hmt = _hmt || []; /* 一、总体情况 */</script>
</body>
</html>
`;
}

// ---------------------------------------------------------------- .docx

/** A Word document with the title, headings, paragraphs and the tables with merged cells. */
export async function renderDocx(report: Report, raw: RawTexts = {}, labels: LabelMap = {}): Promise<Uint8Array> {
  const docx = await import('docx');
  const { Document, Packer, Paragraph, Table, TableRow, TableCell, HeadingLevel, AlignmentType, WidthType } = docx;
  const grids = reportGrids(report, raw, labels);
  const children: (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] = [];
  children.push(new Paragraph({ text: report.agency, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }));
  children.push(new Paragraph({ text: `政府信息公开工作年度报告（${report.year}年度）`, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }));
  for (const s of sections) {
    children.push(new Paragraph({ text: s.heading['zh-CN'], heading: HeadingLevel.HEADING_2 }));
    if (s.kind === 'text') for (const p of paragraphs(report.sections[s.key as 'overview'])) children.push(new Paragraph({ text: p }));
    else {
      const g = grids[s.key as 'active'];
      const rows = gridRows(g).map(
        (row) =>
          new TableRow({
            children: row.map(
              (c) =>
                new TableCell({
                  children: c.text.length > 6 && c.header && c.text.length < 9 ? [new Paragraph(c.text.slice(0, 3)), new Paragraph(c.text.slice(3))] : [new Paragraph(c.text)],
                  columnSpan: c.colspan,
                  rowSpan: c.rowspan,
                }),
            ),
          }),
      );
      children.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
      children.push(new Paragraph({ text: '' }));
    }
  }
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export function formatOf(report: Report): FormatId {
  return report.format;
}
