/**
 * The compact definition of the checks in the spec's rules.md, expanded over the taxonomy
 * into one rule instance per column, row, group, cell or section. The expanded sets are
 * also written to `rules/rules-<format>.json` for systems in other languages.
 */
import {
  type CellDef,
  type FormatId,
  type Label,
  type Lang,
  type TextSectionKey,
  cellName,
  columnText,
  labelText,
  rowText,
  sections,
  taxonomy,
  textSectionKeys,
} from '../taxonomy.js';
import { publicationDeadlineDay } from '../body-type.js';
import { cellValueLimits } from '../values.js';
import type { JsonLogic, Rule, RuleSet, Severity } from './types.js';

const v = (path: string): JsonLogic => ({ var: path });
/** A cell as a number: blank (null) counts as 0 in sums (rules.md). */
const n = (path: string): JsonLogic => ({ or: [v(path), 0] });
const sum = (paths: readonly string[]): JsonLogic => ({ '+': paths.map(n) });
const equal = (a: JsonLogic, b: JsonLogic): JsonLogic => ({ '==': [a, b] });

const msg = (zh: string, en: string): Record<Lang, string> => ({ 'zh-CN': zh, en });
const label = (l: Label, lang: Lang) => l[lang];

function comparison(
  id: string,
  target: string,
  cells: string[],
  expected: JsonLogic,
  actual: JsonLogic,
  message: Record<Lang, string>,
  severity: Severity = 'error',
  extra: Partial<Rule> = {},
): Rule {
  return { id, target, severity, cells, ...extra, condition: equal(expected, actual), expected, actual, message };
}

const isPeoplesGovernment: JsonLogic = equal({ substr: [v('agency'), -4] }, '人民政府');
/**
 * A government's own report: `bodyType` says so, or it is absent and the agency ends in
 * 人民政府 (the definition, not a guess). A department's: `bodyType` says so. Neither: unknown.
 */
const isGovernmentReport: JsonLogic = {
  or: [equal(v('bodyType'), 'government'), { and: [equal(v('bodyType'), null), isPeoplesGovernment] }],
};
const isDepartmentReport: JsonLogic = equal(v('bodyType'), 'department');
const allText: JsonLogic = { cat: textSectionKeys.flatMap((k, i) => (i ? ['\n', v(`sections.${k}`)] : [v(`sections.${k}`)])) };

/** Patterns for figures the text quotes (bounded quantifiers only: no catastrophic backtracking). */
export const quotedFigurePatterns = {
  received: '(?:收到|新收|受理)[^。；;，,\\d]{0,12}?申请[^。；;，,\\d]{0,4}?(\\d+)\\s*件',
  reconsideration: '行政复议[^。；;，,\\d]{0,6}?(\\d+)\\s*件',
  litigation: '行政诉讼[^。；;，,\\d]{0,6}?(\\d+)\\s*件',
} as const;

/**
 * The rules that check a sum or a balance over several cells: one wrong figure fails several of
 * them, so a table marks their cells lightly and the pinpointed cell (`suspect.cell`) strongly.
 */
export const sumRules: ReadonlySet<string> = new Set([
  'requests.balance',
  'requests.results-sum',
  'requests.row-total',
  'reviews.total',
  'prev.carry-over',
  'prev.in-force',
]);

/** Texts shorter than this (without white space) are not compared with last year's (e.g. 无). */
export const copiedTextMinLength = 30;
/** Similarity (0–1) from which a section counts as copied from last year. */
export const copiedTextThreshold = 0.9;

function cellTypeCondition(cell: CellDef): JsonLogic {
  const x = v(cell.id);
  const blank = equal(x, null);
  // Within the kind's limits (cellValueLimits): lo ≤ x ≤ hi, JSON-logic's "between".
  const limit = cellValueLimits[cell.kind];
  if (cell.kind === 'change') return { or: [blank, { and: [{ '<=': [-limit, x, limit] }, equal({ '%': [x, 1] }, 0)] }] };
  if (cell.kind === 'count') return { or: [blank, { and: [{ '<=': [0, x, limit] }, equal({ '%': [x, 1] }, 0)] }] };
  // An amount: any number ≥ 0, with as many decimals as printed (万元 exact to the 分: 4166.241619).
  return { or: [blank, { '<=': [0, x, limit] }] };
}

/** Expands the checks of rules.md for one format. */
export function generateRules(format: FormatId): RuleSet {
  const t = taxonomy(format);
  const rules: Rule[] = [];
  const req = t.requests;
  const rowsByRole = (role: string) => req.rows.filter((r) => r.role === role);
  const rowKey = (role: string) => (rowsByRole(role)[0] as { key: string }).key;
  const received = rowKey('received');
  const carriedOver = rowKey('carriedOver');
  const resultsTotal = rowKey('resultsTotal');
  const carriedForward = rowKey('carriedForward');
  const resultRows = rowsByRole('result');
  const partColumns = req.columns.filter((c) => c.role !== 'total');
  const totalColumn = req.columns.find((c) => c.role === 'total') as { key: string };
  const r = (row: string, col: string) => `requests.${row}.${col}`;

  for (const c of req.columns) {
    const col = (lang: Lang) => columnText(c, lang);
    rules.push(
      comparison(
        'requests.balance',
        c.key,
        [r(received, c.key), r(carriedOver, c.key), r(resultsTotal, c.key), r(carriedForward, c.key)],
        sum([r(received, c.key), r(carriedOver, c.key)]),
        sum([r(resultsTotal, c.key), r(carriedForward, c.key)]),
        msg(
          `${col('zh-CN')}：一+二 = {expected}，三（七）+四 = {actual}（差 {difference}）`,
          `${col('en')}: I + II = {expected}, III(7) + IV = {actual} (difference {difference})`,
        ),
      ),
    );
  }
  for (const c of req.columns) {
    const col = (lang: Lang) => columnText(c, lang);
    const items = resultRows.map((row) => r(row.key, c.key));
    rules.push(
      comparison(
        'requests.results-sum',
        c.key,
        [r(resultsTotal, c.key), ...items],
        sum(items),
        n(r(resultsTotal, c.key)),
        msg(
          `${col('zh-CN')}：各项办理结果之和 = {expected}，（七）总计 = {actual}（差 {difference}）`,
          `${col('en')}: the results add up to {expected}, (7) Total says {actual} (difference {difference})`,
        ),
      ),
    );
  }
  for (const row of req.rows) {
    const items = partColumns.map((c) => r(row.key, c.key));
    const rowLabel = (lang: Lang) => rowText(row, lang);
    rules.push(
      comparison(
        'requests.row-total',
        row.key,
        [r(row.key, totalColumn.key), ...items],
        sum(items),
        n(r(row.key, totalColumn.key)),
        msg(
          `${rowLabel('zh-CN')}：各类申请人之和 = {expected}，总计 = {actual}（差 {difference}）`,
          `${rowLabel('en')}: the requesters add up to {expected}, Total says {actual} (difference {difference})`,
        ),
      ),
    );
  }
  const rev = t.reviews;
  const revParts = rev.columns.filter((c) => c.role !== 'total');
  const revTotal = rev.columns.find((c) => c.role === 'total') as { key: string };
  for (const g of rev.rows) {
    const items = revParts.map((c) => `reviews.${g.key}.${c.key}`);
    const groupLabel = (lang: Lang) => labelText(g.labels, lang);
    rules.push(
      comparison(
        'reviews.total',
        g.key,
        [`reviews.${g.key}.${revTotal.key}`, ...items],
        sum(items),
        n(`reviews.${g.key}.${revTotal.key}`),
        msg(
          `${groupLabel('zh-CN')}：结果维持、结果纠正、其他结果、尚未审结之和 = {expected}，总计 = {actual}（差 {difference}）`,
          `${groupLabel('en')}: the outcomes add up to {expected}, Total says {actual} (difference {difference})`,
        ),
      ),
    );
  }

  const { count: maxCount, amount: maxAmount, change: maxChange } = cellValueLimits;
  const kindMsg = {
    count: msg(`应为 0 至 ${maxCount} 之间的整数，填写的是 {actual}`, `must be a whole number from 0 to ${maxCount}, is {actual}`),
    amount: msg(
      `应为 0 至 ${maxAmount} 之间的金额（万元），填写的是 {actual}`,
      `must be an amount from 0 to ${maxAmount} (10,000 yuan), is {actual}`,
    ),
    change: msg(`应为 -${maxChange} 至 ${maxChange} 之间的整数，填写的是 {actual}`, `must be a whole number from -${maxChange} to ${maxChange}, is {actual}`),
  };
  for (const cell of t.cells) {
    const m = kindMsg[cell.kind];
    rules.push({
      id: 'cell.type',
      target: cell.id,
      severity: 'error',
      cells: [cell.id],
      condition: cellTypeCondition(cell),
      actual: v(cell.id),
      message: msg(`${cellName(cell, 'zh-CN')}：${m['zh-CN']}`, `${cellName(cell, 'en')}: ${m.en}`),
    });
  }
  for (const cell of t.cells) {
    rules.push({
      id: 'blank-cell',
      target: cell.id,
      severity: 'warning',
      cells: [cell.id],
      condition: { '!=': [v(cell.id), null] },
      message: msg(
        `${cellName(cell, 'zh-CN')}：未填写（没有数字时应填 0）`,
        `${cellName(cell, 'en')}: left blank (write 0 when there is nothing to report)`,
      ),
    });
  }

  for (const c of req.columns) {
    const col = (lang: Lang) => columnText(c, lang);
    rules.push(
      comparison(
        'prev.carry-over',
        c.key,
        [r(carriedOver, c.key)],
        n(`prev.${r(carriedForward, c.key)}`),
        n(r(carriedOver, c.key)),
        msg(
          `${col('zh-CN')}：上年报告“四、结转下年度继续办理” = {expected}，本年“二、上年结转” = {actual}（差 {difference}）`,
          `${col('en')}: last year's "IV. Carried forward" = {expected}, this year's "II. Carried over" = {actual} (difference {difference})`,
        ),
        'error',
        { requires: ['prev'] },
      ),
    );
  }
  const firstBlock = t.active.blocks[0];
  if (firstBlock && firstBlock.columns.some((c) => c.key === 'inForce')) {
    for (const row of firstBlock.rows) {
      const a = (col: string) => `active.${row.key}.${col}`;
      const expected: JsonLogic = { '-': [{ '+': [n(`prev.${a('inForce')}`), n(a('issued'))] }, n(a('repealed'))] };
      rules.push({
        id: 'prev.in-force',
        target: row.key,
        severity: 'warning',
        cells: [a('inForce'), a('issued'), a('repealed')],
        requires: ['prev'],
        // Last year's report may lack the cell (2019 format): then there is nothing to compare.
        condition: { or: [equal(v(`prev.${a('inForce')}`), null), equal(expected, n(a('inForce')))] },
        expected,
        actual: n(a('inForce')),
        message: msg(
          `${label(row.labels[0] as Label, 'zh-CN')}：上年现行有效 + 本年制发 − 本年废止 = {expected}，现行有效件数 = {actual}（差 {difference}）`,
          `${label(row.labels[0] as Label, 'en')}: last year's in force + issued − repealed = {expected}, in force = {actual} (difference {difference})`,
        ),
      });
    }
  }
  const heading = (key: string, lang: Lang) => (sections.find((s) => s.key === key) as { heading: Label }).heading[lang];
  for (const key of textSectionKeys) {
    rules.push({
      id: 'prev.copied-text',
      target: key,
      severity: 'warning',
      cells: [],
      requires: ['prev'],
      condition: {
        '<': [{ textSimilarity: [v(`sections.${key}`), v(`prev.sections.${key}`), copiedTextMinLength] }, copiedTextThreshold],
      },
      message: msg(
        `${heading(key, 'zh-CN')}：与上年报告内容雷同`,
        `${heading(key, 'en')}: (nearly) the same text as last year's report`,
      ),
    });
  }

  for (const s of sections) {
    const condition: JsonLogic =
      s.kind === 'text'
        ? { '!!': [v(`sections.${s.key}`)] }
        : { or: t.cells.filter((c) => c.table === s.key).map((c) => ({ '!=': [v(c.id), null] })) };
    rules.push({
      id: 'sections.present',
      target: s.key,
      severity: 'error',
      cells: [],
      condition,
      message: msg(`${s.heading['zh-CN']}：缺少或为空`, `${s.heading.en}: missing or empty`),
    });
  }
  if (format === '2021') {
    rules.push({
      id: 'sections.fee-report',
      target: 'other' satisfies TextSectionKey,
      severity: 'warning',
      cells: [],
      condition: { in: ['处理费', v('sections.other')] },
      message: msg(
        '六、其他需要报告的事项：未报告信息处理费的收取情况（发出收费通知的件数和总金额以及实际收取的总金额，没有也应说明）',
        '6. Other matters: the information processing fee (信息处理费) is not reported (notices sent, their amount and what was collected, even when none)',
      ),
    });
  }
  rules.push({
    id: 'sections.government-assessment',
    target: 'overview' satisfies TextSectionKey,
    severity: 'warning',
    cells: [],
    condition: {
      or: [
        { '!': [isGovernmentReport] },
        { and: ['考核', '评议', '责任追究'].map((word) => ({ in: [word, v('sections.overview')] })) },
      ],
    },
    message: msg(
      '一、总体情况：人民政府的年度报告应报告政府信息公开工作考核、社会评议和责任追究结果情况',
      "1. Overview: a people's government must report the results of its disclosure work's assessment, public appraisal and accountability (考核、社会评议和责任追究)",
    ),
  });

  // 条例 art. 49: a government's own report by 31 March, a department's by 31 January (year + 1).
  const deadline: JsonLogic = { '+': [{ '*': [{ '+': [v('year'), 1] }, 10000] }, { if: [isGovernmentReport, Number(publicationDeadlineDay.government.replace('-', '')), Number(publicationDeadlineDay.department.replace('-', ''))] }] };
  const published: JsonLogic = {
    '+': [{ cat: [{ substr: [v('publishedOn'), 0, 4] }, { substr: [v('publishedOn'), 5, 2] }, { substr: [v('publishedOn'), 8, 2] }] }],
  };
  const bodyTypeKnown: JsonLogic = { or: [isGovernmentReport, isDepartmentReport] };
  rules.push({
    id: 'published.deadline',
    target: 'deadline',
    severity: 'warning',
    cells: [],
    // Whose report it is unknown: no deadline is guessed (the `body-type` finding says so).
    condition: { or: [equal(v('publishedOn'), null), { '!': [bodyTypeKnown] }, { '<=': [published, deadline] }] },
    expected: { cat: [{ '+': [v('year'), 1] }, { if: [isGovernmentReport, `-${publicationDeadlineDay.government}`, `-${publicationDeadlineDay.department}`] }] },
    actual: v('publishedOn'),
    message: msg(
      '发布日期 {actual} 晚于规定期限 {expected}（《条例》第四十九条）',
      'published on {actual}, after the deadline {expected} (Regulations art. 49)',
    ),
  });
  rules.push({
    id: 'published.deadline',
    target: 'unknown',
    severity: 'info',
    cells: [],
    condition: { '!=': [v('publishedOn'), null] },
    message: msg('发布日期未知，无法核对是否按期发布', 'the publication date is unknown, so the deadline cannot be checked'),
  });
  rules.push({
    id: 'published.deadline',
    target: 'body-type',
    severity: 'info',
    cells: [],
    condition: bodyTypeKnown,
    message: msg(
      '未注明发布机关类型（政府或部门），无法确定发布期限（人民政府本级的报告为 3 月 31 日，部门的报告为 1 月 31 日）',
      "whose report it is (a government's or a department's) is not stated, so the deadline (31 March or 31 January) cannot be determined",
    ),
  });

  const quoted = (
    target: string,
    pattern: string,
    cellIds: string[],
    zh: string,
    en: string,
  ): Rule => {
    const figure: JsonLogic = { textNumber: [allText, pattern] };
    const expected = sum(cellIds);
    return {
      id: 'sections.figures-match',
      target,
      severity: 'warning',
      cells: cellIds,
      condition: { or: [equal(figure, null), equal(figure, expected)] },
      expected,
      actual: figure,
      message: msg(`正文称${zh} {actual} 件，表格为 {expected} 件`, `the text quotes ${en} as {actual}, the table says {expected}`),
    };
  };
  rules.push(
    quoted('requests.newReceived', quotedFigurePatterns.received, [r(received, totalColumn.key)], '收到申请', 'the requests received'),
    quoted('reviews.reconsideration', quotedFigurePatterns.reconsideration, ['reviews.reconsideration.total'], '行政复议', 'administrative reconsiderations'),
    quoted(
      'reviews.litigation',
      quotedFigurePatterns.litigation,
      ['reviews.litigationDirect.total', 'reviews.litigationAfterReconsideration.total'],
      '行政诉讼',
      'administrative lawsuits',
    ),
  );

  rules.push({
    id: 'format.current',
    target: 'format',
    severity: 'warning',
    cells: [],
    condition: { or: [{ '<': [v('year'), 2021] }, equal(v('format'), '2021')] },
    actual: v('format'),
    message: msg(
      '{actual}年格式已被 2021 年格式（国办公开办函〔2021〕30号）取代，2021 年度起的报告应使用新格式',
      'the {actual} format was replaced by the 2021 format (国办公开办函〔2021〕30号) for reports from 2021 on',
    ),
  });

  return { format, customOperations: ['textNumber', 'textSimilarity'], rules };
}
