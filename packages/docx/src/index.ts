/**
 * The report as a Word document (.docx) with the national table layout on A4: reports are
 * reviewed and signed off in Word and WPS. Built with the `docx` library, loaded only when
 * a .docx is asked for.
 */
import { type Lang, type LayoutCell, type LayoutRow, type Report, type TableId, getCell, sections, tableLayout } from '@disclosure-report/core';

export interface DocxOptions {
  lang?: Lang;
}

/** Builds the .docx; resolves to its bytes. */
export async function toDocx(report: Report, options: DocxOptions = {}): Promise<Uint8Array> {
  const lang = options.lang ?? 'zh-CN';
  const d = await import('docx');
  const font = { eastAsia: 'SimSun', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
  const run = (text: string, bold = false) => new d.TextRun({ text, bold, font, size: 21 });
  const border = { style: d.BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };

  const cell = (c: LayoutCell) => {
    const isData = c.kind === 'data';
    const value = isData ? getCell(report, c.cellId) : undefined;
    const text = c.kind === 'data' ? (value === null || value === undefined ? '' : String(value)) : c.label[lang];
    return new d.TableCell({
      children: [new d.Paragraph({ alignment: isData ? d.AlignmentType.RIGHT : d.AlignmentType.CENTER, children: [run(text, c.kind === 'header' && c.role !== 'row')] })],
      columnSpan: c.colSpan,
      ...(c.kind !== 'data' && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
      verticalAlign: d.VerticalAlign.CENTER,
      borders,
    });
  };
  const row = (r: LayoutRow, header: boolean) => new d.TableRow({ children: r.cells.map(cell), tableHeader: header, cantSplit: true });

  const children: InstanceType<typeof d.Paragraph | typeof d.Table>[] = [
    new d.Paragraph({ heading: d.HeadingLevel.TITLE, alignment: d.AlignmentType.CENTER, children: [run(report.title, true)] }),
  ];
  if (report.publishedOn) {
    const label = lang === 'en' ? 'Published: ' : '发布日期：';
    children.push(new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: [run(`${label}${report.publishedOn}`)] }));
  }
  for (const s of sections) {
    children.push(new d.Paragraph({ heading: d.HeadingLevel.HEADING_1, children: [run(s.heading[lang], true)] }));
    if (s.kind === 'text') {
      for (const p of report.sections[s.key as keyof Report['sections']].split('\n')) {
        if (p.trim()) children.push(new d.Paragraph({ indent: { firstLine: 420 }, children: [run(p)] }));
      }
      continue;
    }
    const layout = tableLayout(report.format, s.key as TableId);
    children.push(
      new d.Table({
        width: { size: 100, type: d.WidthType.PERCENTAGE },
        rows: [...layout.head.map((r) => row(r, true)), ...layout.bodies.flat().map((r) => row(r, false))],
      }),
    );
  }
  const doc = new d.Document({
    creator: 'disclosure-report',
    title: report.title,
    description: `${report.agency} ${report.year}`,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } }, children }],
  });
  return new Uint8Array(await d.Packer.toArrayBuffer(doc));
}
