/**
 * Writes the language-neutral artifacts that other systems use: the expanded rules
 * (rules/rules-<format>.json) and the JSON Schemas (report.schema.json, rules/pack.schema.json).
 * `--check` writes nothing and exits 1 when a committed file is stale.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIds, reportJsonSchema, rulePackJsonSchema, rulesFor } from '../src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = new Map<string, string>();
for (const format of formatIds) {
  artifacts.set(`rules/rules-${format}.json`, `${JSON.stringify(rulesFor(format), null, 1)}\n`);
}
artifacts.set('report.schema.json', `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
artifacts.set('rules/pack.schema.json', `${JSON.stringify(rulePackJsonSchema(), null, 2)}\n`);

const checkOnly = process.argv.includes('--check');
let stale = 0;
for (const [file, text] of artifacts) {
  const path = join(root, file);
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {}
  if (current === text) continue;
  if (checkOnly) {
    console.error(`${file} is stale: run npm run generate -w @disclosure-report/core`);
    stale++;
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`wrote ${file}`);
  }
}
process.exit(stale ? 1 : 0);
