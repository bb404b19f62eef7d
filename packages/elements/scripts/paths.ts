import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this package). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Where the `@shared/…` import alias points: the repository root, which holds the spec
 * (`spec/`) and the corpus (`corpus/`), so `@shared/corpus/…` is a file of `corpus/`.
 */
export const sharedDir = repoRoot;

/** The seed report of the corpus. */
export const seedReportPath = resolve(repoRoot, 'corpus/chenjiaba-2023/expected.json');
