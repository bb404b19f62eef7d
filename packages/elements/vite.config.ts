import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

/**
 * The literal parts of each `html` template in a module (the text between its `${…}`), nested
 * templates included: a template is read to its closing backtick, skipping what is inside its
 * expressions (strings, comments, nested templates), so a template with templates inside it is
 * minified as well. Returned as [start, end) ranges of `code`.
 */
function htmlLiterals(code: string): [number, number][] {
  const ranges: [number, number][] = [];
  // From just after an opening backtick to just after its closing one; `html` marks whose literals count.
  const template = (i: number, html: boolean): number => {
    let start = i;
    while (i < code.length) {
      const c = code[i];
      if (c === '\\') i += 2;
      else if (c === '`') {
        if (html) ranges.push([start, i]);
        return i + 1;
      } else if (c === '$' && code[i + 1] === '{') {
        if (html) ranges.push([start, i]);
        i = expression(i + 2);
        start = i;
      } else i++;
    }
    return i;
  };
  // From just after `${` to just after its closing brace.
  const expression = (i: number): number => {
    let depth = 1;
    while (i < code.length) {
      const c = code[i] as string;
      if (c === '`') i = template(i + 1, /(?:^|[^\w$.])html$/.test(code.slice(Math.max(0, i - 5), i)));
      else if (c === "'" || c === '"') {
        for (i++; i < code.length && code[i] !== c; i++) if (code[i] === '\\') i++;
        i++;
      } else if (c === '/' && code[i + 1] === '/') i = code.indexOf('\n', i) === -1 ? code.length : code.indexOf('\n', i);
      else if (c === '/' && code[i + 1] === '*') i = code.indexOf('*/', i + 2) === -1 ? code.length : code.indexOf('*/', i + 2) + 2;
      else {
        if (c === '{') depth++;
        else if (c === '}' && --depth === 0) return i + 1;
        i++;
      }
    }
    return i;
  };
  for (const m of code.matchAll(/(?<![\w$.])html`/g)) {
    const at = (m.index as number) + m[0].length;
    // Nested ones were found inside their parent's expressions.
    if (ranges.some(([, end]) => end >= at)) continue;
    template(at, true);
  }
  return ranges;
}

/**
 * Squeezes the whitespace out of Lit's `css` and `html` templates in our sources (Lit ships
 * them as written): comments and indentation in CSS, line breaks and indentation between
 * tags in HTML (collapsed to one space, which HTML renders the same; only next to a tag, so
 * code inside `${…}` keeps its line breaks; before a tag's `>`, dropped).
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
  const htmlText = (text: string) =>
    text
      .replace(/\s*\n\s*>/g, '>')
      .replace(/>\s*\n\s*/g, '> ')
      .replace(/\s*\n\s*</g, ' <');
  return {
    name: 'disclosure-minify-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      const css = code.replace(/\bcss`([^`]*)`/g, (_, body: string) => `css\`${cssBody(body)}\``);
      let out = '';
      let at = 0;
      for (const [start, end] of htmlLiterals(css)) {
        out += css.slice(at, start) + htmlText(css.slice(start, end));
        at = end;
      }
      out += css.slice(at);
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
    // No browser has Node's Buffer: core's text loops that read through it (see operations.ts,
    // unitsByWords) are left out of the bundle for pages.
    ...(standalone ? { define: { 'globalThis.Buffer': 'undefined' } } : {}),
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
                // A top-level const stays one (see core's vite.config.ts): the checks' text loops
                // read module tables that V8 folds only when they are const.
                topLevelVar: false,
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
