/**
 * The base of every element: language (own `lang`, else the nearest ancestor's), UI strings,
 * a typed `emit()`, and loading the report from the `report` property, a child
 * `<script type="application/json">`, `src`, or a child static export (`[data-disclosure-report]`) — in that order.
 */
import type { Finding, Lang, Report } from '@disclosure-report/core';
import { LitElement, type PropertyValues, type TemplateResult, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DisclosureEventMap } from './events.js';
import { type DisclosureStrings, format, resolveLang, stringsFor } from './i18n.js';
import { type LazyPart, checksPart } from './lazy.js';
import { ReportLoadError, type ReportSource, asReport, fetchReport, findJsonScript, parseReportJson } from './load.js';
import { PacksController, type PacksState } from './packs-controller.js';
import { readStaticReport } from './upgrade.js';

/** One shared observer re-resolves the language when any `lang` attribute in the document changes. */
const langListeners = new Set<DisclosureElement>();
let langObserver: MutationObserver | null = null;

function watchLang(element: DisclosureElement): void {
  langListeners.add(element);
  if (langObserver || typeof MutationObserver === 'undefined') return;
  langObserver = new MutationObserver(() => {
    for (const el of langListeners) el.refreshLang();
  });
  langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

export abstract class DisclosureElement extends LitElement {
  /** Overrides of the UI strings (merged over the defaults of the current language). */
  @property({ attribute: false }) i18n: Partial<DisclosureStrings> | null = null;

  /** The UI language in use: `lang` on the element, else on the nearest ancestor, else zh-CN. */
  @state() protected resolvedLang: Lang = 'zh-CN';

  /** Shows the print layout (A4 width, no UI chrome) on screen. */
  @property({ type: Boolean, reflect: true, attribute: 'print-preview' }) printPreview = false;

  /**
   * Classes for the root of what the element renders: `en` (English) and `print-preview`. The
   * styles of the tables' cells match these, never `:lang()` or `:host()` above each cell, which
   * the browser tests cell by cell on every render (a class above is ruled out by its ancestor filter).
   */
  protected get rootClass(): string {
    return `${this.resolvedLang === 'en' ? 'en' : ''}${this.printPreview ? ' print-preview' : ''}`;
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.refreshLang();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.refreshLang();
    watchLang(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    langListeners.delete(this);
  }

  /** Re-reads the language (called when a `lang` attribute changes). */
  refreshLang(): void {
    const lang = resolveLang(this);
    if (lang !== this.resolvedLang) this.resolvedLang = lang;
  }

  /** The UI language in use. */
  get effectiveLang(): Lang {
    return this.resolvedLang;
  }

  #strings: { lang: Lang; i18n: Partial<DisclosureStrings> | null; strings: DisclosureStrings } | null = null;

  /** The same object until the language or the overrides change (renders skip what did not change by it). */
  protected get strings(): DisclosureStrings {
    const c = this.#strings;
    if (c && c.lang === this.resolvedLang && c.i18n === this.i18n) return c.strings;
    const strings = stringsFor(this.resolvedLang, this.i18n);
    this.#strings = { lang: this.resolvedLang, i18n: this.i18n, strings };
    return strings;
  }

  /** Dispatches one of the typed events (bubbles, crosses shadow roots). */
  protected emit<K extends keyof DisclosureEventMap>(type: K, detail: DisclosureEventMap[K]['detail']): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

/** Where loading stands. */
export type LoadState =
  | { status: 'empty' }
  | { status: 'loading' }
  | { status: 'ready'; report: Report; source: ReportSource }
  | { status: 'error'; error: ReportLoadError };

type PendingEvent =
  | { type: 'disclosure-load'; report: Report; source: ReportSource }
  | { type: 'disclosure-error'; error: ReportLoadError };

export abstract class ReportElement extends DisclosureElement {
  /** The report document (takes precedence over a child JSON script and `src`). */
  @property({ attribute: false }) report: Report | null = null;

  /** Last year's report of the same agency: enables the across-year checks (and compare mode). */
  @property({ attribute: false }) previous: Report | null = null;

  /** URL of last year's report, fetched like `src` into `previous`. */
  @property({ attribute: 'previous-src', reflect: true }) previousSrc: string | null = null;

  /** URL of a report document (used when there is no `report` property and no JSON child). */
  @property({ reflect: true }) src: string | null = null;

  /**
   * Rule packs run with the national rules: a province's or a city's own (JSON documents of
   * `@disclosure-report/core/rules/pack.schema.json`). A pack that is not valid is reported in
   * the findings and none is applied.
   */
  @property({ attribute: false }) packs: readonly unknown[] | null = null;

  /** URLs of rule packs (separated by spaces), fetched like `src`; used with `packs`. */
  @property({ attribute: 'packs-src', reflect: true }) packsSrc: string | null = null;

  readonly #packsController = new PacksController(this);

  /** Run the core checks and mark the cells they concern. */
  @property({ type: Boolean, reflect: true, attribute: 'show-findings' }) showFindings = false;

  @state() protected loadState: LoadState = { status: 'empty' };

  #sourceDirty = true;
  #scriptText: string | null = null;
  #abort: AbortController | null = null;
  #childObserver: MutationObserver | null = null;
  #pending: PendingEvent | null = null;
  #findingsCache: { report: Report; previous: Report | null; lang: Lang; packs: PacksState; findings: Finding[] } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#childObserver ??= new MutationObserver(() => {
      const script = findJsonScript(this);
      const text = script ? (script.textContent ?? '') : null;
      if (text !== this.#scriptText) this.#invalidateSource();
    });
    this.#childObserver.observe(this, { childList: true, subtree: true, characterData: true });
    if (document.readyState === 'loading') {
      // Upgraded while the parser is still inside us: the JSON child may be on its way.
      document.addEventListener('DOMContentLoaded', () => this.#invalidateSource(), { once: true });
    }
    this.#invalidateSource();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#childObserver?.disconnect();
    this.#abort?.abort();
    this.#abort = null;
    // Reconnecting resumes loading.
    if (this.loadState.status === 'loading') this.#sourceDirty = true;
  }

  #invalidateSource(): void {
    this.#sourceDirty = true;
    this.requestUpdate();
  }

  /** The report being shown (null while loading, on error or when there is none). */
  get currentReport(): Report | null {
    return this.loadState.status === 'ready' ? this.loadState.report : null;
  }

  /** Resolves once the current `src` request (if any) has settled and the element has rendered. */
  async whenLoaded(): Promise<LoadState> {
    await this.updateComplete;
    while (this.loadState.status === 'loading') {
      await new Promise((r) => setTimeout(r, 10));
      await this.updateComplete;
    }
    return this.loadState;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('report') || changed.has('src')) this.#sourceDirty = true;
    if (this.#sourceDirty) {
      this.#sourceDirty = false;
      this.#resolveSource();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const pending = this.#pending;
    this.#pending = null;
    if (!pending) return;
    if (pending.type === 'disclosure-load') this.emit('disclosure-load', { report: pending.report, source: pending.source });
    else
      this.emit('disclosure-error', {
        error: pending.error,
        message: pending.error.localized(this.strings),
        source: pending.error.source,
      });
  }

  #ready(report: Report, source: ReportSource): void {
    const prev = this.loadState;
    if (prev.status === 'ready' && prev.report === report && prev.source === source) return;
    this.loadState = { status: 'ready', report, source };
    this.#pending = { type: 'disclosure-load', report, source };
  }

  #fail(error: unknown, source: ReportSource): void {
    const err =
      error instanceof ReportLoadError
        ? error
        : new ReportLoadError('not-a-report', source, String((error as Error)?.message ?? error), undefined, String(error));
    this.loadState = { status: 'error', error: err };
    this.#pending = { type: 'disclosure-error', error: err };
  }

  #resolveSource(): void {
    this.#abort?.abort();
    this.#abort = null;
    if (this.report != null) {
      this.#scriptText = null;
      try {
        this.#ready(asReport(this.report, 'property'), 'property');
      } catch (e) {
        this.#fail(e, 'property');
      }
      return;
    }
    const script = findJsonScript(this);
    if (script) {
      const text = script.textContent ?? '';
      this.#scriptText = text;
      try {
        this.#ready(parseReportJson(text, 'script'), 'script');
      } catch (e) {
        this.#fail(e, 'script');
      }
      return;
    }
    this.#scriptText = null;
    if (this.src) {
      const controller = new AbortController();
      this.#abort = controller;
      this.loadState = { status: 'loading' };
      fetchReport(this.src, controller.signal).then(
        (report) => {
          if (controller.signal.aborted) return;
          this.#abort = null;
          this.#ready(report, 'src');
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          this.#abort = null;
          this.#fail(error, 'src');
        },
      );
      return;
    }
    // The static export inside the element (what readers without JavaScript see) holds the report too.
    const fallback = this.querySelector(':scope > [data-disclosure-report]');
    if (fallback) {
      try {
        this.#ready(readStaticReport(fallback), 'static');
      } catch (e) {
        const detail = (e as Error).message;
        this.#fail(new ReportLoadError('not-a-report', 'static', `Not a report document: ${detail}`, undefined, detail), 'static');
      }
      return;
    }
    // Still parsing the page: the JSON child may yet arrive.
    this.loadState = document.readyState === 'loading' ? { status: 'loading' } : { status: 'empty' };
  }

  /** The message shown instead of the report while loading, on error, or when there is none. */
  protected renderStatus(): TemplateResult {
    const s = this.strings;
    const state = this.loadState;
    if (state.status === 'error') {
      return html`<div class="status error" part="status status-error" role="alert" lang=${this.resolvedLang}>
        <strong>${s.loadFailed}</strong> <span>${state.error.localized(s)}</span>
      </div>`;
    }
    const text = state.status === 'loading' ? s.loading : s.empty;
    return html`<div class="status" part="status status-${state.status}" role="status" lang=${this.resolvedLang}>${text}</div>`;
  }

  /**
   * Why there are no findings yet: the checks are loading, or could not be loaded (the
   * standalone bundle loads them on demand); null when they are ready.
   */
  protected get checksStatus(): string | null {
    const s = this.strings;
    if (checksPart.now) return this.#packsController.state.status === 'loading' ? s.packsLoading : null;
    const failed = checksPart.failed;
    return failed ? format(s.checksFailed, { detail: String((failed as Error)?.message ?? failed) }) : s.checksLoading;
  }

  /** Why the rule packs given are not applied (the findings are the national rules' alone), or null. */
  protected get packsNotice(): string | null {
    const state = this.#packsController.state;
    return state.status === 'error' ? format(this.strings.packsFailed, { detail: state.message }) : null;
  }

  readonly #awaiting = new Set<LazyPart<unknown>>();

  /**
   * Loads a part the standalone bundle loads on demand (once per element), then renders again —
   * also when it could not be loaded (said in the console; the element shows why).
   */
  protected loadPart(part: LazyPart<unknown>, what: string): void {
    if (this.#awaiting.has(part) || part.failed) return;
    this.#awaiting.add(part);
    part.load().then(
      () => this.requestUpdate(),
      (error: unknown) => {
        console.warn(`[disclosure-report] ${what} could not be loaded:`, error);
        this.requestUpdate();
      },
    );
  }

  /**
   * The findings of the core checks for a report, in the current language (cached). None
   * while the checks are still loading (`checksStatus` says so); the element renders again
   * once they are there.
   */
  protected findingsFor(report: Report): Finding[] {
    const lang = this.resolvedLang;
    const packs = this.#packsController.state;
    const c = this.#findingsCache;
    if (c && c.report === report && c.previous === this.previous && c.lang === lang && c.packs === packs) return c.findings;
    const checks = checksPart.now;
    if (!checks) {
      this.loadPart(checksPart, 'the checks');
      return [];
    }
    // Not without the packs asked for, and then with them: none until they are there.
    if (packs.status === 'loading') return [];
    let findings: Finding[];
    try {
      findings = checks.check(report, { lang, previous: this.previous, ...(packs.status === 'ready' ? { packs: packs.packs } : {}) });
    } catch (error) {
      // A malformed document can trip a rule; show the report anyway.
      console.warn('[disclosure-report] checks failed:', error);
      findings = [];
    }
    this.#findingsCache = { report, previous: this.previous, lang, packs, findings };
    return findings;
  }
}
