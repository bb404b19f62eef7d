/** Language, accessibility (axe-core), markup in the data, double registration. */
import { blankReport, taxonomy, withCell } from '@disclosure-report/core';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { type DisclosureReportElement, define, defaultStrings } from '../src/index.js';
import { cleanup, mount, numberedReport, seed, settled, text } from './helpers.js';

beforeEach(() => {
  document.documentElement.lang = 'zh-CN';
});
afterEach(cleanup);

async function renderReport(report: unknown, attrs = '', parent?: Element): Promise<DisclosureReportElement> {
  const el = mount<DisclosureReportElement>(`<disclosure-report ${attrs}></disclosure-report>`, parent);
  el.report = report as DisclosureReportElement['report'];
  await settled(el);
  return el;
}

async function axeViolations(context: Element) {
  const result = await axe.run(context, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('lang', () => {
  test('lang="en" gives English labels, headings and messages', async () => {
    const el = await renderReport(numberedReport(), 'lang="en" show-findings');
    const root = el.shadowRoot!;
    const t = taxonomy('2021');
    expect(text(root.querySelector('.section-heading'))).toBe('1. Overview');
    const headers = Array.from(root.querySelectorAll('table.requests th')).map(text);
    expect(headers).toContain(t.requests.columnsHeading.en);
    expect(headers).toContain('Businesses');
    expect(headers).not.toContain('商业企业');
    expect(text(root.querySelector('[part~="findings-heading"]'))).toBe(defaultStrings.en.findingsHeading);
    expect(root.querySelector('article')!.getAttribute('lang')).toBe('en');
    // The report's own words stay marked as Chinese.
    expect(root.querySelector('.title')!.getAttribute('lang')).toBe('zh-CN');
  });

  test('without lang the nearest ancestor decides, and changes are followed', async () => {
    const wrapper = mount('<div lang="en-GB"></div>');
    const el = await renderReport(seed, '', wrapper);
    expect(text(el.shadowRoot!.querySelector('.section-heading'))).toBe('1. Overview');
    wrapper.setAttribute('lang', 'zh-Hans-CN');
    await vi.waitFor(() => expect(text(el.shadowRoot!.querySelector('.section-heading'))).toBe('一、总体情况'));
    el.lang = 'en';
    await vi.waitFor(() => expect(text(el.shadowRoot!.querySelector('.section-heading'))).toBe('1. Overview'));
  });

  test('English tables are set tighter, and back when the language changes', async () => {
    const el = await renderReport(seed, 'lang="en"');
    const padding = () => {
      const td = el.shadowRoot!.querySelector<HTMLElement>('td[data-cell="requests.newReceived.total"]')!;
      return Number.parseFloat(getComputedStyle(td).paddingLeft) / Number.parseFloat(getComputedStyle(td).fontSize);
    };
    expect(padding()).toBeCloseTo(0.375, 3);
    el.lang = 'zh-CN';
    await el.updateComplete;
    expect(padding()).toBeCloseTo(0.5, 3);
  });

  test('zh-CN is the default, and UI strings can be overridden', async () => {
    document.documentElement.removeAttribute('lang');
    const el = await renderReport(seed);
    expect(text(el.shadowRoot!.querySelector('.section-heading'))).toBe('一、总体情况');
    el.i18n = { agency: '单位' };
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('[part~="meta"] dt'))).toBe('单位');
  });
});

describe('axe-core', () => {
  test('the seed report with findings has no violations (zh-CN)', async () => {
    const el = await renderReport(seed, 'show-findings');
    expect(await axeViolations(el)).toEqual([]);
  });

  test('a report with findings and distinct numbers has no violations (en)', async () => {
    const wrong = withCell(numberedReport(), 'requests.newReceived.total', 1);
    const el = await renderReport(wrong, 'show-findings lang="en"');
    expect(el.findings.length).toBeGreaterThan(0);
    expect(await axeViolations(el)).toEqual([]);
  });

  test('the 2019 format, a blank report, the single tables, findings and an error have no violations', async () => {
    const main = mount('<main></main>');
    const elements: Element[] = [
      await renderReport(numberedReport('2019'), 'show-findings', main),
      await renderReport(blankReport('2021', {}), 'show-findings', main),
    ];
    for (const tag of ['disclosure-requests-table', 'disclosure-active-table', 'disclosure-reviews-table', 'disclosure-findings']) {
      const el = mount<DisclosureReportElement>(`<${tag} show-findings></${tag}>`, main);
      el.report = seed;
      await settled(el);
      elements.push(el);
    }
    const failing = mount<DisclosureReportElement>('<disclosure-report src="/missing.json"></disclosure-report>', main);
    await settled(failing);
    elements.push(failing);
    for (const el of elements) expect(await axeViolations(el), el.tagName).toEqual([]);
  });
});

describe('robust on other people’s pages', () => {
  test('markup in the report appears as text and runs nothing', async () => {
    const w = window as unknown as { __pwned?: number };
    delete w.__pwned;
    const evil = '<img src=x onerror="window.__pwned=1">';
    let report = { ...seed, agency: evil, title: `<b>标题</b>${evil}` };
    report = { ...report, sections: { ...report.sections, overview: `第一段${evil}\n<script>window.__pwned=2</script>` } };
    report = withCell(report, 'requests.newReceived.total', '<img src=x onerror="window.__pwned=3">' as unknown as number);
    for (const how of ['property', 'script'] as const) {
      const el =
        how === 'property'
          ? await renderReport(report, 'show-findings')
          : mount<DisclosureReportElement>(
              `<disclosure-report show-findings><script type="application/json">${JSON.stringify(report).replace(/</g, '\\u003c')}</script></disclosure-report>`,
            );
      await settled(el);
      const root = el.shadowRoot!;
      expect(root.querySelector('img, script, b')).toBeNull();
      expect(text(root.querySelector('[part~="meta"] dd'))).toBe(evil);
      expect(text(root.querySelector('.title'))).toBe(`<b>标题</b>${evil}`);
      expect(text(root.querySelector('[part~="section-overview"] p'))).toBe(`第一段${evil}`);
      expect(text(root.querySelector('td[data-cell="requests.newReceived.total"]'))).toContain('<img');
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(w.__pwned).toBeUndefined();
  });

  test('registering the tags twice is harmless', async () => {
    expect(() => define('disclosure-report', class extends HTMLElement {})).not.toThrow();
    expect(customElements.get('disclosure-report')!.name).toBe('DisclosureReportElement');
    // A second copy of the module graph (as with two script tags) registers nothing and throws nothing.
    await expect(import(/* @vite-ignore */ `../src/index.ts?copy=${Date.now()}`)).resolves.toBeTruthy();
    const el = await renderReport(seed);
    expect(el.shadowRoot!.querySelectorAll('td[data-cell]').length).toBe(200);
  });

  test('styles are adopted stylesheets (no <style> or style attributes needed under CSP)', async () => {
    const el = await renderReport(seed, 'show-findings');
    // One sheet: the browser matches every element against each sheet in turn (first paint).
    expect(el.shadowRoot!.adoptedStyleSheets.length).toBe(1);
    expect(el.shadowRoot!.querySelector('style, [style]')).toBeNull();
  });

  test('print: A4-friendly rules hide UI chrome (print-preview applies them on screen)', async () => {
    const el = await renderReport(withCell(seed, 'requests.newReceived.total', 9), 'show-findings print-preview');
    const root = el.shadowRoot!;
    expect(getComputedStyle(root.querySelector('[part~="findings"]')!).display).toBe('none');
    const scroller = root.querySelector('[part~="table-scroll"]')!;
    expect(getComputedStyle(scroller).overflowX).toBe('visible');
    const table = root.querySelector('table.requests')!;
    expect(getComputedStyle(table).breakInside).toBe('avoid');
    expect(getComputedStyle(root.querySelector('td.flagged')!).outlineStyle).toBe('none');
    expect(getComputedStyle(root.querySelector('td')!).breakInside).toBe('avoid');
    // Off again (the property reflects to the attribute): the screen layout is back.
    el.printPreview = false;
    await el.updateComplete;
    expect(el.hasAttribute('print-preview')).toBe(false);
    expect(getComputedStyle(scroller).overflowX).toBe('auto');
    expect(getComputedStyle(table).breakInside).toBe('auto');
    expect(getComputedStyle(root.querySelector('td')!).breakInside).toBe('auto');
    expect(getComputedStyle(root.querySelector('[part~="findings"]')!).display).not.toBe('none');
    el.printPreview = true;
    await el.updateComplete;
    expect(el.hasAttribute('print-preview')).toBe(true);
    expect(getComputedStyle(table).breakInside).toBe('avoid');
  });

  test('print-preview on a single table', async () => {
    const el = mount<HTMLElement & { report: unknown; updateComplete: Promise<boolean> }>('<disclosure-requests-table print-preview></disclosure-requests-table>');
    el.report = seed;
    await settled(el);
    const root = el.shadowRoot!;
    expect(getComputedStyle(root.querySelector('table')!).breakInside).toBe('avoid');
    expect(getComputedStyle(root.querySelector('[part~="table-scroll"]')!).overflowX).toBe('visible');
  });
});

describe('the time a draft was saved', () => {
  test('is toLocaleTimeString in the UI language, formatted once per date and language', async () => {
    const { timeOfDay } = await import('../src/i18n.js');
    const date = new Date(2024, 0, 2, 15, 4, 5);
    const spy = vi.spyOn(date, 'toLocaleTimeString');
    expect(timeOfDay(date, 'zh-CN')).toBe(new Date(date).toLocaleTimeString('zh-CN'));
    expect(timeOfDay(date, 'zh-CN')).toBe(new Date(date).toLocaleTimeString('zh-CN'));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(timeOfDay(date, 'en')).toBe(new Date(date).toLocaleTimeString('en'));
    expect(timeOfDay(new Date(date.getTime() + 1000), 'en')).not.toBe(timeOfDay(date, 'en'));
  });
});
