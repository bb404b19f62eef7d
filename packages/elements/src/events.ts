/** The events of the elements: all bubble and cross shadow roots (`composed`). */
import type { Finding, Report } from '@disclosure-report/core';
import type { ReportLoadError, ReportSource } from './load.js';

export interface DisclosureLoadDetail {
  report: Report;
  /** Where the report came from: the `report` property, a child JSON script or `src`. */
  source: ReportSource;
}

export interface DisclosureErrorDetail {
  error: ReportLoadError;
  /** The message shown in the element (in its language). */
  message: string;
  source: ReportSource;
}

export interface DisclosureFindingSelectDetail {
  finding: Finding;
  /** The cell focus moves to (the finding's first cell), or null for findings without cells. */
  cellId: string | null;
}

/** What made the report change in edit mode. */
export type ChangeCause =
  | 'input'
  | 'clear'
  | 'escape'
  | 'paste'
  | 'fix'
  | 'auto-totals'
  | 'undo'
  | 'redo'
  | 'section'
  | 'meta'
  | 'format'
  | 'restore'
  | 'import'
  | 'ledger'
  | 'reset';

export interface DisclosureChangeDetail {
  /** The report as edited now. */
  report: Report;
  /** The findings of the core checks for it (last year's report included when set). */
  findings: readonly Finding[];
  cause: ChangeCause;
  /** Cells whose value changed (empty for text and metadata). */
  cells: readonly string[];
}

export interface DisclosureInputDetail {
  cellId: string;
  /** The text in the cell as typed. */
  text: string;
  /** The value it became, or undefined when the text was refused. */
  value: number | null | undefined;
  /** Why the text was refused (in the UI language), else null. */
  error: string | null;
}

export interface DisclosureSubmitDetail {
  report: Report;
}

export interface DisclosureEventMap {
  /** Edit mode: the report changed (typing, paste, auto totals, undo/redo, import, …). */
  'disclosure-change': CustomEvent<DisclosureChangeDetail>;
  /** Edit mode: text typed into a cell, accepted or refused. */
  'disclosure-input': CustomEvent<DisclosureInputDetail>;
  /** Edit mode: `submit()` was called outside a form (the draft stays until `markSaved()`). */
  'disclosure-submit': CustomEvent<DisclosureSubmitDetail>;
  /** A report was loaded (or the `report` property set) and rendered. */
  'disclosure-load': CustomEvent<DisclosureLoadDetail>;
  /** Loading failed; the element shows the message. */
  'disclosure-error': CustomEvent<DisclosureErrorDetail>;
  /** A finding in the list was activated. */
  'disclosure-finding-select': CustomEvent<DisclosureFindingSelectDetail>;
}

declare global {
  // The events bubble and are composed: typed on elements and on the document alike.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends DisclosureEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends DisclosureEventMap {}
}
