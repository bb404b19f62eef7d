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

export interface DisclosureEventMap {
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
