/**
 * What a file may cost the importers. A published report is a few hundred lines and fewer than
 * 2,000 table cells, its .docx a few MB; these limits are far above that and far below what
 * exhausts memory (a single file stays under 512 MB and about 10 s). Past a limit the import ends
 * in an {@link ImportError} naming it, never in a crash. (HTML: `htmlLimits`; PDF: in pdf.ts.)
 */

const MB = 1024 * 1024;

/** Limits on a Word (.docx) file's zip container, checked before mammoth opens it. */
export const docxLimits = {
  /** Entries in the archive (a .docx has 10–100). */
  entries: 10_000,
  /** Bytes one entry may inflate to (its central-directory size, and what its XML really inflates to). */
  entryBytes: 64 * MB,
  /** Bytes all entries together may inflate to, by their central-directory sizes. */
  totalBytes: 256 * MB,
  /** Bytes all XML parts together really inflate to (a report's document.xml is well under 5 MB). */
  xmlBytes: 32 * MB,
  /**
   * Elements, attributes, comments and processing instructions over all XML parts (a long report
   * has under 100,000). mammoth keeps about 1.5 KB of objects for each.
   */
  xmlNodes: 250_000,
  /** Nodes at the top level of one XML part (one root, an XML declaration, a comment or two). */
  xmlTopLevel: 64,
  /** Element nesting depth of an XML part. */
  xmlDepth: 1_000,
};

/** Limits on extracted text (and on the lines and cells any form is read into). */
export const textLimits = {
  /** Non-blank lines (a report has under 5,000). */
  lines: 200_000,
  /** Characters kept of one line (a longer one is cut). */
  lineLength: 20_000,
  /** Table cells read from the text of the table sections (a report has under 2,000). */
  cells: 200_000,
};

export function formatBytes(n: number): string {
  if (n >= MB) return `${(n / MB).toFixed(n >= 10 * MB ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
