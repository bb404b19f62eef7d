/** Drafts in `localStorage`: the report as typed so far and when it was saved. */
import type { Report } from '@disclosure-report/core';

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

/** The saved draft (null when none); `unavailable` when storage cannot be used. */
export function readDraft(key: string): Draft | null | 'unavailable' {
  const s = storage();
  if (!s) return 'unavailable';
  try {
    const text = s.getItem(key);
    if (!text) return null;
    const draft = JSON.parse(text) as Draft;
    if (!draft || typeof draft !== 'object' || typeof draft.savedAt !== 'string' || typeof draft.report !== 'object') return null;
    return draft;
  } catch {
    return null;
  }
}

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
