import type { Report } from '@disclosure-report/core';
import seed from '@shared/corpus/chenjiaba-2023/expected.json';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, h, nextTick, reactive } from 'vue';
import { ReportView as ReactReportView } from '../react/ReportView.js';
import VueReportView from '../vue/ReportView.js';

const report = seed as unknown as Report;
let host: HTMLElement;
afterEach(() => host?.remove());

function mountPoint(): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  return host;
}

/** The element's rendered numbers and title, read from its shadow DOM. */
async function rendered(): Promise<{ el: HTMLElement & { report: Report; updateComplete: Promise<unknown> }; title: string; cells: number }> {
  const el = host.querySelector('disclosure-report') as HTMLElement & { report: Report; updateComplete: Promise<unknown> };
  await el.updateComplete;
  const root = el.shadowRoot as ShadowRoot;
  return { el, title: root.querySelector('[part~="title"]')?.textContent?.trim() ?? '', cells: root.querySelectorAll('td[data-cell]').length };
}

describe('Vue 3', () => {
  it('passes the report as a property, renders all 200 cells, forwards disclosure-load, follows changes', async () => {
    const state = reactive({ report, lang: 'zh-CN' });
    const loaded: Report[] = [];
    const app = createApp({
      render: () => h(VueReportView, { report: state.report, lang: state.lang, onLoaded: (r: Report) => loaded.push(r) }),
    });
    app.mount(mountPoint());
    await nextTick();
    let r = await rendered();
    expect(r.el.report).toStrictEqual(report);
    expect(r.cells).toBe(200);
    expect(r.title).toBe(report.title);
    expect(loaded).toHaveLength(1);
    state.report = { ...report, title: '某某局政府信息公开工作年度报告（2023年度）' };
    state.lang = 'en';
    await nextTick();
    r = await rendered();
    expect(r.title).toBe('某某局政府信息公开工作年度报告（2023年度）');
    expect(r.el.getAttribute('lang')).toBe('en');
    app.unmount();
  });
});

describe('React 19', () => {
  it('passes the report as a property, renders all 200 cells, forwards disclosure-load, follows changes', async () => {
    const loaded: Report[] = [];
    const root = createRoot(mountPoint());
    await act(async () => root.render(<ReactReportView report={report} onLoaded={(r) => loaded.push(r)} />));
    let r = await rendered();
    expect(r.el.report).toBe(report);
    expect(r.cells).toBe(200);
    expect(r.title).toBe(report.title);
    expect(loaded).toEqual([report]);
    const renamed = { ...report, title: '某某局政府信息公开工作年度报告（2023年度）' };
    await act(async () => root.render(<ReactReportView report={renamed} lang="en" />));
    r = await rendered();
    expect(r.title).toBe(renamed.title);
    expect(r.el.getAttribute('lang')).toBe('en');
    act(() => root.unmount());
  });
});
