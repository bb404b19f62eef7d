import '@disclosure-report/elements';
// 导入文件 reads published reports (PDF, Word, HTML, text) too: the readers load on the first import.
import '@disclosure-report/elements/importers';
import type { DisclosureReportElement } from '@disclosure-report/elements';
import { type Report, blankReport } from '@disclosure-report/core';

// The "编辑" page: <disclosure-report mode="edit"> in a form, as a portal's back office would use it.
const sources: Record<string, string> = {
  'chenjiaba-2023': '/reports/chenjiaba-2023.json',
  'shifan-natural-resources-2023': '/reports/shifan-natural-resources-2023.json',
};

const params = new URLSearchParams(location.search);
const key = params.get('report') ?? 'new';
const editor = document.getElementById('editor') as DisclosureReportElement;
if (params.get('lang') === 'en') editor.setAttribute('lang', 'en');
if (params.has('auto-totals')) editor.setAttribute('auto-totals', '');
for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-report]')) {
  if (link.dataset.report === key) link.setAttribute('aria-current', 'page');
}

const src = sources[key];
if (src) {
  editor.setAttribute('src', src);
  // Last year's report is not in the demo; a portal would set `editor.previous` here.
} else {
  editor.report = blankReport('2021', { agency: '示范市某局', year: new Date().getFullYear() - 1 }) as Report;
}

const form = document.getElementById('report-form') as HTMLFormElement;
const output = document.getElementById('submitted')!;
form.addEventListener('submit', (e) => {
  // A real back office posts the form; the demo shows what would be sent.
  e.preventDefault();
  const json = new FormData(form).get('report');
  output.textContent = `已提交（演示）：${String(json).length} 字节的 JSON，草稿已清除。`;
});
