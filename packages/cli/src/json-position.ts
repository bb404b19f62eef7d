/**
 * Where JSON.parse failed, as a line and column: from V8's message (`at position N`, and on newer
 * V8 `(line L column C)`), or, where the message gives no position (`Unexpected token 'o', "…" is
 * not valid JSON`), from a scan of the text that stops where the syntax first breaks.
 */
import type { TextPosition } from './messages.js';

/** The line and column (both from 1) of this offset, lines ending at \r\n, \n or \r, as V8 counts them. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10 && i + 1 < end) i++;
    if (c === 13 || c === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const isWs = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/**
 * The offset at which this text stops being JSON (RFC 8259), or -1 if it is JSON. Iterative, so
 * nesting of any depth is scanned; only called on text JSON.parse refused.
 */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;
  const ws = () => {
    while (i < n && isWs(text.charCodeAt(i))) i++;
  };
  /** A string at i (its opening quote); false with i where it breaks. */
  const string = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          for (let k = 2; k < 6; k++) {
            if (!isHex(text.charCodeAt(i + k))) {
              i += k;
              return false;
            }
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
        continue;
      }
      i++;
    }
    return false;
  };
  const digits = (): boolean => {
    if (!isDigit(text.charCodeAt(i))) return false;
    while (isDigit(text.charCodeAt(i))) i++;
    return true;
  };
  const number = (): boolean => {
    if (text.charCodeAt(i) === 45) i++;
    if (text.charCodeAt(i) === 48) i++;
    else if (!digits()) return false;
    if (text.charCodeAt(i) === 46) {
      i++;
      if (!digits()) return false;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      if (!digits()) return false;
    }
    return true;
  };
  const literal = (word: string): boolean => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) return false;
    return true;
  };
  /** `"key" :` inside an object, at i (after whitespace). */
  const key = (): boolean => {
    if (text.charCodeAt(i) !== 34 || !string()) return false;
    ws();
    if (text.charCodeAt(i) !== 58) return false;
    i++;
    return true;
  };

  const stack: ('[' | '{')[] = [];
  let wantValue = true;
  for (;;) {
    ws();
    if (wantValue) {
      if (i >= n) return i;
      const c = text[i] as string;
      if (c === '{' || c === '[') {
        i++;
        ws();
        if (text[i] === (c === '{' ? '}' : ']')) {
          i++;
          wantValue = false;
          continue;
        }
        stack.push(c);
        if (c === '{' && !key()) return i;
        continue;
      }
      const ok =
        c === '"' ? string() : c === '-' || isDigit(c.charCodeAt(0)) ? number() : c === 't' ? literal('true') : c === 'f' ? literal('false') : c === 'n' ? literal('null') : false;
      if (!ok) return i;
      wantValue = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return i < n ? i : -1;
    const c = text[i];
    if (c === ',') {
      i++;
      ws();
      if (top === '{' && !key()) return i;
      wantValue = true;
    } else if (c === (top === '{' ? '}' : ']')) {
      i++;
      stack.pop();
    } else return i;
  }
}

/**
 * Where JSON.parse failed on this text, and V8's reason without its position: from `(line L
 * column C)` if the message has it, else `at position N`, else a scan of the text; no position
 * for a failure that is not about the syntax (a RangeError).
 */
export function jsonFailure(text: string, error: unknown): { at?: TextPosition; reason: string } {
  const message = error instanceof Error ? String(error.message) : String(error);
  const reason =
    message
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/ in JSON at position \d+$/, '')
      .replace(/ at position \d+$/, '')
      .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
      .trim() || message;
  if (!(error instanceof SyntaxError)) return { reason };
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn) return { at: { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }, reason };
  const position = /at position (\d+)/.exec(message);
  if (position) return { at: positionAt(text, Number(position[1])), reason };
  const offset = jsonErrorOffset(text);
  return offset < 0 ? { reason } : { at: positionAt(text, offset), reason };
}
