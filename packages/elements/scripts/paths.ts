import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this package). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The shared spec and corpus: `DISCLOSURE_SHARED_DIR`, else `shared/` beside the repository
 * (how CI lays it out), else `shared/` inside it.
 */
export const sharedDir = (() => {
  const fromEnv = process.env.DISCLOSURE_SHARED_DIR;
  if (fromEnv) return resolve(fromEnv);
  const beside = resolve(repoRoot, '../shared');
  if (existsSync(beside)) return beside;
  return resolve(repoRoot, 'shared');
})();

/** The seed report of the corpus. */
export const seedReportPath = resolve(sharedDir, 'corpus/chenjiaba-2023/expected.json');
