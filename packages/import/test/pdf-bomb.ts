/**
 * PDFs that cost too much, written by hand: one content stream drawing a grid of thin rules
 * (a cell border each) with a text run in every cell, shared by many pages. Small on disk,
 * tens of thousands of runs and rules on every page.
 */
import { deflateSync } from 'node:zlib';

export interface GridPdfOptions {
  pages: number;
  /** Rows and columns of cells, each with its borders (two thin rules) and a run of text. */
  rows: number;
  columns: number;
  /** The text of every cell (ASCII). */
  text?: string;
}

/** A PDF whose pages share one content stream: a `rows × columns` grid of bordered cells, a run in each. */
export function gridPdf({ pages, rows, columns, text = '0' }: GridPdfOptions): Uint8Array {
  const w = 560 / columns;
  const h = 800 / rows;
  const size = Math.max(0.5, Math.min(8, h * 0.6));
  const ops: string[] = ['0 g'];
  for (let r = 0; r <= rows; r++) {
    const y = 20 + r * h;
    for (let c = 0; c < columns; c++) ops.push(`${(18 + c * w).toFixed(2)} ${y.toFixed(2)} ${w.toFixed(2)} 0.5 re f`);
  }
  for (let c = 0; c <= columns; c++) {
    const x = 18 + c * w;
    for (let r = 0; r < rows; r++) ops.push(`${x.toFixed(2)} ${(20 + r * h).toFixed(2)} 0.5 ${h.toFixed(2)} re f`);
  }
  ops.push('BT');
  for (let r = 0; r < rows; r++) {
    // Fonts alternate cell by cell: pdf.js would join runs of one font on a line into one item.
    for (let c = 0; c < columns; c++) ops.push(`/F${1 + (c % 2)} ${size.toFixed(2)} Tf 1 0 0 1 ${(18 + c * w + 1).toFixed(2)} ${(20 + r * h + h * 0.25).toFixed(2)} Tm (${text}) Tj`);
  }
  ops.push('ET');
  const content = deflateSync(Buffer.from(ops.join('\n'), 'latin1'), { level: 9 });

  const objects: (string | Buffer)[] = [];
  const pageIds = Array.from({ length: pages }, (_, i) => 6 + i);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[5] = '<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>';
  objects[4] = Buffer.concat([Buffer.from(`<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')]);
  for (const id of pageIds) {
    objects[id] = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 3 0 R /F2 5 0 R >> >> >>';
  }
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    const body = objects[id] as string | Buffer;
    const obj = Buffer.concat([Buffer.from(`${id} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    offsets[id] = offset;
    chunks.push(obj);
    offset += obj.length;
  }
  const xref = [`xref\n0 ${objects.length}\n`, '0000000000 65535 f \n', ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}
