import '@disclosure-report/elements';
import type { DisclosureLoadDetail } from '@disclosure-report/elements';

const reports: Record<string, { src: string; findings: boolean; previous?: string }> = {
  'chenjiaba-2023': { src: '/reports/chenjiaba-2023.json', findings: false },
  'shifan-natural-resources-2023': { src: '/reports/shifan-natural-resources-2023.json', findings: true },
  // Last year beside this year: compare mode with last year's report fetched from previous-src.
  'shifan-natural-resources-2023-compare': {
    src: '/reports/shifan-natural-resources-2023.json',
    findings: false,
    previous: '/reports/shifan-natural-resources-2022.json',
  },
};

const params = new URLSearchParams(location.search);
const key = params.get('report') ?? 'chenjiaba-2023';
const chosen = reports[key] ?? reports['chenjiaba-2023']!;
const element = document.getElementById('report')!;
element.setAttribute('src', chosen.src);
element.toggleAttribute('show-findings', chosen.findings || params.has('findings'));
if (chosen.previous) {
  element.setAttribute('previous-src', chosen.previous);
  element.toggleAttribute('compare', true);
}
if (params.get('lang') === 'en') element.setAttribute('lang', 'en');

for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-report]')) {
  if (link.dataset.report === key) link.setAttribute('aria-current', 'page');
}

element.addEventListener('disclosure-load', (e: CustomEvent<DisclosureLoadDetail>) => {
  const { report } = e.detail;
  document.title = `${report.title} - 政府信息公开年报 - 示范市人民政府门户网站`;
  document.getElementById('published')!.textContent = report.publishedOn ?? '未注明';
  document.getElementById('source')!.textContent = report.agency;
});

document.getElementById('print')!.addEventListener('click', () => window.print());
