import { defineProject } from 'vitest/config';

// Node-side tests: the standalone bundle on a plain page under a strict CSP (playwright-core).
export default defineProject({
  test: {
    name: 'elements-node',
    root: import.meta.dirname,
    include: ['test-node/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
