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
  /** Horizontal extent: grid columns [start, end) for HTML/.docx, the cell's borders (x) for PDF. */
  span?: readonly [number, number];
  /** A padding cell (a line of `|` in extracted text). */
  filler?: boolean;
  /** How many `|` the filler's line had (a run of several pads a row; a single one may be a blank cell). */
  run?: number;
  /** This row is covered by a figure merged over several rows (rowspan): the token of its first row. */
  mergedFrom?: Token;
  loc: Loc;
}

export type Item =
  | {
      kind: 'line';
      text: string;
      loc: Loc;
      /** The line continues the previous line's paragraph (a line wrapped in a PDF). */
      cont?: boolean;
    }
  | { kind: 'table'; tokens: Token[]; loc: Loc };

export interface SourceDoc {
  form: SourceForm;
  items: Item[];
  /** Title candidates from outside the article body (h1, meta ArticleTitle, <title>), best first. */
  titles: string[];
  /** The publishing office a page names outside the article (meta ContentSource), if any. */
  publisher?: string;
  /** Lines of the whole page where a publication date may be stated. */
  dateLines: { text: string; loc: Loc }[];
  notes: ImportNote[];
  encoding?: string;
}
