/** Paths to ../shared (the spec and the corpus), which lies beside the repository. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../src/index.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const sharedDir = process.env.DISCLOSURE_SHARED_DIR ?? resolve(repoRoot, '../shared');
export const specDir = join(sharedDir, 'spec');
export const corpusDir = join(sharedDir, 'corpus');

if (!existsSync(specDir)) throw new Error(`the shared spec is not at ${specDir} (set DISCLOSURE_SHARED_DIR)`);

/** Names of the corpus documents (folders with an expected.json). */
export function corpusNames(): string[] {
  return readdirSync(corpusDir).filter((n) => existsSync(join(corpusDir, n, 'expected.json'))).sort();
}

export function expectedReport(name: string): Report {
  return JSON.parse(readFileSync(join(corpusDir, name, 'expected.json'), 'utf8')) as Report;
}

/** A deep copy, so tests can change a report freely. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
