/** Extracted text (from a portal page, a PDF, a Word file) to a {@link SourceDoc}. */
import type { Item, SourceDoc } from './model.js';

/** Lines longer than this are cut (a 1 MB line is not a report line). */
const MAX_LINE = 20000;

export function textDoc(text: string): SourceDoc {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r|\u2028|\u2029/);
  const items: Item[] = [];
  const dateLines: SourceDoc['dateLines'] = [];
  lines.forEach((raw, i) => {
    const t = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
    if (!t.trim()) return;
    const loc = { line: i + 1 };
    items.push({ kind: 'line', text: t, loc });
    dateLines.push({ text: t, loc });
  });
  return { form: 'text', items, titles: [], dateLines, notes: [] };
}
