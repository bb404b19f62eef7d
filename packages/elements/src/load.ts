/**
 * Where a report comes from (in this order): the `report` property, a child
 * `<script type="application/json">`, the `src` URL. A light structural check keeps the
 * standalone bundle free of the schema library; full validation is core's `validateReport`.
 */
import type { Report } from '@disclosure-report/core';
import { type DisclosureStrings, format } from './i18n.js';

/** Where the report came from; `static` is a child static export (core's toHtml), the no-JavaScript fallback. */
export type ReportSource = 'property' | 'script' | 'src' | 'static';

/** Why loading failed, for the `disclosure-error` event and the message in the element. */
export type LoadErrorKind = 'url' | 'http' | 'network' | 'json' | 'not-a-report';

export class ReportLoadError extends Error {
  constructor(
    readonly kind: LoadErrorKind,
    readonly source: ReportSource,
    message: string,
    readonly status?: number,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ReportLoadError';
  }

  /** The message in the element's language. */
  localized(strings: DisclosureStrings): string {
    switch (this.kind) {
      case 'url':
        return strings.unsafeUrl;
      case 'http':
        return format(strings.httpError, { status: this.status ?? '?' });
      case 'network':
        return strings.networkError;
      case 'json':
        return strings.invalidJson;
      case 'not-a-report':
        return format(strings.notAReport, { detail: this.detail ?? '' });
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is structurally wrong with a would-be report (null when it can be rendered). */
export function reportProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not an object';
  if (value.format !== '2021' && value.format !== '2019') return `format must be "2021" or "2019"`;
  for (const key of ['active', 'requests', 'reviews', 'sections'] as const) {
    if (value[key] !== undefined && !isObject(value[key])) return `${key} must be an object`;
  }
  return null;
}

/** Checks the structure and returns the report, or throws a ReportLoadError. */
export function asReport(value: unknown, source: ReportSource): Report {
  const problem = reportProblem(value);
  if (problem) throw new ReportLoadError('not-a-report', source, `Not a report document: ${problem}`, undefined, problem);
  return value as Report;
}

/**
 * By report: the `disclosure-report import --details` document it was read from (`{ source,
 * report, provenance, notes, … }`; see {@link parseReportJson}). Reports read from a report
 * document are not in it.
 */
export const importDetails = new WeakMap<Report, Readonly<Record<string, unknown>>>();

/**
 * Parses JSON text into a report. The output of `disclosure-report import --details` is taken as
 * well: its `report` is the report, and the rest (where each cell came from) is kept for
 * {@link importDetails}, so that publishing the CLI's details file is enough to show provenance.
 */
export function parseReportJson(text: string, source: ReportSource): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ReportLoadError('json', source, `Invalid JSON: ${(e as Error).message}`);
  }
  // A details document has no format of its own, a report and a provenance beside it.
  if (isObject(value) && value.format === undefined && isObject(value.report) && isObject(value.provenance)) {
    const report = asReport(value.report, source);
    importDetails.set(report, value);
    return report;
  }
  return asReport(value, source);
}

/** The report in a child `<script type="application/json">`, if any (null when there is none). */
export function findJsonScript(host: Element): HTMLScriptElement | null {
  for (const child of Array.from(host.children)) {
    if (child instanceof HTMLScriptElement && child.type.trim().toLowerCase() === 'application/json') return child;
  }
  return null;
}

/** The protocol of a URL from an attribute when it may not be fetched: only http(s), relative URLs included (never javascript:, data:, blob: or file:). */
export function refusedProtocol(url: string): string | null {
  const protocol = new URL(url, document.baseURI).protocol;
  return protocol === 'http:' || protocol === 'https:' ? null : protocol;
}

/** Fetches a report document. */
export async function fetchReport(url: string, signal: AbortSignal): Promise<Report> {
  const protocol = refusedProtocol(url);
  if (protocol) throw new ReportLoadError('url', 'src', `Not fetched: ${protocol} URLs are not allowed for src (only http(s) and relative URLs)`);
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    if (signal.aborted) throw e;
    throw new ReportLoadError('network', 'src', `Could not fetch ${url}: ${(e as Error).message}`);
  }
  if (!response.ok) {
    throw new ReportLoadError('http', 'src', `Could not fetch ${url}: HTTP ${response.status}`, response.status);
  }
  return parseReportJson(await response.text(), 'src');
}
