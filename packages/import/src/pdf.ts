/**
 * PDF to a {@link SourceDoc} with pdfjs-dist (loaded on demand): text runs by position,
 * table cells from the ruling lines the PDF draws (cell borders), paragraphs rejoined
 * from their wrapped lines.
 */
import type { Item, Loc, SourceDoc, Token } from './model.js';
import { norm } from './normalize.js';
import { ImportError } from './types.js';

/** pdfjs-dist 6 expects a few newer built-ins (Node 20 lacks them). */
function polyfill(): void {
  const P = Promise as unknown as { withResolvers?: unknown };
  if (typeof P.withResolvers !== 'function') {
    P.withResolvers = function withResolvers<T>() {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((a, b) => {
        resolve = a;
        reject = b;
      });
      return { promise, resolve, reject };
    };
  }
  const AB = ArrayBuffer.prototype as unknown as { transferToFixedLength?: unknown };
  if (typeof AB.transferToFixedLength !== 'function') {
    Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
      configurable: true,
      writable: true,
      value: function transferToFixedLength(this: ArrayBuffer, length?: number) {
        const n = length ?? this.byteLength;
        const out = new ArrayBuffer(n);
        new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(n, this.byteLength)));
        return out;
      },
    });
  }
}

/**
 * Limits for hostile files: pages read, and text items and ruling lines kept of a page and of
 * the whole document (a report has a few hundred of each a page). pdf.js parses a page before
 * its items can be counted, so the document's budget is what bounds the time a PDF takes.
 */
export const pdfLimits = { pages: 60, rulesPerPage: 20000, itemsPerPage: 20000, items: 60_000, rules: 60_000 };

interface Run {
  text: string;
  x: number;
  y: number;
  w: number;
  size: number;
  page: number;
}
interface HRule {
  y: number;
  x0: number;
  x1: number;
}
interface VRule {
  x: number;
  y0: number;
  y1: number;
}

type Matrix = [number, number, number, number, number, number];
function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}
function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Thin filled or stroked rectangles and lines: the table's borders. */
function rulesOf(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: Record<string, number>): { h: HRule[]; v: VRule[] } {
  const h: HRule[] = [];
  const v: VRule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let i = 0; i < ops.fnArray.length && h.length + v.length < pdfLimits.rulesPerPage; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      if (paint === OPS.endPath) continue; // clipping paths
      const mm = args[2] as ArrayLike<number> | null;
      if (!mm || mm.length < 4) continue;
      const [ax, ay] = apply(ctm, mm[0] as number, mm[1] as number);
      const [bx, by] = apply(ctm, mm[2] as number, mm[3] as number);
      const x0 = Math.min(ax, bx);
      const x1 = Math.max(ax, bx);
      const y0 = Math.min(ay, by);
      const y1 = Math.max(ay, by);
      const w = x1 - x0;
      const ht = y1 - y0;
      if (ht <= 2.5 && w > 3) h.push({ y: (y0 + y1) / 2, x0, x1 });
      else if (w <= 2.5 && ht > 3) v.push({ x: (x0 + x1) / 2, y0, y1 });
    }
  }
  return { h, v };
}

interface CellBox {
  top: number;
  bottom: number;
  left: number;
  right: number;
  runs: Run[];
}

/**
 * Segments [lo, hi] with a key (a rule's x, or y), for nearest-key queries among the segments
 * that contain a point: a segment tree over the endpoints whose nodes hold their segments sorted
 * by key. O(n log n) to build, O(log² n) a query — never a scan of every rule for every run.
 */
export class Segments {
  private readonly ends: Float64Array;
  private readonly size: number;
  private readonly nodes: Int32Array[];
  private readonly keys: Float64Array;

  constructor(lo: readonly number[], hi: readonly number[], keys: readonly number[]) {
    // Half-open [lo, hi + ε): a point on hi is inside, as with a closed segment.
    const top = hi.map((v) => v + 1e-7);
    this.ends = Float64Array.from(new Set([...lo, ...top])).sort();
    this.keys = Float64Array.from(keys);
    let size = 1;
    while (size < Math.max(1, this.ends.length)) size *= 2;
    this.size = size;
    const lists: number[][] = Array.from({ length: 2 * size }, () => []);
    for (let i = 0; i < lo.length; i++) {
      let a = this.slab(lo[i] as number) + size;
      let b = this.slab(top[i] as number) + size; // exclusive
      while (a < b) {
        if (a & 1) (lists[a++] as number[]).push(i);
        if (b & 1) (lists[--b] as number[]).push(i);
        a >>= 1;
        b >>= 1;
      }
    }
    const k = this.keys;
    this.nodes = lists.map((l) => Int32Array.from(l.sort((x, y) => (k[x] as number) - (k[y] as number) || x - y)));
  }

  /** The index of the last endpoint ≤ v (−1 before the first). */
  private slab(v: number): number {
    let a = 0;
    let b = this.ends.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if ((this.ends[m] as number) <= v) a = m + 1;
      else b = m;
    }
    return a - 1;
  }

  /** Of the segments containing `point`, the one with the greatest key below `key` (`below`), or the least above it; ties: the first drawn. */
  nearest(point: number, key: number, below: boolean): number | undefined {
    const slab = this.slab(point);
    if (slab < 0) return undefined;
    const k = this.keys;
    let best: number | undefined;
    for (let n = slab + this.size; n >= 1; n >>= 1) {
      const list = this.nodes[n] as Int32Array;
      if (!list.length) continue;
      // First position with key ≥ `key` (below) or > `key` (above).
      let a = 0;
      let b = list.length;
      while (a < b) {
        const m = (a + b) >> 1;
        const km = k[list[m] as number] as number;
        if (below ? km < key : km <= key) a = m + 1;
        else b = m;
      }
      let pick: number | undefined;
      if (below) {
        if (a === 0) continue;
        // The first drawn of the segments with that key.
        const kk = k[list[a - 1] as number] as number;
        let c = 0;
        let d = a - 1;
        while (c < d) {
          const m = (c + d) >> 1;
          if ((k[list[m] as number] as number) < kk) c = m + 1;
          else d = m;
        }
        pick = list[c];
      } else {
        if (a === list.length) continue;
        pick = list[a];
      }
      if (pick === undefined) continue;
      if (best === undefined) best = pick;
      else {
        const kb = k[best] as number;
        const kp = k[pick] as number;
        if ((below ? kp > kb : kp < kb) || (kp === kb && pick < best)) best = pick;
      }
    }
    return best;
  }
}

/** A page's ruling lines, indexed for {@link cellOf}. */
interface Rules {
  h: HRule[];
  v: VRule[];
  /** Vertical rules by the y they span, keyed by x. */
  vi: Segments;
  /** Horizontal rules by the x they span, keyed by y. */
  hi: Segments;
}

function indexRules(h: HRule[], v: VRule[]): Rules {
  return {
    h,
    v,
    vi: new Segments(v.map((s) => s.y0 - 0.5), v.map((s) => s.y1 + 0.5), v.map((s) => s.x)),
    hi: new Segments(h.map((s) => s.x0 - 0.5), h.map((s) => s.x1 + 0.5), h.map((s) => s.y)),
  };
}

/** The box of ruling lines around a run: the nearest rules left, right, above and below its centre. */
function cellOf(r: Run, rules: Rules): Omit<CellBox, 'runs'> | undefined {
  const cx = r.x + Math.min(r.w, r.size) / 2;
  const cy = r.y + r.size * 0.35;
  const li = rules.vi.nearest(cy, cx, true);
  const ri = rules.vi.nearest(cy, cx, false);
  if (li === undefined || ri === undefined) return undefined;
  const left = rules.v[li] as VRule;
  const right = rules.v[ri] as VRule;
  const ti = rules.hi.nearest(cx, cy, false);
  const bi = rules.hi.nearest(cx, cy, true);
  let top = ti === undefined ? Infinity : (rules.h[ti] as HRule).y;
  let bottom = bi === undefined ? -Infinity : (rules.h[bi] as HRule).y;
  // A row cut by a page break has no border on that side: its side borders end there.
  if (!Number.isFinite(top)) top = Math.min(left.y1, right.y1);
  if (!Number.isFinite(bottom)) bottom = Math.max(left.y0, right.y0);
  return { top, bottom, left: left.x, right: right.x };
}

/** Whether runs in a box lie side by side with wide gaps (several cells, not one). */
function spansCells(runs: readonly Run[]): boolean {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as Run;
    const b = sorted[i] as Run;
    if (Math.abs(a.y - b.y) < a.size * 0.5 && b.x - (a.x + a.w) > a.size * 1.5) return true;
  }
  return false;
}

const PAGE_NUMBER = /^(?:[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d+\s*页.*|\d+\s*\/\s*\d+)$/;

function joinRuns(runs: Run[]): string {
  let s = '';
  let prev: Run | undefined;
  for (const r of runs) {
    if (prev && Math.abs(prev.y - r.y) < prev.size * 0.5) {
      const gap = r.x - (prev.x + prev.w);
      // A wide gap separates table cells drawn without borders: two spaces split them again.
      if (gap > prev.size * 1.2) s += '  ';
      else if (gap > prev.size * 0.6 && /[\x21-\x7e]$/.test(s) && /^[\x21-\x7e]/.test(r.text)) s += ' ';
    }
    s += r.text;
    prev = r;
  }
  return s;
}

/** Reads a PDF into lines and table cells. */
export async function pdfDoc(bytes: Uint8Array): Promise<SourceDoc> {
  polyfill();
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const g = globalThis as { pdfjsWorker?: unknown };
  // The worker's code on the main thread: no worker URL to configure, in Node or a browser.
  if (!g.pdfjsWorker) g.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const task = pdfjs.getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    throw new ImportError('pdf-unreadable', `not a readable PDF: ${e instanceof Error ? e.message : String(e)}`);
  }
  const OPS = pdfjs.OPS as unknown as Record<string, number>;
  const blocks: { page: number; top: number; left: number; item?: Item; cell?: CellBox }[] = [];
  const pages = Math.min(doc.numPages, pdfLimits.pages);
  let itemCount = 0;
  let ruleCount = 0;
  const overBudget = async (over: boolean, what: string, p: number) => {
    if (!over) return;
    await task.destroy();
    throw new ImportError('too-complex', `the PDF draws more than ${what} by page ${p} (a report has a few hundred a page)`, { page: p });
  };
  for (let p = 1; p <= pages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    const runs: Run[] = [];
    for (const it of content.items.slice(0, pdfLimits.itemsPerPage)) {
      if (!('str' in it) || !it.str.trim()) continue;
      const t = it.transform as number[];
      runs.push({ text: it.str, x: t[4] as number, y: t[5] as number, w: it.width, size: Math.hypot(t[2] as number, t[3] as number) || it.height || 10, page: p });
    }
    itemCount += runs.length;
    await overBudget(itemCount > pdfLimits.items, `${pdfLimits.items} text runs`, p);
    let found: { h: HRule[]; v: VRule[] } = { h: [], v: [] };
    try {
      found = rulesOf(await page.getOperatorList(), OPS);
    } catch {
      // No geometry: the page is read as lines.
    }
    // What pdf.js keeps of the page (its operator list) is not needed again.
    page.cleanup();
    ruleCount += found.h.length + found.v.length;
    await overBudget(ruleCount > pdfLimits.rules, `${pdfLimits.rules} ruling lines`, p);
    const rules = indexRules(found.h, found.v);
    const cells = new Map<string, CellBox>();
    const free: Run[] = [];
    for (const r of runs) {
      const box = cellOf(r, rules);
      if (!box) {
        free.push(r);
        continue;
      }
      const key = [box.top, box.bottom, box.left, box.right].map((n) => n.toFixed(1)).join(',');
      const cell = cells.get(key) ?? { ...box, runs: [] };
      cell.runs.push(r);
      cells.set(key, cell);
    }
    for (const cell of cells.values()) {
      // A box around several cells (a table drawn with its outer border only) is not a cell.
      if (spansCells(cell.runs)) for (const r of cell.runs) free.push(r);
      else blocks.push({ page: p, top: cell.top, left: cell.left, cell });
    }
    // Free text: lines by baseline.
    free.sort((a, b) => b.y - a.y || a.x - b.x);
    const lines: Run[][] = [];
    for (const r of free) {
      const last = lines[lines.length - 1];
      if (last && Math.abs((last[0] as Run).y - r.y) < r.size * 0.5) last.push(r);
      else lines.push([r]);
    }
    for (const l of lines) {
      l.sort((a, b) => a.x - b.x);
      const first = l[0] as Run;
      const lastRun = l[l.length - 1] as Run;
      const text = joinRuns(l).trim();
      if (!text || PAGE_NUMBER.test(text)) continue;
      blocks.push({
        page: p,
        top: first.y + first.size,
        left: first.x,
        item: { kind: 'line', text, loc: { page: p } },
        ...{ right: lastRun.x + lastRun.w, size: first.size, baseline: first.y },
      } as (typeof blocks)[number]);
    }
  }
  if (!blocks.length && pages > 0) {
    await task.destroy();
    throw new ImportError('pdf-no-text', `the PDF has no text layer (${pages} page(s), a scan?): it must be run through OCR first`);
  }
  blocks.sort((a, b) => a.page - b.page || b.top - a.top || a.left - b.left);

  // Rejoin wrapped paragraph lines; group consecutive cells into tables.
  const items: Item[] = [];
  // A loop, not Math.max(...blocks): a spread over a huge page overflows the stack.
  let maxRight = 0;
  for (const b of blocks) maxRight = Math.max(maxRight, (b as { right?: number }).right ?? 0);
  let table: { tokens: Token[]; cells: CellBox[]; page: number } | undefined;
  let tables = 0;
  let prevLine: { right: number; size: number; baseline: number; page: number; left: number; tabular: boolean } | undefined;
  const closeTable = () => {
    if (!table) return;
    tables++;
    // Row and column numbers by first appearance (rows) and by position (columns): maps, not indexOf per cell.
    const tops = new Map<string, number>();
    for (const c of table.cells) {
      const key = `${table.page}:${c.top.toFixed(1)}`;
      if (!tops.has(key)) tops.set(key, tops.size + 1);
    }
    const lefts = new Map([...new Set(table.cells.map((c) => c.left.toFixed(1)))].sort((a, b) => Number(a) - Number(b)).map((l, i) => [l, i + 1]));
    table.tokens.forEach((t, i) => {
      const c = (table as { cells: CellBox[] }).cells[i] as CellBox;
      t.loc = { ...t.loc, table: tables, row: (tops.get(`${t.loc.page}:${c.top.toFixed(1)}`) ?? 0), column: lefts.get(c.left.toFixed(1)) ?? 0 };
    });
    items.push({ kind: 'table', tokens: table.tokens, loc: { table: tables } });
    table = undefined;
  };
  for (const b of blocks) {
    if (b.cell) {
      prevLine = undefined;
      const c = b.cell;
      c.runs.sort((x, y) => y.y - x.y || x.x - y.x);
      const text = joinRuns(c.runs).trim();
      table ??= { tokens: [], cells: [], page: b.page };
      const loc: Loc = { page: b.page };
      table.tokens.push({ text, n: norm(text), row: b.page * 1e6 + Math.round(c.top * 10), span: [c.left, c.right], loc });
      table.cells.push(c);
      continue;
    }
    closeTable();
    const line = b as unknown as { right: number; size: number; baseline: number; page: number; left: number; item: Extract<Item, { kind: 'line' }> };
    const prev = prevLine;
    const last = items[items.length - 1];
    // Lines with cell gaps are table rows drawn without borders: never rejoined.
    const tabular = line.item.text.includes('  ');
    const cont =
      prev &&
      !tabular &&
      !prev.tabular &&
      last?.kind === 'line' &&
      prev.right >= maxRight - prev.size * 1.5 &&
      line.left <= prev.left + line.size * 0.5 &&
      // Official documents set 三号 type (16 pt) on a fixed 28–30 pt line: up to about twice the size.
      (line.page === prev.page ? prev.baseline - line.baseline < line.size * 2.1 : line.page === prev.page + 1);
    items.push(cont ? { ...line.item, cont: true } : { ...line.item });
    prevLine = { right: line.right, size: line.size, baseline: line.baseline, page: line.page, left: line.left, tabular };
  }
  closeTable();
  await task.destroy();
  return {
    form: 'pdf',
    items,
    titles: [],
    dateLines: items.filter((i): i is Extract<Item, { kind: 'line' }> => i.kind === 'line').map((i) => ({ text: i.text, loc: i.loc })),
    notes: doc.numPages > pages ? [{ code: 'pages-skipped', message: `only the first ${pages} of ${doc.numPages} pages were read` }] : [],
  };
}
