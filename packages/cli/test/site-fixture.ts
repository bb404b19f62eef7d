/** A region of reports for the site's tests: the real published ones of the corpus, and some made to be awkward. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Report, withCell } from '@disclosure-report/core';
import { repoRoot, seedFile } from './run-cli.js';

export const seed = (): Report => JSON.parse(readFileSync(seedFile, 'utf8')) as Report;

/** An agency whose name is markup and script: it must show as text everywhere. */
export const hostileAgency = '<img src=x onerror=alert(1)>"局\'</script><style>*{}</style>';

/** Writes the region into `dir` (sub-folder `region`); returns its path. */
export function writeRegion(dir: string): string {
  const region = join(dir, 'region');
  mkdirSync(join(region, 'published'), { recursive: true });
  copyFileSync(join(repoRoot, 'corpus/real/pingtan-2024/source.html'), join(region, 'published/pingtan-2024.html'));
  copyFileSync(join(repoRoot, 'corpus/real/pingtan-2025/source.html'), join(region, 'published/pingtan-2025.html'));
  copyFileSync(join(repoRoot, 'corpus/real/hongze-2023/source.pdf'), join(region, 'published/hongze-2023.pdf'));
  copyFileSync(seedFile, join(region, 'chenjiaba-2023.json'));
  // Two requests, both disclosed: no "100%" for that.
  let few = { ...seed(), agency: '某某县档案馆', bodyType: 'department' as const, publishedOn: '2024-02-20' };
  for (const [id, v] of [
    ['requests.newReceived.naturalPerson', 2],
    ['requests.newReceived.total', 2],
    ['requests.granted.naturalPerson', 2],
    ['requests.granted.total', 2],
    ['requests.resultsTotal.naturalPerson', 2],
    ['requests.resultsTotal.total', 2],
  ] as const)
    few = withCell(few, id, v);
  writeFileSync(join(region, 'few.json'), JSON.stringify(few));
  writeFileSync(join(region, 'hostile.json'), JSON.stringify(withCell({ ...seed(), agency: hostileAgency, title: hostileAgency }, 'requests.granted.total', null)));
  writeFileSync(join(region, 'broken.json'), '{"format": "2021", ');
  return region;
}
