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

export function findingsList(o: FindingsListOptions): TemplateResult {
  const s = o.strings;
  const headingId = `${o.idPrefix}findings-heading`;
  const counts = countBySeverity(o.findings);
  const heading =
    o.headingLevel === 2
      ? html`<h2 id=${headingId} part="findings-heading">${s.findingsHeading}</h2>`
      : html`<h3 id=${headingId} part="findings-heading">${s.findingsHeading}</h3>`;
  return html`<section class="findings" part="findings" aria-labelledby=${headingId} lang=${o.lang}>
    ${heading}
    ${o.findings.length === 0
      ? html`<p part="findings-summary">${s.findingsNone}</p>`
      : html`<p part="findings-summary">${format(s.findingsSummary, counts)}</p>
          <ol part="findings-list">
            ${o.findings.map((f, i) => {
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
                  ? html`<button
                      type="button"
                      part="finding-button"
                      title=${s.goToCell}
                      @click=${() => o.onSelect(f)}
                    >
                      ${body}
                    </button>`
                  : body}
              </li>`;
            })}
          </ol>`}
  </section>`;
}
