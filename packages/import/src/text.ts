/** Extracted text (from a portal page, a PDF, a Word file) to a {@link SourceDoc}. */
import { textLimits } from './limits.js';
import type { Item, SourceDoc } from './model.js';
import { ImportError } from './types.js';

/**
 * The non-blank lines of a text, each cut at {@link textLimits.lineLength}: read one by one (not
 * split into an array of every line, blank ones too), and refused past {@link textLimits.lines}.
 */
const NONBLANK = /\S/;

export function textDoc(text: string): SourceDoc {
  const items: Item[] = [];
  const dateLines: SourceDoc['dateLines'] = [];
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const NL = /\r\n|\n|\r|\u2028|\u2029/g;
  NL.lastIndex = start;
  let from = start;
  let line = 0;
  for (;;) {
    const m = NL.exec(text);
    const to = m ? m.index : text.length;
    line++;
    const t = text.slice(from, Math.min(to, from + textLimits.lineLength));
    if (NONBLANK.test(t)) {
      if (items.length >= textLimits.lines) {
        throw new ImportError('too-complex', `the text has more than ${textLimits.lines} lines (a report has a few thousand)`, { line });
      }
      const item = { kind: 'line' as const, text: t, loc: { line } };
      items.push(item);
      // The same object: a line is also where a date may be stated.
      dateLines.push(item);
    }
    if (!m) break;
    from = NL.lastIndex;
  }
  return { form: 'text', items, titles: [], dateLines, notes: [] };
}
