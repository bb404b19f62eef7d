import { defineProject } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { sharedDir, repoRoot } from './scripts/paths.ts';
import { chromiumBrowserTest } from '../../scripts/chromium.mjs';

// Browser tests in Debian's chromium (no browser downloads): see scripts/chromium.mjs.
export default defineProject({
  resolve: {
    alias: { '@shared': sharedDir },
  },
  optimizeDeps: { include: ['axe-core', 'fast-check'] },
  server: {
    fs: { allow: [repoRoot] },
  },
  test: {
    name: 'elements',
    include: ['test/**/*.test.ts'],
    browser: chromiumBrowserTest(playwright),
  },
});
