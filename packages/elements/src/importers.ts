/**
 * `@disclosure-report/elements/importers`: lets 导入文件 in edit mode read published reports
 * (PDF, Word, portal HTML, text), and 从台账生成 ledgers kept as .xlsx, with `@disclosure-report/import`,
 * which the app must install.
 * Import it once, beside the elements: `import '@disclosure-report/elements/importers';`.
 * The readers themselves are loaded on the first import, not with the page.
 */
import { setReportReader, setWorkbookReader } from './edit/import-other.js';

setReportReader(async (bytes, fileName) => {
  const { importReport, importFindings } = await import('@disclosure-report/import');
  const result = await importReport(bytes, { fileName });
  return {
    report: result.report,
    completeness: result.completeness,
    warnings: (lang) => importFindings(result, lang).filter((f) => f.severity === 'warning'),
    provenance: result.provenance,
  };
});

setWorkbookReader(
  async (bytes) => {
    const { ledgerFromXlsx } = await import('@disclosure-report/import');
    return ledgerFromXlsx(bytes);
  },
  async () => {
    const { ledgerTemplateXlsx } = await import('@disclosure-report/import');
    return ledgerTemplateXlsx();
  },
);
