import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'docx',
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});
