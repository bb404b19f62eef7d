/**
 * This year's report beside last year's (issue 17): each figure with last year's and the change
 * (blank and 0 kept apart), and the sentences of each text section that repeat last year's —
 * the sentences themselves, not only a percentage, so that a reader can see what was copied.
 */
import { exactDifference } from './exact.js';
import { type CellValue, type Report, getCell } from './report.js';
import { sentenceEnders } from './sentence.js';
import { type TextSectionKey, taxonomy, textSectionKeys } from './taxonomy.js';

/** One cell this year and last year. */
export interface CellComparison {
  id: string;
  now: CellValue;
  before: CellValue;
  /** now − before, exact to the printed decimals; null when either is blank (blank is not 0). */
  change: number | null;
}

/** A sentence of this year's text that last year's report has too. */
export interface RepeatedSentence {
  /** The sentence as printed this year. */
  text: string;
  /** Where it is in this year's section text (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
  /** The same sentence word for word (not only with other figures or years). */
  verbatim: boolean;
}

/** One text section this year against last year's. */
export interface SectionComparison {
  key: TextSectionKey;
  repeated: RepeatedSentence[];
  /** The share of this year's text (characters without white space) in repeated sentences, 0–1. */
  share: number;
}

/** This year's report beside last year's. */
export interface ReportComparison {
  /** Every cell the two formats share, in national order. */
  cells: CellComparison[];
  sections: SectionComparison[];
}

/** Sentences shorter than this (without white space) are not compared: 「无。」 repeats and says nothing. */
export const repeatedSentenceMinLength = 12;

/** A sentence and what ends it: the pattern of {@link sentences}, made once. */
const sentencePattern = `[^${sentenceEnders}\\n]+[${sentenceEnders}]*`;

/** The sentences of a text with their offsets: ended by one of {@link sentenceEnders} or a line break. */
export function sentences(text: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  const re = new RegExp(sentencePattern, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) out.push({ text: trimmed, start: m.index + lead, end: m.index + lead + trimmed.length });
  }
  return out;
}

const squeezed = (s: string) => s.replace(/\s+/g, '');
// The same sentence with other figures or years: what is left when the numbers are taken out.
const shape = (s: string) => squeezed(s).replace(/[0-9０-９]+(?:[.,，][0-9０-９]+)*/g, '#').replace(/[〇一二三四五六七八九十零]{4}年/g, '#年');

/** The sentences of `now` that `before` has too (word for word, or with only figures and years changed). */
export function repeatedSentences(now: string, before: string): RepeatedSentence[] {
  const last = new Set<string>();
  const lastShapes = new Set<string>();
  for (const s of sentences(before)) {
    const key = squeezed(s.text);
    if (key.length < repeatedSentenceMinLength) continue;
    last.add(key);
    lastShapes.add(shape(s.text));
  }
  const out: RepeatedSentence[] = [];
  for (const s of sentences(now)) {
    const key = squeezed(s.text);
    if (key.length < repeatedSentenceMinLength) continue;
    if (last.has(key)) out.push({ ...s, verbatim: true });
    else if (lastShapes.has(shape(s.text))) out.push({ ...s, verbatim: false });
  }
  return out;
}

/**
 * This year's report beside last year's: every cell the two formats share (a 2021 report against
 * a 2019 one shares the cells whose ids are the same) with the change, and for each text section
 * the sentences that repeat last year's (see {@link repeatedSentences}) and their share.
 */
export function compareReports(report: Report, previous: Report): ReportComparison {
  const lastIds = new Set(taxonomy(previous.format).cells.map((c) => c.id));
  const cells: CellComparison[] = [];
  for (const cell of taxonomy(report.format).cells) {
    if (!lastIds.has(cell.id)) continue;
    const now = getCell(report, cell.id) ?? null;
    const before = getCell(previous, cell.id) ?? null;
    cells.push({ id: cell.id, now, before, change: now === null || before === null ? null : exactDifference(now, before) });
  }
  const sections = textSectionKeys.map((key): SectionComparison => {
    const now = typeof report.sections?.[key] === 'string' ? report.sections[key] : '';
    const before = typeof previous.sections?.[key] === 'string' ? previous.sections[key] : '';
    const repeated = repeatedSentences(now, before);
    const total = squeezed(now).length;
    const copied = repeated.reduce((n, s) => n + squeezed(s.text).length, 0);
    return { key, repeated, share: total ? copied / total : 0 };
  });
  return { cells, sections };
}
