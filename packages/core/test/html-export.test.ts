import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { taxonomy, toHtml, withCell } from '../src/index.js';
import { expectedReport } from './shared.js';

const seed = () => expectedReport('chenjiaba-2023');
type Node = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; value?: string };
const all = (n: Node, pred: (n: Node) => boolean, out: Node[] = []): Node[] => {
  if (pred(n)) out.push(n);
  for (const c of n.childNodes ?? []) all(c, pred, out);
  return out;
};
const attr = (n: Node, name: string) => n.attrs?.find((a) => a.name === name)?.value;
const text = (n: Node): string => (n.nodeName === '#text' ? (n.value ?? '') : (n.childNodes ?? []).map(text).join(''));

describe('static HTML export', () => {
  const doc = parse(toHtml(withCell(seed(), 'requests.granted.research', null), { page: true })) as unknown as Node;

  it('has every cell once with its value, blank marked as blank', () => {
    const tds = all(doc, (n) => n.nodeName === 'td' && !!attr(n, 'data-cell'));
    expect(tds.map((n) => attr(n, 'data-cell'))).toEqual(taxonomy('2021').cells.map((c) => c.id));
    const blank = tds.find((n) => attr(n, 'data-cell') === 'requests.granted.research') as Node;
    expect(attr(blank, 'data-blank')).toBe('');
    expect(text(blank)).toBe('');
    expect(text(tds[0] as Node)).toBe('0');
  });

  it('points every number at existing headers, and uses captions and scopes', () => {
    const ids = new Set(all(doc, (n) => n.nodeName === 'th').map((n) => attr(n, 'id')));
    for (const td of all(doc, (n) => n.nodeName === 'td' && !!attr(n, 'headers'))) {
      for (const h of (attr(td, 'headers') as string).split(' ')) expect(ids.has(h), h).toBe(true);
    }
    expect(all(doc, (n) => n.nodeName === 'caption').map(text)).toEqual(['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);
    expect(all(doc, (n) => n.nodeName === 'th' && !attr(n, 'scope'))).toEqual([]);
    expect(all(doc, (n) => n.nodeName === 'script')).toEqual([]);
  });

  it('carries the metadata on the article: data-body-type only when stated', () => {
    const article = (html: string) => all(parse(html) as unknown as Node, (n) => n.nodeName === 'article')[0] as Node;
    const plain = article(toHtml(seed()));
    expect(attr(plain, 'data-agency')).toBe('陈家坝镇人民政府');
    expect(attr(plain, 'data-body-type')).toBeUndefined();
    expect(attr(article(toHtml({ ...seed(), bodyType: 'government' })), 'data-body-type')).toBe('government');
    expect(attr(article(toHtml({ ...seed(), bodyType: 'department' })), 'data-body-type')).toBe('department');
  });

  it('prints an amount as given: exact to the 分, never cut to 4 decimals', () => {
    const tree = parse(toHtml(withCell(seed(), 'active.fees.amount', 4166.241619))) as unknown as Node;
    const td = all(tree, (n) => n.nodeName === 'td' && attr(n, 'data-cell') === 'active.fees.amount')[0] as Node;
    expect(text(td)).toBe('4166.241619');
  });

  it('renders report text as text, never as markup', () => {
    const hostile = { ...seed(), agency: '<img src=x onerror=alert(1)>', sections: { ...seed().sections, other: '<script>alert(1)</script>\n"quoted" & \'single\'' } };
    const html = toHtml(hostile);
    const tree = parse(html) as unknown as Node;
    expect(all(tree, (n) => n.nodeName === 'img' || n.nodeName === 'script')).toEqual([]);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    const other = all(tree, (n) => n.nodeName === 'section' && attr(n, 'data-section') === 'other')[0] as Node;
    expect(all(other, (n) => n.nodeName === 'p').map(text)).toEqual(['<script>alert(1)</script>', '"quoted" & \'single\'']);
  });
});
