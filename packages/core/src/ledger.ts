/**
 * Tables 三 and 四 counted from the office's own ledgers (依申请公开台账, and the register of
 * reconsiderations and lawsuits), as a clerk counts them by hand, by the national rules. Every
 * ledger line is read and either counted or reported with its line number: none is dropped
 * silently, and a label that is not the national one exactly is accepted only with a note.
 */
import { csvLineFields } from './export/csv.js';
import { type Report, withCell } from './report.js';
import { type Lang, type RowDef, taxonomy } from './taxonomy.js';

/** A ledger line that cannot be counted, or a label read loosely. */
export interface LedgerNote {
  /** `error`: the line is not counted (the tally cannot be used until it is fixed); `warning`: read, but not as written; `info`: what was left out and why. */
  level: 'error' | 'warning' | 'info';
  code:
    | 'missing-column'
    | 'bad-line'
    | 'missing-number'
    | 'duplicate-number'
    | 'bad-date'
    | 'unknown-applicant'
    | 'unknown-outcome'
    | 'unknown-appeal-type'
    | 'unknown-appeal-result'
    | 'finished-before-received'
    | 'outcome-without-date'
    | 'date-without-outcome'
    | 'label-matched'
    | 'header-matched'
    | 'other-years';
  /** Which ledger: requests or appeals. */
  ledger: 'requests' | 'appeals';
  /** The line in the file (1 = the header); absent for a note about the whole ledger. */
  line?: number;
  /** The column, by its header as written. */
  column?: string;
  message: string;
}

/**
 * A ledger: CSV text, or its rows already read (a spreadsheet's sheet: the first row the header,
 * row n of the array line n + 1, as a spreadsheet numbers it).
 */
export type Ledger = string | readonly (readonly string[])[];

/** What the ledgers count to, for one report year. */
export interface LedgerTally {
  year: number;
  /** Every cell of tables 三 and 四 (2021 format) by id, 0 where nothing was counted. */
  cells: Record<string, number>;
  /** The ledger lines behind each counted cell (the totals are sums, and list none): `requests:12`, `appeals:3`. */
  lines: Record<string, string[]>;
  notes: LedgerNote[];
  /** Whether any line could not be counted (an `error` note): the tables would be short of it. */
  ok: boolean;
  /** Lines read, per ledger. */
  read: { requests: number; appeals: number };
}

/** The columns of the requests ledger, by their headers in the template. */
export const requestLedgerColumns = ['序号', '收到日期', '申请人类型', '办理结果', '办结日期'] as const;
/** The columns of the appeals ledger. */
export const appealLedgerColumns = ['序号', '收到日期', '类型', '结果'] as const;

/** The applicant types as the ledger writes them (the national column labels). */
const applicantTypes: Record<string, string> = {
  自然人: 'naturalPerson',
  商业企业: 'commercial',
  科研机构: 'research',
  社会公益组织: 'publicInterest',
  法律服务机构: 'legalService',
  其他: 'otherOrg',
};
/** Words clerks use for them: accepted with a note. */
const applicantSynonyms: Record<string, string> = {
  公民: 'naturalPerson',
  个人: 'naturalPerson',
  企业: 'commercial',
  公司: 'commercial',
  律师事务所: 'legalService',
  律所: 'legalService',
  其他组织: 'otherOrg',
  法人或其他组织其他: 'otherOrg',
};
const appealTypes: Record<string, string> = { 行政复议: 'reconsideration', 未经复议直接起诉: 'litigationDirect', 复议后起诉: 'litigationAfterReconsideration' };
const appealTypeSynonyms: Record<string, string> = { 复议: 'reconsideration', 直接起诉: 'litigationDirect', 行政诉讼未经复议直接起诉: 'litigationDirect', 行政诉讼复议后起诉: 'litigationAfterReconsideration' };
const appealResults: Record<string, string> = { 维持: 'upheld', 纠正: 'corrected', 其他: 'other', 尚未审结: 'pending' };
const appealResultSynonyms: Record<string, string> = { 结果维持: 'upheld', 结果纠正: 'corrected', 其他结果: 'other', 未审结: 'pending', 审理中: 'pending' };

/** Headers clerks write for the columns: accepted with a note. */
const headerSynonyms: Record<string, string> = {
  编号: '序号',
  申请日期: '收到日期',
  受理日期: '收到日期',
  日期: '收到日期',
  立案日期: '收到日期',
  申请人: '申请人类型',
  申请人类别: '申请人类型',
  处理结果: '办理结果',
  答复结果: '办理结果',
  答复日期: '办结日期',
  办结时间: '办结日期',
  案件类型: '类型',
  审理结果: '结果',
};

// Width, white space and the punctuation between a group and its item, out of the way.
const squeeze = (s: string): string => s.normalize('NFKC').replace(/[\s\u3000「」“”"'·・—–\-_/、:：]+/g, '');
// The numbering of a national label: （三） 1. 2、
const unnumbered = (s: string): string => s.replace(/^[（(][一二三四五六七八九十]+[）)]|^\d+[.．、]|^[一二三四五六七八九十]+、/u, '');
const stripNote = (s: string): string => s.replace(/[（(][^）)]*[）)]$/u, '');

interface Outcome {
  row: string;
  /** The national wording: 「不予公开 — 属于国家秘密」, 「予以公开」. */
  label: string;
  /** Squeezed forms that match exactly (group and item, with or without numbering). */
  exact: Set<string>;
  /** The item alone, squeezed: a short form. */
  item: string;
}

const outcomeCache = new Map<string, Outcome[]>();
/** The outcome rows of table 三 (三、本年度办理结果 but its 总计), with the forms that name them. */
function outcomes(): Outcome[] {
  let list = outcomeCache.get('2021');
  if (list) return list;
  list = taxonomy('2021')
    .requests.rows.filter((r: RowDef) => r.labels.length >= 2 && r.key !== 'resultsTotal')
    .map((r: RowDef) => {
      const [, group, item] = r.labels.map((l) => l['zh-CN']);
      const g = stripNote(unnumbered(group as string));
      const i = item === undefined ? undefined : unnumbered(item);
      const label = i === undefined ? g : `${g} — ${i}`;
      const exact = new Set([squeeze(label), squeeze(i === undefined ? (group as string) : `${group}${item}`)]);
      return { row: r.key, label, exact, item: squeeze(i ?? g) };
    });
  outcomeCache.set('2021', list);
  return list;
}

/** Finds the outcome a ledger names: exactly, or by a short form that fits one outcome only. */
function matchOutcome(text: string): { row: string; label: string; exact: boolean } | undefined {
  const key = squeeze(text);
  if (!key) return undefined;
  const all = outcomes();
  const exact = all.find((o) => o.exact.has(key));
  if (exact) return { row: exact.row, label: exact.label, exact: true };
  const byItem = all.filter((o) => o.item === key);
  if (byItem.length === 1) return { row: (byItem[0] as Outcome).row, label: (byItem[0] as Outcome).label, exact: false };
  // 「国家秘密」 for 「属于国家秘密」, 「不予公开国家秘密」…: one outcome only.
  const within = all.filter((o) => key.length >= 2 && ([...o.exact].some((e) => e.includes(key)) || [...o.exact].some((e) => key.includes(o.item) && e.endsWith(o.item))));
  if (within.length === 1) return { row: (within[0] as Outcome).row, label: (within[0] as Outcome).label, exact: false };
  return undefined;
}

/** A word from a list, exactly (after width and spaces) or by a synonym (not exact). */
function matchWord(text: string, words: Record<string, string>, synonyms: Record<string, string>): { key: string; exact: boolean } | undefined {
  const k = squeeze(text);
  for (const [word, key] of Object.entries(words)) if (squeeze(word) === k) return { key, exact: text.trim() === word };
  for (const [word, key] of Object.entries(synonyms)) if (squeeze(word) === k) return { key, exact: false };
  return undefined;
}

/** A date as clerks write it: 2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日; ISO, or undefined. */
export function ledgerDate(text: string): string | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u.exec(text.normalize('NFKC').trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const words = {
  'zh-CN': {
    missingColumn: (c: string) => `缺少「${c}」列（表头应有：${requestLedgerColumns.join('、')}）`,
    missingAppealColumn: (c: string) => `缺少「${c}」列（表头应有：${appealLedgerColumns.join('、')}）`,
    headerMatched: (written: string, c: string) => `表头「${written}」按「${c}」读取`,
    badLine: '引号不成对，无法读取此行',
    missingNumber: '序号为空',
    duplicate: (n: string, first: number) => `序号「${n}」与第 ${first} 行重复`,
    badDate: (c: string, v: string) => `${c}「${v}」不是日期（应写作 2025-03-05）`,
    unknownApplicant: (v: string) => `申请人类型「${v}」不是国家格式的类型（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）`,
    unknownOutcome: (v: string) => `办理结果「${v}」不是国家格式的办理结果（如「予以公开」「不予公开 — 属于国家秘密」）`,
    unknownAppealType: (v: string) => `类型「${v}」应为 行政复议、未经复议直接起诉 或 复议后起诉`,
    unknownAppealResult: (v: string) => `结果「${v}」应为 维持、纠正、其他 或 尚未审结`,
    finishedBeforeReceived: (f: string, r: string) => `办结日期 ${f} 早于收到日期 ${r}`,
    outcomeWithoutDate: '有办理结果但办结日期为空（未办结的申请两者都应留空）',
    dateWithoutOutcome: '有办结日期但办理结果为空',
    labelMatched: (c: string, written: string, read: string) => `${c}「${written}」按「${read}」计`,
    otherYears: (later: number, earlier: number, year: number) =>
      [later ? `${later} 行为 ${year} 年以后收到，不计入本年度` : '', earlier ? `${earlier} 行在 ${year} 年以前已办结，不计入本年度` : ''].filter(Boolean).join('；'),
    appealsOtherYears: (n: number, year: number) => `${n} 行不是 ${year} 年收到的，不计入本年度`,
  },
  en: {
    missingColumn: (c: string) => `no column "${c}" (the header must have ${requestLedgerColumns.join(', ')})`,
    missingAppealColumn: (c: string) => `no column "${c}" (the header must have ${appealLedgerColumns.join(', ')})`,
    headerMatched: (written: string, c: string) => `header "${written}" read as "${c}"`,
    badLine: 'unbalanced quotes: the line cannot be read',
    missingNumber: '序号 (the number) is empty',
    duplicate: (n: string, first: number) => `number "${n}" is on line ${first} already`,
    badDate: (c: string, v: string) => `${c} "${v}" is not a date (write 2025-03-05)`,
    unknownApplicant: (v: string) => `applicant type "${v}" is not one of the national format's (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他)`,
    unknownOutcome: (v: string) => `outcome "${v}" is not one of the national format's (e.g. 「予以公开」, 「不予公开 — 属于国家秘密」)`,
    unknownAppealType: (v: string) => `type "${v}" must be 行政复议, 未经复议直接起诉 or 复议后起诉`,
    unknownAppealResult: (v: string) => `result "${v}" must be 维持, 纠正, 其他 or 尚未审结`,
    finishedBeforeReceived: (f: string, r: string) => `finished on ${f}, before it was received on ${r}`,
    outcomeWithoutDate: 'an outcome but no 办结日期 (leave both blank for a request not finished)',
    dateWithoutOutcome: 'a 办结日期 but no outcome',
    labelMatched: (c: string, written: string, read: string) => `${c} "${written}" counted as 「${read}」`,
    otherYears: (later: number, earlier: number, year: number) =>
      [later ? `${later} line(s) received after ${year}: not counted this year` : '', earlier ? `${earlier} line(s) finished before ${year}: not counted this year` : ''].filter(Boolean).join('; '),
    appealsOtherYears: (n: number, year: number) => `${n} line(s) not received in ${year}: not counted this year`,
  },
};

interface Table {
  header: string[];
  /** The column index of each expected column (by its template header). */
  at: Map<string, number>;
  rows: { line: number; fields: string[] }[];
}

/** Reads a ledger: the header (exact or by a known synonym, noted), then each non-empty line. */
function readTable(source: Ledger, columns: readonly string[], optional: readonly string[], ledger: 'requests' | 'appeals', lang: Lang, notes: LedgerNote[]): Table | undefined {
  const w = words[lang];
  // Rows of a sheet are read as they are; CSV text one line at a time (a bad line fails alone).
  const lines: readonly (string | readonly string[])[] = typeof source === 'string' ? source.replace(/^\ufeff/, '').split(/\r?\n/) : source;
  const fieldsOf = (line: string | readonly string[]) => (typeof line === 'string' ? csvLineFields(line) : [...line]);
  const header = (fieldsOf(lines[0] ?? '') ?? []).map((h) => h.trim());
  const at = new Map<string, number>();
  header.forEach((h, i) => {
    const k = squeeze(h);
    const exact = [...columns, ...optional].find((c) => squeeze(c) === k);
    if (exact) {
      if (!at.has(exact)) at.set(exact, i);
      return;
    }
    const synonym = Object.entries(headerSynonyms).find(([s]) => squeeze(s) === k)?.[1];
    if (synonym && [...columns, ...optional].includes(synonym) && !at.has(synonym)) {
      at.set(synonym, i);
      notes.push({ level: 'warning', code: 'header-matched', ledger, line: 1, column: h, message: w.headerMatched(h, synonym) });
    }
  });
  const missing = columns.filter((c) => !at.has(c));
  if (missing.length) {
    for (const c of missing) {
      notes.push({ level: 'error', code: 'missing-column', ledger, line: 1, column: c, message: ledger === 'requests' ? w.missingColumn(c) : w.missingAppealColumn(c) });
    }
    return undefined;
  }
  const rows: Table['rows'] = [];
  for (let i = 1; i < lines.length; i++) {
    const fields = fieldsOf(lines[i] as string | readonly string[]);
    // Blank lines (and rows of empty cells) are not ledger lines.
    if (fields && fields.every((f) => !f.trim())) continue;
    if (!fields) {
      notes.push({ level: 'error', code: 'bad-line', ledger, line: i + 1, message: w.badLine });
      continue;
    }
    rows.push({ line: i + 1, fields: fields.map((f) => f.trim()) });
  }
  return { header, at, rows };
}

const requestColumnKeys = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg'] as const;
const reviewGroups = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const;
const reviewResults = ['upheld', 'corrected', 'other', 'pending'] as const;

/** A line's 序号: there, and not that of an earlier line of its ledger (a problem otherwise; `numbers` keeps the lines seen). */
function serial(
  numbers: Map<string, number>,
  number: string,
  line: number,
  problem: (code: LedgerNote['code'], message: string, column?: string) => void,
  w: { missingNumber: string; duplicate: (number: string, line: number) => string },
): void {
  if (!number) problem('missing-number', w.missingNumber, '序号');
  else if (numbers.has(number)) problem('duplicate-number', w.duplicate(number, numbers.get(number) as number), '序号');
  else numbers.set(number, line);
}

/**
 * Counts tables 三 and 四 for `year` from the ledgers (CSV text or a sheet's rows: the requests
 * ledger, and the appeals ledger when given), by the national rules:
 * - 本年新收: received in the year; 上年结转: received before it and not finished before it;
 * - 本年度办理结果: finished in the year, by outcome; 结转下年度继续办理: received by the end of
 *   the year and not finished by then (办结日期 blank, or later);
 * - table 四: each appeal by type and result (those with a 收到日期 in another year left out).
 * Every line is validated; a line that cannot be counted is an `error` note with its line number
 * (and `ok` is false), a label read by a short form or synonym a `warning` note, lines of other
 * years an `info` note. Totals are the sums of their parts, so the tally passes every sum rule.
 */
export function tallyLedger(requests: Ledger, options: { year: number; appeals?: Ledger; lang?: Lang }): LedgerTally {
  const { year } = options;
  const lang = options.lang ?? 'zh-CN';
  const w = words[lang];
  const notes: LedgerNote[] = [];
  const cells: Record<string, number> = {};
  const lines: Record<string, string[]> = {};
  const t = taxonomy('2021');
  for (const c of t.cells) if (c.table === 'requests' || c.table === 'reviews') cells[c.id] = 0;
  const count = (id: string, ref: string) => {
    cells[id] = (cells[id] ?? 0) + 1;
    (lines[id] ??= []).push(ref);
  };
  // A ledger repeats a few labels and dates thousands of times: each read once.
  const memo = <T>(f: (text: string) => T) => {
    const seen = new Map<string, T>();
    return (text: string): T => {
      let v = seen.get(text);
      if (v === undefined && !seen.has(text)) seen.set(text, (v = f(text)));
      return v as T;
    };
  };
  const dateOf = memo(ledgerDate);
  const typeOf = memo((text) => matchWord(text, applicantTypes, applicantSynonyms));
  const outcomeOf = memo(matchOutcome);
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const read = { requests: 0, appeals: 0 };

  const table = readTable(requests, requestLedgerColumns, [], 'requests', lang, notes);
  if (table) {
    const numbers = new Map<string, number>();
    let later = 0;
    let earlier = 0;
    for (const { line, fields } of table.rows) {
      read.requests++;
      const field = (c: string) => fields[table.at.get(c) as number] ?? '';
      const problem = (code: LedgerNote['code'], message: string, column?: string) =>
        notes.push({ level: 'error', code, ledger: 'requests', line, ...(column ? { column } : {}), message });
      const before = notes.length;
      serial(numbers, field('序号'), line, problem, w);
      const received = dateOf(field('收到日期'));
      if (!received) problem('bad-date', w.badDate('收到日期', field('收到日期')), '收到日期');
      const finishedText = field('办结日期');
      const finished = finishedText ? dateOf(finishedText) : null;
      if (finished === undefined) problem('bad-date', w.badDate('办结日期', finishedText), '办结日期');
      const type = typeOf(field('申请人类型'));
      if (!type) problem('unknown-applicant', w.unknownApplicant(field('申请人类型')), '申请人类型');
      const outcomeText = field('办理结果');
      const outcome = outcomeText ? outcomeOf(outcomeText) : null;
      if (outcome === undefined) problem('unknown-outcome', w.unknownOutcome(outcomeText), '办理结果');
      if (outcome && !finishedText) problem('outcome-without-date', w.outcomeWithoutDate, '办结日期');
      if (!outcomeText && finishedText) problem('date-without-outcome', w.dateWithoutOutcome, '办理结果');
      if (received && finished && finished < received) problem('finished-before-received', w.finishedBeforeReceived(finished, received), '办结日期');
      if (notes.length > before || !received || !type) continue;
      if (!type.exact) {
        notes.push({ level: 'warning', code: 'label-matched', ledger: 'requests', line, column: '申请人类型', message: w.labelMatched('申请人类型', field('申请人类型'), Object.entries(applicantTypes).find(([, k]) => k === type.key)?.[0] as string) });
      }
      if (outcome && !outcome.exact) {
        notes.push({ level: 'warning', code: 'label-matched', ledger: 'requests', line, column: '办理结果', message: w.labelMatched('办理结果', outcomeText, outcome.label) });
      }
      const ref = `requests:${line}`;
      if (received > end) {
        later++;
        continue;
      }
      if (finished && finished < start) {
        earlier++;
        continue;
      }
      if (received >= start) count(`requests.newReceived.${type.key}`, ref);
      else count(`requests.carriedOver.${type.key}`, ref);
      if (finished && finished <= end && outcome) count(`requests.${outcome.row}.${type.key}`, ref);
      else count(`requests.carriedForward.${type.key}`, ref);
    }
    if (later || earlier) notes.push({ level: 'info', code: 'other-years', ledger: 'requests', message: w.otherYears(later, earlier, year) });
  }

  if (options.appeals !== undefined) {
    const appeals = readTable(options.appeals, appealLedgerColumns.filter((c) => c !== '收到日期'), ['收到日期'], 'appeals', lang, notes);
    if (appeals) {
      const numbers = new Map<string, number>();
      let otherYears = 0;
      for (const { line, fields } of appeals.rows) {
        read.appeals++;
        const field = (c: string) => (appeals.at.has(c) ? (fields[appeals.at.get(c) as number] ?? '') : '');
        const problem = (code: LedgerNote['code'], message: string, column?: string) =>
          notes.push({ level: 'error', code, ledger: 'appeals', line, ...(column ? { column } : {}), message });
        const before = notes.length;
        serial(numbers, field('序号'), line, problem, w);
        const dateText = field('收到日期');
        const date = dateText ? dateOf(dateText) : null;
        if (date === undefined) problem('bad-date', w.badDate('收到日期', dateText), '收到日期');
        const type = matchWord(field('类型'), appealTypes, appealTypeSynonyms);
        if (!type) problem('unknown-appeal-type', w.unknownAppealType(field('类型')), '类型');
        const result = matchWord(field('结果'), appealResults, appealResultSynonyms);
        if (!result) problem('unknown-appeal-result', w.unknownAppealResult(field('结果')), '结果');
        if (notes.length > before || !type || !result) continue;
        for (const [m, column, list] of [[type, '类型', appealTypes], [result, '结果', appealResults]] as const) {
          if (!m.exact) notes.push({ level: 'warning', code: 'label-matched', ledger: 'appeals', line, column, message: w.labelMatched(column, field(column), Object.entries(list).find(([, k]) => k === m.key)?.[0] as string) });
        }
        if (date && !date.startsWith(`${year}-`)) {
          otherYears++;
          continue;
        }
        count(`reviews.${type.key}.${result.key}`, `appeals:${line}`);
      }
      if (otherYears) notes.push({ level: 'info', code: 'other-years', ledger: 'appeals', message: w.appealsOtherYears(otherYears, year) });
    }
  }

  // Totals: the 总计 column of table 三, its （七）总计 row, and each group's 总计 in table 四.
  for (const row of t.requests.rows) {
    if (row.key === 'resultsTotal') continue;
    cells[`requests.${row.key}.total`] = requestColumnKeys.reduce((s, c) => s + (cells[`requests.${row.key}.${c}`] ?? 0), 0);
  }
  const outcomeRows = outcomes().map((o) => o.row);
  for (const c of [...requestColumnKeys, 'total']) cells[`requests.resultsTotal.${c}`] = outcomeRows.reduce((s, r) => s + (cells[`requests.${r}.${c}`] ?? 0), 0);
  for (const g of reviewGroups) cells[`reviews.${g}.total`] = reviewResults.reduce((s, r) => s + (cells[`reviews.${g}.${r}`] ?? 0), 0);

  // In the order of the ledgers' lines (a bad line is found while reading, the rest while counting).
  const order = (n: LedgerNote) => (n.ledger === 'appeals' ? 1e9 : 0) + (n.line ?? 5e8);
  notes.sort((a, b) => order(a) - order(b));
  return { year, cells, lines, notes, ok: !notes.some((n) => n.level === 'error'), read };
}

/**
 * The report with tables 三 and 四 filled from a tally (the 2021 format; the rest of the report
 * as it was). Throws a RangeError for a report of another format or year.
 */
export function withTally(report: Report, tally: LedgerTally): Report {
  if (report.format !== '2021') throw new RangeError(`the ledgers fill the 2021 format's tables, not the ${report.format} format's`);
  if (report.year !== tally.year) throw new RangeError(`the tally is for ${tally.year}, the report for ${report.year}`);
  let out = report;
  for (const [id, value] of Object.entries(tally.cells)) out = withCell(out, id, value);
  return out;
}

/** The template of a ledger (CSV, UTF-8 with a BOM for Excel and WPS): the header and one example line. */
export function ledgerTemplate(ledger: 'requests' | 'appeals'): string {
  const lines =
    ledger === 'requests'
      ? [requestLedgerColumns.join(','), '1,2025-01-06,自然人,予以公开,2025-01-20', '2,2025-02-11,商业企业,不予公开 — 属于国家秘密,2025-03-01', '3,2025-12-22,自然人,,']
      : [appealLedgerColumns.join(','), '1,2025-03-02,行政复议,维持', '2,2025-05-18,未经复议直接起诉,尚未审结'];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
