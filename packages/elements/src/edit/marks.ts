/**
 * The findings edit mode shows, kept from one keystroke to the next. Every keystroke re-checks
 * the report and gets new finding objects; when they say what the last ones said, the last
 * array is kept (with its index by cell), so the findings list and the cells are not rendered
 * again. Each cell gets a key of its marks: only cells whose marks changed render again.
 */
import type { Finding } from '@disclosure-report/core';
import { cellMark, explainedSums, indexFindings } from '../cells.js';

export class FindingMarks {
  /** The findings shown: the same array as long as their content is the same. */
  findings: readonly Finding[] = [];
  byCell: ReadonlyMap<string, readonly Finding[]> = new Map();
  /** Failing sums a pinpointed cell explains. */
  explained: ReadonlySet<Finding> = new Set();
  readonly #cellKeys = new Map<string, string>();

  /**
   * The findings to show now; returns the kept array when they say the same as it. When some
   * changed, the new array keeps the last objects of those that did not (at the same place), so
   * the findings list renders again only the items that changed.
   */
  update(findings: readonly Finding[]): readonly Finding[] {
    const last = this.findings;
    if (findings === last) return findings;
    let changed = findings.length !== last.length;
    const next: Finding[] = new Array(findings.length);
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i] as Finding;
      const old = last[i];
      if (old !== undefined && sameData(old, f)) next[i] = old;
      else {
        next[i] = f;
        changed = true;
      }
    }
    if (!changed) return last;
    this.findings = next;
    this.byCell = indexFindings(next);
    this.explained = explainedSums(next);
    this.#cellKeys.clear();
    return next;
  }

  /**
   * How a cell is marked, as a string: its strong mark's severity, suspect, or the light mark of a
   * failing sum (blank-cell findings aside: edit mode shows blank as blank). Not what its findings
   * say: that is its input's description, written without rendering the cell (`CellDescriptions`),
   * so the figures of a failing sum changing, or the sum failing, render no cell of it again.
   */
  cellKey(cellId: string): string {
    const findings = this.byCell.get(cellId);
    // Most cells have no findings: nothing to build or keep (this runs for every cell on every keystroke).
    if (!findings) return '';
    let key = this.#cellKeys.get(cellId);
    if (key === undefined) {
      // As a cell that is not blank (the cell's text, in its stamp too, decides the light mark).
      const mark = cellMark(findings.filter((f) => f.rule !== 'blank-cell'), false, this.explained);
      key = mark.strong ? `${mark.strong}${mark.suspect ? '!' : ''}` : mark.light ? '~' : '';
      this.#cellKeys.set(cellId, key);
    }
    return key;
  }
}

/**
 * Whether two pieces of plain data (findings: strings, numbers, arrays, plain objects) say the
 * same, as their JSON would, but stopping at the first difference. A key holding `undefined`
 * counts as absent, as in JSON.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    n++;
    if (!sameData(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) n--;
  return n === 0;
}
