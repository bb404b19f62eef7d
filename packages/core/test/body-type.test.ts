import { describe, expect, it } from 'vitest';
import { type BodyType, bodyTypes, inferBodyType, isBodyType } from '../src/index.js';

const guess = (agency: string, title?: string) => {
  const g = inferBodyType(title === undefined ? { agency } : { agency, title });
  return g && [g.bodyType, g.certain];
};

describe('inferBodyType', () => {
  it.each([
    // People's governments at every level: the definition, certain.
    '陈家坝镇人民政府',
    '淮安市洪泽区人民政府',
    '北川羌族自治县人民政府',
    '某某乡人民政府',
    '四川省人民政府',
    '某某自治州人民政府',
    ' 某某县 人民政府 ',
  ])('%s → government, certain', (agency) => {
    expect(guess(agency)).toEqual(['government', true]);
  });

  it.each([
    // Zones and their 管委会: the zone's own report is a government's, but a person should confirm.
    '平潭综合实验区',
    '平潭综合实验区管理委员会',
    '某某经济技术开发区管委会',
    '某某经济技术开发区',
    '某某高新技术产业开发区管理委员会',
    '某某高新区党工委管委会',
    '某某新区',
    '雄安新区管理委员会',
    '中国(福建)自由贸易试验区平潭片区管理委员会',
    '某某自贸区',
    '苏州工业园区管理委员会',
    '某某风景名胜区管委会',
    '某某旅游度假区管理委员会',
    '某某新城管委会',
    // 街道办事处: the district's agency, publishing its own report as a township does.
    '某某区某某街道办事处',
    '某某街道办',
    // Place names and a short 政府.
    '淮安市洪泽区',
    '某某镇',
    '某某乡',
    '某某街道',
    '某某县',
    '某某县政府',
  ])('%s → government, to confirm', (agency) => {
    expect(guess(agency)).toEqual(['government', false]);
  });

  it.each([
    '某某县财政局',
    '国家税务总局某某县税务局',
    '某某省教育厅',
    '某某市卫生健康委员会',
    '某某市发展和改革委',
    '某某县人民政府办公室', // 人民政府办公室 ends in 办公室: a department
    '某某镇人民政府办公室',
    '平潭综合实验区管理委员会办公室',
    '某某经济技术开发区管委会财政局', // 管委会 X局
    '某某市国有资产监督管理委员会',
    '某某市城市管理委员会',
    '某某市政务服务中心',
    '某某市住房公积金管理中心',
    '某某市人民医院',
    '某某县图书馆',
    '某某县司法局某某司法所',
    '某某县公安局交通警察大队',
    '某某县气象站',
    '某某市驻北京办事处',
    '中共某某县委统战部',
    '某某海关',
    '某某县政府办',
    '某某县乡村振兴办',
    '某某县残疾人联合会',
    '某某县供销合作社',
    '中国人民银行某某中心支行',
    '某某市自来水有限公司',
    '某某县财政局（国资办）',
    '某某县人民代表大会常务委员会',
  ])('%s → department, certain', (agency) => {
    expect(guess(agency)).toEqual(['department', true]);
  });

  it.each([
    '',
    '   ',
    '某某村民委员会',
    '某某社区居民委员会',
    '某某社区',
    '某某村',
    '某某管委会', // neither a zone's nor a known department's
    '某某',
    'Ministry of Finance',
  ])('%j → undefined (unknown)', (agency) => {
    expect(inferBodyType({ agency })).toBeUndefined();
  });

  it('the title names the body when the agency does not', () => {
    expect(guess('', '平潭综合实验区2025年政府信息公开工作年度报告')).toEqual(['government', false]);
    expect(guess('', '某某县人民政府2023年政府信息公开工作年度报告')).toEqual(['government', true]);
    expect(guess('', '某某县人民政府信息公开工作年度报告（2023年度）')).toEqual(['government', true]);
    expect(guess('', '某某县财政局政府信息公开工作年度报告（2023年度）')).toEqual(['department', true]);
    expect(guess('', '关于某某县财政局2023年度政府信息公开工作年度报告')).toEqual(['department', true]);
    expect(guess('', '2023年政府信息公开工作年度报告')).toBeUndefined();
    expect(guess('')).toBeUndefined();
    // An agency of no known kind: the title decides, to confirm.
    expect(guess('某某', '某某县人民政府2023年政府信息公开工作年度报告')).toEqual(['government', false]);
  });

  it('the title agrees with the agency: the agency decides', () => {
    expect(guess('平潭综合实验区管理委员会', '平潭综合实验区2024年政府信息公开工作年度报告')).toEqual(['government', false]);
    expect(guess('陈家坝镇人民政府', '陈家坝镇人民政府政府信息公开工作年度报告（2023年度）')).toEqual(['government', true]);
    expect(guess('某某县人民政府', '某某县2023年政府信息公开工作年度报告')).toEqual(['government', true]);
    expect(guess('某某县财政局', '某某县财政局2023年政府信息公开工作年度报告')).toEqual(['department', true]);
  });

  it('the title names another body than the agency: the title decides, to confirm', () => {
    // The 管委会办公室 (a department) publishes the zone's own report (pingtan).
    const zone = inferBodyType({ agency: '平潭综合实验区管理委员会办公室', title: '平潭综合实验区2025年政府信息公开工作年度报告' });
    expect(zone).toMatchObject({ bodyType: 'government', certain: false });
    expect(zone?.why).toContain('平潭综合实验区');
    expect(guess('某某县人民政府办公室', '某某县人民政府2023年政府信息公开工作年度报告')).toEqual(['government', false]);
    expect(guess('某某县人民政府', '某某县财政局2023年政府信息公开工作年度报告')).toEqual(['department', false]);
  });

  it('says why, in Chinese or English', () => {
    expect(inferBodyType({ agency: '陈家坝镇人民政府' })?.why).toBe('「陈家坝镇人民政府」以“人民政府”结尾：人民政府本级的报告（3月31日前发布）');
    expect(inferBodyType({ agency: '某某县财政局' })?.why).toBe('「某某县财政局」以“局”结尾：政府部门（或其他单位）的报告（1月31日前发布）');
    expect(inferBodyType({ agency: '某某县人民政府办公室' })?.why).toContain('“办公室”');
    expect(inferBodyType({ agency: '平潭综合实验区' })?.why).toContain('综合实验区');
    expect(inferBodyType({ agency: '平潭综合实验区' })?.why).toContain('请确认');
    expect(inferBodyType({ agency: '某某街道办事处' })?.why).toContain('派出机关');
    expect(inferBodyType({ agency: '平潭综合实验区' }, 'en')?.why).toMatch(/^"平潭综合实验区" is a zone \(综合实验区\).*please confirm$/);
    expect(inferBodyType({ agency: '某某县财政局' }, 'en')?.why).toBe('"某某县财政局" ends in 局: a department\'s (or other unit\'s) report (due by 31 January)');
  });

  it('never throws on odd input', () => {
    expect(inferBodyType({ agency: null as unknown as string })).toBeUndefined();
    expect(inferBodyType({ agency: '某某县财政局', title: 42 as unknown as string })).toMatchObject({ bodyType: 'department' });
    expect(inferBodyType({ agency: '(((' })).toBeUndefined();
    expect(inferBodyType({ agency: '某'.repeat(10_000) + '局' })).toMatchObject({ bodyType: 'department' });
  });
});

describe('body types', () => {
  it('are government and department', () => {
    expect(bodyTypes).toEqual(['government', 'department'] satisfies BodyType[]);
    expect(bodyTypes.every(isBodyType)).toBe(true);
    for (const v of ['', 'Government', 'ministry', null, undefined, 1]) expect(isBodyType(v)).toBe(false);
  });
});
