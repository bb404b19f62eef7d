/** The list of check findings, shared by `<disclosure-report>` and `<disclosure-findings>`. */
import type { CellFix, Finding, Severity } from '@disclosure-report/core';
import { type TemplateResult, html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { type DisclosureStrings, figure, format } from './i18n.js';

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
  /** Edit mode: applies a suspect's fix (one undo step); without it, fixes are not offered. */
  readonly onFix?: (finding: Finding) => void;
  /** Edit mode: how many findings are held back until the clerk asks (or fills their cells in). */
  readonly held?: number;
  /** Shown instead of the summary while there can be no findings: the checks are loading, or failed to. */
  readonly status?: string | null;
  /** Shown above the summary: something about the checks a reader must know (rule packs not applied). */
  readonly notice?: string | null;
}

/** Findings by severity (core's `countBySeverity`, kept here: core's is in its rules engine, which the standalone bundle loads on demand). */
function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

const icon = { error: '✕', warning: '!', info: 'i' } as const;

/** The id of a finding's list item (cells can point at it with aria-describedby). */
export const findingId = (prefix: string, index: number) => `${prefix}finding-${index}`;

/** From this many blank cells on, they are listed in one collapsible group (a new report has 200). */
export const blankCellGroupFrom = 6;

/** Whether a fix swaps two figures (a transposition): 对调 rather than 改为. */
const swaps = (fix: readonly CellFix[]) => {
  const [a, b] = fix as [CellFix, CellFix];
  return fix.length === 2 && a.from === b.to && b.from === a.to;
};


/** A finding's JSON, computed once per finding object (edit mode keeps the objects of findings that did not change). */
const contentKeys = new WeakMap<Finding, string>();
function contentKey(f: Finding): string {
  let key = contentKeys.get(f);
  if (key === undefined) contentKeys.set(f, (key = JSON.stringify(f)));
  return key;
}

export function findingsList(o: FindingsListOptions): TemplateResult {
  const s = o.strings;
  const headingId = `${o.idPrefix}findings-heading`;
  // The cell that is wrong first: what to fix, before the sums it breaks.
  const findings = [...o.findings.filter((f) => f.rule === 'suspect.cell'), ...o.findings.filter((f) => f.rule !== 'suspect.cell')];
  const counts = countBySeverity(findings);
  const sep = o.lang === 'en' ? ': ' : '：';
  const heading =
    o.headingLevel === 2
      ? html`<h2 id=${headingId} part="findings-heading">${s.findingsHeading}</h2>`
      : html`<h3 id=${headingId} part="findings-heading">${s.findingsHeading}</h3>`;
  // An item is rendered again only when what it shows changed (a keystroke changes one or two findings).
  const item = (f: Finding, i: number) => {
    const selectable = o.selectable ? o.selectable(f) : f.cells.length > 0;
    const fix = o.onFix && f.fix?.length ? f.fix : null;
    return guard([s, i, selectable, !!fix, contentKey(f)], () => itemTemplate(f, i, selectable, fix));
  };
  const itemTemplate = (f: Finding, i: number, selectable: boolean, fix: readonly CellFix[] | null) => {
    // The rule's id is for whoever maintains the rules: a tooltip, never visible text.
    const body = html`<span class="severity ${f.severity}" title="${f.rule}[${f.target}]"
        ><span aria-hidden="true">${icon[f.severity]}</span> ${s.severity[f.severity]}</span
      >${sep}${f.message}${f.note ? html` <span class="note">${f.note}</span>` : nothing}`;
    return html`<li
      id=${findingId(o.idPrefix, i)}
      class="finding ${f.severity}"
      part="finding finding-${f.severity}"
      data-rule=${f.rule}
      data-target=${f.target}
    >
      ${selectable
        ? html`<button type="button" part="finding-button" title=${s.goToCell} data-index=${i}>${body}</button>`
        : body}${fix
        ? html`<button type="button" class="fix" part="finding-fix" data-index=${i}>
            ${swaps(fix) ? s.fixSwap : format(s.fixTo, { value: fix.map((c) => figure(c.to)).join(o.lang === 'en' ? ', ' : '、') })}
          </button>`
        : nothing}
    </li>`;
  };
  const blanks = findings.filter((f) => f.rule === 'blank-cell').length;
  const grouped = blanks >= blankCellGroupFrom;
  const firstBlank = findings.findIndex((f) => f.rule === 'blank-cell');
  const blankGroup = grouped
    ? html`<li class="finding warning group" part="finding finding-warning finding-group" data-rule="blank-cell" data-target="*">
        <details>
          <summary><span class="severity warning"><span aria-hidden="true">${icon.warning}</span> ${s.severity.warning}</span
            >${sep}${format(s.blankCellsGroup, { count: blanks })}</summary>
          <ol>
            ${findings.map((f, i) => (f.rule === 'blank-cell' ? item(f, i) : null))}
          </ol>
        </details>
      </li>`
    : null;
  const held = o.held ?? 0;
  // One listener for every button: an item not rendered again still acts on the finding now at its place.
  const onClick = (e: Event) => {
    const button = (e.target as Element).closest?.('button[data-index]') as HTMLButtonElement | null;
    const f = button ? findings[Number(button.dataset.index)] : undefined;
    if (!f) return;
    if (button?.classList.contains('fix')) o.onFix?.(f);
    else o.onSelect(f);
  };
  return html`<section class="findings" part="findings" aria-labelledby=${headingId} lang=${o.lang} @click=${onClick}>
    ${heading}
    ${o.notice ? html`<p part="findings-notice" role="alert">${o.notice}</p>` : nothing}
    ${o.status
      ? html`<p part="findings-summary findings-status" role="status">${o.status}</p>`
      : findings.length === 0
      ? html`<p part="findings-summary">${held ? format(s.findingsNoneYet, { count: held }) : s.findingsNone}</p>`
      : html`<p part="findings-summary">${format(s.findingsSummary, counts)}${held ? format(s.findingsHeld, { count: held }) : ''}</p>
          <ol part="findings-list">
            ${findings.map((f, i) => (grouped && f.rule === 'blank-cell' ? (i === firstBlank ? blankGroup : null) : item(f, i)))}
          </ol>`}
  </section>`;
}
