/**
 * Registers a custom element unless the tag is taken: two copies of the bundle on one page
 * (a portal template and an article both pasting the script tag) must not throw.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  try {
    customElements.define(tag, ctor);
  } catch (error) {
    // Lost a race with another copy: harmless if the tag is now defined.
    if (!customElements.get(tag)) throw error;
  }
}
