import { defineProject } from 'vitest/config';

// The packages as published: `npm pack`, installed from the tarballs into temporary projects
// outside the workspace, then used there (CLI, ES modules, types, the element in chromium).
export default defineProject({
  test: {
    name: 'pack',
    root: import.meta.dirname,
    environment: 'node',
    include: ['*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
