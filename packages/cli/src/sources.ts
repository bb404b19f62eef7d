/**
 * What `check` reads, one entry at a time: files (directories walked lazily), the lines of an
 * NDJSON file, and standard input (NDJSON or a JSON array). Nothing is listed ahead: memory stays
 * flat however many entries there are.
 */
import { createReadStream, statSync } from 'node:fs';
import { InputError } from './io.js';
import { expandFiles } from './files.js';
import { maxSourceBytes, readReason, sourceExtensions } from './load.js';
import type { Messages } from './messages.js';

/** One thing to check. */
export type Source =
  /** A file: a report document, a JSON array of them, or a published source. */
  | { kind: 'file'; file: string; /** Listed by its folder as a regular file: opened without being looked up first. */ regular?: boolean }
  /** Report JSON that is not a file of its own: one line of NDJSON (`line`), or standard input read whole (a JSON array). */
  | { kind: 'bytes'; name: string; bytes: Uint8Array; line: boolean }
  /** An entry that could not be read: its error, as a result. */
  | { kind: 'error'; name: string; error: string; located?: boolean };

/** Files that hold one report document a line, whatever their folder. */
export const isNdjson = (path: string) => /\.(ndjson|jsonl)$/i.test(path);

/** What a folder walk for `check` picks up: every source, and NDJSON files (read line by line). */
const checkExtensions = [...sourceExtensions, '.ndjson', '.jsonl'];

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
const limit = maxSourceBytes.text;

/** The entries of the command line's paths, in order: `-` is standard input. */
export async function* checkSources(paths: readonly string[], m: Messages, stdin?: AsyncIterable<Uint8Array>): AsyncGenerator<Source> {
  for (const path of paths) {
    // process.stdin is touched only when asked for: creating it can hold a pipe open.
    if (path === '-') yield* stdinSources(stdin ?? process.stdin, m);
    else if (isNdjson(path)) yield* ndjsonFile(path, m);
    else
      for (const { path: file, regular } of expandFiles([path], checkExtensions)) {
        if (isNdjson(file)) yield* ndjsonFile(file, m);
        else yield regular ? { kind: 'file', file, regular } : { kind: 'file', file };
      }
  }
}

/** An NDJSON file, line by line (a FIFO or device is refused as for any file: it could block). */
async function* ndjsonFile(file: string, m: Messages): AsyncGenerator<Source> {
  let stream: AsyncIterable<Uint8Array>;
  try {
    if (!statSync(file).isFile()) throw new InputError(file, m.cannotRead(m.notRegularFile));
    stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  } catch (e) {
    yield failed(file, e, m);
    return;
  }
  yield* ndjson(file, stream, m);
}

/** Standard input: a JSON array (its first non-blank character is `[`) read whole, else NDJSON. */
async function* stdinSources(stdin: AsyncIterable<Uint8Array>, m: Messages): AsyncGenerator<Source> {
  const iterator = stdin[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let first: number | undefined;
  while (first === undefined) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    first = next.value.find((b) => !isBlank(b));
  }
  const chunks = (async function* () {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  if (first !== 0x5b) {
    yield* ndjson(m.stdin, chunks, m);
    return;
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > limit) {
      await iterator.return?.();
      yield { kind: 'error', name: m.stdin, error: m.cannotRead(m.arrayTooLarge(limit / 1048576)) };
      return;
    }
    parts.push(chunk);
  }
  yield { kind: 'bytes', name: m.stdin, bytes: concat(parts, size), line: false };
}

// Blank before the first document: JSON whitespace and a UTF-8 BOM.
const isBlank = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf;

/**
 * NDJSON: one entry per non-blank line, named `name:line` (from 1). Split on bytes as the chunks
 * come, so only the line being read is held; a line over the size limit is skipped (not kept) and
 * named as too large.
 */
async function* ndjson(name: string, chunks: AsyncIterable<Uint8Array>, m: Messages): AsyncGenerator<Source> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let line = 1;
  const entry = (): Source | undefined => {
    const label = `${name}:${line}`;
    if (size > limit) return { kind: 'error', name: label, error: m.cannotRead(m.tooLarge(mb(size), limit / 1048576)) };
    let bytes = concat(parts, size);
    if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    return bytes.every(isBlank) ? undefined : { kind: 'bytes', name: label, bytes, line: true };
  };
  try {
    for await (const chunk of chunks) {
      let start = 0;
      for (;;) {
        const end = chunk.indexOf(0x0a, start);
        const piece = chunk.subarray(start, end === -1 ? chunk.length : end);
        size += piece.length;
        if (size <= limit && piece.length) parts.push(piece);
        else if (size > limit) parts = [];
        if (end === -1) break;
        const next = entry();
        if (next) yield next;
        parts = [];
        size = 0;
        line++;
        start = end + 1;
      }
    }
  } catch (e) {
    // The stream failed (the file went away, a read error): said where it stopped.
    yield failed(`${name}:${line}`, e, m);
    return;
  }
  const last = entry();
  if (last) yield last;
}

/** Pieces as one copy of their own (never a view that keeps a whole chunk alive). */
function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function failed(name: string, e: unknown, m: Messages): Source {
  if (e instanceof InputError) return { kind: 'error', name, error: e.message, ...(e.located ? { located: true } : {}) };
  return { kind: 'error', name, error: m.cannotRead(readReason(e, m)) };
}
