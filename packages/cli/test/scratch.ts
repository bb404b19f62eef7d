/** A temporary folder for the tests of one file. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * Creates the folder before the file's tests (handing its path to `created`) and removes it
 * after them. Returns a writer: a string or bytes are written as they are, anything else as
 * JSON; sub-folders are made; the path written is returned.
 */
export function scratchFolder(prefix: string, created: (dir: string) => void): (name: string, content: unknown) => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    created(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name, content) => {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === 'string' || content instanceof Uint8Array ? content : JSON.stringify(content));
    return path;
  };
}
