/**
 * Whose report it is: a people's government's own report (due 31 March) or a department's
 * (due 31 January), and a guess of it from the agency's name, for forms and importers that
 * want to offer a default (the check rules never guess: see `published.deadline`).
 */
import type { Lang } from './taxonomy.js';

/**
 * The body a report is the report of. `government`: a people's government's own report,
 * also a zone's (开发区, 新区, 综合实验区 … or its 管委会) and a 街道办事处's report for its
 * level (条例 art. 49: due 31 March). `department`: a department's or any other unit's
 * report (due 31 January).
 */
export type BodyType = 'government' | 'department';

/** The body types, in the order a form offers them. */
export const bodyTypes: readonly BodyType[] = ['government', 'department'];

/** A body type in a word, as lists and overviews name it. */
export const bodyTypeLabels: Readonly<Record<Lang, Readonly<Record<BodyType, string>>>> = {
  'zh-CN': { government: '政府', department: '部门' },
  en: { government: 'government', department: 'department' },
};

/** Whether a value is a {@link BodyType}. */
export function isBodyType(value: unknown): value is BodyType {
  return value === 'government' || value === 'department';
}

/** A guess of the body type, what it rests on, and whether a person should confirm it. */
export interface BodyTypeGuess {
  bodyType: BodyType;
  /** Why, in words, naming the part of the name the guess rests on. */
  why: string;
  /**
   * `true` only where the name decides it: an agency ending in 人民政府 (the rules' own
   * definition) or in a department's word (局, 厅, 委员会, 办公室 …). `false` for a guess a person
   * should confirm: a zone or its 管委会, a 街道办事处, a bare place name, or a title that
   * names another body than the agency.
   */
  certain: boolean;
}

type Reason = 'government' | 'government-short' | 'subdistrict' | 'zone' | 'township' | 'division' | 'department';
interface Classified {
  bodyType: BodyType;
  certain: boolean;
  reason: Reason;
  /** The ending the classification rests on. */
  suffix: string;
}

/** Words that end a zone's name (功能区): the zone's own report counts as a government's. */
const zoneWords = [
  '综合实验区', '自由贸易试验区', '自由贸易区', '自贸试验区', '自贸区', '经济技术开发区', '高新技术产业开发区', '开发区',
  '高新区', '经开区', '新区', '试验区', '实验区', '示范区', '合作区', '保税区', '片区', '园区', '产业园', '工业园',
  '风景名胜区', '名胜区', '景区', '度假区', '管理区', '经济区', '港区', '新城',
];
const zone = new RegExp(`(${zoneWords.join('|')})(?:党工委)?(管委会|管理委员会)?$`);
/** 管理委员会 that are departments (国资委, 城管委, 公积金管委会 …). */
const departmentBoards = /(监督管理委员会|城市管理委员会|公积金管理委员会|资产管理委员会)$/;
/** A body that is neither a government nor a department under the 条例 (村委会, 居委会, 社区): no guess. */
const notAnAgency = /(社区|小区|村|村民委员会|居民委员会|村委会|居委会)$/;
/** The endings of departments and other units (longest first where one ends another). */
const departmentEnding =
  /(委员会|办公室|办事处|中心|公司|集团|监狱|银行|局|厅|委|办|室|院|馆|所|队|站|处|部|署|会|社|行|科|股|组|校|学|台|团|联|关)$/;
const township = /(街道|镇|乡|苏木)$/;
const division = /(自治区|自治州|自治县|自治旗|特区|林区|省|市|州|盟|县|旗|区)$/;

function classify(name: string): Classified | undefined {
  if (name === '') return undefined;
  let m: RegExpMatchArray | null;
  const gov = (reason: Reason, suffix: string, certain = false): Classified => ({ bodyType: 'government', certain, reason, suffix });
  const dept = (suffix: string): Classified => ({ bodyType: 'department', certain: true, reason: 'department', suffix });
  if (name.endsWith('人民政府')) return gov('government', '人民政府', true);
  if ((m = name.match(/街道办事处$|街道办$/))) return gov('subdistrict', m[0]);
  if ((m = name.match(zone))) return gov('zone', m[1] as string);
  if ((m = name.match(departmentBoards))) return dept(m[1] as string);
  // Any other 管委会 may be a zone's or a department's: no guess.
  if (/(管委会|管理委员会)$/.test(name)) return undefined;
  if (notAnAgency.test(name)) return undefined;
  if ((m = name.match(departmentEnding))) return dept(m[1] as string);
  if (name.endsWith('政府')) return gov('government-short', '政府');
  if ((m = name.match(township))) return gov('township', m[1] as string);
  if ((m = name.match(division))) return gov('division', m[1] as string);
  return undefined;
}

/** The name as compared: NFKC, no white space or quotes, no trailing bracketed note (（国资办）). */
function normalizeName(text: string): string {
  let s = text.normalize('NFKC').replace(/[\s"'“”‘’「」『』《》]/g, '');
  for (let previous = ''; previous !== s; ) {
    previous = s;
    s = s.replace(/\([^()]*\)$/, '');
  }
  return s;
}

/** The body a title names: what precedes the year or 政府信息公开 (`XX县人民政府2023年政府信息公开工作年度报告`). */
function titleAgency(title: string): string {
  const s = normalizeName(title);
  const m = s.match(/^(.*?)(?:关于)?(?:\d{4}年|[〇零一二三四五六七八九]{4}年|政府信息公开|政务公开|信息公开|工作年度报告|年度报告)/);
  let name = (m ? m[1] : '') as string;
  name = name.replace(/^关于/, '').replace(/的$/, '');
  // 「XX县人民政府信息公开工作年度报告」 shares one 政府 between the name and 政府信息公开.
  if (name.endsWith('人民')) name += '政府';
  return name;
}

const whyText: Record<Reason, Record<Lang, (name: string, suffix: string) => string>> = {
  government: {
    'zh-CN': (n) => `「${n}」以“人民政府”结尾：人民政府本级的报告（3月31日前发布）`,
    en: (n) => `"${n}" ends in 人民政府: a people's government's own report (due by 31 March)`,
  },
  'government-short': {
    'zh-CN': (n) => `「${n}」以“政府”结尾：按人民政府本级的报告对待（3月31日前发布），请确认`,
    en: (n) => `"${n}" ends in 政府: taken as a people's government's own report (due by 31 March); please confirm`,
  },
  subdistrict: {
    'zh-CN': (n) => `「${n}」是街道办事处：区政府的派出机关，像乡镇一样发布本级的报告（3月31日前发布），请确认`,
    en: (n) => `"${n}" is a 街道办事处, the district government's agency, which publishes its own report as a township does (due by 31 March); please confirm`,
  },
  zone: {
    'zh-CN': (n, s) => `「${n}」是功能区（${s}）或其管委会：功能区本级的报告按政府的报告对待（3月31日前发布），请确认`,
    en: (n, s) => `"${n}" is a zone (${s}) or its 管委会: the zone's own report counts as a government's (due by 31 March); please confirm`,
  },
  township: {
    'zh-CN': (n, s) => `「${n}」以“${s}”结尾：按该${s}本级的报告对待（3月31日前发布），请确认`,
    en: (n, s) => `"${n}" ends in ${s}: taken as that township's own report (due by 31 March); please confirm`,
  },
  division: {
    'zh-CN': (n, s) => `「${n}」以“${s}”结尾，是行政区划的名称：按该级人民政府的报告对待（3月31日前发布），请确认`,
    en: (n, s) => `"${n}" ends in ${s}, a place name: taken as that level's people's government's report (due by 31 March); please confirm`,
  },
  department: {
    'zh-CN': (n, s) => `「${n}」以“${s}”结尾：政府部门（或其他单位）的报告（1月31日前发布）`,
    en: (n, s) => `"${n}" ends in ${s}: a department's (or other unit's) report (due by 31 January)`,
  },
};

/**
 * Guesses whose report it is from the agency's name (and the body the title names, which
 * may differ: a 人民政府办公室 publishing its government's report). Rules of thumb from
 * real reports:
 *
 * - ends in 人民政府 (乡、镇、县、市 …) → `government`, certain;
 * - a zone (综合实验区, 新区, 开发区, 高新区, 经济技术开发区, 自贸区 …) or its 管委会/管理委员会
 *   (「平潭综合实验区管理委员会」) → `government`, not certain (the zone's own report);
 * - a 街道办事处 → `government`, not certain (the district's agency, reporting like a township);
 * - a bare place name (「洪泽区」, 「某某镇」) or a name ending in 政府 → `government`, not certain;
 * - ends in a department's word (局, 厅, 委员会 but not a zone's 管理委员会, 办公室 — so
 *   人民政府办公室 and 管委会 X局 are departments —, 中心, 院, 馆, 所, 队, 站, 处, 部, 署, 办, 委,
 *   会, 社, 银行, 公司 …) → `department`, certain;
 * - when the title names another body than the agency, the title's body decides (it says
 *   whose report it is), not certain;
 * - empty or unknown (村委会, 社区, another 管委会) → `undefined`.
 *
 * @param input the report's agency and, when known, its title
 * @param lang the language of `why` (default zh-CN)
 */
export function inferBodyType(input: { agency: string; title?: string }, lang: Lang = 'zh-CN'): BodyTypeGuess | undefined {
  const agency = normalizeName(typeof input.agency === 'string' ? input.agency : '');
  const fromAgency = classify(agency);
  const named = typeof input.title === 'string' ? titleAgency(input.title) : '';
  const fromTitle = named && named !== agency ? classify(named) : undefined;
  const say = (c: Classified, name: string) => whyText[c.reason][lang](name, c.suffix);
  if (fromAgency && (!fromTitle || fromTitle.bodyType === fromAgency.bodyType)) {
    return { bodyType: fromAgency.bodyType, why: say(fromAgency, agency), certain: fromAgency.certain };
  }
  if (!fromTitle) return undefined;
  const why = say(fromTitle, named);
  if (!fromAgency) {
    // No agency: the title alone says whose report it is; an agency of no known kind leaves doubt.
    const prefix = lang === 'en' ? 'the title names the publisher: ' : '标题中的发布机关：';
    return { bodyType: fromTitle.bodyType, why: prefix + why, certain: agency === '' && fromTitle.certain };
  }
  const prefix =
    lang === 'en'
      ? `the title names "${named}", not the agency "${agency}" (please confirm): `
      : `标题表明这是「${named}」的报告，与发布机关「${agency}」不同（请确认）：`;
  return { bodyType: fromTitle.bodyType, why: prefix + why, certain: false };
}

/**
 * The day of the year after the report's by which it is published (条例 art. 49): 31 March for a
 * government's own report, 31 January for a department's. The rules and the region's list of late
 * reports both read it here.
 */
export const publicationDeadlineDay: Readonly<Record<BodyType, string>> = { government: '03-31', department: '01-31' };
