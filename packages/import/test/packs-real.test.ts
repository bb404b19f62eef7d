/**
 * The example rule packs (issue 16) on the real published reports of the corpus, as imported:
 * what each pack says of a district's PDF and a zone's portal pages for two years.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RulePack, check, parseRulePack, withCell } from '@disclosure-report/core';
import { describe, expect, it } from 'vitest';
import { realCorpusDir } from '../../core/test/shared.js';
import { checkImported, importReport } from '../src/index.js';

const pack = (name: string): RulePack =>
  parseRulePack(JSON.parse(readFileSync(join(import.meta.dirname, '../../core/rules/packs', `${name}.json`), 'utf8')), name);
const load = async (name: string, file: string) => importReport(new Uint8Array(readFileSync(join(realCorpusDir, name, file))), { fileName: file });
const local = (findings: { rule: string; target: string; severity: string; message: string }[]) =>
  findings.filter((f) => f.rule.startsWith('local.')).map((f) => `${f.severity} ${f.rule}[${f.target}] ${f.message}`);

describe('the example packs on the real reports', () => {
  const packs = [pack('example-city-notice'), pack('example-scoring')];

  it('pingtan 2024: an overview of 1,115 characters is over the notice\'s 1,000; it states its figures (全年办理…申请218件)', async () => {
    const p24 = await load('pingtan-2024', 'source.html');
    expect(local(checkImported(p24, { packs }))).toEqual(['warning local.example-city-notice.overview.length[overview] 一、总体情况：1115 字，超过通知要求的 1000 字']);
  });

  it('pingtan 2025 with last year\'s: figures stated (7700余条), no fee charged (无收取), its 五 and 六 rewritten', async () => {
    const [p25, p24] = await Promise.all([load('pingtan-2025', 'source.html'), load('pingtan-2024', 'source.html')]);
    expect(local(checkImported(p25, { packs, previous: p24.report }))).toEqual([]);
  });

  it('hongze 2023 (a PDF): the fee is stated with its amount (0 元), the overview states its figures', async () => {
    const hz = await load('hongze-2023', 'source.pdf');
    expect(local(checkImported(hz, { packs }))).toEqual([]);
  });

  it('under the notice a blank cell is an error, where nationally it is a warning', async () => {
    const p24 = await load('pingtan-2024', 'source.html');
    const blanked = withCell(p24.report, 'requests.newReceived.research', null);
    const severity = (findings: { rule: string; target: string; severity: string }[]) =>
      findings.find((f) => f.rule === 'blank-cell' && f.target === 'requests.newReceived.research')?.severity;
    expect(severity(check(blanked))).toBe('warning');
    expect(severity(check(blanked, { packs }))).toBe('error');
  });
});
