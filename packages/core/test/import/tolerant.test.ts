/** Tolerant reading: label matching by similarity, and findings on what was (not) read. */
import { describe, expect, it } from 'vitest';
import { check, taxonomy, withCell } from '../../src/index.js';
import { checkImported, importFindings, importText } from '../../src/import/index.js';
import { LabelSet, norm, similarLabels } from '../../src/import/normalize.js';
import { expectedReport } from '../shared.js';
import { renderRowsText } from './render.js';

const seed = expectedReport('chenjiaba-2023');
const rows = new LabelSet(taxonomy('2021').requests.rows.map((r) => ({ value: r.key, label: (r.labels.at(-1) as { 'zh-CN': string })['zh-CN'] })));

describe('labels by similarity', () => {
  it.each([
    ['2.其他法律行政止公开', 'denied.prohibitedByLaw'], // characters missing (a real report)
    ['2.其他法律行政法规禁上公开', 'denied.prohibitedByLaw'], // a character wrong
    ['1.本机关不掌握相关的政府信息', 'unavailable.notHeld'], // a character added
    ['3.补正后申请内容仍然不明确', 'unavailable.stillUnclear'],
  ])('「%s」 is read as %s, as a fuzzy match (a guess to note)', (text, key) => {
    expect(rows.match(norm(text), true, true)).toMatchObject({ value: key, kind: 'fuzzy' });
    // Not without asking for it (strict reading).
    expect(rows.match(norm(text), true, false)).toBeUndefined();
  });

  it('never guesses between labels that differ only in their numbering, or for short labels', () => {
    expect(rows.match(norm('5.重复申清'), true, true)).toBeUndefined(); // 重复申请 is 2.
    expect(rows.match(norm('重申'), true, true)).toBeUndefined();
    expect(rows.match(norm('本年度工作很好'), true, true)).toBeUndefined();
    expect(similarLabels('规章', '规范')).toBe(0);
  });
});

describe('findings on an imported source', () => {
  const text = renderRowsText(seed).replace(/(（一）予以公开 \| )\d+/, '$1若干');

  it('a cell not read is an import.unread-cell warning; rules that read it are not checked, the others are', () => {
    const r = importText(text);
    expect(r.completeness.unread).toEqual(['requests.granted.naturalPerson']);
    const findings = checkImported(r);
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'import.unread-cell', severity: 'warning', target: 'requests.granted.naturalPerson', cells: ['requests.granted.naturalPerson'] }),
    );
    // The same report as a document: rules read the blank cell (blank-cell, the sums); imported, they are not checked.
    const plain = check(r.report);
    expect(plain).toContainEqual(expect.objectContaining({ rule: 'blank-cell', target: 'requests.granted.naturalPerson' }));
    // A sum over the unread cell, broken elsewhere: as a document it is an error; imported, it cannot be checked.
    const sumBroken = { ...r, report: withCell(r.report, 'requests.granted.total', 5) };
    expect(check(sumBroken.report)).toContainEqual(expect.objectContaining({ rule: 'requests.row-total', target: 'granted', severity: 'error' }));
    expect(checkImported(sumBroken).filter((f) => f.rule === 'requests.row-total' && f.target === 'granted')).toEqual([]);
    expect(findings.filter((f) => !f.rule.startsWith('import.') && f.cells.includes('requests.granted.naturalPerson'))).toEqual([]);
    // Another error elsewhere is still found.
    const broken = { ...r, report: withCell(r.report, 'reviews.reconsideration.total', 99) };
    expect(checkImported(broken)).toContainEqual(expect.objectContaining({ rule: 'reviews.total', target: 'reconsideration', severity: 'error' }));
  });

  it('notes become findings in either language; a clean import has only info ones', () => {
    const clean = importText(renderRowsText(seed));
    expect(importFindings(clean).every((f) => f.severity === 'info')).toBe(true);
    const en = importFindings(importText(text), 'en').find((f) => f.rule === 'import.unread-cell');
    expect(en?.message).toMatch(/^cell not read, left blank: .*若干/);
    const zh = importFindings(importText(text)).find((f) => f.rule === 'import.unread-cell');
    expect(zh?.message).toMatch(/^未能读取此单元格，按空白处理：/);
    expect(checkImported(importText(text), { severities: ['error'] }).every((f) => f.severity === 'error')).toBe(true);
  });
});
