/**
 * Checking a published source: what the importer noted becomes findings beside the rules'
 * findings, so a person sees both what could not be read and every error in what could.
 */
import { type CheckOptions, type Finding, type Lang, type Report, cellName, check, findCell, inferBodyType, rowText } from '@disclosure-report/core';
import type { ImportNote, ImportResult } from './types.js';

/** What each kind of note is, in the languages of findings (the note's own text follows). */
const leads: Record<string, Record<Lang, string>> = {
  'unread-cell': { 'zh-CN': '未能读取此单元格，按空白处理', en: 'cell not read, left blank' },
  'row-unread': { 'zh-CN': '未能读取此行，按空白处理', en: 'row not read, left blank' },
  'row-not-found': { 'zh-CN': '原文未列出此行，按空白处理', en: 'row not printed, left blank' },
  'table-not-found': { 'zh-CN': '原文未找到此表，按空白处理', en: 'table not found, left blank' },
  'label-matched': { 'zh-CN': '行名与国家格式不一致，已按最接近的行名读取，请核对', en: 'label read as the most similar national label; please confirm' },
  'label-variant': { 'zh-CN': '行名或列名为常见变体，已按国家格式读取', en: 'label variant read as the national label' },
  'label-truncated': { 'zh-CN': '行名或列名不完整，已按国家格式读取', en: 'truncated label read as the national label' },
  'columns-realigned': { 'zh-CN': '数字与表头未对齐，已按顺序读取，请核对', en: 'figures not under their headers, read in order; please confirm' },
  'rows-merged': { 'zh-CN': '多行合并填写了一个数字', en: 'one figure printed for several rows' },
  'unit-converted': { 'zh-CN': '金额单位已换算为万元', en: 'amount converted to 万元' },
  'unit-stripped': { 'zh-CN': '已去掉数字后的单位', en: 'unit removed from the figure' },
  'thousands-separator': { 'zh-CN': '已去掉千位分隔符', en: 'thousands separators removed' },
  'blank-mark': { 'zh-CN': '“—”“/”等符号按空白处理', en: 'dash or slash read as blank' },
  'header-assumed': { 'zh-CN': '表头不全，已按国家格式的顺序读取，请核对', en: 'headers incomplete, national order assumed; please confirm' },
  'duplicate-row': { 'zh-CN': '同一行出现两次，已取第一次', en: 'row printed twice, the first kept' },
  'body-type': { 'zh-CN': '发布机关类型（政府或部门）系推断，请核对', en: 'body type (government or department) inferred; please confirm' },
  'year-inferred': { 'zh-CN': '标题未注明报告年度，已按发布日期推断', en: 'year inferred from the publication date' },
  'section-not-found': { 'zh-CN': '未找到此部分', en: 'section not found' },
  'format-detected': { 'zh-CN': '格式识别', en: 'format detected' },
  encoding: { 'zh-CN': '文字编码', en: 'text encoding' },
  metadata: { 'zh-CN': '报告信息', en: 'report metadata' },
  title: { 'zh-CN': '标题', en: 'title' },
  'pages-skipped': { 'zh-CN': '部分页面未读取', en: 'pages skipped' },
};

/** What each kind of refusal is, in Chinese: the importer's own message (English) follows as the detail. */
const refusals: Record<string, string> = {
  'docx-too-large': 'Word 文件过大，拒绝读取',
  'docx-unreadable': '无法读取此 Word 文件',
  'html-too-deep': '网页嵌套过深，拒绝读取',
  internal: '导入时发生内部错误',
  'invalid-report': '导入的报告不符合格式',
  'json-syntax': '不是有效的 JSON',
  'metadata-missing': '缺少报告信息（发布机关、年度）',
  'not-binary': '应为文件的原始字节',
  'pdf-no-text': 'PDF 中没有文字（可能是扫描件），无法读取',
  'pdf-unreadable': '无法读取此 PDF 文件',
  'table-too-large': '表格过大，拒绝读取',
  'tables-missing': '未找到报告的表格',
  'too-complex': '文件过于复杂，拒绝读取',
  'unknown-encoding': '无法识别文字编码',
  'unsupported-format': '不支持此文件格式',
};

/**
 * An importer's refusal in the reader's language: in Chinese, what kind of refusal it is,
 * then the importer's message (which names the place) as the detail.
 */
export function describeImportError(error: { code: string; message: string }, lang: Lang = 'zh-CN'): string {
  const lead = lang === 'zh-CN' ? refusals[error.code] : undefined;
  return lead ? `${lead}（${error.message}）` : error.message;
}

/** The cells a note concerns. */
export function noteCells(note: ImportNote): string[] {
  return note.cells ?? (note.cell ? [note.cell] : []);
}

/** The cells a note concerns, by their national labels: one cell, or the rows of several. */
function cellsInWords(cells: readonly string[], lang: Lang): string {
  const defs = cells.map((id) => findCell(id)).filter((c) => c !== undefined);
  if (!defs.length) return '';
  if (defs.length === 1) return cellName(defs[0] as NonNullable<(typeof defs)[number]>, lang);
  const rows = [...new Set(defs.map((c) => rowText(c.row, lang)))];
  const sep = lang === 'en' ? '; ' : '；';
  return rows.length > 3 ? `${rows.slice(0, 3).join(sep)}${lang === 'en' ? ' …' : '等'}` : rows.join(sep);
}

/**
 * The note in words of the finding's language. Notes are written in English; in Chinese, a note
 * about cells is said by the cells' national labels and what was printed, which is what a clerk
 * needs to find it in the source (the English note adds how it was read).
 */
function describe(note: ImportNote, lang: Lang, report?: Report): string {
  const where = [
    note.page !== undefined ? (lang === 'en' ? `page ${note.page}` : `第${note.page}页`) : '',
    note.line !== undefined ? (lang === 'en' ? `line ${note.line}` : `第${note.line}行`) : '',
  ].filter(Boolean);
  const lead = leads[note.code]?.[lang];
  const cells = noteCells(note);
  if (lang === 'zh-CN' && !cells.length && note.label === undefined) {
    const zh = documentNoteZh(note, report);
    if (zh) return `${lead ?? note.code}：${zh}`;
  }
  if (lang === 'en' || (!cells.length && note.label === undefined)) {
    const detail = where.length ? `${note.message} (${where.join(', ')})` : note.message;
    return lead ? `${lead}${lang === 'en' ? ': ' : '：'}${detail}` : detail;
  }
  const parts = [
    note.text !== undefined && note.label !== undefined
      ? `原文「${note.text}」按「${note.label}」读取`
      : note.text !== undefined && note.text !== ''
        ? `原文「${note.text}」`
        : note.text === ''
          ? '原文为空'
          : '',
    ...where,
  ].filter(Boolean);
  const what = note.label !== undefined ? '' : cellsInWords(cells, lang);
  return `${lead ?? note.code}：${what}${what && parts.length ? '，' : ''}${parts.join('，')}${outcomeZh(note)}`;
}

/** What was done with a figure printed for several rows, in Chinese. */
function outcomeZh(note: ImportNote): string {
  if (note.code !== 'rows-merged') return '';
  if (note.level !== 'warning') return '；各行按同一数字（0 或空白）读取';
  if (noteCells(note).some((c) => c.startsWith('requests.otherHandling.other.'))) return '；已计入「3.其他」，其余各项按 0 读取，请与台账核对';
  return '；无法拆分到各行，按空白处理';
}

/** Notes about the whole document, in Chinese (their English text names no cell). */
function documentNoteZh(note: ImportNote, report: Report | undefined): string | undefined {
  let m: RegExpExecArray | null;
  switch (note.code) {
    case 'format-detected':
      return (m = /^(\d{4}) format/.exec(note.message)) ? `按 ${m[1]} 年格式读取` : undefined;
    case 'metadata':
      if ((m = /^publishedOn (\S+) from (.*)$/.exec(note.message))) return `发布日期 ${m[1]}，取自${m[2]}`;
      if ((m = /^the agency (「[^」]*」)/.exec(note.message))) return `发布机关${m[1]}取自网页的来源信息（ContentSource），标题未注明`;
      return undefined;
    case 'body-type': {
      if (!report) return undefined;
      const guess = inferBodyType({ agency: report.agency, title: report.title }, 'zh-CN');
      return guess ? guess.why : `无法从「${report.agency}」判断是政府还是部门，请注明发布机关类型以核对发布期限`;
    }
    case 'year-inferred':
      return report ? `报告年度按发布日期推断为 ${report.year} 年，请核对` : undefined;
    default:
      return undefined;
  }
}

/**
 * The importer's notes as findings: rule `import.<code>` (e.g. `import.unread-cell`,
 * `import.label-matched`, `import.unit-converted`), severity `warning` for cells not read and
 * for guesses, `info` for what was done exactly; `target` is the first cell concerned, or the
 * note's code for notes about the whole document.
 */
export function importFindings(result: Pick<ImportResult, 'notes'> & { report?: Report }, lang: Lang = 'zh-CN'): Finding[] {
  // The same info said of several places (a truncated header repeated in each group of table 四) is one finding.
  const seen = new Map<string, { finding: Finding; count: number }>();
  const out: { finding: Finding; count: number }[] = [];
  for (const note of result.notes) {
    const cells = noteCells(note);
    const key = note.level !== 'warning' && !cells.length && note.text !== undefined ? `${note.code}|${note.text}|${note.label ?? ''}` : undefined;
    const same = key ? seen.get(key) : undefined;
    if (same) {
      same.count++;
      continue;
    }
    const entry = {
      finding: { rule: `import.${note.code}`, target: cells[0] ?? note.code, severity: note.level ?? 'info', message: describe(note, lang, result.report), cells },
      count: 1,
    };
    if (key) seen.set(key, entry);
    out.push(entry);
  }
  return out.map(({ finding, count }) =>
    count > 1 ? { ...finding, message: `${finding.message}${lang === 'en' ? ` (${count} places)` : `（共 ${count} 处）`}` } : finding,
  );
}

/**
 * Checks an imported report: the rules' findings on what was read, and the importer's notes as
 * findings ({@link importFindings}), notes first. A rule that reads a cell the importer could
 * not read cannot be checked (a sum with a part missing would be a false error), so its finding
 * is left out — the cell's `import.*` finding says why — and so is `blank-cell` for such a cell.
 */
export function checkImported(result: Pick<ImportResult, 'report' | 'notes' | 'completeness'>, options: CheckOptions = {}): Finding[] {
  const findings = check(result.report, { ...options, unknownCells: result.completeness.unread });
  const notes = importFindings(result, options.lang).filter((f) => !options.severities || options.severities.includes(f.severity));
  return [...notes, ...findings];
}
