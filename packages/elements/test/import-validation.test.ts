/**
 * Edit mode's 导入文件 takes only valid report documents (what core's validateReport accepts),
 * and 导出 JSON writes JSON that is safe to paste into a page's `<script type="application/json">`.
 */
import { type Report, blankReport, taxonomy, textSectionKeys, validateReport, withCell } from '@disclosure-report/core';
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import type { DisclosureReportElement } from '../src/index.js';
import { validateImported } from '../src/edit/validate.js';
import { cleanPageEachTest, mount, seed, settled, text } from './helpers.js';

cleanPageEachTest();

const breakout = '</script><img src=x onerror="window.__pwned=1">';

async function renderEditor(report: Report): Promise<DisclosureReportElement> {
  const form = mount<HTMLFormElement>('<form><disclosure-report mode="edit" name="report"></disclosure-report></form>');
  const el = form.querySelector('disclosure-report') as DisclosureReportElement;
  el.report = report;
  await settled(el);
  return el;
}

const archive2019 = blankReport('2019', { agency: '某局', year: 2020, title: '某局2020年报', publishedOn: '2021-01-15' });
const status = (el: DisclosureReportElement) => text(el.shadowRoot!.querySelector('[part~="edit-status"]'));
const jsonFile = (doc: unknown, name = 'report.json') => new File([JSON.stringify(doc)], name, { type: 'application/json' });

/** Documents that are JSON and pass the light structural check, but are not valid reports. */
const invalid: [string, unknown][] = [
  ['markup in year', { ...seed, year: '<img src=x onerror="window.__pwned=1">' }],
  ['markup in publishedOn', { ...seed, publishedOn: '"><img src=x onerror="window.__pwned=1">' }],
  ['a year out of range', { ...seed, year: 20231 }],
  ['not a calendar date', { ...seed, publishedOn: '2023-02-30' }],
  ['an agency that is not text', { ...seed, agency: { toString: 'x' } }],
  ['a title missing', { ...seed, title: undefined }],
  ['an unknown body type', { ...seed, bodyType: 'ministry' }],
  ['a section that is not text', { ...seed, sections: { ...seed.sections, other: ['<script>'] } }],
  ['an unknown section', { ...seed, sections: { ...seed.sections, extra: '' } }],
  ['a string in a cell', withCell(seed, 'requests.granted.total', '<img>' as unknown as number)],
  ['a negative count', withCell(seed, 'requests.granted.total', -1)],
  ['a fraction in a count', withCell(seed, 'requests.granted.total', 1.5)],
  ['a cell missing', { ...seed, reviews: { ...seed.reviews, reconsideration: { ...seed.reviews.reconsideration, total: undefined } } }],
  ['an unknown cell', { ...seed, requests: { ...seed.requests, granted: { ...seed.requests.granted, bogus: 1 } } }],
  ['an unknown row', { ...seed, active: { ...seed.active, bogus: { issued: 1 } } }],
  ['a table that is a list', { ...seed, active: [] }],
];

describe('导入文件 of a JSON file: only valid report documents', () => {
  test.each(invalid)('refuses %s with a status naming the problem; the report and the form value stay', async (_, doc) => {
    const el = await renderEditor(seed);
    const before = el.value;
    const formValue = new FormData(el.closest('form')!).get('report');
    expect(await el.importFile(jsonFile(doc))).toBe(false);
    await el.updateComplete;
    expect(status(el)).toMatch(/^导入失败：数据不是年度报告文档：\S/);
    expect(el.value).toEqual(before);
    expect(new FormData(el.closest('form')!).get('report')).toBe(formValue);
    expect(el.shadowRoot!.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  test('names the path: year', async () => {
    const el = await renderEditor(seed);
    expect(await el.importFile(jsonFile(invalid[0]![1]))).toBe(false);
    await el.updateComplete;
    expect(status(el)).toContain('year');
  });

  test('takes a valid document, with unknown metadata at the top as the schema allows', async () => {
    const el = await renderEditor(seed);
    const other = { ...withCell({ ...seed, agency: '另一机关' }, 'requests.newReceived.total', 1), source: 'portal' };
    expect(await el.importFile(jsonFile(other, 'other.json'))).toBe(true);
    await el.updateComplete;
    expect(status(el)).toBe('已导入 other.json');
    expect(el.value).toMatchObject({ agency: '另一机关' });
  });

  test('the check (zod-free) refuses and accepts what validateReport does: the cases above', () => {
    for (const [name, doc] of invalid) {
      expect(validateReport(doc).ok, name).toBe(false);
      expect(() => validateImported(doc), name).toThrow(expect.objectContaining({ kind: 'not-a-report' }));
    }
    for (const doc of [seed, { ...seed, publishedOn: null, bodyType: 'department', extra: 1 }, withCell(seed, 'requests.granted.total', null)]) {
      expect(validateReport(doc).ok).toBe(true);
      expect(validateImported(doc)).toEqual(doc);
    }
  });

  test('…and on random documents: any field of the seed set to any JSON value, or removed (property)', () => {
    const paths = [
      ...['format', 'agency', 'year', 'title', 'publishedOn', 'bodyType', 'sections', 'active', 'requests', 'reviews', 'extra'].map((k) => [k]),
      ...textSectionKeys.map((k) => ['sections', k]),
      ['sections', 'extra'],
      ...(['2021', '2019'] as const).flatMap((f) => taxonomy(f).cells.map((c) => c.id.split('.'))),
      ['requests', 'granted', 'extra'],
    ];
    const value = fc.oneof(
      fc.constant(undefined),
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('2021', '2019', 'government', 'department', '2023-01-31', '2023-02-29', '2024-02-29', '', '<img src=x>'),
      fc.constantFrom(0, -0, -1, 1.5, 1989, 1990, 2200, 2201, 2023, 2 ** 53, 1e21, -3),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const docOf = (format: '2021' | '2019') => (format === '2021' ? seed : archive2019);
    fc.assert(
      fc.property(fc.constantFrom<'2021' | '2019'>('2021', '2019'), fc.array(fc.tuple(fc.constantFrom(...paths), value), { minLength: 1, maxLength: 3 }), (format, edits) => {
        const doc = structuredClone(docOf(format)) as unknown as Record<string, unknown>;
        for (const [path, v] of edits) {
          let at: Record<string, unknown> | undefined = doc;
          for (const key of path.slice(0, -1)) at = typeof at?.[key] === 'object' && at[key] !== null ? (at[key] as Record<string, unknown>) : undefined;
          if (!at || Array.isArray(at)) continue;
          const last = path[path.length - 1] as string;
          if (v === undefined) delete at[last];
          else at[last] = v;
        }
        let ours = true;
        try {
          validateImported(doc);
        } catch {
          ours = false;
        }
        expect(ours, JSON.stringify(edits)).toBe(validateReport(doc).ok);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('导出 JSON', () => {
  test('writes JSON with no < > & U+2028 U+2029 that reads back to the report', async () => {
    const hostile = { ...seed, agency: breakout, title: '<!--<script>', sections: { ...seed.sections, overview: '一\u2028二\u2029三 &' } };
    const el = await renderEditor(hostile);
    let href = '';
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      href = this.href;
    });
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-action="export"]')!.click();
    const json = await (await fetch(href)).text();
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(el.value);
    expect(el.value).toMatchObject({ agency: breakout });
  });
});
