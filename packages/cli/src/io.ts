import { once } from 'node:events';

/** Where the CLI writes: injectable so tests can run commands in-process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout/stderr are a terminal (progress bars, colour). */
  isTTY: boolean;
  /** Resolves once stdout has taken what was written (where writes are asynchronous, e.g. pipes on macOS). */
  drained?: () => Promise<void> | undefined;
  /** Writes UTF-8 bytes to stdout (the bytes are the stream's from then on): where given, `check` writes its results in batches. */
  stdoutBytes?: (bytes: Uint8Array) => void;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
  drained: () => (process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : undefined),
  stdoutBytes: (bytes) => process.stdout.write(bytes),
};

/**
 * A problem with the input (unreadable file, not JSON, schema violation): exit 2, no stack trace.
 * The message is in the run's language; `located` when it begins with the place in the file
 * (`line 3, column 14: …`), so that it is printed after the file's name without a colon.
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly located = false,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** Wrong use of the command line: exit 2 with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const exitCodes = { ok: 0, findings: 1, input: 2 } as const;
