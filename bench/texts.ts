/**
 * Realistic section texts for generated reports: 2,000–4,000 characters per section, in the
 * register of real reports (see corpus/), varied from report to report, and last year's texts
 * sharing some of this year's sentences (so `prev.copied-text` compares real texts, and now and
 * then finds one copied).
 *
 * Real reports of different agencies share the register (政府信息公开, 主动公开, …) but little
 * else: each writes about its own work, in its own habits of phrase. Measured on the corpus
 * (textSimilarity, the bigram Dice coefficient), sections of unrelated reports are 0.16–0.38
 * alike, and the two years of one agency 0.25–0.45. So each generated agency has a voice: a
 * field of work (an education bureau writes about 招生入学, a township about 村务公开) and a
 * share of the common phrasings, kept for both years of its report.
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

/** `n` of `xs`, without repeats (fewer when `xs` has fewer). */
function some<T>(rnd: () => number, xs: readonly T[], n: number): T[] {
  const left = [...xs];
  const out: T[] = [];
  while (out.length < n && left.length) out.push(left.splice(Math.floor(rnd() * left.length), 1)[0] as T);
  return out;
}

/** Fields of work: who writes (as they call themselves) and what about. */
const fields: readonly { selves: readonly string[]; topics: readonly string[] }[] = [
  { selves: ['我局', '市教育局', '局机关'], topics: ['义务教育招生入学', '学校收费项目公示', '教师招聘和职称评审', '学生资助政策', '校园安全管理', '民办学校审批', '教育经费使用', '课后服务', '中小学教材选用', '高考和中考政策', '学前教育普惠', '校外培训机构治理'] },
  { selves: ['我局', '区公安分局', '本机关'], topics: ['户籍办理指南', '交通安全管理', '出入境证件办理', '治安管理处罚', '电信网络诈骗防范', '道路交通违法处理', '居住证办理', '消防安全检查', '警情通报', '枪支弹药管理', '看守所管理', '身份证办理时限'] },
  { selves: ['我局', '民政局', '局办公室'], topics: ['最低生活保障', '特困人员供养', '社会组织登记', '婚姻登记服务', '养老服务机构', '殡葬管理', '临时救助', '残疾人两项补贴', '儿童福利', '地名管理', '慈善捐赠', '社区治理'] },
  { selves: ['我局', '财政局', '本机关'], topics: ['财政预算和决算', '三公经费', '政府采购', '国有资产管理', '政府债务', '惠民惠农财政补贴', '财政专项资金', '会计管理', '非税收入', '转移支付', '绩效评价', '债券资金使用'] },
  { selves: ['我局', '人社局', '局机关'], topics: ['就业创业补贴', '社会保险待遇', '职业技能培训', '劳动保障监察', '事业单位公开招聘', '工资福利', '人才引进', '劳动人事争议仲裁', '农民工工资支付', '退休审批', '工伤认定', '养老保险关系转移'] },
  { selves: ['我局', '自然资源和规划局', '本机关'], topics: ['国土空间规划', '土地征收', '不动产登记', '建设用地审批', '耕地保护', '矿产资源管理', '测绘地理信息', '土地出让', '地质灾害防治', '林业资源', '规划许可', '违法用地查处'] },
  { selves: ['我局', '生态环境局', '分局'], topics: ['环境影响评价', '排污许可', '大气污染防治', '水环境质量', '环境行政处罚', '突发环境事件', '重点排污单位', '固体废物管理', '生态环境信访', '辐射安全', '土壤污染防治', '环保督察整改'] },
  { selves: ['我局', '住建局', '局机关'], topics: ['保障性住房', '建筑市场监管', '老旧小区改造', '物业管理', '房地产市场', '建设工程质量', '城市燃气安全', '住房公积金', '商品房预售许可', '施工许可', '棚户区改造', '建筑节能'] },
  { selves: ['我局', '交通运输局', '本机关'], topics: ['道路运输许可', '公交线路调整', '出租汽车管理', '农村公路建设', '交通工程招投标', '水路运输', '超限超载治理', '客运站管理', '网约车许可', '交通行政处罚', '公路养护', '物流发展'] },
  { selves: ['我局', '农业农村局', '局机关'], topics: ['耕地地力保护补贴', '农机购置补贴', '动物防疫', '农产品质量安全', '高标准农田建设', '乡村振兴项目', '农村集体产权', '种子管理', '农药经营许可', '渔业管理', '农村人居环境', '家庭农场'] },
  { selves: ['我委', '卫生健康委员会', '委机关'], topics: ['医疗机构执业登记', '公共卫生服务', '传染病防控', '医疗服务价格', '计划生育奖励扶助', '健康扶贫', '医疗卫生人才招聘', '职业病防治', '爱国卫生运动', '家庭医生签约', '卫生监督执法', '妇幼健康'] },
  { selves: ['我局', '市场监管局', '本机关'], topics: ['企业登记注册', '食品安全抽检', '特种设备安全', '价格监督检查', '药品零售监管', '知识产权保护', '广告监管', '计量检定', '消费者投诉', '双随机抽查', '产品质量监督', '网络交易监管'] },
  { selves: ['我局', '应急管理局', '局机关'], topics: ['安全生产许可', '防汛抗旱', '森林防火', '危险化学品管理', '应急预案', '生产安全事故调查', '救灾物资', '应急演练', '非煤矿山', '隐患排查治理', '自然灾害救助', '应急广播'] },
  { selves: ['我局', '文化和旅游局', '本机关'], topics: ['文物保护', '旅游景区管理', '公共文化服务', '文化市场执法', '非物质文化遗产', '体育赛事', '旅行社许可', '图书馆和文化馆', '网吧和娱乐场所', '全民健身', '广播电视', '文艺演出'] },
  { selves: ['我镇', '镇政府', '镇党政办'], topics: ['村务公开', '财务公开', '低保评议', '惠农补贴发放', '农村危房改造', '宅基地审批', '征地拆迁补偿', '村级换届', '人居环境整治', '防返贫监测', '集体经济收益', '殡葬改革'] },
  { selves: ['我区', '区政府', '区政府办公室'], topics: ['重大行政决策', '政府工作报告', '国民经济和社会发展计划', '重大建设项目', '营商环境', '政务服务事项', '权责清单', '政府常务会议', '民生实事', '审计结果', '统计数据', '突发事件应对'] },
];

const verbs = ['认真落实', '全面推进', '持续深化', '扎实开展', '严格执行', '不断完善', '进一步规范', '切实加强', '积极推动', '统筹做好', '稳步推进', '大力推行', '着力抓好', '有序开展', '全力保障', '主动做好', '及时更新', '集中梳理'];
const objects = [
  '政府信息主动公开工作', '依申请公开办理流程', '保密审查制度', '政务公开标准化规范化建设', '政策文件解读回应工作', '网站信息公开专栏维护',
  '政务新媒体管理', '重点领域信息公开', '规范性文件清理', '公开平台建设', '监督保障和考核评议', '人员培训和队伍建设', '公开目录编制', '政务舆情回应',
  '信息发布审核', '基层政务公开', '办事指南更新', '12345热线回应',
];
const purposes = [
  '切实保障人民群众的知情权、参与权、表达权和监督权', '不断提升政府工作透明度', '确保信息公开及时、准确、全面', '推动政务公开工作提质增效',
  '做到责任落实到岗、工作落实到人', '增强政府运作的公开透明性', '让群众和服务对象对办理事项有充分的了解', '提高政府公信力和执行力',
  '方便群众查阅和监督', '以公开促落实、促规范、促服务', '进一步优化营商环境', '打通政务公开“最后一公里”', '回应群众关切', '更好地服务经济社会发展',
];
const details = [
  '全年公开{t}相关信息{n}条', '发布{t}政策解读材料{m}篇，其中图文解读{k}篇', '组织开展{t}业务培训{m}次，培训人员{n}人次', '更新{t}专栏信息{n}条',
  '通过政务新媒体发布{t}信息{n}条', '公示{t}事项{m}项', '召开{t}新闻发布会{k}场', '办理涉及{t}的人大代表建议和政协委员提案{m}件', '在办事大厅公示{t}办事指南{m}项',
  '就{t}回应社会关切{m}次', '举办{t}政府开放日活动{k}次', '向社会公开征求{t}意见建议{k}次，征集意见{m}条', '在门户网站开设{t}专题{k}个', '归集{t}数据{n}条',
];
const closings = [
  '下一步，将继续加强组织领导，压实工作责任。', '同时，加强对下属单位的监督指导，使政务公开工作向基层延伸。', '一年来，未发生超越公开范围和内容失实的信息公开情况。',
  '对于公示内容，根据实际情况及时进行调整，确保信息的时效性和准确性。', '在信息公开前，均经过专职信息员和分管领导的审核批准。', '本年度政府信息公开工作考核、社会评议和责任追究情况良好。',
  '全年未因政府信息公开工作受到责任追究。', '主要负责同志多次听取政务公开工作汇报，研究解决重点难点问题。', '各项公开工作均按照年初计划有序完成。',
  '按照“谁公开、谁审查、谁负责”的原则，严格落实信息发布审核制度。', '公开栏目设置进一步优化，信息分类更加清晰。', '群众满意度较上年有所提升。',
];
const headings = ['加强组织领导，健全工作机制', '全面落实公开内容', '规范依申请公开', '加强政府信息管理', '强化平台建设', '做好监督保障', '深化政策解读', '推进重点领域公开', '主动公开情况', '依申请公开情况', '政府信息管理情况', '政府信息公开平台建设情况', '监督保障情况', '聚焦重点领域，深化信息公开'];
const problems = [
  '部分干部对政务公开重要意义认识不足，对政务公开理解还存在偏差', '工作不持续，力度不大，进展不快', '有的公开内容不规范，重点不突出', '政策解读形式较为单一，解读质量有待提高',
  '信息发布的及时性有待加强', '专职人员业务能力还需提升', '基层政务公开标准化规范化建设仍有差距', '公开栏目更新不够及时，部分栏目内容较少', '与群众的互动交流还不够充分',
  '依申请公开答复的规范性有待进一步提高', '政务新媒体运营水平不高，信息发布数量偏少', '主动公开的深度和广度还需拓展',
];
const platforms = ['政府门户网站', '政务微信公众号', '政务微博', '政务服务网', '公开栏', '便民服务中心', '新闻发布会', '融媒体中心', '政务服务热线', '档案馆和图书馆查阅点'];

/**
 * How an agency writes: its field, and its share of the common phrasings. Both years of one
 * agency's report are written in the same voice.
 */
interface Voice {
  selves: readonly string[];
  topics: readonly string[];
  verbs: readonly string[];
  objects: readonly string[];
  purposes: readonly string[];
  details: readonly string[];
  closings: readonly string[];
  headings: readonly string[];
  problems: readonly string[];
  platforms: readonly string[];
}

function voice(rnd: () => number, field = pick(rnd, fields)): Voice {
  return {
    selves: field.selves,
    topics: some(rnd, field.topics, 8),
    verbs: some(rnd, verbs, 6),
    objects: some(rnd, objects, 6),
    purposes: some(rnd, purposes, 5),
    details: some(rnd, details, 6),
    closings: some(rnd, closings, 4),
    headings: some(rnd, headings, 6),
    problems: some(rnd, problems, 5),
    platforms: some(rnd, platforms, 4),
  };
}

/** One sentence, varied by numbers and choice of words. */
function sentence(rnd: () => number, v: Voice): string {
  const t = pick(rnd, v.topics);
  const detail = pick(rnd, v.details)
    .replace('{t}', t)
    .replace('{n}', String(1 + Math.floor(rnd() * 2000)))
    .replace('{m}', String(1 + Math.floor(rnd() * 60)))
    .replace('{k}', String(1 + Math.floor(rnd() * 12)));
  switch (Math.floor(rnd() * 7)) {
    case 0:
      return `${pick(rnd, v.selves)}${pick(rnd, v.verbs)}${t}信息公开，${detail}，${pick(rnd, v.purposes)}。`;
    case 1:
      return `围绕${t}，${pick(rnd, v.selves)}${pick(rnd, v.verbs)}${pick(rnd, v.objects)}，${pick(rnd, v.purposes)}。`;
    case 2:
      return `${detail}，较上年${rnd() < 0.5 ? '增长' : '减少'}${Math.floor(rnd() * 40)}%。`;
    case 3:
      return `依托${pick(rnd, v.platforms)}，及时发布${t}、${pick(rnd, v.topics)}等方面信息，${detail}。`;
    case 4:
      return `针对群众关心的${t}问题，${pick(rnd, v.selves)}${pick(rnd, v.verbs)}${pick(rnd, v.objects)}，${detail}。`;
    case 5:
      return `${1 + Math.floor(rnd() * 12)}月，${pick(rnd, v.selves)}${pick(rnd, v.verbs)}${t}专项工作，${pick(rnd, v.purposes)}。`;
    default:
      return pick(rnd, v.closings);
  }
}

/** A section as paragraphs of sentences (a list of sentences, each kept whole). */
export interface Draft {
  readonly paragraphs: readonly (readonly string[])[];
}

/** This year's draft of a section, in `v`'s voice: about `length` characters (2,000–4,000 by default). */
export function draft(rnd: () => number, kind: 'overview' | 'problems' | 'other', v: Voice = voice(rnd), length = 2000 + Math.floor(rnd() * 2000)): Draft {
  const paragraphs: string[][] = [];
  let size = 0;
  let p: string[] = [];
  const numerals = '一二三四五六七八九十';
  if (kind === 'problems') {
    const [a, b, c] = some(rnd, v.problems, 3);
    p.push(`一是${a}。二是${b}。三是${c}。`);
  }
  if (kind === 'other') p.push(rnd() < 0.8 ? `本年度未收取信息处理费，未发出收费通知。` : `本年度无其他需要报告的事项。`);
  while (size < length) {
    if (p.length >= 3 + Math.floor(rnd() * 4)) {
      paragraphs.push(p);
      const heading = kind === 'overview' ? `（${numerals[paragraphs.length % 10]}）${pick(rnd, v.headings)}` : '';
      p = heading ? [heading] : [];
    }
    const s = sentence(rnd, v);
    p.push(s);
    size += s.length;
  }
  paragraphs.push(p);
  return { paragraphs };
}

/**
 * Last year's draft: each sentence kept with probability `shared`, else another sentence in the
 * same voice. `shared` near 1 is a copied text (Dice similarity over 0.9); 0.2–0.7 an ordinary year.
 */
export function lastYear(rnd: () => number, d: Draft, shared: number, v: Voice = voice(rnd)): Draft {
  return { paragraphs: d.paragraphs.map((p) => p.map((s) => (rnd() < shared ? s : sentence(rnd, v)))) };
}

export const text = (d: Draft): string => d.paragraphs.map((p) => p.join('')).join('\n');

/**
 * The three text sections of a report and of last year's, in one agency's voice: realistic
 * lengths, every eighth pair with one section (nearly) copied, the others sharing 20–70% of
 * their sentences. `sameWords`: last year's new sentences in exactly this year's choice of
 * topics and phrases, so that even they share most bigrams (0.7–0.9 alike in all: a stress case
 * for the copied-text bound, more alike than the corpus's reports are).
 */
export function sectionPair(seed: number, sameWords = false): { sections: Record<'overview' | 'problems' | 'other', string>; previous: Record<'overview' | 'problems' | 'other', string> } {
  const rnd = random(seed);
  // One field of work for both years; the topics and habits of phrase of each year drawn anew
  // (a year's priorities and its writer change).
  const field = pick(rnd, fields);
  const v = voice(rnd, field);
  const was = sameWords ? v : voice(rnd, field);
  const kinds = ['overview', 'problems', 'other'] as const;
  const copied = seed % 8 === 0 ? kinds[Math.floor(rnd() * 3)] : undefined;
  const sections = {} as Record<(typeof kinds)[number], string>;
  const previous = {} as Record<(typeof kinds)[number], string>;
  for (const k of kinds) {
    const d = draft(rnd, k, v);
    sections[k] = text(d);
    previous[k] = text(lastYear(rnd, d, k === copied ? 0.97 : 0.2 + rnd() * 0.5, was));
  }
  return { sections, previous };
}
