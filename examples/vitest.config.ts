import { defineProject } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumBrowserTest } from '../scripts/chromium.mjs';

// `@shared/corpus/…` and `@shared/spec/…`: the corpus and the spec kept in the repository.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// The framework examples mounted for real in Debian's chromium.
export default defineProject({
  resolve: { alias: { '@shared': repoRoot } },
  server: { fs: { allow: [repoRoot] } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  test: {
    name: 'examples',
    include: ['test/**/*.test.{ts,tsx}'],
    browser: chromiumBrowserTest(playwright),
  },
});
