/**
 * Read-only tables are rendered as one template per table (tables.ts `viewTemplate`), not a
 * template per row and cell: what they show must be exactly what the per-cell renderer shows.
 */
import { type Finding, type Lang, type Report, check, sections, taxonomy } from '@disclosure-report/core';
import { render } from 'lit';
import { describe, expect, test } from 'vitest';
import { type TableContext, explainedSums, indexFindings, renderCellView } from '../src/cells.js';
import { stringsFor } from '../src/i18n.js';
import { activeTable, requestsTable, reviewsTable } from '../src/tables.js';
import { city, cleanPageEachTest, numberedReport, seed } from './helpers.js';

cleanPageEachTest();

/** Elements, attributes (sorted) and text of a subtree: what a reader and CSS get, without Lit's comment markers. */
function shape(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return (node as Text).data.trim() ? JSON.stringify((node as Text).data) : '';
  if (node.nodeType !== Node.ELEMENT_NODE) return '';
  const el = node as Element;
  const attrs = Array.from(el.attributes, (a) => `${a.name}=${JSON.stringify(a.value)}`).sort().join(' ');
  return `<${el.localName} ${attrs}>${Array.from(el.childNodes, shape).join('')}</${el.localName}>`;
}

function context(report: Report, lang: Lang, findings: readonly Finding[], selected: readonly string[], renderCell = renderCellView): TableContext {
  return {
    report,
    taxonomy: taxonomy(report.format),
    lang,
    strings: stringsFor(lang, null),
    findingsByCell: indexFindings(findings),
    explained: explainedSums(findings),
    selectedCells: new Set(selected),
    idPrefix: 'x-',
    captionVisible: lang === 'en',
    renderCell,
  };
}

const tables = { active: activeTable, requests: requestsTable, reviews: reviewsTable } as const;

describe('the one-template read-only table shows what the per-cell renderer shows', () => {
  const numbered = numberedReport('2021');
  // Blank and missing cells, a malformed value, findings (a pinpointed cell, failing sums), a selection.
  const odd = structuredClone(city) as unknown as { requests: { granted: Record<string, unknown> } };
  odd.requests.granted.naturalPerson = null;
  odd.requests.granted.commercial = 'x';
  delete odd.requests.granted.research;
  const cases: [string, Report, boolean][] = [
    ['the seed report', seed, false],
    ['every cell a different number', numbered, false],
    ['the city report with its findings', city, true],
    ['blank, missing and malformed cells', odd as unknown as Report, true],
    ['the 2019 format', numberedReport('2019'), true],
  ];
  for (const [name, report, withFindings] of cases) {
    for (const lang of ['zh-CN', 'en'] as const) {
      test(`${name} (${lang})`, () => {
        const findings = withFindings ? check(report, { lang }) : [];
        const selected = findings[0]?.cells ?? [];
        for (const [key, table] of Object.entries(tables)) {
          const heading = sections.find((s) => s.key === key)!.heading;
          const fast = document.createElement('div');
          const slow = document.createElement('div');
          document.body.append(fast, slow);
          render(table(context(report, lang, findings, selected), heading), fast);
          // Any other renderer takes the per-row, per-cell path.
          render(table(context(report, lang, findings, selected, (...a) => renderCellView(...a)), heading), slow);
          expect(fast.querySelectorAll('td[data-cell]').length, key).toBe(taxonomy(report.format).cells.filter((c) => c.id.startsWith(`${key}.`)).length);
          expect(shape(fast), key).toBe(shape(slow));
          // Rendering again with a new selection updates the same DOM.
          const again = context(report, lang, findings, []);
          render(table(again, heading), fast);
          render(table(context(report, lang, findings, [], (...a) => renderCellView(...a)), heading), slow);
          expect(shape(fast), key).toBe(shape(slow));
        }
      });
    }
  }
});
