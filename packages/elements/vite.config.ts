import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

/**
 * Squeezes the whitespace out of Lit's `css` and `html` templates in our sources (Lit ships
 * them as written): comments and indentation in CSS, line breaks and indentation between
 * tags in HTML (collapsed to one space, which HTML renders the same; only next to a tag, so
 * code inside `${…}` keeps its line breaks).
 */
function minifyTemplates(): Plugin {
  const cssBody = (body: string) =>
    body
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      // After a colon only: before one, a space can mean a descendant (.a :hover).
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}');
  return {
    name: 'disclosure-minify-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      const out = code
        .replace(/\bcss`([^`]*)`/g, (_, body: string) => `css\`${cssBody(body)}\``)
        .replace(/\bhtml`([^`]*)`/g, (_, body: string) => `html\`${body.replace(/>\s*\n\s*/g, '> ').replace(/\s*\n\s*</g, ' <')}\``);
      return out === code ? null : { code: out, map: null };
    },
  };
}

/**
 * Two builds:
 * - default (library): ES modules for bundlers, lit and core left external so apps dedupe them;
 * - `--mode standalone`: a minified, self-contained `dist/disclosure-report.js` (Lit, core and
 *   all) for one plain `<script type="module">` on a portal page, and the chunks it loads on
 *   demand from beside itself: `disclosure-report-checks.js` (the core checks, when findings
 *   are shown or edit mode opens) and `disclosure-report-edit.js` (edit mode). View mode paints
 *   with the first file alone. The importers are left out (edit mode imports JSON files only there).
 * - `--mode classic`: the same element as one classic script, `dist/disclosure-report.classic.js`
 *   (an IIFE, everything in it but the importers), for pages opened from the file system, where
 *   browsers refuse module scripts (`file://` has no origin to allow them from): the region site
 *   of `disclosure-report report` loads it with `<script defer src>`.
 */
const src = (path: string) => fileURLToPath(new URL(`src/${path}`, import.meta.url));

export default defineConfig(({ mode }) => {
  const classic = mode === 'classic';
  const standalone = mode === 'standalone' || classic;
  const entry: Record<string, string> = standalone ? { 'disclosure-report': 'src/standalone.ts' } : { index: 'src/index.ts', importers: 'src/importers.ts' };
  return {
    plugins: standalone ? [minifyTemplates()] : [],
    // The one-file bundle leaves out the importers (megabytes of PDF and Word readers), and what
    // an import of a published file leaves to check: JSON only.
    resolve: standalone
      ? {
          alias: [
            { find: /^\.\/(edit\/)?import-(other|notes)\.js$/, replacement: src('edit/importers-unavailable.ts') },
            // The checks and edit mode as chunks loaded on demand (see src/lazy.ts); in the classic
            // script they are part of the one file (a classic script cannot import a chunk).
            ...(classic ? [] : [{ find: /^\.\/lazy\.js$/, replacement: src('lazy-standalone.ts') }]),
            // Core from its source modules: chunks are made of whole modules, and core's build is
            // one module (the rules could not leave the entry chunk).
            { find: /^@disclosure-report\/core$/, replacement: fileURLToPath(new URL('../core/src/index.ts', import.meta.url)) },
          ],
        }
      : {},
    build: {
      target: 'es2022',
      // The standalone build runs second and must not wipe the library build.
      emptyOutDir: !standalone,
      sourcemap: !standalone,
      minify: standalone,
      lib: classic ? { entry, formats: ['iife'], name: 'DisclosureReport', fileName: () => 'disclosure-report.classic.js' } : { entry, formats: ['es'] },
      rolldownOptions: {
        // Lib mode keeps whitespace in ES output (for the pure annotations bundlers need); the
        // one-file bundle is final, so it is minified fully.
        ...(standalone
          ? {
              // The entry exports nothing: without this, rolldown keeps what the entry shares with the
              // chunks in chunks of their own, which the entry would then import before it runs.
              preserveEntrySignatures: false as const,
              output: {
                minify: true,
                // Stable names (no hashes): deployers copy the files by name, beside the entry.
                chunkFileNames: (chunk: { facadeModuleId: string | null; name: string }) => {
                  const id = chunk.facadeModuleId ?? '';
                  if (/[\\/]src[\\/]checks-core\.ts$/.test(id)) return 'disclosure-report-checks.js';
                  if (/[\\/]src[\\/]edit[\\/]mode\.ts$/.test(id)) return 'disclosure-report-edit.js';
                  // Any other chunk is a surprise the package's tests catch (they list the files).
                  return 'disclosure-report-[name].js';
                },
              },
            }
          : {}),
        external: standalone
          ? []
          : Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).map((d) => new RegExp(`^${d}(/|$)`)),
      },
    },
  };
});
