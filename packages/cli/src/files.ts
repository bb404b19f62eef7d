import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { sourceExtensions } from './load.js';

/**
 * Expands the command line's paths: files as given, directories walked (sorted, one entry
 * at a time, so a year of reports is never held in memory at once).
 */
export async function* expandPaths(paths: readonly string[], extensions = sourceExtensions): AsyncGenerator<string> {
  for (const path of paths) {
    let isDir = false;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch {
      // A missing path is reported by the reader, with its name.
    }
    if (isDir) yield* walk(path, extensions);
    else yield path;
  }
}

async function* walk(dir: string, extensions: readonly string[]): AsyncGenerator<string> {
  const names: { name: string; dir: boolean }[] = [];
  try {
    for await (const entry of await opendir(dir)) {
      if (entry.name.startsWith('.')) continue;
      names.push({ name: entry.name, dir: entry.isDirectory() });
    }
  } catch {
    yield dir; // unreadable directory: let the reader report it
    return;
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, dir: isDir } of names) {
    const path = join(dir, name);
    if (isDir) yield* walk(path, extensions);
    else if (extensions.some((ext) => name.toLowerCase().endsWith(ext))) yield path;
  }
}
