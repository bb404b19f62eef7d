/** Report documents for the stories: the seed of the corpus, a city department, a 2019 report. */
import { type Report, type Report2019, blankReport, getCell, taxonomy, withCell } from '@disclosure-report/core';
import seedJson from '@shared/corpus/chenjiaba-2023/expected.json';
import cityJson from '@demo-reports/shifan-natural-resources-2023.json';

/** 陈家坝镇人民政府 2023 (the corpus seed, a real report). */
export const seed = seedJson as unknown as Report;

/** 示范市自然资源和规划局 2023: a made-up large city department report with mistakes in it. */
export const city = cityJson as unknown as Report;

/** A made-up 2019-format report (2020 figures): 本年增/减 may be negative, （六） is one row. */
export function report2019(): Report2019 {
  let r = blankReport('2019', {
    agency: '示范市市场监督管理局',
    year: 2020,
    title: '示范市市场监督管理局2020年政府信息公开工作年度报告',
    publishedOn: '2021-01-28',
  }) as Report;
  const values: Record<string, number> = {
    'active.regulations.made': 0,
    'active.regulations.published': 0,
    'active.regulations.publicTotal': 2,
    'active.normativeDocuments.made': 6,
    'active.normativeDocuments.published': 6,
    'active.normativeDocuments.publicTotal': 41,
    'active.licensing.previousItems': 58,
    'active.licensing.change': -3,
    'active.licensing.decisions': 9214,
    'active.otherServices.previousItems': 17,
    'active.otherServices.change': 2,
    'active.otherServices.decisions': 1302,
    'active.penalties.previousItems': 312,
    'active.penalties.change': 5,
    'active.penalties.decisions': 486,
    'active.coercion.previousItems': 24,
    'active.coercion.change': 0,
    'active.coercion.decisions': 77,
    'active.fees.previousItems': 3,
    'active.fees.change': -1,
    'active.procurement.projects': 14,
    'active.procurement.amount': 25.1,
  };
  for (const [id, v] of Object.entries(values)) r = withCell(r, id, v);
  for (const cell of taxonomy('2019').cells) {
    if (cell.table !== 'active') r = withCell(r, cell.id, 0);
  }
  const set = (row: string, natural: number, commercial: number) => {
    r = withCell(r, `requests.${row}.naturalPerson`, natural);
    r = withCell(r, `requests.${row}.commercial`, commercial);
    r = withCell(r, `requests.${row}.total`, natural + commercial);
  };
  set('newReceived', 23, 4);
  set('carriedOver', 1, 0);
  set('granted', 12, 2);
  set('partiallyGranted', 3, 1);
  set('unavailable.notHeld', 6, 1);
  set('otherHandling', 2, 0);
  set('resultsTotal', 23, 4);
  set('carriedForward', 1, 0);
  r.sections = {
    overview: '2020年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。（演示数据）',
    problems: '信息公开的及时性有待提高。下一步将完善发布流程。',
    other: '无。',
  };
  return r as Report2019;
}

/**
 * A plausible last year of a report, for compare mode: some figures other, one blank where this
 * year has a figure, and its overview sharing its first sentence with this year's.
 */
export function lastYearOf(report: Report): Report {
  let last = withCell({ ...report, year: report.year - 1 }, 'requests.newReceived.total', Math.max(0, ((getCell(report, 'requests.newReceived.total') as number | null) ?? 0) - 17));
  last = withCell(last, 'requests.granted.total', ((getCell(report, 'requests.granted.total') as number | null) ?? 0) + 6);
  last = withCell(last, 'active.fees.amount', null);
  const first = (report.sections.overview.split(/(?<=。)/)[0] ?? '').replace(String(report.year), String(report.year - 1));
  return { ...last, sections: { ...report.sections, overview: `${first}上一年度主要围绕乡村振兴推进重点领域信息公开。`, problems: '', other: '' } };
}
