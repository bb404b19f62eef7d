/**
 * Portal HTML (and the HTML mammoth makes of .docx) to a {@link SourceDoc}: text lines of
 * the article, and its tables as grids with merged cells resolved.
 */
import { type DefaultTreeAdapterMap, type DefaultTreeAdapterTypes, type TreeAdapter, defaultTreeAdapter, parse } from 'parse5';
import type { Item, Loc, SourceDoc, Token } from './model.js';
import { norm } from './normalize.js';
import { ImportError, type SourceForm } from './types.js';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/** Limits that keep pathological pages from hanging the importer or exhausting its memory. */
export const htmlLimits = {
  /**
   * Nodes the parser may create: elements (also those it adds or re-opens itself), text nodes and
   * comments. A portal page has 5,000–20,000; parse5 keeps about 200 bytes of each.
   */
  nodes: 200_000,
  /** Element nesting depth (while parsing: elements open at once, twice this, as svg and templates are not read). */
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
/** Characters of text gathered before they are made a line anyway. */
const MAX_BUF = 100000;

/**
 * An element being walked and its ancestors: lines and tables keep the frame they are in (shared,
 * not a copy of the ancestors for each line, which costs depth × lines).
 */
interface Frame {
  el: Element | undefined;
  parent: Frame | undefined;
  depth: number;
}

interface Line {
  text: string;
  chrome: boolean;
}

interface Walk {
  items: { item: Item; frame: Frame; chrome: boolean }[];
  lines: Line[];
  buf: string;
  frame: Frame;
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
  const chrome = w.chromeDepth > 0;
  w.lines.push({ text, chrome });
  w.items.push({ item: { kind: 'line', text, loc: {} }, frame: w.frame, chrome });
}

/** Characters kept of a heading's or title's text (a title is read from its first 200). */
const MAX_TITLE = 1000;
/** Characters kept of a cell's text (as of a line of extracted text). */
const MAX_CELL = 20000;

/**
 * The text of a cell or heading: paragraphs and line breaks become spaces. At most about `max`
 * characters: headings nested in headings would otherwise each hold the whole text below them.
 */
function textOf(n: Node, depth: number, max = MAX_CELL): string {
  if (depth > htmlLimits.depth) throw new ImportError('html-too-deep', `the page nests elements more than ${htmlLimits.depth} deep`);
  if (n.nodeName === '#text') {
    const v = (n as DefaultTreeAdapterTypes.TextNode).value;
    return v.length > max ? v.slice(0, max) : v;
  }
  if (!isElement(n) && n.nodeName !== '#document-fragment') return '';
  if (isElement(n)) {
    if (SKIP.has(n.tagName)) return '';
    if (n.tagName === 'br') return ' ';
  }
  let s = '';
  for (const c of children(n)) {
    if (s.length >= max) break;
    s += textOf(c, depth + 1, max - s.length);
  }
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
    for (const t of rowTokens) tokens.push(t);
    shadows[r] = [];
  });
  return tokens;
}

function walk(w: Walk, n: Node, depth: number): void {
  if (depth > htmlLimits.depth) throw new ImportError('html-too-deep', `the page nests elements more than ${htmlLimits.depth} deep`);
  if (n.nodeName === '#text') {
    // A long text is cut into lines of about MAX_BUF characters (whitespace is collapsed a line at a time).
    const v = (n as DefaultTreeAdapterTypes.TextNode).value;
    for (let i = 0; i < v.length; i += MAX_BUF) {
      w.buf += i === 0 && v.length <= MAX_BUF ? v : v.slice(i, i + MAX_BUF);
      if (w.buf.length >= MAX_BUF) flush(w);
    }
    return;
  }
  if (!isElement(n)) {
    for (const c of children(n)) walk(w, c, depth + 1);
    return;
  }
  const tag = n.tagName;
  if (tag === 'title') w.docTitle = textOf(n, depth, MAX_TITLE).replace(WS, ' ').trim();
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
  if (/^h[1-3]$/.test(tag)) w.titles.push(textOf(n, depth, MAX_TITLE).replace(WS, ' ').trim());
  const chrome = CHROME.has(tag) || CHROME_CLASS.test(`${attr(n, 'class') ?? ''} ${attr(n, 'id') ?? ''}`);
  const block = BLOCK.has(tag);
  if (block) flush(w);
  if (tag === 'table' && isDataTable(n, depth)) {
    const index = ++w.tables;
    const tokens = gridTokens(w, n, index, depth);
    w.items.push({ item: { kind: 'table', tokens, loc: { table: index } }, frame: w.frame, chrome: w.chromeDepth > 0 || chrome });
    return;
  }
  const frame = w.frame;
  w.frame = { el: n, parent: frame, depth: frame.depth + 1 };
  if (chrome) w.chromeDepth++;
  for (const c of children(n)) walk(w, c, depth + 1);
  if (block) flush(w);
  if (chrome) w.chromeDepth--;
  w.frame = frame;
}

/** The innermost frame holding both (the root frame, without an element, when nothing else does). */
function commonFrame(a: Frame, b: Frame): Frame {
  let x: Frame = a;
  let y: Frame = b;
  while (x.depth > y.depth) x = x.parent as Frame;
  while (y.depth > x.depth) y = y.parent as Frame;
  while (x !== y) {
    x = x.parent as Frame;
    y = y.parent as Frame;
  }
  return x;
}

function within(f: Frame, ancestor: Frame): boolean {
  let x: Frame | undefined = f;
  while (x && x.depth > ancestor.depth) x = x.parent;
  return x === ancestor;
}

/**
 * parse5's tree adapter, counting as it builds: more than {@link htmlLimits.nodes} nodes, or
 * elements open more than twice {@link htmlLimits.depth} deep, end the parse with an ImportError —
 * before the tree of a 16 MB page of tags exists.
 */
export function limitedAdapter(): TreeAdapter<DefaultTreeAdapterMap> & { flush(): void } {
  let nodes = 0;
  let open = 0;
  const count = () => {
    if (++nodes > htmlLimits.nodes) throw new ImportError('too-complex', `the page has more than ${htmlLimits.nodes} elements and text nodes (a report page has far fewer)`);
  };
  const base = defaultTreeAdapter;
  // Text comes in runs of word and space characters: appended one by one, 16 MB of 「0 |」 lines
  // make a text node of 16 million joined strings (half a gigabyte). Runs are gathered, then joined.
  let pending: DefaultTreeAdapterTypes.TextNode | undefined;
  let pieces: string[] = [];
  const flush = () => {
    if (pending && pieces.length) pending.value += pieces.join('');
    pieces = [];
  };
  return {
    ...base,
    createElement(tagName, namespaceURI, attrs) {
      count();
      return base.createElement(tagName, namespaceURI, attrs);
    },
    createCommentNode(data) {
      count();
      return base.createCommentNode(data);
    },
    insertText(parentNode, text) {
      const last = parentNode.childNodes[parentNode.childNodes.length - 1];
      if (last && last === pending) {
        pieces.push(text);
        if (pieces.length >= 4096) flush();
        return;
      }
      flush();
      if (!last || !base.isTextNode(last)) count();
      base.insertText(parentNode, text);
      pending = parentNode.childNodes[parentNode.childNodes.length - 1] as DefaultTreeAdapterTypes.TextNode;
    },
    insertTextBefore(parentNode, text, referenceNode) {
      flush();
      count();
      base.insertTextBefore(parentNode, text, referenceNode);
    },
    flush,
    onItemPush() {
      if (++open > 2 * htmlLimits.depth) throw new ImportError('html-too-deep', `the page nests elements more than ${htmlLimits.depth} deep`);
    },
    onItemPop() {
      open--;
    },
  };
}

/** Parses HTML into lines and tables; keeps the article (the element holding the report's headings). */
export function htmlDoc(html: string, form: SourceForm = 'html', findArticle: (items: Item[]) => [number, number] | undefined): SourceDoc {
  const treeAdapter = limitedAdapter();
  const document = parse(html, { treeAdapter });
  treeAdapter.flush();
  const root: Frame = { el: undefined, parent: undefined, depth: 0 };
  const w: Walk = { items: [], lines: [], buf: '', frame: root, chromeDepth: 0, tables: 0, slots: 0, mergedFigures: 0, titles: [], metaTitles: [], metaDates: [], metaSource: '', docTitle: '' };
  walk(w, document, 0);
  flush(w);
  const content = w.items.filter((i) => !i.chrome);
  let kept = content;
  const span = findArticle(content.map((i) => i.item));
  if (span) {
    // The innermost element holding the first and the last section heading.
    const article = commonFrame(content[span[0]]?.frame ?? root, content[span[1]]?.frame ?? root);
    if (article.el) kept = content.filter((i) => within(i.frame, article));
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
