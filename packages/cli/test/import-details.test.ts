/**
 * `import --details`: the document `<disclosure-report src>` reads as it is — the source's file
 * name (never its path), the report, and each cell's provenance with the row and column labels as
 * the source prints them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '@disclosure-report/core';
import { describe, expect, it } from 'vitest';
import { cli, repoRoot } from './run-cli.js';
import { scratchFolder } from './scratch.js';

let dir = '';
scratchFolder('disclosure-cli-details-', (d) => (dir = d));

interface Details {
  source: string;
  report: Report;
  form: string;
  provenance: Record<string, { rowLabel?: string; columnLabel?: string; text: string; table?: number; line?: number }>;
  notes: { code: string; level?: string; cell?: string }[];
}

describe('import --details', () => {
  it('names the source by its file name and gives the printed labels of each cell (a portal page)', async () => {
    const out = join(dir, 'pingtan-2025.json');
    const r = await cli('import', 'corpus/real/pingtan-2025/source.html', '--details', '-o', out, '--quiet');
    expect(r.code).toBe(0);
    const details = JSON.parse(readFileSync(out, 'utf8')) as Details;
    expect(Object.keys(details).slice(0, 2)).toEqual(['source', 'report']);
    expect(details.source).toBe('source.html');
    expect(details.report.agency).toBe('平潭综合实验区');
    expect(details.form).toBe('html');
    expect(details.provenance['active.fees.amount']).toMatchObject({ text: '4166.241619', rowLabel: '行政事业性收费', columnLabel: '本年收费金额（单位：万元）' });
    expect(details.provenance['requests.denied.stateSecret.commercial']).toMatchObject({
      rowLabel: '三、本年度办理结果｜（三）不予公开｜1.属于国家秘密',
      columnLabel: '法人或其他组织｜商业企业',
    });
    expect(details.provenance['reviews.litigationDirect.upheld']).toMatchObject({ rowLabel: '行政诉讼｜未经复议直接起诉', columnLabel: '结果维持' });
  });

  it('on standard output too, from an absolute path: the name only, and the misspelt label as printed (a PDF)', async () => {
    const r = await cli('import', join(repoRoot, 'corpus/real/hongze-2023/source.pdf'), '--details', '--quiet');
    expect(r.code).toBe(0);
    const details = JSON.parse(r.stdout) as Details;
    expect(details.source).toBe('source.pdf');
    expect(r.stdout).not.toContain(repoRoot);
    expect(details.provenance['requests.denied.prohibitedByLaw.naturalPerson']?.rowLabel).toBe('（三）不予公开｜2.其他法律行政止公开');
    expect(details.notes.some((n) => n.code === 'label-matched' && n.level === 'warning')).toBe(true);
    // The notes also in words of the run's language, as `check` says them (what the element shows).
    const said = (details as Details & { findings: { rule: string; severity: string; message: string; cells: string[] }[] }).findings;
    const matched = said.find((f) => f.rule === 'import.label-matched');
    expect(matched?.severity).toBe('warning');
    expect(matched?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(matched?.cells.length).toBeGreaterThan(0);
  });

  it('without --details the output is the report document alone', async () => {
    const r = await cli('import', 'corpus/chenjiaba-2023/source.txt', '--quiet');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report & { source?: unknown };
    expect(report.format).toBe('2021');
    expect(report.source).toBeUndefined();
  });
});
