/**
 * React 19: custom elements get properties and events directly — `report={obj}` sets the
 * element's `report` property, `ondisclosure-load` listens to the `disclosure-load` event.
 */
import '@disclosure-report/elements';
import type { Report } from '@disclosure-report/core';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'disclosure-report': {
        report?: Report;
        src?: string;
        lang?: string;
        'show-findings'?: boolean;
        'ondisclosure-load'?: (e: CustomEvent<{ report: Report }>) => void;
        'ondisclosure-error'?: (e: CustomEvent<{ message: string }>) => void;
      };
    }
  }
}

export function ReportView({ report, lang = 'zh-CN', onLoaded }: { report: Report; lang?: string; onLoaded?: (r: Report) => void }) {
  return <disclosure-report report={report} lang={lang} show-findings ondisclosure-load={(e) => onLoaded?.(e.detail.report)} />;
}
