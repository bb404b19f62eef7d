/**
 * Everything edit mode adds to `<disclosure-report>`: the editor, drafts, calm filling, import
 * notes and the cells with inputs. The standalone bundle loads this module on demand (its
 * `disclosure-report-edit.js`) when `mode="edit"` is set; see `../lazy.ts`.
 */
export { CellDescriptions, CellStamps, editCellRenderer } from './cells.js';
export { DraftsController } from './drafts-controller.js';
export { ReportEditor } from './editor.js';
export { ImportNotes } from './import-notes.js';
export { LedgerController } from './ledger-controller.js';
export { type Imported, importOther } from './import-other.js';
export { FindingMarks } from './marks.js';
export { StickyBarController } from './sticky-bar-controller.js';
export { TouchedController } from './touched-controller.js';
export { validateImported } from './validate.js';
// Edit mode always runs the checks, and needs their rules for automatic totals: loading it
// loads the checks chunk too (statically), rather than a third chunk of what both share.
export { check } from '../checks-core.js';
