import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

/** Report documents the portal serves under /reports/ (the seed from the corpus, plus local fixtures). */
function reportFiles(): Record<string, string> {
  return {
    'chenjiaba-2023.json': resolve(repoRoot, 'corpus/chenjiaba-2023/expected.json'),
    'shifan-natural-resources-2023.json': resolve(here, 'reports/shifan-natural-resources-2023.json'),
    'shifan-natural-resources-2022.json': resolve(here, 'reports/shifan-natural-resources-2022.json'),
  };
}

/** Serves the report JSON in dev and copies it into the build (the seed is read from corpus/). */
function reports(): Plugin {
  return {
    name: 'disclosure-demo-reports',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = /^\/reports\/([\w.-]+\.json)(\?.*)?$/.exec(req.url ?? '');
        const file = match ? reportFiles()[match[1] as string] : undefined;
        if (!file) return next();
        if (!existsSync(file)) {
          res.statusCode = 404;
          res.end(`missing ${file}`);
          return;
        }
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const [name, file] of Object.entries(reportFiles())) {
        this.emitFile({ type: 'asset', fileName: `reports/${name}`, source: readFileSync(file) });
      }
    },
  };
}

export default defineConfig({
  plugins: [reports()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
  build: {
    target: 'es2022',
    // pdf.js and its worker (1.2 MB) are chunks of their own, loaded only when a PDF is imported.
    chunkSizeWarningLimit: 1300,
    // Two pages: the portal (index.html) and the 编辑 page (edit.html).
    rolldownOptions: {
      input: { main: resolve(here, 'index.html'), edit: resolve(here, 'edit.html') },
    },
  },
});
