import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'import',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // CI machines are shared 2-core boxes: property tests and real PDFs can take seconds there.
    testTimeout: 30_000,
  },
});
