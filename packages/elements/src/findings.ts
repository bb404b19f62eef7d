/** The list of check findings, shared by `<disclosure-report>` and `<disclosure-findings>`. */
import { type Finding, countBySeverity } from '@disclosure-report/core';
import { type TemplateResult, html } from 'lit';
import { type DisclosureStrings, format } from './i18n.js';

export interface FindingsListOptions {
  readonly findings: readonly Finding[];
  readonly strings: DisclosureStrings;
  readonly lang: string;
  readonly idPrefix: string;
  /** 2 in a standalone `<disclosure-findings>`, 3 under the report's title. */
  readonly headingLevel: 2 | 3;
  /** The finding the reader selected last. */
  readonly selected: Finding | null;
  readonly onSelect: (finding: Finding) => void;
  /** Which findings can be activated (default: those with cells). */
  readonly selectable?: (finding: Finding) => boolean;
}

const icon = { error: '✕', warning: '!', info: 'i' } as const;

/** The id of a finding's list item (cells can point at it with aria-describedby). */
export const findingId = (prefix: string, index: number) => `${prefix}finding-${index}`;

/** From this many blank cells on, they are listed in one collapsible group (a new report has 200). */
export const blankCellGroupFrom = 6;

export function findingsList(o: FindingsListOptions): TemplateResult {
  const s = o.strings;
  const headingId = `${o.idPrefix}findings-heading`;
  const counts = countBySeverity(o.findings);
  const heading =
    o.headingLevel === 2
      ? html`<h2 id=${headingId} part="findings-heading">${s.findingsHeading}</h2>`
      : html`<h3 id=${headingId} part="findings-heading">${s.findingsHeading}</h3>`;
  const item = (f: Finding, i: number) => {
    const body = html`<span class="severity ${f.severity}"
        ><span aria-hidden="true">${icon[f.severity]}</span> ${s.severity[f.severity]}</span
      >${o.lang === 'en' ? ': ' : '：'}${f.message} <span class="rule">(${f.rule}[${f.target}])</span>`;
    return html`<li
      id=${findingId(o.idPrefix, i)}
      class="finding ${f.severity}"
      part="finding finding-${f.severity}"
      data-rule=${f.rule}
      data-target=${f.target}
    >
      ${(o.selectable ? o.selectable(f) : f.cells.length > 0)
        ? html`<button type="button" part="finding-button" title=${s.goToCell} @click=${() => o.onSelect(f)}>${body}</button>`
        : body}
    </li>`;
  };
  const blanks = o.findings.filter((f) => f.rule === 'blank-cell').length;
  const grouped = blanks >= blankCellGroupFrom;
  const firstBlank = o.findings.findIndex((f) => f.rule === 'blank-cell');
  const blankGroup = grouped
    ? html`<li class="finding warning group" part="finding finding-warning finding-group" data-rule="blank-cell" data-target="*">
        <details>
          <summary><span class="severity warning"><span aria-hidden="true">${icon.warning}</span> ${s.severity.warning}</span
            >${o.lang === 'en' ? ': ' : '：'}${format(s.blankCellsGroup, { count: blanks })}</summary>
          <ol>
            ${o.findings.map((f, i) => (f.rule === 'blank-cell' ? item(f, i) : null))}
          </ol>
        </details>
      </li>`
    : null;
  return html`<section class="findings" part="findings" aria-labelledby=${headingId} lang=${o.lang}>
    ${heading}
    ${o.findings.length === 0
      ? html`<p part="findings-summary">${s.findingsNone}</p>`
      : html`<p part="findings-summary">${format(s.findingsSummary, counts)}</p>
          <ol part="findings-list">
            ${o.findings.map((f, i) => (grouped && f.rule === 'blank-cell' ? (i === firstBlank ? blankGroup : null) : item(f, i)))}
          </ol>`}
  </section>`;
}
