import { readFileSync } from 'node:fs';
import { check, parseRulePack } from '@disclosure-report/core';
import { importReport } from './src/index.js';
const packs = ['example-city-notice', 'example-scoring'].map((n) => parseRulePack(JSON.parse(readFileSync(`../core/rules/packs/${n}.json`, 'utf8')), n));
const load = async (n: string, f: string) => (await importReport(new Uint8Array(readFileSync(`../../corpus/real/${n}/${f}`)))).report;
const p24 = await load('pingtan-2024', 'source.html');
const p25 = await load('pingtan-2025', 'source.html');
const hz = await load('hongze-2023', 'source.pdf');
for (const [n, r, prev] of [['p24', p24, undefined], ['p25', p25, p24], ['hz', hz, undefined]] as const) {
  const f = check(r, { packs, ...(prev ? { previous: prev } : {}) });
  console.log(n, r.bodyType, r.publishedOn, f.filter((x) => x.rule.startsWith('local.') || x.severity === 'error').map((x) => `${x.severity} ${x.rule}[${x.target}] ${x.message}`));
  for (const k of ['overview', 'problems', 'other']) console.log('  ', k, (r.sections as any)[k]?.length, String((r.sections as any)[k]).slice(0, 400).replace(/\n/g, ' '));
}
