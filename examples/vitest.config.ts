import { defineProject } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumBrowserTest } from '../scripts/chromium.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = process.env.DISCLOSURE_SHARED_DIR ?? resolve(repoRoot, '../shared');

// The framework examples mounted for real in Debian's chromium.
export default defineProject({
  resolve: { alias: { '@shared': sharedDir } },
  server: { fs: { allow: [repoRoot, sharedDir] } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  test: {
    name: 'examples',
    include: ['test/**/*.test.{ts,tsx}'],
    browser: chromiumBrowserTest(playwright),
  },
});
