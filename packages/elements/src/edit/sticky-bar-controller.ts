/**
 * The edit bar is sticky: a field scrolled into view (a finding activated, Tab, the arrow keys)
 * must land below it, not under it. The bar's height goes into `--_bar-height`, which the
 * fields' `scroll-margin-top` adds. It is set through a constructed stylesheet: no style
 * attribute, so a strict CSP (`style-src 'self'`) allows it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class StickyBarController implements ReactiveController {
  #sheet: CSSStyleSheet | null = null;
  #observer: ResizeObserver | null = null;
  #bar: Element | null = null;
  #height = -1;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode }) {
    host.addController(this);
  }

  hostUpdated(): void {
    const bar = this.host.renderRoot.querySelector('.edit-bar');
    if (bar === this.#bar) return;
    this.#observer?.disconnect();
    this.#bar = bar;
    if (!bar || typeof ResizeObserver === 'undefined') return;
    this.#observer ??= new ResizeObserver(() => this.#measure());
    this.#observer.observe(bar);
    this.#measure();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#bar = null;
  }

  #measure(): void {
    const bar = this.#bar as HTMLElement | null;
    const root = this.host.shadowRoot;
    if (!bar || !root) return;
    // A bar that does not stick (no-toolbar's bare one) covers nothing.
    const height = getComputedStyle(bar).position === 'sticky' ? Math.ceil(bar.getBoundingClientRect().height) : 0;
    if (height === this.#height) return;
    this.#height = height;
    if (!this.#sheet) {
      try {
        this.#sheet = new CSSStyleSheet();
      } catch {
        return;
      }
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#sheet];
    }
    this.#sheet.replaceSync(`:host{--_bar-height:${height}px}`);
  }
}
