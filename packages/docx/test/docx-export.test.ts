import mammoth from 'mammoth';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { taxonomy, withCell } from '@disclosure-report/core';
import { toDocx } from '../src/index.js';
import { expectedReport } from '../../core/test/shared.js';

type Node = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; value?: string };
const all = (n: Node, pred: (n: Node) => boolean, out: Node[] = []): Node[] => {
  if (pred(n)) out.push(n);
  for (const c of n.childNodes ?? []) all(c, pred, out);
  return out;
};
const text = (n: Node): string => (n.nodeName === '#text' ? (n.value ?? '') : (n.childNodes ?? []).map(text).join(''));

/** Resolves a table's grid (colspan/rowspan) into rows of cell texts. */
function grid(table: Node): string[][] {
  const out: string[][] = [];
  all(table, (n) => n.nodeName === 'tr').forEach((tr, r) => {
    out[r] ??= [];
    let c = 0;
    for (const td of (tr.childNodes ?? []).filter((n) => n.nodeName === 'td' || n.nodeName === 'th')) {
      while (out[r]?.[c] !== undefined) c++;
      const rs = Number(td.attrs?.find((a) => a.name === 'rowspan')?.value ?? 1);
      const cs = Number(td.attrs?.find((a) => a.name === 'colspan')?.value ?? 1);
      for (let i = 0; i < rs; i++) for (let j = 0; j < cs; j++) ((out[r + i] ??= [])[c + j] = text(td).trim());
      c += cs;
    }
  });
  return out;
}

describe('Word export', () => {
  it('opens with a docx reader and shows the numbers in the right cells', async () => {
    let report = expectedReport('chenjiaba-2023');
    report = withCell(withCell(withCell(report, 'requests.denied.stateSecret.research', 7), 'reviews.litigationDirect.pending', 3), 'active.fees.amount', 25.1);
    report = withCell(report, 'requests.granted.commercial', null);
    const bytes = await toDocx(report);
    expect(bytes.subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b])); // a zip
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    const doc = parse(html) as unknown as Node;
    const tables = all(doc, (n) => n.nodeName === 'table').map(grid);
    expect(tables).toHaveLength(3);
    const [active, requests, reviews] = tables as [string[][], string[][], string[][]];
    // 表三: row 三/（三）/1.属于国家秘密, column 科研机构 (label columns 3, 自然人 then 商业企业 then 科研机构).
    const secretRow = requests.find((r) => r[2] === '1.属于国家秘密') as string[];
    expect(secretRow.slice(0, 2)).toEqual(['三、本年度办理结果', '（三）不予公开']);
    expect(secretRow.slice(3)).toEqual(['0', '0', '7', '0', '0', '0', '0']);
    expect(requests.find((r) => r[1] === '（一）予以公开')?.slice(3)).toEqual(['0', '', '0', '0', '0', '0', '0']);
    expect(requests[0]?.[3]).toBe('申请人情况');
    expect(requests[1]?.slice(3, 5)).toEqual(['自然人', '法人或其他组织']);
    expect(reviews[1]?.[5]).toBe('未经复议直接起诉');
    expect(reviews[3]?.[8]).toBe('3');
    expect(active.find((r) => r[0] === '行政事业性收费')?.[1]).toBe('25.1');
    expect(requests.slice(3).flatMap((r) => r.slice(3))).toHaveLength(taxonomy('2021').requests.rows.length * 7);
    // The text sections are paragraphs.
    expect(all(doc, (n) => n.nodeName === 'p').map(text)).toContain('无');
  });
});
