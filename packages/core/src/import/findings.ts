/**
 * Checking a published source: what the importer noted becomes findings beside the rules'
 * findings, so a person sees both what could not be read and every error in what could.
 */
import type { Report } from '../report.js';
import { type CheckOptions, check, rulesFor } from '../rules/engine.js';
import type { Finding, JsonLogic } from '../rules/types.js';
import { type FormatId, type Lang, taxonomy } from '../taxonomy.js';
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

/** The cells a note concerns. */
export function noteCells(note: ImportNote): string[] {
  return note.cells ?? (note.cell ? [note.cell] : []);
}

/**
 * The importer's notes as findings: rule `import.<code>` (e.g. `import.unread-cell`,
 * `import.label-matched`, `import.unit-converted`), severity `warning` for cells not read and
 * for guesses, `info` for what was done exactly; `target` is the first cell concerned, or the
 * note's code for notes about the whole document.
 */
export function importFindings(result: Pick<ImportResult, 'notes'>, lang: Lang = 'zh-CN'): Finding[] {
  return result.notes.map((note) => {
    const cells = noteCells(note);
    const lead = leads[note.code]?.[lang];
    const where = [note.page !== undefined ? (lang === 'en' ? `page ${note.page}` : `第${note.page}页`) : '', note.line !== undefined ? (lang === 'en' ? `line ${note.line}` : `第${note.line}行`) : '']
      .filter(Boolean)
      .join(lang === 'en' ? ', ' : '，');
    const detail = where ? `${note.message} (${where})` : note.message;
    return {
      rule: `import.${note.code}`,
      target: cells[0] ?? note.code,
      severity: note.level ?? 'info',
      message: lead ? `${lead}${lang === 'en' ? ': ' : '：'}${detail}` : detail,
      cells,
    };
  });
}

const readsByFormat = new Map<FormatId, Map<string, string[]>>();

/** The cells of this year's report each rule instance reads (`rule|target` → cell ids), from its JSON-logic. */
function cellsRead(format: FormatId): Map<string, string[]> {
  let map = readsByFormat.get(format);
  if (map) return map;
  const cellIds = taxonomy(format).cellById;
  map = new Map();
  for (const rule of rulesFor(format).rules) {
    const vars = new Set<string>(rule.cells);
    const walk = (e: JsonLogic | undefined): void => {
      if (Array.isArray(e)) e.forEach(walk);
      else if (e && typeof e === 'object')
        for (const [op, arg] of Object.entries(e)) {
          if (op === 'var' && typeof arg === 'string') {
            if (cellIds.has(arg)) vars.add(arg);
          } else walk(arg);
        }
    };
    [rule.condition, rule.expected, rule.actual].forEach(walk);
    const key = `${rule.id}|${rule.target}`;
    map.set(key, [...new Set([...(map.get(key) ?? []), ...vars])]);
  }
  readsByFormat.set(format, map);
  return map;
}

/**
 * Checks an imported report: the rules' findings on what was read, and the importer's notes as
 * findings ({@link importFindings}), notes first. A rule that reads a cell the importer could
 * not read cannot be checked (a sum with a part missing would be a false error), so its finding
 * is left out — the cell's `import.*` finding says why — and so is `blank-cell` for such a cell.
 */
export function checkImported(result: Pick<ImportResult, 'report' | 'notes' | 'completeness'>, options: CheckOptions = {}): Finding[] {
  const unread = new Set(result.completeness.unread);
  const reads = cellsRead((result.report as Report).format);
  const findings = check(result.report, options).filter((f) => !(reads.get(`${f.rule}|${f.target}`) ?? f.cells).some((c) => unread.has(c)));
  const notes = importFindings(result, options.lang).filter((f) => !options.severities || options.severities.includes(f.severity));
  return [...notes, ...findings];
}
