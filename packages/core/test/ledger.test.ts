/**
 * Tables 三 and 四 from the office's ledgers (issue 18): counted by the national rules, every
 * line validated and reported with its number, loose labels accepted only with a note.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LedgerNote, check, getCell, ledgerDate, ledgerTemplate, tallyLedger, taxonomy, withTally } from '../src/index.js';
import { expectedReport } from './shared.js';

const header = '序号,收到日期,申请人类型,办理结果,办结日期';
const ledger = (...rows: string[]) => [header, ...rows].join('\n');
const notesOf = (notes: LedgerNote[], level?: LedgerNote['level']) => notes.filter((n) => !level || n.level === level).map((n) => `${n.line ?? '-'} ${n.code}`);

describe('tallyLedger: counting by the national rules', () => {
  it('counts the template: received, finished by outcome, carried forward', () => {
    const t = tallyLedger(ledgerTemplate('requests'), { year: 2025, appeals: ledgerTemplate('appeals') });
    expect(t.ok).toBe(true);
    expect(t.notes).toEqual([]);
    expect(t.read).toEqual({ requests: 3, appeals: 2 });
    expect(t.cells['requests.newReceived.naturalPerson']).toBe(2);
    expect(t.cells['requests.newReceived.commercial']).toBe(1);
    expect(t.cells['requests.newReceived.total']).toBe(3);
    expect(t.cells['requests.granted.naturalPerson']).toBe(1);
    expect(t.cells['requests.denied.stateSecret.commercial']).toBe(1);
    expect(t.cells['requests.resultsTotal.total']).toBe(2);
    expect(t.cells['requests.carriedForward.naturalPerson']).toBe(1);
    expect(t.cells['reviews.reconsideration.upheld']).toBe(1);
    expect(t.cells['reviews.litigationDirect.pending']).toBe(1);
    expect(t.cells['reviews.litigationDirect.total']).toBe(1);
    // Which lines are behind a figure: the cell's provenance.
    expect(t.lines['requests.denied.stateSecret.commercial']).toEqual(['requests:3']);
    expect(t.lines['requests.newReceived.naturalPerson']).toEqual(['requests:2', 'requests:4']);
  });

  it('上年结转 and 结转下年度 by the dates: received before the year and not finished before it; not finished by its end', () => {
    const t = tallyLedger(
      ledger(
        '1,2024-12-20,自然人,予以公开,2025-01-05', // carried over, finished this year
        '2,2024-11-02,自然人,,', // carried over, still open: carried forward
        '3,2024-06-01,自然人,予以公开,2024-07-01', // finished last year: not this year's
        '4,2025-12-30,科研机构,部分公开,2026-01-08', // received this year, finished next year: carried forward
        '5,2026-01-03,自然人,,', // next year's
      ),
      { year: 2025 },
    );
    expect(t.ok).toBe(true);
    expect(t.cells['requests.carriedOver.naturalPerson']).toBe(2);
    expect(t.cells['requests.newReceived.research']).toBe(1);
    expect(t.cells['requests.granted.naturalPerson']).toBe(1);
    expect(t.cells['requests.partiallyGranted.research']).toBe(0);
    expect(t.cells['requests.carriedForward.total']).toBe(2);
    expect(t.notes).toEqual([{ level: 'info', code: 'other-years', ledger: 'requests', message: '1 行为 2025 年以后收到，不计入本年度；1 行在 2025 年以前已办结，不计入本年度' }]);
  });

  it('a generated ledger\'s tally passes every rule of tables 三 and 四, and counts what a plain count counts', () => {
    const t2021 = taxonomy('2021');
    const outcomeLabels = t2021.requests.rows
      .filter((r) => r.labels.length >= 2 && r.key !== 'resultsTotal')
      .map((r) => {
        const [, g, i] = r.labels.map((l) => l['zh-CN']);
        const group = (g as string).replace(/^（[一二三四五六七]）/, '').replace(/（.*）$/, '');
        return [r.key, i ? `${group} — ${i.replace(/^\d+\./, '')}` : group] as const;
      });
    const types = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'] as const;
    const typeKeys = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg'];
    const day = fc.integer({ min: Date.UTC(2023, 6, 1), max: Date.UTC(2026, 5, 30) }).map((ms) => new Date(ms - (ms % 86_400_000)).toISOString().slice(0, 10));
    const row = fc.record({ received: day, days: fc.option(fc.nat(400), { nil: undefined }), type: fc.nat(5), outcome: fc.nat(outcomeLabels.length - 1) });
    const appeal = fc.record({ type: fc.constantFrom('行政复议', '未经复议直接起诉', '复议后起诉'), result: fc.constantFrom('维持', '纠正', '其他', '尚未审结') });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), fc.array(appeal, { maxLength: 20 }), (rows, appeals) => {
        const lines = rows.map((r, i) => {
          const finished = r.days === undefined ? '' : new Date(Date.parse(r.received) + r.days * 86_400_000).toISOString().slice(0, 10);
          return `${i + 1},${r.received},${types[r.type]},${finished ? (outcomeLabels[r.outcome] as readonly [string, string])[1] : ''},${finished}`;
        });
        const appealsCsv = ['序号,类型,结果', ...appeals.map((a, i) => `${i + 1},${a.type},${a.result}`)].join('\n');
        const t = tallyLedger(ledger(...lines), { year: 2025, appeals: appealsCsv });
        expect(t.notes.filter((n) => n.level !== 'info')).toEqual([]);
        const report = withTally({ ...expectedReport('chenjiaba-2023'), year: 2025 }, t);
        const failing = check(report)
          .filter((f) => f.rule.startsWith('requests.') || f.rule.startsWith('reviews.') || f.rule === 'suspect.cell')
          .map((f) => `${f.rule}[${f.target}]`);
        expect(failing).toEqual([]);
        // A plain count of the same lines.
        let received = 0;
        let open = 0;
        rows.forEach((r) => {
          const finished = r.days === undefined ? undefined : new Date(Date.parse(r.received) + r.days * 86_400_000).toISOString().slice(0, 10);
          if (r.received >= '2025-01-01' && r.received <= '2025-12-31' && typeKeys[r.type]) received++;
          if (r.received <= '2025-12-31' && (!finished || finished > '2025-12-31') && (!finished || finished >= '2025-01-01')) open++;
        });
        expect(t.cells['requests.newReceived.total']).toBe(received);
        expect(t.cells['requests.carriedForward.total']).toBe(open);
        expect(t.cells['reviews.reconsideration.total']).toBe(appeals.filter((a) => a.type === '行政复议').length);
      }),
      { numRuns: 150 },
    );
  });
});

describe('tallyLedger: every line validated, with its number', () => {
  it('reports each kind of bad line and counts none of them', () => {
    const t = tallyLedger(
      ledger(
        '1,2025-01-06,自然人,予以公开,2025-01-20',
        '1,2025-01-07,自然人,予以公开,2025-01-21', // duplicate 序号
        ',2025-01-08,自然人,予以公开,2025-01-22', // no 序号
        '4,2025-02-30,自然人,予以公开,2025-03-02', // not a date
        '5,2025-03-01,事业单位,予以公开,2025-03-02', // unknown applicant type
        '6,2025-03-01,自然人,同意公开,2025-03-02', // unknown outcome
        '7,2025-03-05,自然人,予以公开,2025-03-01', // finished before received
        '8,2025-03-05,自然人,予以公开,', // outcome without date
        '9,2025-03-05,自然人,,2025-03-09', // date without outcome
        '10,"2025-03-05,自然人,予以公开,2025-03-09', // unbalanced quotes
      ),
      { year: 2025 },
    );
    expect(t.ok).toBe(false);
    expect(notesOf(t.notes, 'error')).toEqual([
      '3 duplicate-number',
      '4 missing-number',
      '5 bad-date',
      '6 unknown-applicant',
      '7 unknown-outcome',
      '8 finished-before-received',
      '9 outcome-without-date',
      '10 date-without-outcome',
      '11 bad-line',
    ]);
    expect(t.notes.find((n) => n.code === 'duplicate-number')?.message).toBe('序号「1」与第 2 行重复');
    expect(t.notes.find((n) => n.code === 'bad-date')).toMatchObject({ column: '收到日期', message: '收到日期「2025-02-30」不是日期（应写作 2025-03-05）' });
    expect(t.notes.find((n) => n.code === 'finished-before-received')?.message).toBe('办结日期 2025-03-01 早于收到日期 2025-03-05');
    // Only the one good line is counted.
    expect(t.cells['requests.newReceived.total']).toBe(1);
  });

  it('refuses a ledger without the columns it needs, naming them', () => {
    const t = tallyLedger('序号,收到日期,办理结果\n1,2025-01-01,予以公开', { year: 2025, lang: 'en' });
    expect(t.ok).toBe(false);
    expect(t.notes.map((n) => n.message)).toEqual([
      'no column "申请人类型" (the header must have 序号, 收到日期, 申请人类型, 办理结果, 办结日期)',
      'no column "办结日期" (the header must have 序号, 收到日期, 申请人类型, 办理结果, 办结日期)',
    ]);
    expect(t.read.requests).toBe(0);
  });

  it('the appeals ledger: bad types and results by line, other years left out with a note', () => {
    const t = tallyLedger(ledger(), {
      year: 2025,
      appeals: ['序号,收到日期,类型,结果', '1,2025-02-01,行政复议,维持', '2,2025-02-01,申诉,维持', '3,2025-02-01,行政复议,撤销', '4,2024-12-30,复议后起诉,纠正'].join('\n'),
    });
    expect(notesOf(t.notes)).toEqual(['3 unknown-appeal-type', '4 unknown-appeal-result', '- other-years']);
    expect(t.cells['reviews.reconsideration.total']).toBe(1);
    expect(t.cells['reviews.litigationAfterReconsideration.total']).toBe(0);
  });
});

describe('tallyLedger: the usual variations, each reported', () => {
  it('reads full-width, spaced, short and synonym forms, and notes each one that is not the national label', () => {
    const t = tallyLedger(
      ['编号,申请日期,申请人类型,处理结果,办结日期', '1,2025年3月5日,自 然人,国家秘密,2025/3/20', '2,2025.3.6,企业,不予公开—属于国家秘密,2025-03-21', '3,２０２５－０３－０７,自然人,（三）不予公开 1.属于国家秘密,2025-03-22', '4,2025-03-08,律师事务所,其他,2025-03-23'].join('\n'),
      { year: 2025 },
    );
    expect(t.ok).toBe(true);
    expect(t.cells['requests.denied.stateSecret.total']).toBe(3);
    expect(t.cells['requests.denied.stateSecret.commercial']).toBe(1);
    expect(t.cells['requests.otherHandling.other.legalService']).toBe(1);
    expect(notesOf(t.notes)).toEqual([
      '1 header-matched',
      '1 header-matched',
      '1 header-matched',
      '2 label-matched',
      '2 label-matched',
      '3 label-matched',
      '5 label-matched',
      '5 label-matched',
    ]);
    expect(t.notes.find((n) => n.line === 2 && n.column === '办理结果')?.message).toBe('办理结果「国家秘密」按「不予公开 — 属于国家秘密」计');
    expect(t.notes.find((n) => n.line === 2 && n.column === '申请人类型')?.message).toBe('申请人类型「自 然人」按「自然人」计');
  });

  it('reads dates as clerks write them, and no impossible one', () => {
    expect(ledgerDate('2025-3-5')).toBe('2025-03-05');
    expect(ledgerDate('2025年03月05日')).toBe('2025-03-05');
    expect(ledgerDate('2025/12/31')).toBe('2025-12-31');
    for (const bad of ['2025-13-01', '2025-02-29', '05/03/2025', '', '2025-03']) expect(ledgerDate(bad)).toBeUndefined();
  });
});

describe('withTally', () => {
  it('fills tables 三 and 四 and nothing else', () => {
    const seed = expectedReport('chenjiaba-2023');
    const t = tallyLedger(ledgerTemplate('requests').replaceAll('2025', '2023'), { year: 2023 });
    const filled = withTally(seed, t);
    expect(getCell(filled, 'requests.newReceived.total')).toBe(3);
    expect(getCell(filled, 'active.regulations.issued')).toBe(getCell(seed, 'active.regulations.issued'));
    expect(filled.sections).toEqual(seed.sections);
    expect(() => withTally({ ...seed, year: 2024 }, t)).toThrow(RangeError);
  });
});
