/** The region site's words, in the run's language (the report's own labels come from core). */
import type { Lang } from '@disclosure-report/core';

export interface SiteStrings {
  lang: string;
  defaultTitle: (years: string) => string;
  generated: (reports: number, years: string, date: string) => string;
  stats: { reports: string; withErrors: string; late: string; unreadable: string; received: string };
  chartsHeading: string;
  volumeChart: string;
  volumeDesc: (reports: number, blank: number) => string;
  volumeAxis: string;
  blankBin: string;
  outcomeChart: string;
  outcomeDesc: (total: number, reports: number, left: number) => string;
  outcomeNone: string;
  rulesChart: string;
  rulesDesc: (reports: number) => string;
  rulesNone: string;
  rulesMore: (n: number) => string;
  chartData: string;
  reportsHeading: string;
  tableCaption: string;
  columns: {
    agency: string;
    bodyType: string;
    year: string;
    published: string;
    errors: string;
    warnings: string;
    completeness: string;
    received: string;
    disclosed: string;
    denied: string;
    corrected: string;
  };
  count: string;
  share: string;
  reportsUnit: string;
  filterLabel: string;
  filterPlaceholder: string;
  bodyTypeFilter: string;
  allBodyTypes: string;
  unknownBodyType: string;
  inferredTitle: string;
  showFilter: string;
  show: { all: string; errors: string; late: string; incomplete: string };
  shown: string;
  colon: string;
  late: string;
  lateTitle: (deadline: string) => string;
  mayBeLate: string;
  mayBeLateTitle: (early: string, late: string) => string;
  noDate: string;
  document: string;
  documentTitle: string;
  completenessTitle: (read: number, expected: number) => string;
  shareWhy: { blank: string; none: string; few: (base: number) => string };
  howComputed: (min: number) => string[];
  unreadableHeading: (n: number) => string;
  downloads: string;
  findingsCsv: string;
  back: string;
  reportHeading: (agency: string, year: number) => string;
  meta: { bodyType: string; published: string; deadline: string; format: string; source: string; completeness: string };
  formatName: (format: string) => string;
  findingsHeading: string;
  noFindings: string;
  findingsSummary: (errors: number, warnings: number, infos: number) => string;
  severity: { error: string; warning: string; info: string };
  reportSection: string;
  compareNote: (year: number) => string;
  noPrevious: string;
  previousHeading: (agency: string, year: number) => string;
  csvColumns: string[];
}

const zh: SiteStrings = {
  lang: 'zh-CN',
  defaultTitle: (years) => `政府信息公开工作年度报告概览（${years}年度）`,
  generated: (reports, years, date) => `${reports} 份报告 · ${years}年度 · 生成于 ${date}`,
  stats: { reports: '报告', withErrors: '有错误的报告', late: '逾期发布', unreadable: '无法读取', received: '本年新收申请合计' },
  chartsHeading: '图表',
  volumeChart: '本年新收申请数量分布',
  volumeDesc: (reports, blank) => `按各机关本年新收政府信息公开申请数量（总计）分组的报告数，共 ${reports} 份${blank ? `，其中 ${blank} 份未填写` : ''}。`,
  volumeAxis: '新收申请（件）',
  blankBin: '未填写',
  outcomeChart: '办理结果构成',
  outcomeDesc: (total, reports, left) =>
    `三、本年度办理结果中各项结果的件数之和（共 ${total} 件，${reports} 份报告）${left ? `；${left} 份报告的办理结果有空白单元格，未计入` : ''}。`,
  outcomeNone: '没有可汇总的办理结果。',
  rulesChart: '检查结果（按规则）',
  rulesDesc: (reports) => `有该项错误或警告的报告数（共 ${reports} 份报告）。`,
  rulesNone: '没有错误或警告。',
  rulesMore: (n) => `另有 ${n} 条规则，见 findings.csv`,
  chartData: '图表数据',
  reportsHeading: '各机关报告',
  tableCaption: '各机关报告（点击列标题排序）',
  columns: {
    agency: '机关',
    bodyType: '类型',
    year: '年度',
    published: '发布日期',
    errors: '错误',
    warnings: '警告',
    completeness: '导入完整度',
    received: '新收申请',
    disclosed: '公开率',
    denied: '不予公开率',
    corrected: '复议诉讼纠错',
  },
  count: '件',
  share: '比率',
  reportsUnit: '份',
  filterLabel: '查找机关',
  filterPlaceholder: '机关名称',
  bodyTypeFilter: '类型',
  allBodyTypes: '全部',
  unknownBodyType: '未注明',
  inferredTitle: '报告未注明；机关名称以“人民政府”结尾，按政府的报告',
  showFilter: '显示',
  show: { all: '全部报告', errors: '有错误的', late: '逾期发布的', incomplete: '导入不完整的' },
  shown: '显示 {shown} / {total} 份报告',
  colon: '：',
  late: '逾期',
  lateTitle: (deadline) => `发布期限为 ${deadline}`,
  mayBeLate: '可能逾期',
  mayBeLateTitle: (early, late) => `未注明机关类型：部门的期限为 ${early}，政府的期限为 ${late}`,
  noDate: '未注明',
  document: '文档',
  documentTitle: '报告文档（JSON），不是从发布的文件导入的',
  completenessTitle: (read, expected) => `从发布的文件读取了 ${read}/${expected} 个单元格`,
  shareWhy: { blank: '有空白', none: '无申请', few: (base) => `仅 ${base} 件` },
  howComputed: (min) => [
    '公开率 =（予以公开 + 部分公开）÷ 办理结果总计；不予公开率 = 不予公开 ÷ 办理结果总计（均为“三、本年度办理结果”各行的总计列）。',
    `办理结果总计少于 ${min} 件时不计算比率（显示件数），因为一两件申请就会使比率变化几十个百分点；有空白单元格时也不计算。`,
    '复议诉讼纠错 = 行政复议、未经复议直接起诉、复议后起诉三项的“结果纠正”之和。',
    '逾期：发布日期晚于发布期限（部门为次年 1 月 31 日，政府为次年 3 月 31 日）。类型后的 * 表示报告未注明、机关名称以“人民政府”结尾，按政府的报告（与检查规则 published.deadline 相同）；其他未注明类型的报告，只在晚于 3 月 31 日时算逾期，晚于 1 月 31 日时标“可能逾期”。',
  ],
  unreadableHeading: (n) => `无法读取的文件或报告（${n} 项）`,
  downloads: '下载',
  findingsCsv: '全部检查结果（findings.csv，每行一条）',
  back: '返回概览',
  reportHeading: (agency, year) => `${agency} ${year}年度政府信息公开工作年度报告`,
  meta: { bodyType: '机关类型', published: '发布日期', deadline: '发布期限', format: '格式', source: '来源文件', completeness: '导入完整度' },
  formatName: (format) => `${format}年格式`,
  findingsHeading: '检查结果',
  noFindings: '未发现问题。',
  findingsSummary: (errors, warnings, infos) => `${errors} 个错误，${warnings} 个警告，${infos} 条提示`,
  severity: { error: '错误', warning: '警告', info: '提示' },
  reportSection: '报告',
  compareNote: (year) => `各数字下为 ${year} 年度报告的数字及增减；与上年相同的句子已标出。`,
  noPrevious: '未找到上年报告。',
  previousHeading: (agency, year) => `上年报告：${agency} ${year}年度`,
  csvColumns: ['文件', '机关', '年度', '格式', '规则', '严重程度', '对象', '说明', '备注'],
};

const en: SiteStrings = {
  lang: 'en',
  defaultTitle: (years) => `Government information disclosure annual reports (${years})`,
  generated: (reports, years, date) => `${reports} reports · ${years} · generated on ${date}`,
  stats: { reports: 'Reports', withErrors: 'Reports with errors', late: 'Published late', unreadable: 'Not read', received: 'New requests in all' },
  chartsHeading: 'Charts',
  volumeChart: 'New requests per report',
  volumeDesc: (reports, blank) => `Reports grouped by their number of new requests (total), ${reports} reports${blank ? `, ${blank} of them blank` : ''}.`,
  volumeAxis: 'New requests',
  blankBin: 'blank',
  outcomeChart: 'Outcomes of the requests handled',
  outcomeDesc: (total, reports, left) => `The outcomes of table 三, summed (${total} requests, ${reports} reports)${left ? `; ${left} reports with blank outcome cells are left out` : ''}.`,
  outcomeNone: 'No outcomes to sum.',
  rulesChart: 'Findings by rule',
  rulesDesc: (reports) => `Reports with an error or warning of each rule (of ${reports} reports).`,
  rulesNone: 'No errors or warnings.',
  rulesMore: (n) => `${n} more rules: see findings.csv`,
  chartData: 'Chart data',
  reportsHeading: 'Reports',
  tableCaption: 'Reports (click a column heading to sort)',
  columns: {
    agency: 'Agency',
    bodyType: 'Type',
    year: 'Year',
    published: 'Published',
    errors: 'Errors',
    warnings: 'Warnings',
    completeness: 'Import',
    received: 'New requests',
    disclosed: 'Disclosed',
    denied: 'Refused',
    corrected: 'Corrected on review',
  },
  count: '',
  share: 'share',
  reportsUnit: '',
  filterLabel: 'Find an agency',
  filterPlaceholder: 'agency name',
  bodyTypeFilter: 'Type',
  allBodyTypes: 'all',
  unknownBodyType: 'not stated',
  inferredTitle: "not stated in the report: an agency ending in 人民政府 is a government",
  showFilter: 'Show',
  show: { all: 'all reports', errors: 'with errors', late: 'published late', incomplete: 'import incomplete' },
  shown: '{shown} of {total} reports shown',
  colon: ': ',
  late: 'late',
  lateTitle: (deadline) => `due by ${deadline}`,
  mayBeLate: 'maybe late',
  mayBeLateTitle: (early, late) => `body type not stated: a department's is due by ${early}, a government's by ${late}`,
  noDate: 'not stated',
  document: 'document',
  documentTitle: 'a report document (JSON), not imported from a published file',
  completenessTitle: (read, expected) => `${read} of ${expected} cells read from the published file`,
  shareWhy: { blank: 'blank', none: 'none', few: (base) => `only ${base}` },
  howComputed: (min) => [
    'Disclosed = (予以公开 + 部分公开) ÷ 办理结果总计; refused = 不予公开 ÷ 办理结果总计 (the 总计 column of table 三).',
    `No share is given below ${min} requests handled (the count is shown): one or two requests move it by tens of percent. Nor where a cell is blank.`,
    'Corrected on review = 结果纠正 of 行政复议, 未经复议直接起诉 and 复议后起诉, summed.',
    "Late: published after the deadline (31 January for a department's report, 31 March for a government's). A * after the type: not stated in the report, and the agency ends in 人民政府, so a government's (as the rule published.deadline has it); any other report with no body type is late only after 31 March, and “maybe late” after 31 January.",
  ],
  unreadableHeading: (n) => `Files or reports that could not be read (${n})`,
  downloads: 'Downloads',
  findingsCsv: 'Every finding (findings.csv, one per line)',
  back: 'Back to the overview',
  reportHeading: (agency, year) => `${agency}: annual report ${year}`,
  meta: { bodyType: 'Body type', published: 'Published', deadline: 'Due by', format: 'Format', source: 'Source file', completeness: 'Import' },
  formatName: (format) => `${format} format`,
  findingsHeading: 'Findings',
  noFindings: 'No findings.',
  findingsSummary: (errors, warnings, infos) => `${errors} errors, ${warnings} warnings, ${infos} notes`,
  severity: { error: 'Error', warning: 'Warning', info: 'Note' },
  reportSection: 'Report',
  compareNote: (year) => `Under each figure: ${year}'s figure and the change; sentences repeating last year's are marked.`,
  noPrevious: "Last year's report was not found.",
  previousHeading: (agency, year) => `Last year's report: ${agency} ${year}`,
  csvColumns: ['file', 'agency', 'year', 'format', 'rule', 'severity', 'target', 'message', 'note'],
};

export const siteStrings = (lang: Lang): SiteStrings => (lang === 'en' ? en : zh);
