import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'cli',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Many tests start the CLI as a process: on a loaded 2-core machine that takes seconds, not milliseconds.
    testTimeout: 60_000,
  },
});
