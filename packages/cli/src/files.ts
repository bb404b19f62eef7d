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
  // One directory's names at a time (sorting needs them all), never the tree's: the walk goes
  // into a sub-folder only when its turn comes. Plain strings, the folders apart, to keep a
  // folder of 100,000 reports a few MB.
  const names: string[] = [];
  const folders = new Set<string>();
  try {
    for await (const entry of await opendir(dir, { bufferSize: 256 })) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) folders.add(entry.name);
      else if (!extensions.some((ext) => entry.name.toLowerCase().endsWith(ext))) continue;
      names.push(entry.name);
    }
  } catch {
    yield dir; // unreadable directory: let the reader report it
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const path = join(dir, name);
    if (folders.has(name)) yield* walk(path, extensions);
    else yield path;
  }
}
