/** Public types of the importers. */
import type { Report } from '../report.js';

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
  /** The raw text read. */
  text: string;
}

/** Something the importer did that a person may want to know (a converted unit, a label variant, …). */
export interface ImportNote {
  /**
   * Stable code: `encoding`, `format-detected`, `unit-converted`, `unit-stripped`, `thousands-separator`,
   * `blank-mark`, `label-variant`, `label-truncated`, `header-assumed`, `duplicate-row`, `row-not-found`,
   * `table-not-found` (the last two only with `partial`), `section-not-found`, `metadata`, `title`, `pages-skipped`.
   */
  code: string;
  message: string;
  cell?: string;
  line?: number;
}

export interface ImportResult {
  report: Report;
  form: SourceForm;
  /** The text encoding the bytes were decoded with (text and HTML). */
  encoding?: string;
  /** Where each cell came from, by cell id. Every cell of the report has one unless the import was `partial`. */
  provenance: Record<string, Provenance>;
  notes: ImportNote[];
  /** Cells that could not be found (only with `partial: true`; otherwise missing cells are an error). */
  missing: string[];
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
  meta?: { agency?: string; year?: number; title?: string; publishedOn?: string | null };
  /** Return a report even when some rows were not found (their cells null, listed in `missing`). Default false: missing cells are an ImportError. */
  partial?: boolean;
}
