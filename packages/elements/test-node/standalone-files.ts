/**
 * The files of the standalone build, for the test servers: the entry a page loads with its one
 * `<script type="module">`, and the chunks it loads on demand from beside itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The entry first, then the chunks (what a deployer copies, side by side). */
export const standaloneFiles = ['disclosure-report.js', 'disclosure-report-checks.js', 'disclosure-report-edit.js'] as const;
export type StandaloneFile = (typeof standaloneFiles)[number];

export const standalonePath = (file: StandaloneFile) => resolve(pkgDir, 'dist', file);

/** The files' bytes by name, built first when one is missing. */
export function readStandalone(): Map<string, Buffer> {
  if (standaloneFiles.some((f) => !existsSync(standalonePath(f)))) {
    execFileSync('npx', ['vite', 'build', '--mode', 'standalone'], { cwd: pkgDir, stdio: 'inherit' });
  }
  return new Map(standaloneFiles.map((f) => [f, readFileSync(standalonePath(f))]));
}

/** The standalone file a request path names (its last segment, wherever the page put the files), if any. */
export function standaloneFileOf(path: string, files: ReadonlyMap<string, Buffer>): Buffer | undefined {
  return files.get(path.slice(path.lastIndexOf('/') + 1));
}
