import { type FormatId, type Report, blankReport, taxonomy, withCell } from '@disclosure-report/core';
import seedJson from '@shared/corpus/chenjiaba-2023/expected.json';
import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, vi } from 'vitest';
import cityJson from '../../../apps/demo/reports/shifan-natural-resources-2023.json';
import '../src/index.js';
import type { DisclosureReportElement } from '../src/index.js';

/** The seed report of the corpus (a real one, all zeros). */
export const seed = seedJson as unknown as Report;

/** The demo's city report: （一）予以公开·总计 printed 231 where its parts add up to 213 (core pinpoints it). */
export const city = cityJson as unknown as Report;

/**
 * Every test of the file on a clean page: Chinese as the page's language, no drafts left in
 * localStorage by another test, no element or mock left behind.
 */
export function cleanPageEachTest(): void {
  beforeEach(() => {
    document.documentElement.lang = 'zh-CN';
    localStorage.clear();
  });
  afterEach(() => {
    cleanup();
    localStorage.clear();
    vi.restoreAllMocks();
  });
}

/** A report where every cell holds a different number (its reading-order index + 1). */
export function numberedReport(format: FormatId = '2021'): Report {
  let report = blankReport(format, { agency: '测试市测试局', year: format === '2021' ? 2023 : 2020 }) as Report;
  for (const cell of taxonomy(format).cells) {
    report = withCell(report, cell.id, cell.kind === 'amount' ? cell.index + 0.5 : cell.index + 1);
  }
  return report;
}

const mounted: Element[] = [];

/** Mounts HTML in the document and returns the first element. */
export function mount<T extends Element = HTMLElement>(markup: string, parent: Element = document.body): T {
  const template = document.createElement('template');
  template.innerHTML = markup;
  const el = template.content.firstElementChild as T;
  parent.append(template.content);
  mounted.push(el);
  return el;
}

export function cleanup(): void {
  for (const el of mounted.splice(0)) el.remove();
  document.body.replaceChildren();
}

/** Waits until an element has settled (any `src` request answered) and rendered. */
export async function settled(el: Element): Promise<void> {
  await (el as unknown as { whenLoaded(): Promise<unknown> }).whenLoaded();
}

/** Waits for `n` animation frames (what the browser decides after layout, e.g. scroll-state queries). */
export async function frames(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
}

/** Mounts `<disclosure-report mode="edit">` with a report and waits until it has rendered. */
export async function renderEditor(report: Report, attrs = '', parent?: Element): Promise<DisclosureReportElement> {
  const el = mount<DisclosureReportElement>(`<disclosure-report mode="edit" ${attrs}></disclosure-report>`, parent);
  el.report = report;
  await settled(el);
  return el;
}

/** The input of a cell in edit mode. */
export const inputOf = (el: DisclosureReportElement, id: string) =>
  el.shadowRoot!.querySelector<HTMLInputElement>(`td[data-cell="${id}"] input`)!;

/** A cell's position in the table grid, honouring rowspan and colspan (the HTML table model). */
export interface GridPos {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export function tableGrid(table: HTMLTableElement): Map<HTMLTableCellElement, GridPos> {
  const occupied: boolean[][] = [];
  const positions = new Map<HTMLTableCellElement, GridPos>();
  Array.from(table.rows).forEach((tr, r) => {
    let c = 0;
    for (const cell of Array.from(tr.cells)) {
      while (occupied[r]?.[c]) c++;
      const rowSpan = Math.max(1, cell.rowSpan);
      const colSpan = Math.max(1, cell.colSpan);
      for (let i = 0; i < rowSpan; i++) for (let j = 0; j < colSpan; j++) (occupied[r + i] ??= [])[c + j] = true;
      positions.set(cell, { row: r, col: c, rowSpan, colSpan });
      c += colSpan;
    }
  });
  return positions;
}

export const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Types into a cell as a clerk does: a new visit selects its text, so typing replaces it. */
export async function typeInto(el: DisclosureReportElement, id: string, keys: string): Promise<void> {
  const input = inputOf(el, id);
  if (el.shadowRoot!.activeElement === input) input.blur();
  input.focus();
  await userEvent.keyboard(keys);
  await el.updateComplete;
}

const served = new Map<string, string>();
let servedCount = 0;
/**
 * Serves a body at a relative http URL (the only kind `src` and `packs-src` fetch) through a
 * fetch spy: `/__<kind>__/<n>.json`. Other URLs go to the real fetch. Restore with vi.restoreAllMocks.
 */
export function servedUrl(value: unknown, kind = 'reports'): string {
  const url = `/__${kind}__/${++servedCount}.json`;
  served.set(url, typeof value === 'string' ? value : JSON.stringify(value));
  if (!vi.isMockFunction(globalThis.fetch)) {
    const real = globalThis.fetch.bind(globalThis);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const body = served.get(new URL(href, location.href).pathname);
      return body === undefined ? real(input, init) : new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
  }
  return url;
}

/**
 * Catches the files the element offers for download (an object URL clicked as a link): their
 * names and contents. Restore with vi.restoreAllMocks.
 */
export function captureDownloads(): { names: string[]; blobs: Blob[] } {
  const out = { names: [] as string[], blobs: [] as Blob[] };
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    out.blobs.push(b as Blob);
    return 'blob:test';
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    out.names.push(this.download);
  });
  return out;
}
