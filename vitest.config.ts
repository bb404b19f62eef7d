import { defineConfig } from 'vitest/config';

// One run over every package: `npm test` builds (turbo) and then runs this.
export default defineConfig({
  test: {
    projects: [
      'packages/core',
      'packages/import',
      'packages/docx',
      'packages/cli',
      'packages/elements',
      'packages/elements/vitest.node.config.ts',
      'examples',
      'examples/vitest.node.config.ts',
      'apps/demo',
      'test-pack',
    ],
  },
});
