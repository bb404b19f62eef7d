import type { Finding } from '@disclosure-report/core';
import { type TemplateResult, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ReportElement } from './base.js';
import { define } from './define.js';
import { findingsList } from './findings.js';
import { findingsStyles, hostStyles, printStyles } from './styles.js';

/**
 * The findings of the core checks for a report, as a list. With `for`, activating a finding
 * moves focus to its cell in that element (`<disclosure-report>` or a table element).
 *
 * @tagname disclosure-findings
 * @summary The check findings of a report.
 *
 * @attr src - URL of a report document.
 * @attr for - Id of the element that shows the report's tables; its cell gets focus.
 * @attr lang - `zh-CN` (default) or `en`.
 * @prop {Report | null} report - The report document to check.
 * @prop {Finding[] | null} findings - Findings to show instead of checking `report`.
 * @event {CustomEvent<DisclosureFindingSelectDetail>} disclosure-finding-select - A finding was activated.
 * @event disclosure-load - A report was loaded.
 * @event disclosure-error - Loading failed.
 * @csspart findings - The wrapper.
 * @csspart findings-heading - The heading.
 * @csspart findings-summary - Counts by severity.
 * @csspart findings-status - In its place while the standalone script's checks load, or when they cannot be loaded.
 * @csspart findings-list - The list.
 * @csspart finding - One finding (also `finding-error`, `finding-warning`, `finding-info`).
 * @csspart finding-button - The button that moves to the finding's cell (the rule's id is its tooltip).
 * @cssprop --disclosure-error-color - Error labels.
 * @cssprop --disclosure-warning-color - Warning labels.
 */
export class DisclosureFindingsElement extends ReportElement {
  static override styles = css`${hostStyles}${findingsStyles}${printStyles}`;

  /** Findings to list instead of checking `report`. */
  @property({ attribute: false }) findings: Finding[] | null = null;

  /** Id of the element (in this element's tree scope) whose cells the findings point at. */
  @property({ attribute: 'for', reflect: true }) htmlFor: string | null = null;

  @state() private selected: Finding | null = null;

  protected override render(): TemplateResult {
    let findings: readonly Finding[] | null = this.findings;
    if (!findings) {
      const state = this.loadState;
      if (state.status !== 'ready') return this.renderStatus();
      findings = this.findingsFor(state.report);
    }
    return html`${findingsList({
      findings,
      strings: this.strings,
      lang: this.resolvedLang,
      idPrefix: '',
      headingLevel: 2,
      selected: this.selected,
      onSelect: (f) => this.select(f),
      // Findings given as a property need no checks.
      status: this.findings ? null : this.checksStatus,
      notice: this.findings ? null : this.packsNotice,
    })}`;
  }

  private select(finding: Finding): void {
    this.selected = finding;
    const root = this.getRootNode() as Document | ShadowRoot;
    const target = this.htmlFor ? (root.getElementById?.(this.htmlFor) as (HTMLElement & { focusCell?: (id: string) => boolean }) | null) : null;
    let cellId: string | null = null;
    if (target?.focusCell) cellId = finding.cells.find((id) => target.focusCell?.(id)) ?? null;
    else cellId = finding.cells[0] ?? null;
    this.emit('disclosure-finding-select', { finding, cellId });
  }
}

define('disclosure-findings', DisclosureFindingsElement);

declare global {
  interface HTMLElementTagNameMap {
    'disclosure-findings': DisclosureFindingsElement;
  }
}
