/**
 * JSON of a report that is safe to paste into a page: inside `<script type="application/json">`
 * (how the web component takes a report without a `src`), in an HTML attribute or a JavaScript
 * string, no report text can end the element, open a comment or break the line.
 */
import type { Report } from '../report.js';

// `<` ends a script element (`</script>`) or starts `<!--` (which makes the parser swallow the
// page up to the next `-->`); `>` and `&` complete those and entities; U+2028 and U+2029 end a
// line in JavaScript before ES2019 (and in some JSON-in-JS uses still).
const unsafe = /[<>&\u2028\u2029]/g;
const escaped = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * `JSON.stringify(value, null, space)` with `<`, `>`, `&`, U+2028 and U+2029 written as
 * `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`. Still JSON, and `JSON.parse` gives the same
 * value back; but the text holds none of those characters, so it can be pasted into
 * `<script type="application/json">` (or any HTML) as it is.
 *
 * These characters occur only inside JSON strings, where `\uXXXX` means the same thing, so the
 * replacement never changes the value. `space` must be a number or white space (JSON's own rule).
 *
 * @throws RangeError when `space` is a string other than white space.
 */
export function scriptSafeJson(value: unknown, space?: number | string): string {
  if (typeof space === 'string' && !/^[ \t\n\r]*$/.test(space)) throw new RangeError('space must be a number or white space');
  return JSON.stringify(value, null, space).replace(unsafe, escaped);
}

/** Options of {@link toJson}. */
export interface JsonOptions {
  /** Indentation, as `JSON.stringify`'s: a number of spaces or a white-space string (default: none, one line). */
  space?: number | string;
}

/**
 * The report document as JSON text, safe inside `<script type="application/json">`: no report
 * text (`</script>`, `<!--`, U+2028 …) can end the element or change how the page is parsed,
 * because `<`, `>`, `&`, U+2028 and U+2029 are written as `\u003c` etc. `JSON.parse` reads it
 * back to the same document. What `disclosure-report export --to json` and the editor's
 * 导出 JSON write.
 *
 * @example
 * ```ts
 * const json = toJson(report, { space: 2 });
 * const html = `<disclosure-report><script type="application/json">${json}</script></disclosure-report>`;
 * ```
 */
export function toJson(report: Report, options: JsonOptions = {}): string {
  return scriptSafeJson(report, options.space);
}
