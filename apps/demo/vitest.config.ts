import { defineProject } from 'vitest/config';

// The built demo in chromium (playwright-core) under a strict Content-Security-Policy.
export default defineProject({
  test: {
    name: 'demo',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
