/**
 * Hostile text in every string field of a report, rendered by the element in real chromium:
 * nothing executes and no element is created from it (checked on the DOM and on a global
 * tripwire). The corpus is core's, shared with the export tests.
 */
import { type Report, toHtml, withCell } from '@disclosure-report/core';
import { importHtml } from '@disclosure-report/import';
import { afterEach, describe, expect, test } from 'vitest';
import { xssCorpus } from '../../core/test/hostile/xss.js';
import { cleanup, mount, seed, settled } from './helpers.js';

type ReportElement = HTMLElement & { report: Report | null; previous: Report | null };
const tripwire = window as unknown as { __pwned?: number };

afterEach(cleanup);

/** Every element and attribute in the element's shadow tree and light DOM. */
function everything(el: Element): Element[] {
  const out: Element[] = [];
  const visit = (root: Element | ShadowRoot) => {
    for (const child of Array.from(root.querySelectorAll('*'))) {
      out.push(child);
      if (child.shadowRoot) visit(child.shadowRoot);
    }
  };
  visit(el);
  if (el.shadowRoot) visit(el.shadowRoot);
  return out;
}

const allowedTags = new Set([
  'ARTICLE', 'HEADER', 'H1', 'H2', 'H3', 'P', 'DIV', 'SPAN', 'DL', 'DT', 'DD', 'SECTION', 'TABLE', 'CAPTION', 'COLGROUP', 'COL',
  'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'UL', 'OL', 'LI', 'BUTTON', 'TIME', 'STRONG', 'EM', 'SMALL', 'NAV', 'ASIDE', 'FOOTER', 'SLOT',
  'INPUT', 'TEXTAREA', 'LABEL', 'SELECT', 'OPTION', 'FORM', 'FIELDSET', 'LEGEND', 'OUTPUT', 'MARK', 'ABBR', 'BR', 'SCRIPT',
]);

describe('hostile text in every field', () => {
  test.each(xssCorpus.map((p) => [p]))('%j stays text', async (payload) => {
    delete tripwire.__pwned;
    let report: Report = { ...seed, agency: payload, title: payload, sections: { overview: payload, problems: `前文\n${payload}`, other: payload } };
    report = withCell(report, 'requests.granted.total', payload as unknown as number);
    const el = mount<ReportElement>('<disclosure-report show-findings></disclosure-report>');
    el.report = report;
    el.previous = { ...seed, sections: { overview: payload, problems: payload, other: payload } };
    await settled(el);
    const nodes = everything(el);
    const unexpected = nodes.filter((n) => !allowedTags.has(n.tagName));
    expect(unexpected.map((n) => n.tagName)).toEqual([]);
    // The only script is none: the report came in as a property.
    expect(nodes.filter((n) => n.tagName === 'SCRIPT')).toEqual([]);
    for (const n of nodes) for (const a of Array.from(n.attributes)) expect(a.name, `${n.tagName} ${a.name}`).not.toMatch(/^on|^href$|^src$|^srcdoc$/);
    expect(el.shadowRoot?.textContent).toContain(payload);
    await new Promise((r) => setTimeout(r, 20));
    expect(tripwire.__pwned).toBeUndefined();
  });

  test('an imported portal page full of script and handlers gives plain text that renders as text', async () => {
    delete tripwire.__pwned;
    const hostileReport = { ...seed, sections: { overview: xssCorpus.slice(0, 6).join('\n'), problems: xssCorpus.slice(6, 12).join('\n'), other: xssCorpus.slice(12).join('\n') } };
    // A page as a compromised or careless CMS would serve it: live markup around and inside the article.
    const page = `<html><head><script>window.__pwned = 1</script></head><body onload="window.__pwned=2">
      <nav><a href="javascript:window.__pwned=3">导航</a></nav>${toHtml(hostileReport)}
      <img src=x onerror="window.__pwned=4"><iframe srcdoc="<script>parent.__pwned=5</script>"></iframe></body></html>`;
    const { report } = importHtml(page);
    expect(report.sections.overview).toBe(hostileReport.sections.overview.replace(/\u0000/g, '\ufffd'));
    const el = mount<ReportElement>('<disclosure-report show-findings></disclosure-report>');
    el.report = report;
    await settled(el);
    const nodes = everything(el);
    expect(nodes.filter((n) => !allowedTags.has(n.tagName) || n.tagName === 'SCRIPT').map((n) => n.tagName)).toEqual([]);
    expect(el.shadowRoot?.textContent).toContain('<script>window.__pwned = 1</script>'.slice(0, 8));
    await new Promise((r) => setTimeout(r, 20));
    expect(tripwire.__pwned).toBeUndefined();
  });
});
