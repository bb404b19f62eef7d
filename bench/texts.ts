/**
 * Realistic section texts for generated reports: 2,000–4,000 characters per section, in the
 * register of real reports (see corpus/chenjiaba-2023), varied from report to report, and last
 * year's texts sharing some of this year's sentences (so `prev.copied-text` compares real texts,
 * and now and then finds one copied).
 */

/** A small seeded PRNG (mulberry32): the same seed, the same texts. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const subjects = ['我局', '本机关', '我镇', '我区', '我办', '各科室', '局办公室', '镇党政办', '各村（社区）', '政务公开领导小组', '政务服务中心', '信息公开工作机构'];
const verbs = ['认真落实', '全面推进', '持续深化', '扎实开展', '严格执行', '不断完善', '进一步规范', '切实加强', '积极推动', '统筹做好'];
const objects = [
  '政府信息主动公开工作',
  '依申请公开办理流程',
  '政府信息公开保密审查制度',
  '政务公开标准化规范化建设',
  '政策文件解读回应工作',
  '政府网站信息公开专栏维护',
  '政务新媒体管理',
  '重点领域信息公开',
  '政府信息管理和规范性文件清理',
  '公开平台建设',
  '监督保障和考核评议',
  '人员培训和队伍建设',
];
const purposes = [
  '切实保障人民群众的知情权、参与权、表达权和监督权',
  '不断提升政府工作透明度',
  '确保信息公开及时、准确、全面',
  '推动政务公开工作提质增效',
  '做到责任落实到岗、工作落实到人',
  '增强政府运作的公开透明性',
  '让群众和服务对象对办理事项有充分的了解',
  '提高政府公信力和执行力',
];
const details = [
  '全年通过政府门户网站公开各类信息{n}条',
  '发布政策解读材料{n}篇，其中图文解读{m}篇',
  '组织开展政务公开业务培训{m}次，培训人员{n}人次',
  '更新政务公开专栏信息{n}条',
  '通过政务新媒体发布信息{n}条',
  '公开财政预决算及“三公”经费信息{m}项',
  '召开新闻发布会{m}场',
  '办理人大代表建议和政协委员提案{m}件',
  '在便民服务站公示办事指南{m}项',
  '回应社会关切{m}次',
];
const closings = [
  '下一步，将继续加强组织领导，压实工作责任。',
  '同时，加强对各村的监督指导，使政务公开工作延伸至村。',
  '一年来，未发生超越公开范围和内容失实的信息公开情况。',
  '对于公示内容，根据实际情况及时进行调整，确保信息的时效性和准确性。',
  '在信息公开前，均经过专职信息员和分管领导的审核批准。',
  '本年度政府信息公开工作考核、社会评议和责任追究情况良好。',
];
const headings = ['加强组织领导，健全工作机制', '全面落实公开内容', '规范依申请公开', '加强政府信息管理', '强化平台建设', '做好监督保障', '深化政策解读', '推进重点领域公开'];
const problems = [
  '部分干部对政务公开重要意义认识不足，对政务公开理解还存在偏差',
  '工作不持续，力度不大，进展不快',
  '有的公开内容不规范，重点不突出',
  '政策解读形式较为单一，解读质量有待提高',
  '信息发布的及时性有待加强',
  '专职人员业务能力还需提升',
  '基层政务公开标准化规范化建设仍有差距',
];

/** One sentence, varied by numbers and choice of words. */
function sentence(rnd: () => number): string {
  const n = String(1 + Math.floor(rnd() * 2000));
  const m = String(1 + Math.floor(rnd() * 60));
  const detail = pick(rnd, details).replace('{n}', n).replace('{m}', m);
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return `${pick(rnd, subjects)}${pick(rnd, verbs)}${pick(rnd, objects)}，${detail}，${pick(rnd, purposes)}。`;
    case 1:
      return `围绕${pick(rnd, objects)}，${pick(rnd, subjects)}${pick(rnd, verbs)}${pick(rnd, objects)}，${pick(rnd, purposes)}。`;
    case 2:
      return `${detail}，较上年${rnd() < 0.5 ? '增长' : '减少'}${Math.floor(rnd() * 40)}%。`;
    default:
      return `${pick(rnd, closings)}`;
  }
}

/** A section as paragraphs of sentences (a list of sentences, each kept whole). */
export interface Draft {
  readonly paragraphs: readonly (readonly string[])[];
}

/** This year's draft of a section: about `length` characters (2,000–4,000 by default). */
export function draft(rnd: () => number, kind: 'overview' | 'problems' | 'other', length = 2000 + Math.floor(rnd() * 2000)): Draft {
  const paragraphs: string[][] = [];
  let size = 0;
  let p: string[] = [];
  const numerals = '一二三四五六七八九十';
  if (kind === 'problems') p.push(`一是${pick(rnd, problems)}。二是${pick(rnd, problems)}。三是${pick(rnd, problems)}。`);
  if (kind === 'other') p.push(rnd() < 0.8 ? `本年度未收取信息处理费，未发出收费通知。` : `本年度无其他需要报告的事项。`);
  while (size < length) {
    if (p.length >= 3 + Math.floor(rnd() * 4)) {
      paragraphs.push(p);
      const heading = kind === 'overview' ? `（${numerals[paragraphs.length % 10]}）${pick(rnd, headings)}` : '';
      p = heading ? [heading] : [];
    }
    const s = sentence(rnd);
    p.push(s);
    size += s.length;
  }
  paragraphs.push(p);
  return { paragraphs };
}

/**
 * Last year's draft: each sentence kept with probability `shared`, else another sentence.
 * `shared` near 1 is a copied text (Dice similarity over 0.9); 0.2–0.7 an ordinary year.
 */
export function lastYear(rnd: () => number, d: Draft, shared: number): Draft {
  return { paragraphs: d.paragraphs.map((p) => p.map((s) => (rnd() < shared ? s : sentence(rnd)))) };
}

export const text = (d: Draft): string => d.paragraphs.map((p) => p.join('')).join('\n');

/**
 * The three text sections of a report and of last year's: realistic lengths, every eighth pair
 * with one section (nearly) copied, the others sharing 20–70% of their sentences.
 */
export function sectionPair(seed: number): { sections: Record<'overview' | 'problems' | 'other', string>; previous: Record<'overview' | 'problems' | 'other', string> } {
  const rnd = random(seed);
  const kinds = ['overview', 'problems', 'other'] as const;
  const copied = seed % 8 === 0 ? kinds[Math.floor(rnd() * 3)] : undefined;
  const sections = {} as Record<(typeof kinds)[number], string>;
  const previous = {} as Record<(typeof kinds)[number], string>;
  for (const k of kinds) {
    const d = draft(rnd, k);
    sections[k] = text(d);
    previous[k] = text(lastYear(rnd, d, k === copied ? 0.97 : 0.2 + rnd() * 0.5));
  }
  return { sections, previous };
}
