import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// Library build: ES modules, dependencies (core among them) left external so apps dedupe them.
export default defineConfig({
  build: {
    target: 'es2022',
    sourcemap: true,
    minify: false,
    lib: { entry: { index: 'src/index.ts' }, formats: ['es'] },
    rolldownOptions: {
      external: [...Object.keys(pkg.dependencies ?? {}).map((d) => new RegExp(`^${d}(/|$)`)), /^node:/],
    },
  },
});
