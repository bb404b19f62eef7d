/**
 * The figures an evaluator reads a report by, derived from its tables in one place: how many
 * requests came in, how they ended (by the six outcomes of table 三), what share was disclosed
 * or refused, and how often review or litigation corrected the body (table 四). A share is given
 * with what it is computed from, and not at all for a handful of requests, where one request
 * moves it by tens of percent (2 of 2 is not "100% disclosed" in any sense worth comparing).
 */
import { type Report, getCell } from './report.js';
import { type FormatId, type Lang, taxonomy } from './taxonomy.js';

/** The outcomes of table 三 (三、本年度办理结果), in the national order. */
export const outcomeKeys = ['granted', 'partiallyGranted', 'denied', 'unavailable', 'notProcessed', 'otherHandling'] as const;
export type OutcomeKey = (typeof outcomeKeys)[number];

/** The outcomes' national labels, without their numbering and notes (（二）部分公开（区分处理的…） is 部分公开). */
export const outcomeLabels: Readonly<Record<Lang, Readonly<Record<OutcomeKey, string>>>> = {
  'zh-CN': { granted: '予以公开', partiallyGranted: '部分公开', denied: '不予公开', unavailable: '无法提供', notProcessed: '不予处理', otherHandling: '其他处理' },
  en: { granted: 'Disclosed', partiallyGranted: 'Partly disclosed', denied: 'Not disclosed', unavailable: 'Cannot be provided', notProcessed: 'Not processed', otherHandling: 'Otherwise handled' },
};

/** Below this many requests handled, a share is not given (see {@link Share}). */
export const minShareBase = 10;

/** A share of the requests handled (三（七）总计): `value` is null when it is not given, and `why` says why. */
export interface Share {
  /** numerator / base, from 0 to 1 (above 1 when the report's own figures disagree). */
  value: number | null;
  numerator: number | null;
  base: number | null;
  /** Why there is no value: a figure is blank, nothing was handled, or fewer than {@link minShareBase}. */
  why?: 'blank' | 'none' | 'few';
}

/** The figures of one report that a region's overview compares. A blank stays null (never 0). */
export interface KeyFigures {
  /** 一、本年新收政府信息公开申请数量 (总计). */
  received: number | null;
  /** 三、本年度办理结果（七）总计 (总计): the base of the shares. */
  handled: number | null;
  /** Each outcome's 总计, its numbered items summed (null when any of them is blank). */
  outcomes: Record<OutcomeKey, number | null>;
  /** (予以公开 + 部分公开) / 办理结果总计. */
  disclosedShare: Share;
  /** 不予公开 / 办理结果总计. */
  deniedShare: Share;
  /** 结果纠正 of 行政复议 and of both kinds of 行政诉讼, summed (null when any is blank). */
  corrected: number | null;
}

/** Sums figures; null when any is blank (a blank is unknown, not 0: a sum over it would be invented). */
function sum(values: readonly (number | null)[]): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += v;
  }
  return total;
}

/** The 总计 cells of each outcome's rows, per format (2019 has one 其他处理 row, 2021 three). */
const outcomeCells = new Map<FormatId, Record<OutcomeKey, string[]>>();
function cellsOf(format: FormatId): Record<OutcomeKey, string[]> {
  let cells = outcomeCells.get(format);
  if (!cells) {
    const ids = taxonomy(format).cells.map((c) => c.id);
    cells = Object.fromEntries(
      outcomeKeys.map((key) => {
        const re = new RegExp(`^requests\\.${key}(\\.[A-Za-z]+)?\\.total$`);
        return [key, ids.filter((id) => re.test(id))];
      }),
    ) as Record<OutcomeKey, string[]>;
    outcomeCells.set(format, cells);
  }
  return cells;
}

const num = (report: Report, id: string): number | null => {
  const v = getCell(report, id);
  return typeof v === 'number' ? v : null;
};

/** A share of `base`, or why there is none. */
export function share(numerator: number | null, base: number | null): Share {
  if (numerator === null || base === null) return { value: null, numerator, base, why: 'blank' };
  if (base <= 0) return { value: null, numerator, base, why: 'none' };
  if (base < minShareBase) return { value: null, numerator, base, why: 'few' };
  return { value: numerator / base, numerator, base };
}

/** The key figures of a report (2021 or 2019 format). */
export function keyFigures(report: Report): KeyFigures {
  const cells = cellsOf(report.format);
  const outcomes = Object.fromEntries(outcomeKeys.map((key) => [key, sum(cells[key].map((id) => num(report, id)))])) as Record<OutcomeKey, number | null>;
  const handled = num(report, 'requests.resultsTotal.total');
  const disclosed = sum([outcomes.granted, outcomes.partiallyGranted]);
  return {
    received: num(report, 'requests.newReceived.total'),
    handled,
    outcomes,
    disclosedShare: share(disclosed, handled),
    deniedShare: share(outcomes.denied, handled),
    corrected: sum(['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'].map((g) => num(report, `reviews.${g}.corrected`))),
  };
}
