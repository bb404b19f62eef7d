/**
 * Undo and redo over report snapshots. `withCell` copies only the objects on a cell's path,
 * so a snapshot costs a few small objects. Consecutive changes with the same group (typing in
 * one cell during one visit, one text area, one field) are one step.
 */
import type { Report } from '@disclosure-report/core';

export class EditHistory {
  #past: Report[] = [];
  #future: Report[] = [];
  #group: string | null = null;

  constructor(readonly limit = 500) {}

  get canUndo(): boolean {
    return this.#past.length > 0;
  }

  get canRedo(): boolean {
    return this.#future.length > 0;
  }

  /** The group of the step on top (null once undone, redone or ended). */
  get openGroup(): string | null {
    return this.#group;
  }

  /** Records that `before` was replaced; `group` merges the change into the open step of that group. */
  record(before: Report, group: string | null = null): void {
    this.#future.length = 0;
    if (group !== null && group === this.#group) return;
    this.#past.push(before);
    if (this.#past.length > this.limit) this.#past.shift();
    this.#group = group;
  }

  /** Ends the open step: the next change starts a new one even within the same group. */
  endGroup(): void {
    this.#group = null;
  }

  /** Drops the open step of `group` and returns the report from before it (Escape in a cell). */
  discardGroup(group: string): Report | null {
    if (this.#group !== group) return null;
    this.#group = null;
    return this.#past.pop() ?? null;
  }

  undo(current: Report): Report | null {
    const previous = this.#past.pop();
    if (!previous) return null;
    this.#future.push(current);
    this.#group = null;
    return previous;
  }

  redo(current: Report): Report | null {
    const next = this.#future.pop();
    if (!next) return null;
    this.#past.push(current);
    this.#group = null;
    return next;
  }

  clear(): void {
    this.#past.length = 0;
    this.#future.length = 0;
    this.#group = null;
  }
}
