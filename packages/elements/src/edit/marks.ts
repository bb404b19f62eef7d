/**
 * The findings edit mode shows, kept from one keystroke to the next. Every keystroke re-checks
 * the report and gets new finding objects; when they say what the last ones said, the last
 * array is kept (with its index by cell), so the findings list and the cells are not rendered
 * again. Each cell gets a key of its marks: only cells whose marks changed render again.
 */
import type { Finding } from '@disclosure-report/core';
import { explainedSums, indexFindings } from '../cells.js';

export class FindingMarks {
  /** The findings shown: the same array as long as their content is the same. */
  findings: readonly Finding[] = [];
  byCell: ReadonlyMap<string, readonly Finding[]> = new Map();
  /** Failing sums a pinpointed cell explains. */
  explained: ReadonlySet<Finding> = new Set();
  #key = '';
  readonly #cellKeys = new Map<string, string>();

  /** The findings to show now; returns the kept array when they say the same as it. */
  update(findings: readonly Finding[]): readonly Finding[] {
    if (findings === this.findings) return findings;
    // Findings are plain data: their JSON is everything about them that shows.
    const key = JSON.stringify(findings);
    if (key === this.#key) return this.findings;
    this.#key = key;
    this.findings = findings;
    this.byCell = indexFindings(findings);
    this.explained = explainedSums(findings);
    this.#cellKeys.clear();
    return findings;
  }

  /** What a cell's marks depend on, as a string (blank-cell findings aside: edit mode shows blank as blank). */
  cellKey(cellId: string): string {
    let key = this.#cellKeys.get(cellId);
    if (key === undefined) {
      key = '';
      for (const f of this.byCell.get(cellId) ?? []) {
        if (f.rule !== 'blank-cell') key += `${f.severity}|${f.rule}|${f.message}|${this.explained.has(f) ? 1 : 0}\u0001`;
      }
      this.#cellKeys.set(cellId, key);
    }
    return key;
  }
}
