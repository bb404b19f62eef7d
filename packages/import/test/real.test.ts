/**
 * Real published reports (corpus/real): each imports to its hand-transcribed cells, and
 * checking it reports exactly the errors its publisher made (its README names them). Then
 * the same page mutated the ways real pages differ from the template: every untouched cell
 * still imports exactly, and every touched one is read or noted.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Finding, type Report, getCell, taxonomy } from '@disclosure-report/core';
import { type ImportResult, checkImported, importHtml, importReport, noteCells } from '../src/index.js';
import { norm } from '../src/normalize.js';
import { realCorpusDir } from '../../core/test/shared.js';

interface RealCase {
  /** Last year's case of the same publisher, for the across-year rules. */
  prev?: string;
  /** The publisher's errors its README names (error and warning level), as findings. */
  errors: Partial<Finding>[];
  agency: string;
  year: number;
  bodyType?: Report['bodyType'];
  publishedOn: string | null;
  /** Whether the strict (all-or-nothing) import refuses it, as every import did before. */
  strictRefuses: boolean;
}

/** What each case's README says; a new case without an entry here fails the test that lists them. */
const readmes: Record<string, RealCase> = {
  'hongze-2023': {
    errors: [
      { rule: 'reviews.total', target: 'reconsideration', severity: 'error', expected: 11, actual: 0 },
      { rule: 'reviews.total', target: 'litigationAfterReconsideration', severity: 'error', expected: 5, actual: 0 },
    ],
    agency: '洪泽区人民政府',
    year: 2023,
    publishedOn: null,
    strictRefuses: true, // the misspelt row and （六） printed as one row
  },
  'pingtan-2024': { errors: [], agency: '平潭综合实验区', year: 2024, bodyType: 'government', publishedOn: '2025-03-10', strictRefuses: false },
  'pingtan-2025': {
    prev: 'pingtan-2024',
    errors: [{ rule: 'prev.in-force', target: 'normativeDocuments', severity: 'warning', expected: 453, actual: 546 }],
    agency: '平潭综合实验区',
    year: 2025,
    bodyType: 'government',
    publishedOn: '2026-03-10',
    strictRefuses: true, // 「4166.241619」: more than 4 decimals
  },
};

const names = readdirSync(realCorpusDir).filter((n) => existsSync(join(realCorpusDir, n, 'expected-cells.json'))).sort();
const sourceOf = (name: string) => {
  const file = readdirSync(join(realCorpusDir, name)).find((f) => f.startsWith('source.')) as string;
  return { file, bytes: new Uint8Array(readFileSync(join(realCorpusDir, name, file))) };
};
const readJson = <T>(name: string, file: string, fallback: T): T =>
  existsSync(join(realCorpusDir, name, file)) ? (JSON.parse(readFileSync(join(realCorpusDir, name, file), 'utf8')) as T) : fallback;

const imported = new Map<string, Promise<ImportResult>>();
function importCase(name: string): Promise<ImportResult> {
  let p = imported.get(name);
  if (!p) {
    const { file, bytes } = sourceOf(name);
    p = importReport(bytes, { fileName: file });
    imported.set(name, p);
  }
  return p;
}

it('every real case has its README transcribed here', () => {
  expect(names.length).toBeGreaterThanOrEqual(3);
  for (const n of names) expect(Object.keys(readmes)).toContain(n);
});

describe.each(names)('real report %s', (name) => {
  const truth = readJson<Record<string, number | null>>(name, 'expected-cells.json', {});
  const notPrinted = new Set(readJson<string[]>(name, 'cells-not-printed.json', []));
  const readme = readmes[name] as RealCase;

  it('imports every printed cell exactly, and says how it read the cells not printed', { timeout: 60_000 }, async () => {
    const r = await importCase(name);
    const printed = Object.keys(truth).filter((id) => !notPrinted.has(id));
    const wrong = printed.filter((id) => !Object.is(getCell(r.report, id), truth[id])).map((id) => `${id}: ${getCell(r.report, id)} ≠ ${truth[id]}`);
    expect(wrong).toEqual([]);
    expect(r.completeness).toMatchObject({ read: 200, expected: 200, unread: [] });
    // Cells the table does not print are filled only where the printed figures decide them, with a note.
    for (const id of notPrinted) {
      expect(getCell(r.report, id)).toBe(truth[id]);
      expect(r.notes.some((n) => noteCells(n).includes(id))).toBe(true);
    }
    expect(r.report).toMatchObject({ agency: readme.agency, year: readme.year, publishedOn: readme.publishedOn });
    expect(r.report.bodyType).toBe(readme.bodyType);
  });

  it("reports exactly the publisher's errors its README names, and nothing else at error level", { timeout: 60_000 }, async () => {
    const r = await importCase(name);
    const previous = readme.prev ? (await importCase(readme.prev)).report : undefined;
    const findings = checkImported(r, previous ? { previous } : {});
    for (const e of readme.errors) expect(findings).toContainEqual(expect.objectContaining(e));
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.rule}[${f.target}]`).sort()).toEqual(
      readme.errors.filter((e) => e.severity === 'error').map((e) => `${e.rule}[${e.target}]`).sort(),
    );
    // A government's report published by 31 March is on time; an unknown date is only info.
    expect(findings.filter((f) => f.rule === 'published.deadline' && f.severity !== 'info')).toEqual([]);
  });

  it('strict import keeps the old all-or-nothing behaviour', { timeout: 60_000 }, async () => {
    const { file, bytes } = sourceOf(name);
    const strict = importReport(bytes, { fileName: file, strict: true });
    if (readme.strictRefuses) await expect(strict).rejects.toThrow();
    else expect((await strict).report.requests).toEqual((await importCase(name)).report.requests);
  });
});

// ------------------------------------------------------------ a real page, mutated

const pageName = 'pingtan-2024';
const page = new TextDecoder().decode(sourceOf(pageName).bytes);
const truth = readJson<Record<string, number | null>>(pageName, 'expected-cells.json', {});
const requestRows = taxonomy('2021').requests.rows;

/** The `<tr>…</tr>` blocks of the page, with their text normalised. */
function rowsOf(html: string): { start: number; end: number; html: string; n: string }[] {
  const out: { start: number; end: number; html: string; n: string }[] = [];
  const re = /<tr[\s>][\s\S]*?<\/tr>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const text = m[0].replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ');
    out.push({ start: m.index, end: m.index + m[0].length, html: m[0], n: norm(text) });
  }
  return out;
}

/** Table 三's leaf rows whose label is printed whole in one `<tr>` without merged cells. */
const mutable = requestRows
  .map((row) => {
    const label = (row.labels.at(-1) as { 'zh-CN': string })['zh-CN'];
    const tr = rowsOf(page).filter((t) => t.n.startsWith(norm(label)) && !/rowspan/i.test(t.html) && t.html.includes(label));
    return tr.length === 1 ? { key: row.key, label } : undefined;
  })
  .filter((r): r is { key: string; label: string } => r !== undefined);

const cellsOf = (key: string) => taxonomy('2021').cells.filter((c) => c.id.startsWith(`requests.${key}.`)).map((c) => c.id);

type Mutation =
  | { kind: 'drop'; row: number }
  | { kind: 'misspell'; row: number; at: number }
  | { kind: 'split'; row: number; at: number };

/** Whether a misspelling leaves the label as normalisation reads it (it dropped a quote mark). */
function sameAfterNorm(m: Mutation): boolean {
  const { label } = mutable[m.row] as { label: string };
  return norm(apply(label, m)) === norm(label);
}

function apply(html: string, m: Mutation): string {
  const { label } = mutable[m.row] as { label: string };
  const tr = html === label ? { start: 0, end: label.length, html: label } : rowsOf(html).find((t) => t.n.startsWith(norm(label)) && t.html.includes(label));
  if (!tr) return html;
  let changed: string;
  const numbering = /^(?:\d+\.|（[一二三四五六七]）|[一二三四]、)/.exec(label)?.[0] ?? '';
  const words = label.slice(numbering.length);
  const at = m.kind === 'drop' ? 0 : m.at % words.length;
  if (m.kind === 'drop') changed = '';
  else if (m.kind === 'misspell') changed = tr.html.replace(label, numbering + words.slice(0, at) + words.slice(at + 1));
  else changed = tr.html.replace(label, `${numbering}${words.slice(0, at)}</p><p>&nbsp;&nbsp;${words.slice(at)}`);
  return html.slice(0, tr.start) + changed + html.slice(tr.end);
}

it('a WPS PDF set on a fixed 28 pt line: wrapped lines are one paragraph again', { timeout: 60_000 }, async () => {
  const { sections } = (await importCase('hongze-2023')).report;
  expect(sections.overview).toContain('中国特色社会主义思想为指导'); // wrapped after 社会
  expect(sections.overview.split('\n')[0]).toMatch(/^2023年，洪泽区人民政府.*健康发展 ?。$/);
  expect(sections.problems).not.toContain('\n');
});

describe('a real page mutated as real pages are', () => {
  it('has rows to mutate', () => {
    expect(mutable.length).toBeGreaterThanOrEqual(15);
  });

  it('every untouched cell imports exactly; a touched row is read, or left blank with a note', { timeout: 120_000 }, () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('drop' as const), row: fc.nat(mutable.length - 1) }),
      fc.record({ kind: fc.constant('misspell' as const), row: fc.nat(mutable.length - 1), at: fc.nat(40) }),
      fc.record({ kind: fc.constant('split' as const), row: fc.nat(mutable.length - 1), at: fc.nat(40) }),
    );
    fc.assert(
      fc.property(fc.uniqueArray(mutation, { minLength: 1, maxLength: 4, selector: (m) => m.row }), fc.boolean(), (mutations, furniture) => {
        let html = mutations.reduce(apply, page);
        if (furniture) html = addFurniture(html);
        const r = importHtml(html);
        const touched = new Set(mutations.flatMap((m) => cellsOf((mutable[m.row] as { key: string }).key)));
        for (const [id, value] of Object.entries(truth)) if (!touched.has(id)) expect([id, getCell(r.report, id)]).toEqual([id, value]);
        for (const m of mutations) {
          const cells = cellsOf((mutable[m.row] as { key: string }).key);
          const exact = cells.every((id) => Object.is(getCell(r.report, id), truth[id]));
          if (m.kind === 'split') expect(exact).toBe(true);
          else if (m.kind === 'drop') {
            for (const id of cells) expect(getCell(r.report, id)).toBeNull();
            expect(r.notes).toContainEqual(expect.objectContaining({ code: 'row-not-found', level: 'warning', cells }));
          } else {
            // Read as the most similar label, or not found: a note says which; never another row's figures.
            const noted = (code: string) => r.notes.some((n) => n.code === code && noteCells(n).some((c) => cells.includes(c)));
            // (Unless the character dropped is one normalisation drops anyway: a quote.)
            if (exact) {
              if (!sameAfterNorm(m)) expect(noted('label-matched') || noted('label-truncated') || noted('label-variant')).toBe(true);
            } else {
              for (const id of cells) expect(getCell(r.report, id)).toBeNull();
              expect(noted('row-not-found')).toBe(true);
            }
          }
        }
        expect(r.report.agency).toBe('平潭综合实验区');
        expect(r.report.publishedOn).toBe('2025-03-10');
      }),
      // PROPERTY_RUNS=1000 for a longer hunt. Row 4 is 「3.危及“三安全一稳定”」: dropping its quote mark changes nothing.
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 25), examples: [[[{ kind: 'misspell', row: 4, at: 2 }], false]] },
    );
  });

  it('（六）其他处理 printed as one row, or one figure over its three items (rowspan)', () => {
    const items = ['otherHandling.noCorrection', 'otherHandling.unpaidFee', 'otherHandling.other'];
    const rows = rowsOf(page);
    const idx = items.map((k) => {
      const label = (requestRows.find((r) => r.key === k)?.labels.at(-1) as { 'zh-CN': string })['zh-CN'];
      return rows.findIndex((t) => t.n.includes(norm(label)));
    });
    expect(idx.every((i) => i >= 0)).toBe(true);
    const tds = (html: string) => html.match(/<td[\s>][\s\S]*?<\/td>/g) ?? [];
    // One figure (the column's sum, as a publisher would print it) merged over the three items, in column 1 (自然人).
    const sum = items.reduce((s, k) => s + (truth[`requests.${k}.naturalPerson`] ?? 0), 0);
    let html = page;
    for (const [j, i] of [...idx.entries()].reverse()) {
      const tr = rows[i] as { start: number; end: number; html: string };
      const cells = tds(tr.html);
      const first = cells[cells.length - 7] as string;
      const changed =
        j === 0
          ? tr.html.replace(first, `<td rowspan="3"><p>${sum}</p></td>`)
          : tr.html.replace(first, '');
      html = html.slice(0, tr.start) + changed + html.slice(tr.end);
    }
    const r = importHtml(html);
    const expected = (k: string) => (sum === 0 ? 0 : k === 'otherHandling.other' ? sum : 0);
    for (const k of items) expect(getCell(r.report, `requests.${k}.naturalPerson`)).toBe(expected(k));
    expect(r.notes).toContainEqual(expect.objectContaining({ code: 'rows-merged', ...(sum === 0 ? {} : { level: 'warning' }) }));
    for (const [id, value] of Object.entries(truth)) if (!/otherHandling\..*\.naturalPerson$/.test(id)) expect([id, getCell(r.report, id)]).toEqual([id, value]);

    // A figure other than 0 over rows that are not （六）'s items cannot be split: those cells are left blank, with a warning.
    const granted = rows.findIndex((t) => t.n.includes(norm('（一）予以公开')));
    const partly = rows.findIndex((t) => t.n.includes(norm('（二）部分公开')));
    expect(partly).toBe(granted + 1);
    const g = rows[granted] as { start: number; end: number; html: string };
    const p = rows[partly] as { start: number; end: number; html: string };
    const gCells = tds(g.html);
    const pCells = tds(p.html);
    let html2 = page.slice(0, p.start) + p.html.replace(pCells[pCells.length - 7] as string, '') + page.slice(p.end);
    html2 = html2.slice(0, g.start) + g.html.replace(gCells[gCells.length - 7] as string, '<td rowspan="2"><p>9</p></td>') + html2.slice(g.end);
    const r2 = importHtml(html2);
    expect(r2.report.requests.granted.naturalPerson).toBeNull();
    expect(r2.report.requests.partiallyGranted.naturalPerson).toBeNull();
    expect(r2.completeness.unread).toEqual(['requests.granted.naturalPerson', 'requests.partiallyGranted.naturalPerson']);
    expect(r2.notes).toContainEqual(expect.objectContaining({ code: 'rows-merged', level: 'warning', cells: ['requests.granted.naturalPerson', 'requests.partiallyGranted.naturalPerson'] }));
    expect(r2.report.requests.granted.commercial).toBe(truth['requests.granted.commercial']);
  });

  it('（六）其他处理 as one 2019-style row in a 2021 table: 0 splits exactly; another figure goes to 3.其他 with a warning', () => {
    const items = ['otherHandling.noCorrection', 'otherHandling.unpaidFee', 'otherHandling.other'];
    const rows = rowsOf(page);
    const idx = items.map((k) => rows.findIndex((t) => t.n.includes(norm((requestRows.find((r) => r.key === k)?.labels.at(-1) as { 'zh-CN': string })['zh-CN']))));
    const figures = [3, 0, 0, 0, 0, 0, 3];
    const one = `<tr><td colspan="2"><p>（六）其他处理</p></td>${figures.map((f) => `<td><p>${f}</p></td>`).join('')}</tr>`;
    const first = rows[idx[0] as number] as { start: number };
    const last = rows[idx[2] as number] as { end: number };
    const r = importHtml(page.slice(0, first.start) + one + page.slice(last.end));
    expect(r.report.requests.otherHandling).toEqual({
      noCorrection: { naturalPerson: 0, commercial: 0, research: 0, publicInterest: 0, legalService: 0, otherOrg: 0, total: 0 },
      unpaidFee: { naturalPerson: 0, commercial: 0, research: 0, publicInterest: 0, legalService: 0, otherOrg: 0, total: 0 },
      other: { naturalPerson: 3, commercial: 0, research: 0, publicInterest: 0, legalService: 0, otherOrg: 0, total: 3 },
    });
    expect(r.notes).toContainEqual(expect.objectContaining({ code: 'rows-merged', level: 'warning' }));
    expect(r.completeness.read).toBe(200);
  });

  it('page furniture (navigation tables, scripts, other dates) changes nothing', () => {
    const r = importHtml(addFurniture(page));
    for (const [id, value] of Object.entries(truth)) expect([id, getCell(r.report, id)]).toEqual([id, value]);
    expect(r.report.publishedOn).toBe('2025-03-10');
    expect(r.notes.filter((n) => n.level === 'warning').map((n) => n.code)).toEqual(['body-type']);
  });

  it('amounts as printed: six decimals kept, 元 converted to 万元 with a note', () => {
    const fee = String(truth['active.fees.amount']);
    const exact = importHtml(page.replace(`>${fee}<`, '>4166.241619<'));
    expect(exact.report.active).toMatchObject({ fees: { amount: 4166.241619 } });
    const yuan = importHtml(page.replace(`>${fee}<`, '>73802895.90元<'));
    expect(yuan.report.active).toMatchObject({ fees: { amount: 7380.28959 } });
    expect(yuan.notes).toContainEqual(expect.objectContaining({ code: 'unit-converted', cell: 'active.fees.amount' }));
  });

  it('a table 二 row left out (no 规章) leaves its cells blank with a warning, the rest read', () => {
    const rows = rowsOf(page);
    const reg = rows.find((t) => /^规章/.test(t.n)) as { start: number; end: number };
    const r = importHtml(page.slice(0, reg.start) + page.slice(reg.end));
    const regCells = ['active.regulations.issued', 'active.regulations.repealed', 'active.regulations.inForce'];
    for (const id of regCells) expect(getCell(r.report, id)).toBeNull();
    expect(r.notes).toContainEqual(expect.objectContaining({ code: 'row-not-found', level: 'warning', cells: regCells }));
    for (const [id, value] of Object.entries(truth)) if (!regCells.includes(id)) expect([id, getCell(r.report, id)]).toEqual([id, value]);
  });

  it('a 2019-worded heading (五、政府信息公开工作存在的主要问题及改进情况) is found', () => {
    const heading = rowsOf(page).length ? '五、存在的主要问题及改进情况' : '';
    expect(page).toContain(heading);
    const r = importHtml(page.replace(heading, '五、政府信息公开工作存在的主要问题及改进情况'));
    expect(r.report.sections.problems).toBe(importHtml(page).report.sections.problems);
    expect(r.report.sections.problems.length).toBeGreaterThan(20);
  });
});

function addFurniture(html: string): string {
  const nav = `<div class="nav"><ul><li>首页</li><li>政务公开</li></ul><table><tr><td>栏目</td><td>发布时间：2023-03-01</td></tr><tr><td>规章</td><td>12</td></tr></table></div>`;
  const footer = `<div class="footer"><script>var x = "<td>1</td>";</script><p>主办：某某办公室 发布日期：2020-01-01</p></div>`;
  return html.replace(/<body[^>]*>/, (b) => `${b}${nav}`).replace('</body>', `${footer}</body>`);
}
