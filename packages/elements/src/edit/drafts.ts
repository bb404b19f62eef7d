/** Drafts in `localStorage`: the report as typed so far and when it was saved. */
import type { Report } from '@disclosure-report/core';
import { reportProblem } from '../load.js';

export interface Draft {
  /** ISO time of saving. */
  savedAt: string;
  report: Report;
  /** Which editor (page or tab) saved it: two tabs on one report must not overwrite each other unseen. */
  writer?: string;
}

/** The default key: one draft per agency, year and format. */
export const defaultDraftKey = (report: Pick<Report, 'agency' | 'year' | 'format'>) =>
  `disclosure-report:${report.agency ?? ''}:${report.year ?? ''}:${report.format}`;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Blocked (sandboxed iframe, privacy settings).
    return null;
  }
}

/**
 * The saved draft (null when none); `unavailable` when storage cannot be used; `invalid` when
 * what is stored is not a draft (not JSON, no time, a report that could not be opened): it is
 * then set aside under `{key}:invalid` (replacing the one there) and never offered again. A
 * draft must pass the check every opened report passes (core's `validateReport` would add the
 * schema library to the standalone bundle, and would set aside the draft of a report that was
 * opened with odd values in it).
 */
export function readDraft(key: string): Draft | null | 'unavailable' | 'invalid' {
  const s = storage();
  if (!s) return 'unavailable';
  let text: string | null = null;
  try {
    text = s.getItem(key);
  } catch {
    // Unreadable: as if there were none.
  }
  if (text === null) return null;
  try {
    const draft = JSON.parse(text) as Draft;
    if (Date.parse(draft?.savedAt) > 0 && !reportProblem(draft.report)) return draft;
  } catch {
    // Not JSON: set aside below.
  }
  try {
    s.setItem(`${key}:invalid`, text);
  } catch {
    // Full: the damaged draft is dropped all the same.
  }
  removeDraft(key);
  return 'invalid';
}

/** Whether two reports hold the same data, whatever the order of their keys (a server may reorder them). */
export const sameReport = (a: unknown, b: unknown): boolean => sorted(a) === sorted(b);
// Entries sorted as strings (`key,value`): equal objects, whatever their order, sort alike.
const sorted = (value: unknown) =>
  JSON.stringify(value, (_, v: object) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));

/** Saves a draft; false when storage is unavailable or full (QuotaExceededError). */
export function writeDraft(key: string, report: Report, now = new Date(), writer?: string): boolean {
  const s = storage();
  if (!s) return false;
  try {
    s.setItem(key, JSON.stringify({ savedAt: now.toISOString(), report, ...(writer ? { writer } : {}) } satisfies Draft));
    return true;
  } catch {
    return false;
  }
}

export function removeDraft(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing to do: the draft stays.
  }
}
