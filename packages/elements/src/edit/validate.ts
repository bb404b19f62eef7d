/**
 * What 导入文件 accepts as a report document: one that passes the schema, not only the light
 * structural check that showing a report needs (`../load.ts`). These are the checks of core's
 * `validateReport`, written out over the taxonomy: the metadata's types and ranges, and exactly
 * the sections and cells of the format, each a string or a value its kind allows (core's
 * `isValidCellValue`); unknown keys only at the top, as in the schema.
 *
 * Not `validateReport` itself: that is zod, which core keeps out of the web component on
 * purpose. Even loaded lazily, an app's bundler would put zod in the page's main chunk (core's
 * index reaches it statically), and the one-file standalone bundle would grow several times over.
 * `test/import-validation.test.ts` holds this check to `validateReport`, case by case and on
 * random documents.
 */
import { type CellKind, type Report, bodyTypes, isValidCellValue, taxonomy, textSectionKeys } from '@disclosure-report/core';
import { ReportLoadError } from '../load.js';

type Shape = { [key: string]: Shape | CellKind | 'text' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  if (isObject(v) || Array.isArray(v)) return Array.isArray(v) ? 'a list' : 'an object';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};
const isDate = (s: unknown): boolean =>
  typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

function nested(value: unknown, shape: Shape, path: string): string | null {
  if (!isObject(value)) return `${path}: expected an object, got ${show(value)}`;
  for (const [key, want] of Object.entries(shape)) {
    const v = value[key];
    const at = `${path}.${key}`;
    if (typeof want === 'object') {
      const problem = nested(v, want, at);
      if (problem) return problem;
    } else if (want === 'text' ? typeof v !== 'string' : !isValidCellValue(want, v)) {
      return `${at}: expected ${want === 'text' ? 'a string' : `a ${want} or null`}, got ${show(v)}`;
    }
  }
  const unknown = Object.keys(value).find((k) => !Object.hasOwn(shape, k));
  return unknown === undefined ? null : `${path}.${unknown}: unknown (not in the format)`;
}

function problem(doc: unknown): string | null {
  if (!isObject(doc)) return `(document): expected a report object, got ${show(doc)}`;
  const { format, year, publishedOn, bodyType } = doc;
  if (format !== '2021' && format !== '2019') return `format: expected "2021" or "2019", got ${show(format)}`;
  for (const key of ['agency', 'title']) if (typeof doc[key] !== 'string') return `${key}: expected a string, got ${show(doc[key])}`;
  if (!Number.isInteger(year) || (year as number) < 1990 || (year as number) > 2200) return `year: expected a whole number from 1990 to 2200, got ${show(year)}`;
  if (publishedOn !== null && !isDate(publishedOn)) return `publishedOn: expected an ISO date YYYY-MM-DD or null, got ${show(publishedOn)}`;
  if (bodyType !== undefined && !(bodyTypes as readonly unknown[]).includes(bodyType)) return `bodyType: expected one of ${bodyTypes.join(', ')}, got ${show(bodyType)}`;
  const shape: Shape = { sections: Object.fromEntries(textSectionKeys.map((k) => [k, 'text'])) };
  for (const cell of taxonomy(format).cells) {
    const keys = cell.id.split('.');
    let at = shape;
    for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Shape;
    at[keys[keys.length - 1] as string] = cell.kind;
  }
  for (const [key, want] of Object.entries(shape)) {
    const found = nested(doc[key], want as Shape, key);
    if (found) return found;
  }
  return null;
}

/** The document as a valid report, or throws a ReportLoadError (`not-a-report`) naming what is wrong. */
export function validateImported(value: unknown): Report {
  const found = problem(value);
  if (found) throw new ReportLoadError('not-a-report', 'property', `Not a valid report document: ${found}`, undefined, found);
  return value as Report;
}
