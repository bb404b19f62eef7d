/**
 * The UI strings of the elements (chrome around the national tables: status messages,
 * finding labels, screen-reader hints). The national labels themselves are never here:
 * they come from the core taxonomy. Every string can be overridden through the `i18n`
 * property of an element (a partial object, merged over these defaults).
 */
import type { Lang, Severity } from '@disclosure-report/core';

export interface DisclosureStrings {
  /** Shown while the report is being fetched. */
  loading: string;
  /** Shown when there is neither a `report`, a JSON child nor a `src`. */
  empty: string;
  /** Heading of the error box; the detail follows. */
  loadFailed: string;
  /** `src` answered with an HTTP error: `{status}`. */
  httpError: string;
  /** The network request failed. */
  networkError: string;
  /** The data are not JSON. */
  invalidJson: string;
  /** The JSON is not a report document (`{detail}`). */
  notAReport: string;
  /** Report metadata. */
  agency: string;
  year: string;
  yearValue: string;
  publishedOn: string;
  publishedOnUnknown: string;
  untitled: string;
  /** A free-text section with no text. */
  sectionEmpty: string;
  /** Text for screen readers in a blank cell (the published table left it empty). */
  blankCell: string;
  /** Text for screen readers in a cell the report does not have. */
  missingCell: string;
  /** The findings list. */
  findingsHeading: string;
  findingsNone: string;
  findingsSummary: string;
  /** Screen-reader text on a marked cell: `{count}` findings. */
  cellFlagged: string;
  goToCell: string;
  severity: Record<Severity, string>;
}

export const defaultStrings: Record<Lang, DisclosureStrings> = {
  'zh-CN': {
    loading: '正在加载年度报告……',
    empty: '没有可显示的年度报告。',
    loadFailed: '年度报告加载失败',
    httpError: '服务器返回错误（HTTP {status}）。',
    networkError: '无法连接服务器，请稍后再试。',
    invalidJson: '数据不是有效的 JSON。',
    notAReport: '数据不是年度报告文档：{detail}',
    agency: '发布机关',
    year: '报告年度',
    yearValue: '{year}年度',
    publishedOn: '发布日期',
    publishedOnUnknown: '未注明',
    untitled: '政府信息公开工作年度报告',
    sectionEmpty: '（未填写）',
    blankCell: '空白',
    missingCell: '无此项',
    findingsHeading: '检查结果',
    findingsNone: '未发现问题。',
    findingsSummary: '错误 {error} 项，警告 {warning} 项，提示 {info} 项',
    cellFlagged: '（{count} 项检查结果）',
    goToCell: '定位到表格',
    severity: { error: '错误', warning: '警告', info: '提示' },
  },
  en: {
    loading: 'Loading the annual report…',
    empty: 'There is no annual report to show.',
    loadFailed: 'The annual report could not be loaded',
    httpError: 'The server answered with an error (HTTP {status}).',
    networkError: 'The server could not be reached. Please try again later.',
    invalidJson: 'The data are not valid JSON.',
    notAReport: 'The data are not an annual report document: {detail}',
    agency: 'Agency',
    year: 'Year',
    yearValue: '{year}',
    publishedOn: 'Published',
    publishedOnUnknown: 'not stated',
    untitled: 'Government information disclosure annual report',
    sectionEmpty: '(not filled in)',
    blankCell: 'blank',
    missingCell: 'not in this report',
    findingsHeading: 'Checks',
    findingsNone: 'No problems found.',
    findingsSummary: '{error} errors, {warning} warnings, {info} notes',
    cellFlagged: '({count} check findings)',
    goToCell: 'Go to the table',
    severity: { error: 'Error', warning: 'Warning', info: 'Note' },
  },
};

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** Maps any BCP 47 tag to a UI language: `en…` → en, everything else → zh-CN (the national format). */
export function toLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  return null;
}

/**
 * The language an element should speak: its own `lang` attribute, else the nearest ancestor's
 * (crossing shadow roots), else zh-CN. Unknown languages fall back to zh-CN.
 */
export function resolveLang(element: Element): Lang {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) {
      return toLang(node.getAttribute('lang')) ?? 'zh-CN';
    }
    const parent: Node | null = node.parentNode;
    node = parent instanceof ShadowRoot ? parent.host : parent;
  }
  return 'zh-CN';
}

/** Defaults for a language with an element's overrides merged in. */
export function stringsFor(lang: Lang, overrides?: Partial<DisclosureStrings> | null): DisclosureStrings {
  const base = defaultStrings[lang];
  if (!overrides) return base;
  return { ...base, ...overrides, severity: { ...base.severity, ...(overrides.severity ?? {}) } };
}
