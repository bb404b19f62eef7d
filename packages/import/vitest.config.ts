import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'import',
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});
