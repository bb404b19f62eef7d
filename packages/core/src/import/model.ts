/** The form-independent view of a source that the extractor reads: lines of text and tables of cells. */
import type { ImportNote, SourceForm } from './types.js';

/** Where something is in the source (1-based). */
export interface Loc {
  line?: number;
  table?: number;
  row?: number;
  column?: number;
  page?: number;
}

/** One cell of a table, in reading order. */
export interface Token {
  /** The cell's text as read (paragraphs joined by a space). */
  text: string;
  /** Normalised text for label matching. */
  n: string;
  /** Row identity: cells of one table row share it. Absent for text where each line is one cell (rows unknown). */
  row?: number;
  /** Horizontal extent: grid columns [start, end) for HTML/.docx, x range for PDF. */
  span?: readonly [number, number];
  /** A padding cell (a line of `|` in extracted text). */
  filler?: boolean;
  loc: Loc;
}

export type Item =
  | { kind: 'line'; text: string; loc: Loc }
  | { kind: 'table'; tokens: Token[]; loc: Loc };

export interface SourceDoc {
  form: SourceForm;
  items: Item[];
  /** Title candidates from outside the article body (h1, meta ArticleTitle, <title>), best first. */
  titles: string[];
  /** Lines of the whole page where a publication date may be stated. */
  dateLines: { text: string; loc: Loc }[];
  notes: ImportNote[];
  encoding?: string;
  /** Whether spans are continuous coordinates (PDF) rather than grid columns. */
  continuous?: boolean;
}
