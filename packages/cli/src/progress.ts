import type { Io } from './io.js';

/** A one-line progress bar on a terminal (stderr); silent when not a terminal or for one file. */
export class Progress {
  private shown = false;
  constructor(
    private readonly io: Io,
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  update(done: number, current: string): void {
    if (!this.enabled || !this.io.isTTY) return;
    const width = 24;
    const filled = Math.round((done / Math.max(this.total, 1)) * width);
    const name = current.length > 40 ? `…${current.slice(-39)}` : current;
    this.io.stderr(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} ${name}`);
    this.shown = true;
  }

  /** Prints a line above the bar. */
  log(line: string): void {
    if (this.shown) this.io.stderr('\r\x1b[K');
    this.io.stderr(`${line}\n`);
  }

  done(): void {
    if (this.shown) this.io.stderr('\r\x1b[K');
    this.shown = false;
  }
}
