/** Writing the CLI's output files: a clear message naming the file for every failure, never a stack trace. */
import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Io } from './io.js';
import { type Lang, fileLine, messages } from './messages.js';

/** An output file that could not be written: exit 2, the file named. */
export class OutputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutputError';
  }
}

/** Why a file could not be written, in words. */
export function writeReason(e: unknown, lang: Lang = 'zh-CN'): string {
  const m = messages(lang);
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return m.noSuchDirectory;
  if (code === 'ENOTDIR') return m.parentNotDirectory;
  if (code === 'EACCES' || code === 'EPERM') return m.permissionDenied;
  if (code === 'EISDIR') return m.isDirectory;
  if (code === 'EEXIST') return m.alreadyExists;
  if (code === 'ENOSPC') return m.noSpace;
  if (code === 'EDQUOT') return m.quotaExceeded;
  if (code === 'EROFS') return m.readOnly;
  if (code === 'EFBIG') return m.fileTooLarge;
  return (e as Error).message;
}

/** A failure of the file system while writing `file` (an fs error with a syscall), as an OutputError. */
export function asOutputError(e: unknown, file?: string, lang: Lang = 'zh-CN'): OutputError | undefined {
  if (e instanceof OutputError) return e;
  const err = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || typeof err.code !== 'string' || !err.syscall) return undefined;
  const path = file ?? err.path;
  return path === undefined ? undefined : new OutputError(path, messages(lang).cannotWrite(writeReason(e, lang)));
}

/** A file written piece by piece with back-pressure: memory stays flat however much is written. */
export interface FileSink {
  /** Resolves once the text is handed to the file, or buffered within the stream's limit. */
  write(text: string): Promise<void>;
  /** Flushes and closes the file. */
  end(): Promise<void>;
}

/**
 * Opens (creates or truncates) `file` for writing; throws an {@link OutputError} naming it when it
 * cannot be opened, before anything else is done.
 */
export async function openOutput(file: string, lang: Lang = 'zh-CN'): Promise<FileSink> {
  const stream = createWriteStream(file);
  let failure: unknown;
  stream.on('error', (e) => {
    failure ??= e;
  });
  const fail = (e: unknown) => asOutputError(e, file, lang) ?? new OutputError(file, messages(lang).cannotWrite((e as Error).message));
  try {
    await once(stream, 'open');
  } catch (e) {
    throw fail(e);
  }
  return {
    async write(text) {
      if (failure) throw fail(failure);
      try {
        if (!stream.write(text)) await once(stream, 'drain');
      } catch (e) {
        throw fail(e);
      }
      if (failure) throw fail(failure);
    },
    async end() {
      if (failure) throw fail(failure);
      stream.end();
      try {
        await finished(stream);
      } catch (e) {
        throw fail(e);
      }
    },
  };
}

/**
 * Writes one whole result (a report, a template): to `out` whole or not at all (a temporary file
 * beside it, renamed over it, so a draft written --into is never left half written), or to
 * standard output without `out`. Resolves to false, the file and the reason said on stderr, when
 * it cannot be written.
 */
export async function writeResult(io: Io, out: string | undefined, data: string | Uint8Array, lang: Lang = 'zh-CN'): Promise<boolean> {
  if (out === undefined) {
    // Binary output (a workbook) is written to files only: the commands ask for -o first.
    if (typeof data !== 'string') throw new TypeError('binary output needs a file');
    io.stdout(data);
    return true;
  }
  const temporary = `${out}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, out);
    return true;
  } catch (e) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const unwritable = asOutputError(e, out, lang);
    if (!unwritable) throw e;
    io.stderr(`${fileLine(messages(lang), unwritable.file, unwritable.message)}\n`);
    return false;
  }
}
