/** Where the data come from (property > JSON child > src), loading and errors. */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { DisclosureErrorDetail, DisclosureLoadDetail, DisclosureReportElement } from '../src/index.js';
import { cleanup, mount, numberedReport, seed, servedUrl, settled, text } from './helpers.js';

beforeEach(() => {
  document.documentElement.lang = 'zh-CN';
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});


/** Collects the element events that reach the document (they bubble and are composed). */
function listen() {
  const loads: DisclosureLoadDetail[] = [];
  const errors: DisclosureErrorDetail[] = [];
  const onLoad = (e: CustomEvent<DisclosureLoadDetail>) => loads.push(e.detail);
  const onError = (e: CustomEvent<DisclosureErrorDetail>) => errors.push(e.detail);
  document.addEventListener('disclosure-load', onLoad);
  document.addEventListener('disclosure-error', onError);
  return {
    loads,
    errors,
    stop() {
      document.removeEventListener('disclosure-load', onLoad);
      document.removeEventListener('disclosure-error', onError);
    },
  };
}

const agencyOf = (el: DisclosureReportElement) => text(el.shadowRoot!.querySelector('[part~="meta"] dd'));

describe('loading the report', () => {
  test('from the report property', async () => {
    const events = listen();
    const el = mount<DisclosureReportElement>('<disclosure-report></disclosure-report>');
    el.report = seed;
    await settled(el);
    expect(agencyOf(el)).toBe('陈家坝镇人民政府');
    expect(events.loads).toEqual([{ report: seed, source: 'property' }]);
    events.stop();
  });

  test('from a child <script type="application/json">', async () => {
    const events = listen();
    const el = mount<DisclosureReportElement>(
      `<disclosure-report><script type="application/json">${JSON.stringify(seed)}</script></disclosure-report>`,
    );
    await settled(el);
    expect(agencyOf(el)).toBe('陈家坝镇人民政府');
    expect(events.loads.map((d) => d.source)).toEqual(['script']);
    // Content systems that rewrite the JSON: the element follows.
    el.querySelector('script')!.textContent = JSON.stringify({ ...seed, agency: '另一机关' });
    await vi.waitFor(() => expect(agencyOf(el)).toBe('另一机关'));
    events.stop();
  });

  test('from the src attribute', async () => {
    const events = listen();
    const el = mount<DisclosureReportElement>(`<disclosure-report src="${servedUrl(seed)}"></disclosure-report>`);
    await settled(el);
    expect(agencyOf(el)).toBe('陈家坝镇人民政府');
    expect(el.shadowRoot!.querySelectorAll('td[data-cell]').length).toBe(200);
    expect(events.loads.map((d) => d.source)).toEqual(['src']);
    events.stop();
  });

  test('precedence: the property over a JSON child over src', async () => {
    const other = { ...numberedReport(), agency: '子元素机关' };
    const el = mount<DisclosureReportElement>(
      `<disclosure-report src="${servedUrl({ ...seed, agency: 'src机关' })}"><script type="application/json">${JSON.stringify(other)}</script></disclosure-report>`,
    );
    await settled(el);
    expect(agencyOf(el)).toBe('子元素机关');
    el.report = { ...seed, agency: '属性机关' };
    await settled(el);
    expect(agencyOf(el)).toBe('属性机关');
    el.report = null;
    el.querySelector('script')!.remove();
    await vi.waitFor(() => expect(agencyOf(el)).toBe('src机关'));
  });

  test('shows a loading message while fetching', async () => {
    let release!: (r: Response) => void;
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => new Promise<Response>((r) => (release = r)));
    const el = mount<DisclosureReportElement>('<disclosure-report src="/slow.json"></disclosure-report>');
    await el.updateComplete;
    const status = el.shadowRoot!.querySelector('[part~="status"]')!;
    expect(status.getAttribute('role')).toBe('status');
    expect(text(status)).toBe('正在加载年度报告……');
    release(new Response(JSON.stringify(seed)));
    await settled(el);
    expect(el.shadowRoot!.querySelector('[part~="status"]')).toBeNull();
  });

  test('a load error is shown in the element and dispatched', async () => {
    const events = listen();
    const el = mount<DisclosureReportElement>('<disclosure-report src="/no-such-report.json"></disclosure-report>');
    await settled(el);
    const alert = el.shadowRoot!.querySelector('[role="alert"]');
    expect(text(alert)).toContain('年度报告加载失败');
    expect(text(alert)).toContain('HTTP 404');
    expect(events.errors).toHaveLength(1);
    expect(events.errors[0]!.source).toBe('src');
    expect(events.errors[0]!.error.kind).toBe('http');
    expect(events.errors[0]!.message).toBe('服务器返回错误（HTTP 404）。');
    expect(events.loads).toHaveLength(0);
    events.stop();
  });

  test('invalid JSON and documents that are not reports are errors, in the page language', async () => {
    const events = listen();
    const bad = mount<DisclosureReportElement>(`<disclosure-report lang="en" src="${servedUrl('{not json')}"></disclosure-report>`);
    await settled(bad);
    expect(text(bad.shadowRoot!.querySelector('[role="alert"]'))).toBe(
      'The annual report could not be loaded The data are not valid JSON.',
    );
    const wrong = mount<DisclosureReportElement>(
      '<disclosure-report><script type="application/json">{"format":"1999"}</script></disclosure-report>',
    );
    await settled(wrong);
    expect(text(wrong.shadowRoot!.querySelector('[role="alert"]'))).toContain('数据不是年度报告文档');
    expect(events.errors.map((e) => [e.source, e.error.kind])).toEqual([
      ['src', 'json'],
      ['script', 'not-a-report'],
    ]);
    events.stop();
  });

  test('src is fetched only over http(s) or relative URLs', async () => {
    const events = listen();
    const spy = vi.spyOn(globalThis, 'fetch');
    for (const url of ['javascript:alert(1)', 'data:application/json,{}', 'file:///etc/passwd', 'blob:https://example.org/x']) {
      const el = mount<DisclosureReportElement>(`<disclosure-report lang="en"></disclosure-report>`);
      el.setAttribute('src', url);
      await settled(el);
      expect(text(el.shadowRoot!.querySelector('[role="alert"]'))).toContain('The data address must be an http(s) or relative URL.');
    }
    expect(spy).not.toHaveBeenCalled();
    expect(events.errors.map((e) => e.error.kind)).toEqual(['url', 'url', 'url', 'url']);
    events.stop();
  });

  test('a network failure is reported', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    const el = mount<DisclosureReportElement>('<disclosure-report src="/x.json"></disclosure-report>');
    await settled(el);
    expect(text(el.shadowRoot!.querySelector('[role="alert"]'))).toContain('无法连接服务器');
  });

  test('with no data at all, the element says so (not a blank box)', async () => {
    const el = mount<DisclosureReportElement>('<disclosure-report></disclosure-report>');
    await settled(el);
    expect(text(el.shadowRoot!.querySelector('[part~="status"]'))).toBe('没有可显示的年度报告。');
  });
});
