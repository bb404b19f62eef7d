/**
 * Generated report documents for the benchmarks: consistent tables (a few with mistakes) and
 * realistic section texts (2,000–4,000 characters each, see texts.ts), every one distinct.
 * `tsx bench/generate.ts <dir> <count>` writes them as files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { type Report, blankReport, fillTotals, getCell, taxonomy, withCell } from '../packages/core/src/index.js';
import { consistentReport } from '../packages/core/test/arbitraries.js';
import { random, sectionPair } from './texts.js';

const parts = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'];

/**
 * `count` distinct reports of a large city (figures up to `max`), each with last year's report
 * of the same agency: its tables another consistent sample whose 结转下年度继续办理 this year's
 * 上年结转 carries forward, its texts sharing some of this year's sentences. Every tenth report
 * has one wrong figure (a mistyped total), as real reports do now and then.
 */
export function reportPairs(count: number, seed = 3, max = 100_000, sameWords = false): { report: Report; previous: Report }[] {
  const tables = fc.sample(consistentReport('2021', max), { numRuns: Math.min(count, 250) * 2, seed }) as Report[];
  const half = tables.length / 2;
  const out: { report: Report; previous: Report }[] = [];
  for (let i = 0; i < count; i++) {
    const { sections, previous: lastTexts } = sectionPair(seed * 1_000_003 + i, sameWords);
    const agency = `某某市第${i + 1}局`;
    const own = tables[i % half] as Report;
    let report: Report = { ...own, agency, title: `${agency}政府信息公开工作年度报告（${own.year}年度）`, sections };
    const year = report.year - 1;
    let previous: Report = {
      ...(tables[half + ((i * 7) % half)] as Report),
      agency,
      year,
      title: `${agency}政府信息公开工作年度报告（${year}年度）`,
      publishedOn: `${year + 1}-01-15`,
      sections: lastTexts,
    };
    for (const c of parts) previous = withCell(previous, `requests.carriedForward.${c}`, getCell(report, `requests.carriedOver.${c}`) ?? null);
    // Half the reports quote the requests received in 总体情况, as two of the corpus's four do
    // (`sections.figures-match` compares it with table 三).
    if (i % 2 === 0) {
      const overview = sections.overview;
      // At the end of the paragraph a quarter of the way in (or of the text).
      const end = overview.indexOf('\n', overview.length >> 2);
      const at = end < 0 ? overview.length : end;
      const quote = `本年度共收到政府信息公开申请${getCell(report, 'requests.newReceived.total')}件，均在法定期限内办结。`;
      report = { ...report, sections: { ...sections, overview: `${overview.slice(0, at)}${quote}${overview.slice(at)}` } };
    }
    if (i % 10 === 9) report = withCell(report, 'requests.granted.total', (getCell(report, 'requests.granted.total') as number) + 18);
    out.push({ report, previous });
  }
  return out;
}

/** Writes `count` distinct report documents (JSON, one per file) into a folder; returns the file names. */
export function generateReports(dir: string, count: number, seed = 42): string[] {
  mkdirSync(dir, { recursive: true });
  const tables = fc.sample(consistentReport('2021', 500), { numRuns: Math.min(count, 200), seed }) as Report[];
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    let r: Report = { ...(tables[i % tables.length] as Report), agency: `某某市第${i}局`, sections: sectionPair(seed * 1_000_003 + i).sections };
    // Every tenth report has a mistyped total.
    if (i % 10 === 0) r = withCell(r, 'requests.granted.total', 999_999);
    const name = `${String(i).padStart(6, '0')}.json`;
    writeFileSync(join(dir, name), JSON.stringify(r));
    names.push(name);
  }
  return names;
}

if (process.argv[1]?.endsWith('generate.ts')) {
  const [dir, count] = process.argv.slice(2);
  generateReports(dir ?? '/tmp/reports', Number(count ?? 1000));
}

const departments = ['教育局', '公安局', '民政局', '财政局', '人力资源和社会保障局', '自然资源和规划局', '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局', '文化和旅游局', '卫生健康委员会', '应急管理局', '市场监督管理局', '统计局', '医疗保障局', '城市管理局', '司法局'];
const places = ['东城区', '西城区', '南湖区', '北山县', '清河县', '临江县', '青山区', '白水县', '石门县', '新安区'];
const towns = ['城关镇', '清水镇', '石桥镇', '河口镇', '东风街道', '新华街道', '柳林乡', '白马镇'];
const columns = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg'] as const;
/** The outcome rows of table 三 (2021) with how often a request ends in each, roughly as real reports have it. */
const outcomeRows: [string, number][] = [
  ['granted', 45],
  ['partiallyGranted', 12],
  ['denied.thirdPartyRights', 2],
  ['denied.internalAffairs', 2],
  ['denied.processInfo', 2],
  ['denied.administrativeQuery', 1],
  ['unavailable.notHeld', 18],
  ['unavailable.needsCreation', 3],
  ['unavailable.stillUnclear', 2],
  ['notProcessed.complaint', 4],
  ['notProcessed.duplicate', 2],
  ['otherHandling.noCorrection', 4],
  ['otherHandling.other', 3],
];

/**
 * `count` reports of one region for one year, as a 政务公开办 collects them: city and district
 * departments and township governments, most with a handful of requests or none and a few with
 * hundreds, the body type stated in most, published mostly in January (a few late), texts of
 * the real register. Tables are consistent except for a mistyped figure in every twelfth report
 * and a blank cell in every twenty-fifth. With last year's report of each (its 结转下年度 this
 * year's 上年结转). For the region site's bench and screenshots.
 */
export function regionReports(count: number, seed = 7, year = 2023): { report: Report; previous: Report }[] {
  const rnd = random(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const volume = () => {
    const r = rnd();
    return r < 0.3 ? 0 : r < 0.6 ? int(1, 9) : r < 0.85 ? int(10, 49) : r < 0.95 ? int(50, 199) : int(200, 900);
  };
  /** One year's tables: every request of the year (and the carried-over ones) ends in one outcome row or is carried forward. */
  const tables = (base: Report, carriedOver: Record<string, number>, inForce?: Report): { report: Report; carriedForward: Record<string, number> } => {
    let r = base;
    const carriedForward: Record<string, number> = {};
    const n = volume();
    for (const c of columns) {
      // Mostly natural persons; companies now and then.
      const share = c === 'naturalPerson' ? 0.85 : c === 'commercial' ? 0.12 : 0.01;
      const received = Math.round(n * share * (0.5 + rnd()));
      const over = carriedOver[c] ?? 0;
      const forward = received > 5 && rnd() < 0.3 ? int(1, Math.min(3, received)) : 0;
      let left = received + over - forward;
      const weights = outcomeRows.reduce((a, [, w]) => a + w, 0);
      const counts = new Map<string, number>();
      for (const [row, w] of outcomeRows) {
        const k = Math.min(left, Math.round(((received + over - forward) * w * (0.6 + 0.8 * rnd())) / weights));
        counts.set(row, k);
        left -= k;
      }
      counts.set('granted', (counts.get('granted') ?? 0) + left);
      for (const [row] of outcomeRows) r = withCell(r, `requests.${row}.${c}`, counts.get(row) ?? 0);
      r = withCell(r, `requests.newReceived.${c}`, received);
      r = withCell(r, `requests.carriedOver.${c}`, over);
      r = withCell(r, `requests.carriedForward.${c}`, forward);
      carriedForward[c] = forward;
    }
    const appeals = n > 20 ? int(0, 3) : 0;
    r = withCell(r, 'reviews.reconsideration.upheld', appeals);
    r = withCell(r, 'reviews.reconsideration.corrected', appeals && rnd() < 0.4 ? 1 : 0);
    r = withCell(r, 'reviews.litigationDirect.upheld', n > 100 ? int(0, 2) : 0);
    for (const [id, v] of [
      ['active.regulations.issued', 0],
      ['active.regulations.repealed', 0],
      ['active.regulations.inForce', int(0, 5)],
      ['active.normativeDocuments.issued', int(0, 12)],
      ['active.normativeDocuments.repealed', int(0, 3)],
      ['active.normativeDocuments.inForce', int(5, 80)],
      ['active.licensing.decisions', int(0, 3000)],
      ['active.penalties.decisions', int(0, 800)],
      ['active.coercion.decisions', int(0, 60)],
      ['active.fees.amount', rnd() < 0.7 ? 0 : Math.round(rnd() * 50_000) / 100],
    ] as const)
      r = withCell(r, id, v);
    // In force: last year's, plus what was issued, less what was repealed.
    if (inForce)
      for (const k of ['regulations', 'normativeDocuments'])
        r = withCell(r, `active.${k}.inForce`, (getCell(inForce, `active.${k}.inForce`) as number) + (getCell(r, `active.${k}.issued`) as number) - (getCell(r, `active.${k}.repealed`) as number));
    return { report: fillTotals(r).report, carriedForward };
  };
  const out: { report: Report; previous: Report }[] = [];
  for (let i = 0; i < count; i++) {
    // Every agency once (up to 200 departments and 80 township governments).
    const government = i % 5 === 4;
    const g = Math.floor(i / 5);
    const agency = government
      ? `${places[g % places.length]}${towns[Math.floor(g / places.length) % towns.length]}人民政府`
      : `${places[i % places.length]}${departments[Math.floor(i / places.length) % departments.length]}`;
    const bodyType = government ? 'government' : 'department';
    const stated = rnd() < 0.7;
    const texts = sectionPair(seed * 1_000_003 + i);
    const meta = (y: number, late: boolean) => {
      const month = government ? int(1, 3) : 1;
      const date = late ? (government ? `${y + 1}-04-${String(int(1, 28)).padStart(2, '0')}` : `${y + 1}-02-${String(int(1, 28)).padStart(2, '0')}`) : `${y + 1}-0${month}-${String(int(5, 28)).padStart(2, '0')}`;
      return { agency, year: y, title: `${agency}${y}年政府信息公开工作年度报告`, publishedOn: date, ...(stated ? { bodyType: bodyType as 'government' | 'department' } : {}) };
    };
    const zeroed = (y: number, late: boolean) => {
      let r = blankReport('2021', meta(y, late)) as Report;
      for (const c of taxonomy('2021').cells) r = withCell(r, c.id, 0);
      return r;
    };
    const last = tables(zeroed(year - 1, false), {});
    const previous: Report = { ...last.report, sections: texts.previous };
    const now = tables(zeroed(year, rnd() < 0.08), last.carriedForward, last.report);
    let report: Report = { ...now.report, sections: texts.sections };
    if (i % 12 === 11) report = withCell(report, 'requests.granted.total', (getCell(report, 'requests.granted.total') as number) + 10);
    if (i % 25 === 24) report = withCell(report, 'requests.partiallyGranted.commercial', null);
    out.push({ report, previous });
  }
  return out;
}
