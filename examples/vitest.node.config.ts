import { defineProject } from 'vitest/config';

// The plain-page example in chromium via playwright-core, under a strict CSP.
export default defineProject({
  test: {
    name: 'examples-node',
    root: import.meta.dirname,
    include: ['test-node/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
