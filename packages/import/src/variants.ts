/**
 * Label variants seen in published reports, keyed by the national (taxonomy) label they
 * stand for. Only what normalisation (full-width/ASCII punctuation, spaces, quotes,
 * numbering styles) and prefix matching (truncated headers, headers with a unit added)
 * do not already cover belongs here.
 */
export const labelVariants: Readonly<Record<string, readonly string[]>> = {
  // 2021 format calls them 行政规范性文件, the 2019 format 规范性文件; reports mix them up.
  行政规范性文件: ['规范性文件'],
  规范性文件: ['行政规范性文件'],
  '本年收费金额（单位：万元）': ['本年收费金额', '收费金额（万元）', '本年收费金额（万元）'],
  '本年增/减': ['本年增减', '增/减', '本年增（减）'],
  其他对外管理服务事项: ['其他对外管理服务', '其他对外管理服务事项数量'],
  '一、本年新收政府信息公开申请数量': ['本年新收政府信息公开申请', '本年新收申请数量'],
  '二、上年结转政府信息公开申请数量': ['上年结转政府信息公开申请', '上年结转申请数量'],
  '四、结转下年度继续办理': ['结转下年度继续办理数量', '结转下一年度继续办理'],
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）': ['（二）部分公开'],
  '5.要求行政机关确认或重新出具已获取信息': ['5.要求行政机关确认或者重新出具已获取信息'],
  未经复议直接起诉: ['未经复议直接提起诉讼'],
  复议后起诉: ['复议后提起诉讼'],
};

/** Section headings: variants beside the national heading (keyed by the heading). */
export const headingVariants: Readonly<Record<string, readonly string[]>> = {
  '二、主动公开政府信息情况': ['二、主动公开政府信息'],
  '三、收到和处理政府信息公开申请情况': ['三、收到和处理政府信息公开申请'],
  '四、政府信息公开行政复议、行政诉讼情况': ['四、政府信息公开行政复议、行政诉讼'],
  // The 2019 format's wording.
  '五、存在的主要问题及改进情况': ['五、存在的主要问题和改进情况', '五、存在的主要问题及改进措施', '五、政府信息公开工作存在的主要问题及改进情况'],
};
