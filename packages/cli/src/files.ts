import { type Dir, opendirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { sourceExtensions } from './load.js';

/**
 * Expands the command line's paths: files as given, directories walked (sorted, one entry
 * at a time, so a year of reports is never held in memory at once).
 */
export async function* expandPaths(paths: readonly string[], extensions = sourceExtensions): AsyncGenerator<string> {
  for (const file of expandFiles(paths, extensions)) yield file.path;
}

/** A file to read, and whether it is known to be a regular file (so that it need not be looked up again before it is opened). */
export interface FoundFile {
  path: string;
  regular: boolean;
}

/**
 * {@link expandPaths}, with whether each file of a folder is a regular file (as the folder listed
 * it; a path given is not known). Synchronous, as the reads of `check` are: a generator step per
 * file, not a promise per file and per level of generators.
 */
export function* expandFiles(paths: readonly string[], extensions = sourceExtensions): Generator<FoundFile> {
  for (const path of paths) {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // A missing path is reported by the reader, with its name.
    }
    if (isDir) yield* walk(path, extensions);
    else yield { path, regular: false };
  }
}

function* walk(dir: string, extensions: readonly string[]): Generator<FoundFile> {
  // One directory's names at a time (sorting needs them all), never the tree's: the walk goes
  // into a sub-folder only when its turn comes.
  const names = new NameList();
  // Listed synchronously: the asynchronous iterator took promises per entry, and for a folder
  // of 100,000 files that garbage grew the heap by some 10 MB (measured: 24 MB against 12 MB
  // once listed); the reads of the files are synchronous too.
  let listing: Dir | undefined;
  try {
    listing = opendirSync(dir, { bufferSize: 256 });
    for (let entry = listing.readSync(); entry !== null; entry = listing.readSync()) {
      const name = entry.name;
      if (name.startsWith('.')) continue;
      if (entry.isDirectory()) names.add(name, folder);
      else if (!extensions.some((ext) => name.toLowerCase().endsWith(ext))) continue;
      // Anything else (symbolic links: followed when read) is looked up when read.
      else names.add(name, entry.isFile() ? regularFile : other);
    }
  } catch {
    yield { path: dir, regular: false }; // unreadable directory: let the reader report it
    return;
  } finally {
    try {
      listing?.closeSync();
    } catch {
      // Closed already: nothing held.
    }
  }
  for (const i of names.sorted()) {
    const path = join(dir, names.name(i));
    if (names.kind(i) === folder) yield* walk(path, extensions);
    else yield { path, regular: names.kind(i) === regularFile };
  }
}

const regularFile = 0;
const folder = 1;
const other = 2;

/**
 * The names of one folder, packed as UTF-16 code units in typed arrays (outside the JavaScript
 * heap) with their kinds: 100,000 names take 2 to 5 MB there, where as strings, held from the
 * listing to the last file, they were 4 MB more of the old generation, which V8 sizes its next
 * collections by (the peak memory grew with the number of files). Sorted as strings are
 * (`<` on UTF-16 code units), each name made a string again only when its turn comes.
 */
export class NameList {
  private units = new Uint16Array(4096);
  private used = 0;
  /** Where each name starts in `units`; its end is where the next begins (`starts[count]` is `used`). */
  private starts = new Uint32Array(257);
  private kinds = new Uint8Array(256);
  private count = 0;

  get length(): number {
    return this.count;
  }

  add(name: string, kind: number): void {
    if (this.used + name.length > this.units.length) this.units = grown(this.units, this.used + name.length);
    if (this.count + 1 >= this.kinds.length) {
      this.kinds = grown(this.kinds, this.count + 2);
      this.starts = grown(this.starts, this.count + 2);
    }
    for (let k = 0; k < name.length; k++) this.units[this.used + k] = name.charCodeAt(k);
    this.starts[this.count] = this.used;
    this.kinds[this.count] = kind;
    this.used += name.length;
    this.count++;
    this.starts[this.count] = this.used;
  }

  name(i: number): string {
    const start = this.starts[i] as number;
    const end = this.starts[i + 1] as number;
    // Names are short (255 bytes at most on common file systems): one call, no loop of concatenations.
    return String.fromCharCode.apply(null, this.units.subarray(start, end) as unknown as number[]);
  }

  kind(i: number): number {
    return this.kinds[i] as number;
  }

  /** The indices of the names in the order of `a < b` on the strings. */
  sorted(): Uint32Array {
    const { units, starts } = this;
    const order = new Uint32Array(this.count);
    for (let i = 0; i < order.length; i++) order[i] = i;
    return order.sort((a, b) => {
      const aEnd = starts[a + 1] as number;
      const bEnd = starts[b + 1] as number;
      let i = starts[a] as number;
      let j = starts[b] as number;
      for (; i < aEnd && j < bEnd; i++, j++) {
        const d = (units[i] as number) - (units[j] as number);
        if (d !== 0) return d;
      }
      // One is a prefix of the other: the shorter first.
      return aEnd - i - (bEnd - j);
    });
  }
}

/** A copy of `array` with room for at least `need` elements (doubling). */
function grown<T extends Uint8Array | Uint16Array | Uint32Array>(array: T, need: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(need, 2 * array.length));
  bigger.set(array);
  return bigger;
}
