import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

// `@shared/corpus/…` and `@shared/spec/…`: the corpus and the spec kept in the repository.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const config: StorybookConfig = {
  stories: ['../packages/elements/stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // Docs pages (autodocs) with the elements' API read from custom-elements.json.
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    viteConfig.resolve ??= {};
    viteConfig.resolve.alias = [
      ...(Array.isArray(viteConfig.resolve.alias)
        ? viteConfig.resolve.alias
        : Object.entries(viteConfig.resolve.alias ?? {}).map(([find, replacement]) => ({ find, replacement }))),
      { find: /^@shared\//, replacement: `${repoRoot}/` },
      { find: /^@demo-reports\//, replacement: `${resolve(repoRoot, 'apps/demo/reports')}/` },
    ];
    viteConfig.server ??= {};
    viteConfig.server.fs ??= {};
    viteConfig.server.fs.allow = [...(viteConfig.server.fs.allow ?? []), repoRoot];
    return viteConfig;
  },
};

export default config;
