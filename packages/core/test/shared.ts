/**
 * Paths to the spec (`spec/`) and the corpus (`corpus/`), which the repository keeps in
 * its root. `DISCLOSURE_CORPUS_DIR` may add more corpus cases to the built-in ones (never
 * replace them): a list of folders (separated like PATH), each a case itself (a folder with
 * an expected.json) or a folder of cases.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../src/index.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const specDir = join(repoRoot, 'spec');
/** The built-in corpus: the cases with a whole expected.json, and `real/`. */
export const corpusDir = join(repoRoot, 'corpus');
/** The real published reports (expected-cells.json, a README each). */
export const realCorpusDir = join(corpusDir, 'real');

if (!existsSync(specDir)) throw new Error(`the spec is not at ${specDir}`);
if (!existsSync(corpusDir)) throw new Error(`the corpus is not at ${corpusDir}`);

/** One corpus document: a folder with an expected.json (and usually a source.txt). */
export interface CorpusCase {
  name: string;
  dir: string;
}

function casesIn(folder: string): CorpusCase[] {
  if (existsSync(join(folder, 'expected.json'))) return [{ name: basename(folder), dir: folder }];
  return readdirSync(folder)
    .filter((n) => existsSync(join(folder, n, 'expected.json')))
    .sort()
    .map((n) => ({ name: n, dir: join(folder, n) }));
}

/** The corpus documents: the built-in ones first (sorted), then those of `DISCLOSURE_CORPUS_DIR`. */
export function corpusCases(): CorpusCase[] {
  const cases = casesIn(corpusDir);
  const extra = process.env.DISCLOSURE_CORPUS_DIR;
  for (const folder of extra ? extra.split(delimiter).filter(Boolean) : []) {
    const dir = resolve(folder);
    if (!existsSync(dir)) throw new Error(`DISCLOSURE_CORPUS_DIR: no folder ${dir}`);
    for (const c of casesIn(dir)) {
      const clash = cases.find((k) => k.name === c.name);
      if (clash) throw new Error(`DISCLOSURE_CORPUS_DIR: case ${c.dir} has the name of ${clash.dir}`);
      cases.push(c);
    }
  }
  return cases;
}

/** Names of the corpus documents (folders with an expected.json), built-in first. */
export function corpusNames(): string[] {
  return corpusCases().map((c) => c.name);
}

/** The folder of the corpus document of that name. */
export function corpusCaseDir(name: string): string {
  const found = corpusCases().find((c) => c.name === name);
  if (!found) throw new Error(`no corpus document ${name}`);
  return found.dir;
}

export function expectedReport(name: string): Report {
  return JSON.parse(readFileSync(join(corpusCaseDir(name), 'expected.json'), 'utf8')) as Report;
}

/** A deep copy, so tests can change a report freely. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
