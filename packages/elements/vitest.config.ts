import { defineProject } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { sharedDir, repoRoot } from './scripts/paths.ts';
import { chromiumBrowserTest } from '../../scripts/chromium.mjs';

// Browser tests in Debian's chromium (no browser downloads): see ../shared/notes/toolchain.md.
export default defineProject({
  resolve: {
    alias: { '@shared': sharedDir },
  },
  optimizeDeps: { include: ['axe-core'] },
  server: {
    fs: { allow: [repoRoot, sharedDir] },
  },
  test: {
    name: 'elements',
    include: ['test/**/*.test.ts'],
    browser: chromiumBrowserTest(playwright),
  },
});
