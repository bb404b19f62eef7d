/** Public types of the importers. */
import type { BodyType, Report } from '@disclosure-report/core';

/** The forms a report can come in. */
export type SourceForm = 'json' | 'text' | 'html' | 'docx' | 'pdf';

/** Where an imported cell came from. */
export interface Provenance {
  form: SourceForm;
  /** 1-based line of a text source. */
  line?: number;
  /** 1-based table, row and column (grid column, merged cells resolved) of an HTML/.docx/PDF source. */
  table?: number;
  row?: number;
  column?: number;
  /** 1-based page of a PDF. */
  page?: number;
  /**
   * The row's label as the source prints it (whitespace normalised; a typo kept), its levels joined
   * by 「｜」 outermost first: 「三、本年度办理结果｜（三）不予公开｜1.属于国家秘密」. Table 四's rows are
   * its groups (「行政诉讼｜未经复议直接起诉」). Absent when the source prints no label for it.
   */
  rowLabel?: string;
  /** The column's label as printed, likewise: 「自然人」, 「法人或其他组织｜商业企业」, 「结果维持」. */
  columnLabel?: string;
  /** The raw text read. */
  text: string;
}

/**
 * How much a note matters: `warning` when a cell could not be read or the importer made a guess
 * that could be wrong (a person should look); `info` for what was done exactly (a unit converted,
 * a known label variant).
 */
export type ImportNoteLevel = 'info' | 'warning';

/** Something the importer did that a person may want to know (a converted unit, a label variant, …). */
export interface ImportNote {
  /**
   * Stable code (findings of `check` on a published source carry it as `import.<code>`):
   * - cells not read (`warning`, the cells are `null`): `unread-cell` (a cell's text is not a number
   *   of its kind), `row-unread` (a row's figures cannot be placed under its columns), `row-not-found`
   *   (the row is not printed), `table-not-found`;
   * - guesses (`warning`): `label-matched` (a label read by similarity, e.g. a character missing),
   *   `columns-realigned` (figures placed by order where the merged cells do not line up),
   *   `rows-merged` (one figure printed for several rows), `header-assumed`, `duplicate-row`,
   *   `body-type`, `year-inferred`;
   * - exact (`info`): `encoding`, `format-detected`, `unit-converted`, `unit-stripped`,
   *   `thousands-separator`, `blank-mark`, `label-variant`, `label-truncated`, `rows-merged` (a 0 or a
   *   sum that splits exactly), `section-not-found`, `metadata`, `title`, `pages-skipped`.
   */
  code: string;
  /** `info` unless stated (notes from before levels existed are info). */
  level?: ImportNoteLevel;
  message: string;
  /** The cell the note is about (the first, when it concerns several). */
  cell?: string;
  /** Every cell the note concerns, when more than one. */
  cells?: string[];
  /** The text as printed that the note is about (a cell's figure, a row's label). */
  text?: string;
  /** The national label a printed label was read as. */
  label?: string;
  line?: number;
  page?: number;
}

/** How much of the report's tables was read. */
export interface ImportCompleteness {
  /** Cells read from the source (a cell printed blank counts as read: it is `null` by the source's word). */
  read: number;
  /** Cells of the format's tables. */
  expected: number;
  /** Cells not read: not printed, or printed but not readable (each has a `warning` note). */
  unread: string[];
}

export interface ImportResult {
  report: Report;
  form: SourceForm;
  /** The text encoding the bytes were decoded with (text and HTML). */
  encoding?: string;
  /** Where each cell came from, by cell id: every cell that was read. */
  provenance: Record<string, Provenance>;
  notes: ImportNote[];
  /** Cells whose row was not found in the source (their value is `null`). */
  missing: string[];
  /** Cells read / cells expected, and which were not read (not found, or not readable). */
  completeness: ImportCompleteness;
}

export interface ImportLocation {
  line?: number;
  table?: string;
  row?: string;
  column?: string;
  page?: number;
}

/** The one error importers throw: a stable code, a message naming what went wrong and where. */
export class ImportError extends Error {
  readonly code: string;
  readonly location?: ImportLocation;
  /** Further problems of the same import (the first is the message). */
  readonly details: readonly string[];
  constructor(code: string, message: string, location?: ImportLocation, details: readonly string[] = []) {
    super(message);
    this.name = 'ImportError';
    this.code = code;
    if (location) this.location = location;
    this.details = details;
  }
}

/** Options of {@link importReport} and the per-form importers. */
export interface ImportOptions {
  /** The file's name: its extension helps to detect the form. */
  fileName?: string;
  /** Skip detection. */
  form?: SourceForm;
  /** Metadata to use where the source does not state it. */
  meta?: { agency?: string; year?: number; title?: string; publishedOn?: string | null; bodyType?: BodyType };
  /**
   * Refuse the whole report on the first cell, row or label that differs from the national format
   * (an {@link ImportError}), as before tolerant reading existed. Default false: every cell that can be
   * read is kept, cells that cannot be read are `null` with a `warning` note, and only a source with
   * no recognisable table is refused.
   */
  strict?: boolean;
  /** With `strict`: still return a report when rows were not found (their cells `null`, listed in `missing`). */
  partial?: boolean;
}
