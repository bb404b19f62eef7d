/** Writing the CLI's output files: a clear message naming the file for every failure, never a stack trace. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

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
export function writeReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such directory';
  if (code === 'ENOTDIR') return 'a parent of it is not a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EEXIST') return 'already exists';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EDQUOT') return 'disk quota exceeded';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'EFBIG') return 'file too large';
  return (e as Error).message;
}

/** A failure of the file system while writing `file` (an fs error with a syscall), as an OutputError. */
export function asOutputError(e: unknown, file?: string): OutputError | undefined {
  if (e instanceof OutputError) return e;
  const err = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || typeof err.code !== 'string' || !err.syscall) return undefined;
  const path = file ?? err.path;
  return path === undefined ? undefined : new OutputError(path, `cannot write: ${writeReason(e)}`);
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
export async function openOutput(file: string): Promise<FileSink> {
  const stream = createWriteStream(file);
  let failure: unknown;
  stream.on('error', (e) => {
    failure ??= e;
  });
  const fail = (e: unknown) => asOutputError(e, file) ?? new OutputError(file, `cannot write: ${(e as Error).message}`);
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
