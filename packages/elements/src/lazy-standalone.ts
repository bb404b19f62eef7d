/**
 * `./lazy.ts` in the standalone bundle: the checks and edit mode are chunks of their own
 * (`disclosure-report-checks.js`, `disclosure-report-edit.js`), fetched with `import()` the
 * first time an element needs them. `import()` resolves against this module's URL, so the
 * chunks are found beside `disclosure-report.js` wherever it is deployed (and `script-src
 * 'self'` allows them). View mode paints without them.
 */
import type { ChecksPart, EditPart, LazyPart } from './lazy.js';

export type { ChecksPart, EditPart, LazyPart } from './lazy.js';

function lazyPart<T>(load: () => Promise<T>): LazyPart<T> {
  let now: T | null = null;
  let failed: unknown = null;
  let loading: Promise<T> | null = null;
  return {
    get now() {
      return now;
    },
    get failed() {
      return failed;
    },
    // A failure sticks (until the page is reloaded): elements render it instead of retrying on every update.
    load: () =>
      (loading ??= load().then(
        (value) => (now = value),
        (error: unknown) => {
          failed = error ?? new Error('load failed');
          throw error;
        },
      )),
  };
}

export const checksPart: LazyPart<ChecksPart> = lazyPart(() => import('./checks-core.js'));
export const editPart: LazyPart<EditPart> = lazyPart(() => import('./edit/mode.js'));
