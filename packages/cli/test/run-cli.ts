/** Running the built CLI from a test, as a user would: a real process, its exit code and output. */
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const bin = join(repoRoot, 'packages/cli/bin/disclosure-report.js');
/** The seed report of the corpus (a report document). */
export const seedFile = join(repoRoot, 'corpus/chenjiaba-2023/expected.json');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `args` in `cwd` (the repository's root by default). */
export async function cliIn(cwd: string, ...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Runs the CLI with `args` from the repository's root. */
export const cli = (...args: string[]): Promise<Run> => cliIn(repoRoot, ...args);
