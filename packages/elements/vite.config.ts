import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

/**
 * Two builds:
 * - default (library): ES modules for bundlers, lit and core left external so apps dedupe them;
 * - `--mode standalone`: one minified, self-contained `dist/disclosure-report.js` (Lit, core and
 *   all) for a plain `<script type="module">` on a portal page.
 */
export default defineConfig(({ mode }) => {
  const standalone = mode === 'standalone';
  const entry: Record<string, string> = standalone ? { 'disclosure-report': 'src/standalone.ts' } : { index: 'src/index.ts' };
  return {
    build: {
      target: 'es2022',
      // The standalone build runs second and must not wipe the library build.
      emptyOutDir: !standalone,
      sourcemap: !standalone,
      minify: standalone,
      lib: { entry, formats: ['es'] },
      rolldownOptions: {
        external: standalone
          ? []
          : Object.keys(pkg.dependencies ?? {}).map((d) => new RegExp(`^${d}(/|$)`)),
      },
    },
  };
});
