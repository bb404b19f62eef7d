/**
 * Portal HTML (and the HTML mammoth makes of .docx) to a {@link SourceDoc}: text lines of
 * the article, and its tables as grids with merged cells resolved.
 */
import { type DefaultTreeAdapterTypes, parse } from 'parse5';
import type { Item, Loc, SourceDoc, Token } from './model.js';
import { norm } from './normalize.js';
import { ImportError, type SourceForm } from './types.js';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/** Limits that keep pathological pages from hanging the importer. */
export const htmlLimits = {
  /** Element nesting depth. */
  depth: 256,
  /** Grid columns of one table. */
  columns: 512,
  /** Rows of one table. */
  rows: 5000,
  /** Grid slots covered by merged cells, over all tables. */
  slots: 1_000_000,
  /** Rows given a figure merged from a row above (a report has a handful; the rest stay blank). */
  mergedFigures: 10_000,
};

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'svg', 'math', 'select', 'button', 'input', 'textarea', 'object', 'embed', 'canvas']);
const CHROME = new Set(['nav', 'header', 'footer', 'aside', 'form', 'menu']);
const CHROME_CLASS = /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|share|sidebar|toolbar|topbar)(?:$|[\s_-])/i;
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'title', 'html',
]);

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}
function attr(e: Element, name: string): string | undefined {
  return e.attrs.find((a) => a.name === name)?.value;
}
function children(n: Node): Node[] {
  if (n.nodeName === 'template') return (n as DefaultTreeAdapterTypes.Template).content.childNodes;
  return 'childNodes' in n ? n.childNodes : [];
}

const WS = /[ \t\n\r\f]+/g;

interface Line {
  text: string;
  /** Ancestor elements, outermost first (to find the article). */
  path: Element[];
  chrome: boolean;
}

interface Walk {
  items: { item: Item; path: Element[]; chrome: boolean }[];
  lines: Line[];
  buf: string;
  stack: Element[];
  chromeDepth: number;
  tables: number;
  slots: number;
  mergedFigures: number;
  titles: string[];
  metaTitles: string[];
  metaDates: string[];
  metaSource: string;
  docTitle: string;
}

function flush(w: Walk): void {
  const text = w.buf.replace(WS, ' ').trim();
  w.buf = '';
  if (!text) return;
  const line: Line = { text, path: w.stack.slice(), chrome: w.chromeDepth > 0 };
  w.lines.push(line);
  w.items.push({ item: { kind: 'line', text, loc: {} }, path: line.path, chrome: line.chrome });
}

/** The text of a cell or heading: paragraphs and line breaks become spaces. */
function textOf(n: Node, depth: number): string {
  if (depth > htmlLimits.depth) throw new ImportError('html-too-deep', `the page nests elements more than ${htmlLimits.depth} deep`);
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterTypes.TextNode).value;
  if (!isElement(n) && n.nodeName !== '#document-fragment') return '';
  if (isElement(n)) {
    if (SKIP.has(n.tagName)) return '';
    if (n.tagName === 'br') return ' ';
  }
  let s = '';
  for (const c of children(n)) s += textOf(c, depth + 1);
  if (isElement(n) && BLOCK.has(n.tagName)) s = ` ${s} `;
  return s;
}

function hasDescendant(n: Node, tag: string, depth: number): boolean {
  if (depth > htmlLimits.depth) throw new ImportError('html-too-deep', `the page nests elements more than ${htmlLimits.depth} deep`);
  for (const c of children(n)) {
    if (isElement(c) && (c.tagName === tag || hasDescendant(c, tag, depth + 1))) return true;
  }
  return false;
}

/** The rows (tr) of a table, not of tables nested in it. */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const c of children(table)) {
    if (!isElement(c)) continue;
    if (c.tagName === 'tr') rows.push(c);
    else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot')
      for (const r of children(c)) if (isElement(r) && r.tagName === 'tr') rows.push(r);
  }
  return rows;
}

function cellsOf(tr: Element): Element[] {
  return children(tr).filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'));
}

function spanAttr(e: Element, name: string, max: number): number {
  const v = attr(e, name);
  if (v === undefined) return 1;
  const n = Number.parseInt(v.trim(), 10);
  if (!Number.isFinite(n) || n < 0) return 1;
  if (name === 'rowspan' && n === 0) return max;
  return Math.max(1, Math.min(n, max));
}

/** Whether a table holds data (a grid of cells) rather than page layout. */
function isDataTable(table: Element, depth: number): boolean {
  if (hasDescendant(table, 'table', depth)) return false;
  const rows = tableRows(table);
  if (rows.length < 2) return false;
  return rows.some((r) => cellsOf(r).length >= 2);
}

/** A figure (a number or a blank mark) rather than a label: a merged one is repeated in the rows it covers. */
const FIGURE = /^[\s\d０-９.,，+\-—–/－]+(?:万元|元|件)?$/;

/**
 * Resolves rowspan/colspan into grid positions; one token per cell, at its first row. A figure
 * merged over several rows is also given to each row it covers, as a token `mergedFrom` the first.
 */
function gridTokens(w: Walk, table: Element, index: number, depth: number): Token[] {
  const rows = tableRows(table);
  if (rows.length > htmlLimits.rows) throw new ImportError('table-too-large', `table ${index} has ${rows.length} rows (limit ${htmlLimits.rows})`, { table: String(index) });
  const occupied: Set<number>[] = rows.map(() => new Set());
  const shadows: Token[][] = rows.map(() => []);
  const tokens: Token[] = [];
  rows.forEach((tr, r) => {
    let c = 0;
    const occ = occupied[r] as Set<number>;
    const rowTokens: Token[] = shadows[r] as Token[];
    for (const cell of cellsOf(tr)) {
      while (occ.has(c)) c++;
      const cs = spanAttr(cell, 'colspan', htmlLimits.columns);
      const rs = spanAttr(cell, 'rowspan', rows.length - r);
      if (c + cs > htmlLimits.columns)
        throw new ImportError('table-too-large', `table ${index}, row ${r + 1} is wider than ${htmlLimits.columns} columns`, { table: String(index), row: String(r + 1) });
      if (rs > 1) {
        w.slots += rs * cs;
        if (w.slots > htmlLimits.slots) throw new ImportError('table-too-large', `the tables' merged cells cover more than ${htmlLimits.slots} grid cells`, { table: String(index) });
        for (let rr = r + 1; rr < r + rs; rr++) for (let cc = c; cc < c + cs; cc++) (occupied[rr] as Set<number>).add(cc);
      }
      const text = textOf(cell, depth + 3).replace(WS, ' ').trim();
      const loc: Loc = { table: index, row: r + 1, column: c + 1 };
      const token: Token = { text, n: norm(text), row: index * 100000 + r, span: [c, c + cs], loc };
      rowTokens.push(token);
      if (rs > 1 && text && text.length <= 40 && FIGURE.test(text) && w.mergedFigures + rs <= htmlLimits.mergedFigures) {
        w.mergedFigures += rs - 1;
        for (let rr = r + 1; rr < r + rs; rr++) (shadows[rr] as Token[]).push({ ...token, row: index * 100000 + rr, mergedFrom: token });
      }
      c += cs;
    }
    // Merged figures from rows above take their column's place in the row.
    if (rowTokens.some((t) => t.mergedFrom)) rowTokens.sort((a, b) => (a.span as [number, number])[0] - (b.span as [number, number])[0]);
    tokens.push(...rowTokens);
    shadows[r] = [];
  });
  return tokens;
}

function walk(w: Walk, n: Node, depth: number): void {
  if (depth > htmlLimits.depth) throw new ImportError('html-too-deep', `the page nests elements more than ${htmlLimits.depth} deep`);
  if (n.nodeName === '#text') {
    w.buf += (n as DefaultTreeAdapterTypes.TextNode).value;
    if (w.buf.length > 100000) flush(w);
    return;
  }
  if (!isElement(n)) {
    for (const c of children(n)) walk(w, c, depth + 1);
    return;
  }
  const tag = n.tagName;
  if (tag === 'title') w.docTitle = textOf(n, depth).replace(WS, ' ').trim();
  if (tag === 'meta') {
    const name = (attr(n, 'name') ?? attr(n, 'property') ?? '').toLowerCase();
    const content = attr(n, 'content') ?? '';
    if (/^(?:articletitle|og:title|title|dc\.title)$/.test(name)) w.metaTitles.push(content);
    if (/^(?:pubdate|publishdate|firstpublishedtime|article:published_time|dc\.date|dcterms\.issued)$/.test(name)) w.metaDates.push(`发布日期：${content}`);
    if (/^(?:contentsource|source)$/.test(name) && !w.metaSource) w.metaSource = content.replace(WS, ' ').trim().slice(0, 60);
  }
  if (SKIP.has(tag)) {
    if (tag === 'head') for (const c of children(n)) walk(w, c, depth + 1);
    return;
  }
  if (tag === 'br') {
    flush(w);
    return;
  }
  if (/^h[1-3]$/.test(tag)) w.titles.push(textOf(n, depth).replace(WS, ' ').trim());
  const chrome = CHROME.has(tag) || CHROME_CLASS.test(`${attr(n, 'class') ?? ''} ${attr(n, 'id') ?? ''}`);
  const block = BLOCK.has(tag);
  if (block) flush(w);
  if (tag === 'table' && isDataTable(n, depth)) {
    const index = ++w.tables;
    const tokens = gridTokens(w, n, index, depth);
    w.items.push({ item: { kind: 'table', tokens, loc: { table: index } }, path: w.stack.slice(), chrome: w.chromeDepth > 0 || chrome });
    return;
  }
  w.stack.push(n);
  if (chrome) w.chromeDepth++;
  for (const c of children(n)) walk(w, c, depth + 1);
  if (block) flush(w);
  if (chrome) w.chromeDepth--;
  w.stack.pop();
}

/** Parses HTML into lines and tables; keeps the article (the element holding the report's headings). */
export function htmlDoc(html: string, form: SourceForm = 'html', findArticle: (items: Item[]) => [number, number] | undefined): SourceDoc {
  const document = parse(html);
  const w: Walk = { items: [], lines: [], buf: '', stack: [], chromeDepth: 0, tables: 0, slots: 0, mergedFigures: 0, titles: [], metaTitles: [], metaDates: [], metaSource: '', docTitle: '' };
  walk(w, document, 0);
  flush(w);
  const content = w.items.filter((i) => !i.chrome);
  let kept = content;
  const span = findArticle(content.map((i) => i.item));
  if (span) {
    const a = content[span[0]]?.path ?? [];
    const b = content[span[1]]?.path ?? [];
    let k = 0;
    while (k < a.length && k < b.length && a[k] === b[k]) k++;
    const article = a[k - 1];
    if (article) kept = content.filter((i) => i.path[k - 1] === article);
  }
  const items = kept.map((i) => i.item);
  // The page's stated date: its meta, then its text outside navigation, sidebars and footers (which list other articles' dates).
  const dateLines = [...w.metaDates, ...w.lines.filter((l) => !l.chrome).map((l) => l.text)].map((text) => ({ text, loc: {} }));
  return {
    form,
    items,
    titles: [...w.titles, ...w.metaTitles, w.docTitle].filter((t) => t !== ''),
    dateLines,
    ...(w.metaSource ? { publisher: w.metaSource } : {}),
    notes: [],
  };
}
