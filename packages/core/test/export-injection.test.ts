/**
 * Injection through what the project writes: JSON pasted into a page's script element, values
 * of an unvalidated document in the static HTML, formulas in the CSV that spreadsheets evaluate.
 */
import fc from 'fast-check';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import {
  type Report,
  batchCsvLines,
  batchNdjsonLines,
  blankReport,
  csvSafeText,
  fromCsv,
  parseCsv,
  printCss,
  readCsvSafeText,
  scriptSafeJson,
  staticStyles,
  toCsv,
  toHtml,
  toJson,
  withCell,
} from '../src/index.js';
import { consistentReport } from './arbitraries.js';
import { xssCorpus } from './hostile/xss.js';
import { expectedReport } from './shared.js';

const seed = () => expectedReport('chenjiaba-2023');
const breakout = '</script><img src=x onerror=alert(1)>';
const hostile = (): Report => ({
  ...seed(),
  agency: breakout,
  title: `<!--<script>${breakout}`,
  sections: { overview: `第一段\u2028第二段\u2029<!--<script>`, problems: '</SCRIPT >& &amp; <\/script>', other: xssCorpus.join('\n') },
});

describe('JSON for a script element (toJson)', () => {
  it('writes no < > & U+2028 U+2029, and parses back to the same document', () => {
    for (const space of [undefined, 2, '\t']) {
      const json = toJson(hostile(), { space });
      expect(json).not.toMatch(/[<>&\u2028\u2029]/);
      expect(JSON.parse(json)).toEqual(hostile());
    }
    expect(toJson(hostile())).toContain('"agency":"\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e"');
    expect(toJson(hostile(), { space: 2 })).toContain('\\u2028第二段\\u2029\\u003c!--\\u003cscript\\u003e');
    // Otherwise exactly JSON.stringify: indentation, key order, Chinese as it is.
    expect(toJson(seed(), { space: 2 })).toBe(JSON.stringify(seed(), null, 2));
  });

  it('keeps any text intact (property): backslashes and escapes around the replaced characters', () => {
    const text = fc.string({ unit: fc.constantFrom('<', '>', '&', '\u2028', '\u2029', '\\', '"', 'u', '0', '3', 'c', '/', '!', '-', '国', '\n') });
    fc.assert(
      fc.property(text, text, (agency, other) => {
        const r = { ...seed(), agency, sections: { ...seed().sections, other } };
        const json = toJson(r, { space: 2 });
        expect(json).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(json)).toEqual(r);
      }),
    );
  });

  it('refuses an indentation that would not be JSON', () => {
    expect(() => scriptSafeJson({}, '<!--')).toThrow(RangeError);
  });

  it('NDJSON lines are as safe', () => {
    const lines = batchNdjsonLines(`${breakout}.json`, hostile());
    expect(lines.join('\n')).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ file: `${breakout}.json`, agency: breakout });
  });
});

type Node = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; value?: string };
const walk = (n: Node, out: Node[] = []): Node[] => {
  out.push(n);
  for (const c of n.childNodes ?? []) walk(c, out);
  return out;
};
const text = (n: Node): string => (n.nodeName === '#text' ? (n.value ?? '') : (n.childNodes ?? []).map(text).join(''));
// Everything toHtml writes itself: a value of the document must never add to it.
const ownElements = new Set(['#document', '#documentType', '#text', 'html', 'head', 'body', 'meta', 'title', 'style', 'link', 'article', 'h1', 'h2', 'p', 'span', 'time', 'section', 'div', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td']);
const ownAttributes = new Set(['lang', 'charset', 'name', 'content', 'rel', 'href', 'class', 'id', 'scope', 'rowspan', 'colspan', 'headers', 'tabindex', 'role', 'aria-label', 'datetime']);

describe('static HTML of a document nobody validated', () => {
  for (const payload of xssCorpus) {
    it(`escapes every value: ${JSON.stringify(payload).slice(0, 40)}`, () => {
      // As an API user may pass it (`as any`): wrong types in every field, markup in every string.
      let doc = {
        ...seed(),
        agency: payload,
        title: payload,
        year: payload,
        publishedOn: payload,
        bodyType: payload,
        sections: { overview: payload, problems: payload, other: payload },
      } as unknown as Report;
      doc = withCell(doc, 'requests.granted.total', payload as unknown as number);
      for (const html of [toHtml(doc), toHtml(doc, { page: true, idPrefix: payload, stylesheet: payload })]) {
        const nodes = walk(parse(html) as unknown as Node);
        expect(nodes.map((n) => n.nodeName).filter((n) => !ownElements.has(n) && n !== '#comment')).toEqual([]);
        expect(nodes.filter((n) => n.nodeName === '#comment')).toEqual([]);
        const attrs = nodes.flatMap((n) => (n.attrs ?? []).map((a) => a.name));
        expect(attrs.filter((a) => !ownAttributes.has(a) && !a.startsWith('data-'))).toEqual([]);
        const byline = nodes.find((n) => n.attrs?.some((a) => a.name === 'class' && a.value === 'byline')) as Node;
        expect(text(byline)).toContain(payload.replace(/\0/g, '\ufffd'));
      }
    });
  }

  it('writes year and publishedOn escaped, in the text and in datetime', () => {
    const doc = { ...seed(), year: '<img src=x onerror=alert(1)>', publishedOn: '"><img src=x onerror=alert(1)>' } as unknown as Report;
    const html = toHtml(doc);
    expect(html).not.toContain('<img');
    expect(html).toContain('<span class="year">&#60;img src=x onerror=alert(1)&#62;</span>');
    expect(html).toContain('<time datetime="&#34;&#62;&#60;img src=x onerror=alert(1)&#62;">');
  });
});

describe('static page under a strict CSP', () => {
  it('links a stylesheet instead of an inline <style> when asked, and printCss() is its content', () => {
    const inline = toHtml(seed(), { page: true });
    expect(inline).toContain('<style>');
    const linked = toHtml(seed(), { page: true, stylesheet: '年报 #1.css' });
    expect(linked).not.toMatch(/<style|style=/);
    expect(linked).toContain('<link rel="stylesheet" href="年报 #1.css">');
    expect(printCss()).toBe(staticStyles.trimStart());
    expect(printCss()).toContain('@media print');
    // A fragment has no head: the option is for pages only.
    expect(toHtml(seed(), { stylesheet: 'x.css' })).not.toContain('<link');
  });
});

describe('CSV formula injection', () => {
  const triggers = ['=', '+', '-', '@', '\t', '\r'];
  const formulas = ['=HYPERLINK("http://x","点击")', '+1+1', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1,1)', '\t=1+1', '\r=1+1', "'=1+1", "''+1"];
  // What a spreadsheet would evaluate as a formula: the cell's text (after CSV unquoting) starts
  // with a trigger and is not a plain number (`-3` is read as the number it is).
  const evaluated = (field: string) => triggers.some((t) => field.startsWith(t)) && !/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(field);

  it('no text field starts with = + - @ tab or CR; numbers, negative ones included, stay numbers', () => {
    let r: Report = blankReport('2019', { agency: formulas[0] as string, year: 2020, title: formulas[1] as string });
    r = { ...r, sections: { overview: formulas[2] as string, problems: formulas[3] as string, other: formulas.slice(4).join('') } };
    r = withCell(r, 'active.penalties.change', -3);
    const rows = parseCsv(toCsv(r));
    for (const row of rows) for (const field of row) expect(evaluated(field), JSON.stringify(field)).toBe(false);
    expect(rows).toContainEqual(['agency', '', '机关名称', '', `'${formulas[0]}`]);
    expect(rows.find((row) => row[0] === 'active.penalties.change')?.[4]).toBe('-3');
    expect(fromCsv(toCsv(r))).toEqual(r);
  });

  it('batch lines too, the file name included', () => {
    const r = withCell({ ...blankReport('2019', { agency: '=1+1', year: 2020 }) }, 'active.penalties.change', -3);
    const lines = batchCsvLines('-x.json', r);
    for (const line of lines) for (const field of parseCsv(line)[0] as string[]) expect(evaluated(field), JSON.stringify(field)).toBe(false);
    expect(lines.find((l) => l.includes('active.penalties.change'))).toMatch(/^'-x\.json,'=1\+1,2020,2019,active\.penalties\.change,.*,-3$/);
  });

  it('reads every text back exactly, apostrophes included (property)', () => {
    const text = fc.string({ unit: fc.constantFrom("'", ...triggers, '1', 'a', '国', ' ', '"', ',', '\n', 'e', '.'), maxLength: 8 });
    fc.assert(
      fc.property(text, (t) => {
        expect(readCsvSafeText(csvSafeText(t))).toBe(t);
        expect(evaluated(csvSafeText(t))).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(consistentReport('2021'), consistentReport('2019')), text, text, (report, a, b) => {
        const r = { ...report, agency: a, title: `${b}${a}`, sections: { ...report.sections, problems: b } };
        expect(fromCsv(toCsv(r))).toEqual(r);
      }),
      { numRuns: 50 },
    );
  });
});
