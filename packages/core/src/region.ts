/**
 * A region's reports together, for the offices that collect them (政务公开办): the sum of a set
 * of reports (汇总), a published summary compared with the reports it summarises, and which
 * expected bodies are missing, unexpected, duplicated or late.
 */
import { type BodyType, bodyTypeLabels, isBodyType, publicationDeadlineDay } from './body-type.js';
import { type Report, getCell, withCell } from './report.js';
import { csvLineFields } from './export/csv.js';
import { ExactSum } from './exact.js';
import type { Finding } from './rules/types.js';
import { type CellDef, type Lang, cellName, taxonomy, textSectionKeys } from './taxonomy.js';

/** A set of reports that cannot be summed, with the report that differs. */
export class AggregateError extends Error {
  override readonly name = 'AggregateError';
  /** @param index The position of the report concerned in the list given, when there is one. */
  constructor(
    message: string,
    readonly index?: number,
  ) {
    super(message);
  }
}

/** The sum of a region's reports and what went into it. */
export interface RegionSummary {
  /** A report of the same format and year whose every cell is the sum over the reports; texts empty. */
  report: Report;
  /** The agencies summed, in the order given. */
  agencies: string[];
}

/** Options of {@link aggregate}. */
export interface AggregateOptions {
  /** The summary's agency (default 「N 份报告汇总」 / "Sum of N reports"). */
  agency?: string;
  /** The summary's title (default the agency's, with the year). */
  title?: string;
  lang?: Lang;
}

/** One report's share of a cell of a summary. */
export interface Contribution {
  agency: string;
  value: number;
}

/**
 * The sum of a region's reports, one report at a time (a folder of thousands is never held
 * whole): the exact sum of each cell and, for each, the largest contributions. {@link aggregate}
 * and {@link summaryFindings} are built on it; the CLI feeds it as it reads.
 */
export class RegionSum {
  private first: Report | undefined;
  private readonly sums: (ExactSum | null)[] = [];
  private readonly top: Contribution[][] = [];
  private cells: readonly CellDef[] = [];
  /** The agencies added, in order. */
  readonly agencies: string[] = [];

  /** @param keep How many of the largest contributions to keep per cell (for `region.sum` findings). */
  constructor(
    private readonly lang: Lang = 'zh-CN',
    private readonly keep = 3,
  ) {}

  /** Adds a report; throws {@link AggregateError} when its format or year is not the first one's. */
  add(r: Report): void {
    const i = this.agencies.length;
    const first = this.first;
    if (!first) {
      this.first = r;
      this.cells = taxonomy(r.format).cells;
    } else if (r.format !== first.format) {
      throw new AggregateError(
        this.lang === 'zh-CN'
          ? `无法汇总不同格式的报告：第 ${i + 1} 份（${r.agency}）为 ${r.format} 年格式，第 1 份（${first.agency}）为 ${first.format} 年格式`
          : `cannot sum reports of different formats: #${i + 1} (${r.agency}) is in the ${r.format} format, #1 (${first.agency}) in the ${first.format} format`,
        i,
      );
    } else if (r.year !== first.year) {
      throw new AggregateError(
        this.lang === 'zh-CN'
          ? `无法汇总不同年度的报告：第 ${i + 1} 份（${r.agency}）为 ${r.year} 年度，第 1 份（${first.agency}）为 ${first.year} 年度`
          : `cannot sum reports of different years: #${i + 1} (${r.agency}) is for ${r.year}, #1 (${first.agency}) for ${first.year}`,
        i,
      );
    }
    this.agencies.push(r.agency);
    this.cells.forEach((cell, k) => {
      const v = getCell(r, cell.id);
      if (typeof v !== 'number') return;
      (this.sums[k] ??= new ExactSum()).add(v);
      if (v === 0 || this.keep <= 0) return;
      const top = (this.top[k] ??= []);
      if (top.length < this.keep || Math.abs(v) > Math.abs((top[top.length - 1] as Contribution).value)) {
        top.push({ agency: r.agency, value: v });
        top.sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
        if (top.length > this.keep) top.pop();
      }
    });
  }

  /** How many reports were added. */
  get count(): number {
    return this.agencies.length;
  }

  /** The summed report; throws {@link AggregateError} when nothing was added. */
  report(options: Omit<AggregateOptions, 'lang'> = {}): Report {
    const first = this.first;
    if (!first) throw new AggregateError(this.lang === 'zh-CN' ? '没有可汇总的报告' : 'no reports to sum');
    const n = this.count;
    const agency = options.agency ?? (this.lang === 'zh-CN' ? `${n} 份报告汇总` : `Sum of ${n} reports`);
    let report: Report = {
      ...first,
      agency,
      title: options.title ?? (this.lang === 'zh-CN' ? `${agency}（${first.year}年度）` : `${agency} (${first.year})`),
      publishedOn: null,
      sections: Object.fromEntries(textSectionKeys.map((k) => [k, ''])) as Report['sections'],
    };
    delete (report as { bodyType?: BodyType }).bodyType;
    this.cells.forEach((cell, k) => {
      report = withCell(report, cell.id, this.sums[k]?.value ?? null);
    });
    return report;
  }

  /** The largest contributions to a cell (at most `keep`), largest first. */
  contributors(cellId: string): Contribution[] {
    const k = this.cells.findIndex((c) => c.id === cellId);
    return [...(this.top[k] ?? [])];
  }
}

/**
 * The sum of every cell over a set of reports of one format and year (汇总): a cell blank in
 * every report stays blank, otherwise blanks count as 0; amounts are summed exactly; the text
 * sections are empty. Throws {@link AggregateError} for an empty set or mixed formats or years,
 * naming the first report that differs.
 */
export function aggregate(reports: Iterable<Report>, options: AggregateOptions = {}): RegionSummary {
  const sum = new RegionSum(options.lang, 0);
  for (const r of reports) sum.add(r);
  return { report: sum.report(options), agencies: sum.agencies };
}

/** A `region.sum` finding: the parts that contribute most to the sum, largest first. */
export interface RegionSumFinding extends Finding {
  contributors: Contribution[];
}

/**
 * A published summary report (a government's, covering the region) compared with the reports
 * it summarises (given as a list, or as a {@link RegionSum} fed while reading them): a
 * `region.sum` finding (warning) for each cell where the printed figure differs from the sum of
 * the parts (`expected` the sum, `actual` the printed figure; blank and 0 are the same figure
 * here), naming the parts that contribute most. Throws {@link AggregateError} when the parts
 * cannot be summed or are not of the summary's format and year.
 */
export function summaryFindings(summary: Report, parts: Iterable<Report> | RegionSum, options: { lang?: Lang; top?: number } = {}): RegionSumFinding[] {
  const lang = options.lang ?? 'zh-CN';
  let region: RegionSum;
  if (parts instanceof RegionSum) region = parts;
  else {
    region = new RegionSum(lang, options.top ?? 3);
    for (const r of parts) region.add(r);
  }
  const sum = region.report();
  if (sum.format !== summary.format || sum.year !== summary.year) {
    throw new AggregateError(
      lang === 'zh-CN'
        ? `汇总报告为 ${summary.year} 年度、${summary.format} 年格式，所汇总的报告为 ${sum.year} 年度、${sum.format} 年格式`
        : `the summary is for ${summary.year} in the ${summary.format} format, its parts for ${sum.year} in the ${sum.format} format`,
    );
  }
  const out: RegionSumFinding[] = [];
  for (const cell of taxonomy(summary.format).cells) {
    const expected = getCell(sum, cell.id) ?? null;
    const actual = getCell(summary, cell.id) ?? null;
    if ((expected ?? 0) === (actual ?? 0)) continue;
    const contributors = region.contributors(cell.id);
    const difference = new ExactSum();
    difference.add(expected ?? 0);
    difference.add(-(actual ?? 0));
    const name = cellName(cell, lang);
    const most = contributors.map((c) => `${c.agency} ${c.value}`).join(lang === 'zh-CN' ? '、' : ', ');
    out.push({
      rule: 'region.sum',
      target: cell.id,
      severity: 'warning',
      cells: [cell.id],
      expected,
      actual,
      contributors,
      message:
        lang === 'zh-CN'
          ? `${name}：所汇总的 ${region.count} 份报告合计 ${expected ?? '—'}，汇总报告为 ${actual ?? '—'}（差 ${Math.abs(difference.value)}）${most ? `；主要来自 ${most}` : ''}`
          : `${name}: the ${region.count} reports summarised add up to ${expected ?? '—'}, the summary says ${actual ?? '—'} (difference ${Math.abs(difference.value)})${most ? `; mostly ${most}` : ''}`,
    });
  }
  return out;
}

/** A body expected to report, from the list an office keeps (`agency,bodyType[,parent]`). */
export interface ExpectedBody {
  agency: string;
  bodyType: BodyType;
  /** The body it reports to, when the list says (a 街道 under its 区). */
  parent?: string;
  /** The line of the list it is on (1 = the header). */
  line: number;
}

/** A list of expected bodies that cannot be read, with the line. */
export class ExpectedBodiesError extends Error {
  override readonly name = 'ExpectedBodiesError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const bodyTypeWords: Record<string, BodyType> = {
  government: 'government',
  department: 'department',
  政府: 'government',
  人民政府: 'government',
  部门: 'department',
};

/**
 * Reads the list of bodies expected to report: a CSV with the header `agency,bodyType` and
 * optionally `parent` (in any order; 政府/部门 accepted for the body type). Throws
 * {@link ExpectedBodiesError} with the line for a missing header, an unreadable line, an empty
 * agency, an unknown body type or an agency listed twice.
 */
export function parseExpectedBodies(csv: string, options: { lang?: Lang; source?: string } = {}): ExpectedBody[] {
  const zh = (options.lang ?? 'zh-CN') === 'zh-CN';
  const colon = zh ? '：' : ': ';
  const where = (line: number) => `${options.source ? `${options.source}${colon}` : ''}${zh ? `第 ${line} 行` : `line ${line}`}`;
  const lines = csv.replace(/^\ufeff/, '').split(/\r?\n/);
  const header = csvLineFields(lines[0] ?? '')?.map((h) => h.trim());
  const col = (name: string) => header?.indexOf(name) ?? -1;
  if (!header || col('agency') < 0 || col('bodyType') < 0) {
    throw new ExpectedBodiesError(`${where(1)}${colon}${zh ? '表头应为 agency,bodyType（可加 parent）' : 'the header must be agency,bodyType (and optionally parent)'}`, 1);
  }
  const out: ExpectedBody[] = [];
  const seen = new Map<string, number>();
  lines.forEach((text, i) => {
    const line = i + 1;
    if (i === 0 || !text.trim()) return;
    const fields = csvLineFields(text);
    if (!fields) throw new ExpectedBodiesError(`${where(line)}${colon}${zh ? '引号不成对' : 'unbalanced quotes'}`, line);
    const agency = (fields[col('agency')] ?? '').trim();
    const type = (fields[col('bodyType')] ?? '').trim();
    const parent = col('parent') >= 0 ? (fields[col('parent')] ?? '').trim() : '';
    if (!agency) throw new ExpectedBodiesError(`${where(line)}${colon}${zh ? '机关名称为空' : 'the agency is empty'}`, line);
    const bodyType = bodyTypeWords[type] ?? (isBodyType(type) ? type : undefined);
    if (!bodyType) {
      throw new ExpectedBodiesError(`${where(line)}${colon}${zh ? `机关类型「${type}」应为 government（政府）或 department（部门）` : `body type "${type}" must be government or department`}`, line);
    }
    const key = agencyKey(agency);
    const before = seen.get(key);
    if (before !== undefined) throw new ExpectedBodiesError(`${where(line)}${colon}${zh ? `「${agency}」与第 ${before} 行重复` : `"${agency}" is listed on line ${before} already`}`, line);
    seen.set(key, line);
    out.push({ agency, bodyType, ...(parent ? { parent } : {}), line });
  });
  return out;
}

/** An agency's name as the lists and the reports are matched: width and spaces aside. */
export function agencyKey(agency: string): string {
  return agency.normalize('NFKC').replace(/\s+/g, '');
}

/** What coverage needs to know of a report: who, which year, when, and from where. */
export interface ReportSummaryLine {
  agency: string;
  year: number;
  bodyType?: BodyType;
  publishedOn: string | null;
  /** The file or URL, to tell duplicates apart. */
  source?: string;
}

/** The last day a report may be published (条例 art. 49): 31 January for a department's, 31 March for a government's. */
export function publicationDeadline(year: number, bodyType: BodyType): string {
  return `${year + 1}-${publicationDeadlineDay[bodyType]}`;
}

/**
 * The body type a report's deadline goes by, as the `published.deadline` rule decides it: the
 * report's `bodyType`, else a government when the agency ends in 人民政府 (the rule's definition,
 * `inferred`), else unknown (null: the rule does not guess).
 */
export function deadlineBodyType(report: Pick<Report, 'agency' | 'bodyType'>): { bodyType: BodyType | null; inferred: boolean } {
  if (isBodyType(report.bodyType)) return { bodyType: report.bodyType, inferred: false };
  return typeof report.agency === 'string' && report.agency.endsWith('人民政府') ? { bodyType: 'government', inferred: true } : { bodyType: null, inferred: false };
}

/**
 * Whether a report came out late: `late` after its deadline, `on-time`, `unknown` without a
 * publication date; with no body type (see {@link deadlineBodyType}), `late` only after both
 * deadlines (31 March) and `maybe` after a department's (31 January).
 */
export type Lateness = 'late' | 'maybe' | 'on-time' | 'unknown';

/** A report's lateness and the deadline it is held to (the later one when its body type is not known). */
export function reportLateness(report: Pick<Report, 'agency' | 'bodyType' | 'year' | 'publishedOn'>): { lateness: Lateness; deadline: string; bodyType: BodyType | null; inferred: boolean } {
  const type = deadlineBodyType(report);
  const published = report.publishedOn;
  const deadline = publicationDeadline(report.year, type.bodyType ?? 'government');
  if (!published) return { lateness: 'unknown', deadline, ...type };
  if (type.bodyType) return { lateness: published > deadline ? 'late' : 'on-time', deadline, ...type };
  return { lateness: published > deadline ? 'late' : published > publicationDeadline(report.year, 'department') ? 'maybe' : 'on-time', deadline, ...type };
}

/**
 * Who is missing, who is late: the reports of a region against the list of bodies expected to
 * report. Findings (rule, severity): `region.missing` (error) for a listed body with no report,
 * `region.unexpected` (warning) for a report from a body not on the list, `region.duplicate`
 * (warning) for a body with more than one report, `region.late` (warning) for a report published
 * after its body type's deadline (the list's body type, else the report's). Each names the agency
 * in `target`.
 */
export function coverageFindings(reports: readonly ReportSummaryLine[], expected: readonly ExpectedBody[], options: { lang?: Lang } = {}): Finding[] {
  const zh = (options.lang ?? 'zh-CN') === 'zh-CN';
  const byKey = new Map<string, ReportSummaryLine[]>();
  for (const r of reports) {
    const key = agencyKey(r.agency);
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const listed = new Map(expected.map((b) => [agencyKey(b.agency), b]));
  const typeName = (t: BodyType) => bodyTypeLabels[zh ? 'zh-CN' : 'en'][t];
  const finding = (rule: string, severity: Finding['severity'], agency: string, message: string, extra: Partial<Finding> = {}): Finding => ({
    rule,
    target: agency,
    severity,
    cells: [],
    message,
    ...extra,
  });
  const out: Finding[] = [];
  for (const body of expected) {
    if (!byKey.has(agencyKey(body.agency))) {
      out.push(finding('region.missing', 'error', body.agency, zh ? `缺少报告：${body.agency}（${typeName(body.bodyType)}）` : `no report from ${body.agency} (${typeName(body.bodyType)})`));
    }
  }
  for (const [key, list] of byKey) {
    const first = list[0] as ReportSummaryLine;
    const body = listed.get(key);
    if (!body && expected.length) {
      out.push(finding('region.unexpected', 'warning', first.agency, zh ? `名单外的报告：${first.agency}` : `a report from ${first.agency}, which is not on the list`));
    }
    if (list.length > 1) {
      const sources = list.map((r) => r.source ?? `${r.year}`).join(zh ? '、' : ', ');
      out.push(finding('region.duplicate', 'warning', first.agency, zh ? `${first.agency} 有 ${list.length} 份报告：${sources}` : `${first.agency} has ${list.length} reports: ${sources}`));
    }
    for (const r of list) {
      const type = body?.bodyType ?? r.bodyType;
      if (!type || !r.publishedOn) continue;
      const deadline = publicationDeadline(r.year, type);
      if (r.publishedOn > deadline) {
        out.push(
          finding(
            'region.late',
            'warning',
            r.agency,
            zh ? `${r.agency}（${typeName(type)}）于 ${r.publishedOn} 发布，晚于 ${deadline}` : `${r.agency} (${typeName(type)}) published on ${r.publishedOn}, after ${deadline}`,
            { expected: deadline, actual: r.publishedOn },
          ),
        );
      }
    }
  }
  return out;
}
