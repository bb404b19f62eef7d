/**
 * The parts of the elements the standalone bundle loads on demand: the checks and edit mode.
 * Here (the library build, for bundlers and tests) they are imported at once and always
 * ready, so the elements behave synchronously; bundlers split them as they see fit. The
 * standalone build swaps this module for `./lazy-standalone.ts`, which loads each part as a
 * chunk beside `disclosure-report.js` the first time it is needed.
 */
import * as checks from './checks-core.js';
import * as edit from './edit/mode.js';

/** A part loaded on demand: `now` once loaded, `failed` when loading it failed. */
export interface LazyPart<T> {
  readonly now: T | null;
  readonly failed: unknown;
  /** Loads the part (once); rejects when it cannot be loaded. */
  load(): Promise<T>;
}

export type ChecksPart = typeof checks;
export type EditPart = typeof edit;

const ready = <T>(value: T): LazyPart<T> => ({ now: value, failed: null, load: () => Promise.resolve(value) });

export const checksPart: LazyPart<ChecksPart> = ready(checks);
export const editPart: LazyPart<EditPart> = ready(edit);
