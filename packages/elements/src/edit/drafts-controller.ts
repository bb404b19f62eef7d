/**
 * Edit mode and the page around it: the draft is saved at once when the page is hidden or
 * left, leaving with unsaved changes asks first, other tabs' changes to the draft are followed
 * (the `storage` event), and a submission is remembered until the page says it was saved.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReportEditor } from './editor.js';

export class DraftsController implements ReactiveController {
  /** The `submit` event of the last form submission (null for `submit()` outside a form). */
  #submit: Event | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly editor: ReportEditor,
    private readonly editing: () => boolean,
  ) {
    host.addController(this);
  }

  /** Whether the page's listeners are on. */
  #listening = false;

  /**
   * The page's listeners are on in edit mode only: every one of them acts in edit mode only, and
   * adding a `beforeunload` listener costs a view-mode element some 0.5 ms before its first paint
   * (the browser is told the page has one; it also keeps the page out of the back/forward cache).
   */
  #listen(on: boolean): void {
    if (on === this.#listening) return;
    this.#listening = on;
    if (on) {
      window.addEventListener('beforeunload', this.#onBeforeUnload);
      window.addEventListener('pagehide', this.#flush);
      window.addEventListener('storage', this.#onStorage);
      document.addEventListener('visibilitychange', this.#flush);
    } else {
      window.removeEventListener('beforeunload', this.#onBeforeUnload);
      window.removeEventListener('pagehide', this.#flush);
      window.removeEventListener('storage', this.#onStorage);
      document.removeEventListener('visibilitychange', this.#flush);
    }
  }

  hostConnected(): void {
    this.#listen(this.editing());
  }

  /** The mode may have changed. */
  hostUpdated(): void {
    this.#listen(this.host.isConnected && this.editing());
  }

  hostDisconnected(): void {
    this.#listen(false);
    this.editor.dispose();
  }

  /** The report is being submitted (`event`: the form's `submit` event): the draft stays until `saved()`. */
  submitting(event: Event | null): void {
    if (!this.editing()) return;
    this.#submit = event;
    // Saved now, kept (with `dirty`) until `saved()`.
    this.editor.flushDraft();
    this.editor.submitted = this.editor.report;
  }

  #onBeforeUnload = (e: BeforeUnloadEvent): void => {
    const editor = this.editor;
    if (!this.editing() || !editor.dirty) return;
    editor.flushDraft();
    // A form posted the usual way (not prevented) is this very navigation: the draft keeps the
    // report until it is opened again as saved, so there is no need to ask.
    if (this.#submit && !this.#submit.defaultPrevented && editor.submitted === editor.report) return;
    e.preventDefault();
    // Older browsers need returnValue set.
    e.returnValue = '';
  };

  /** Page left or hidden (switching tabs, closing on mobile): the pending draft is saved now. */
  #flush = (e: Event): void => {
    if (this.editing() && (e.type === 'pagehide' || document.visibilityState === 'hidden')) this.editor.flushDraft();
  };

  /** Another tab wrote or removed this report's draft (localStorage fires `storage` in the other tabs). */
  #onStorage = (e: StorageEvent): void => {
    if (this.editing() && (e.key === this.editor.key || e.key === null)) this.editor.draftChangedElsewhere();
  };
}
