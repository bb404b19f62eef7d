import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// Library build: ES modules, dependencies left external so apps dedupe them.
export default defineConfig({
  build: {
    target: 'es2022',
    sourcemap: true,
    minify: false,
    lib: {
      entry: { index: 'src/index.ts' },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [...Object.keys(pkg.dependencies ?? {}).map((d) => new RegExp(`^${d}(/|$)`)), /^node:/],
      output: {
        // The zod schema in a chunk of its own: apps that never validate (the web component)
        // must not load zod.
        codeSplitting: { groups: [{ name: 'schema', test: /src[\\/]schema\.ts$/ }] },
      },
    },
  },
});
