import mammoth from 'mammoth';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { type Report, toHtml } from '@disclosure-report/core';
import { toDocx } from '../src/index.js';
import { expectedReport } from '../../core/test/shared.js';
import { xssCorpus } from '../../core/test/hostile/xss.js';

type Node = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; value?: string; content?: Node };
const walk = (n: Node, out: Node[] = []): Node[] => {
  out.push(n);
  for (const c of n.childNodes ?? []) walk(c, out);
  if (n.content) walk(n.content, out);
  return out;
};
const text = (n: Node): string => (n.nodeName === '#text' ? (n.value ?? '') : (n.childNodes ?? []).map(text).join(''));

/** The report with the payload in every text field. */
function hostile(payload: string): Report {
  const seed = expectedReport('chenjiaba-2023');
  return { ...seed, agency: payload, title: payload, sections: { overview: payload, problems: `前文\n${payload}\n后文`, other: payload } };
}

const allowedHtml = new Set(['#document', '#documentType', 'html', 'head', 'body', 'meta', 'title', 'style', '#text', '#comment', 'article', 'h1', 'h2', 'p', 'span', 'time', 'section', 'div', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td']);

describe('hostile text in the exports', () => {
  it.each(xssCorpus.map((p) => [p]))('static HTML keeps %j as text', (payload) => {
    const tree = parse(toHtml(hostile(payload), { page: true })) as unknown as Node;
    const nodes = walk(tree);
    // No element the export did not write itself, no event handler, no URL attribute.
    expect(nodes.map((n) => n.nodeName).filter((name) => !allowedHtml.has(name))).toEqual([]);
    for (const n of nodes) for (const a of n.attrs ?? []) expect(a.name).not.toMatch(/^on|^href$|^src$|^style$/);
    // Exactly one <style> (the export's own) and the payload intact as text.
    expect(nodes.filter((n) => n.nodeName === 'style')).toHaveLength(1);
    const h1 = nodes.find((n) => n.nodeName === 'h1') as Node;
    expect(text(h1)).toBe(payload.replace(/\u0000/g, '\ufffd').replace(/\r\n?/g, '\n'));
  });

  it.each(xssCorpus.map((p) => [p]))('Word keeps %j as text', async (payload) => {
    const bytes = await toDocx(hostile(payload));
    const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    const nodes = walk(parse(value) as unknown as Node);
    const allowed = new Set(['#document', 'html', 'head', 'body', 'h1', 'h2', 'p', 'table', 'tbody', 'tr', 'td', 'th', 'strong', 'thead', '#text']);
    expect(nodes.map((n) => n.nodeName).filter((name) => !allowed.has(name))).toEqual([]);
    // The text survives (Word has no NUL: the exporter's library drops it).
    expect(text(nodes.find((n) => n.nodeName === 'h1' || n.nodeName === 'p') as Node)).toContain(payload.replace(/\u0000/g, '').slice(0, 5));
  });
});
