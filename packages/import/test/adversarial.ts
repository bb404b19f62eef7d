/** Adversarial inputs of about 1 MB (fuzz tests and the corpus benchmark use them). */
import { sections, taxonomy } from '@disclosure-report/core';

const MB = 1_000_000;
function fill(unit: string, size = MB): string {
  return unit.repeat(Math.ceil(size / unit.length));
}

export function adversarialInputs(seedText: string, seedHtml: string): Record<string, string> {
  const labels = taxonomy('2021').cells.map((c) => (c.row.labels.at(-1) as { 'zh-CN': string })['zh-CN']);
  const headings = sections.map((s) => s.heading['zh-CN']).join('\n');
  return {
    'pipes only': fill('|'),
    'filler lines': fill('|||\n'),
    'one long line': fill('规章本年制发件数0'),
    'one label repeated': fill('规章 |\n'),
    'headings then 1 MB of values': `${headings}\n${fill('0 |\n')}`,
    'headings then labels without values': `${sections[2]?.heading['zh-CN']}\n${fill(`${labels.join(' |\n')} |\n`)}`,
    'rows of 5,000 cells': `${sections[2]?.heading['zh-CN']}\n${fill(`一、本年新收政府信息公开申请数量${' | 0'.repeat(5000)}\n`)}`,
    'the report 150 times': fill(seedText, MB),
    'numbers with separators': `${headings}\n${fill('1,234,567,890,123,456,789 | ')}`,
    'nested tables 1,000 deep': `<html><body>${'<table><tr><td>'.repeat(1000)}x${'</td></tr></table>'.repeat(1000)}</body></html>`,
    'nested divs 100,000 deep': `<html><body>${fill('<div>', MB / 2)}</body></html>`,
    'row of 10,000 columns': `<table><tr>${'<td>0</td>'.repeat(10000)}</tr><tr><td>规章</td><td>0</td></tr></table>`,
    // Figures merged over many rows: each row below gets the figure (a bounded number of times).
    'figures merged over many rows': `<h3>${sections[2]?.heading['zh-CN']}</h3><table>${'<tr><td>（一）予以公开</td><td rowspan="999">0</td></tr>'.repeat(999)}</table>`,
    'huge rowspan and colspan': `<table>${'<tr><td rowspan="65534" colspan="1000">x</td><td>0</td></tr>'.repeat(2000)}</table>`,
    'many small tables': `<html><body><h3>${sections[1]?.heading['zh-CN']}</h3>${fill('<table><tr><td>规章</td><td>0</td></tr><tr><td>规章</td><td>0</td></tr></table>')}</body></html>`,
    'unclosed tags and entities': fill('<td><p>&nbsp;<br><tr <span'),
    'the page 80 times': fill(seedHtml, MB),
    'long attribute': `<table><tr><td colspan="${'9'.repeat(MB)}">x</td></tr></table>`,
    'meta charset at the end': `${fill('<p>规章</p>')}<meta charset="gbk">`,
  };
}
