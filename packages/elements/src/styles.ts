/**
 * Styles shared by the elements. Sizes are in em/px, never rem: many portals set
 * `html { font-size: 62.5% }`, which would shrink everything here.
 */
import { css, unsafeCSS } from 'lit';

/** Host defaults and the custom properties (theming API). */
export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(
      --disclosure-font-family,
      'FangSong', 'STFangsong', 'FangSong_GB2312', '仿宋', 'SimSun', 'Songti SC', 'Noto Serif CJK SC', serif
    );
    font-size: var(--disclosure-font-size, 16px);
    line-height: var(--disclosure-line-height, 1.75);
    color: var(--disclosure-text-color, #1a1a1a);
    background: var(--disclosure-background, #fff);
    text-align: start;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
  .status {
    margin: 0.5em 0;
    padding: 0.75em 1em;
    border: 1px solid var(--disclosure-table-border-color, #000);
    font-family: var(--disclosure-ui-font-family, system-ui, sans-serif);
    font-size: 0.9375em;
  }
  .status.error {
    border-color: var(--disclosure-error-color, #b00020);
    border-inline-start-width: 0.375em;
  }
  .status strong {
    display: block;
  }
`;

/** The national tables. */
export const tableStyles = css`
  .scroll {
    overflow-x: auto;
    max-width: 100%;
    margin: 0.5em 0 1em;
    outline-offset: 2px;
  }
  .scroll:focus-visible {
    outline: 2px solid var(--disclosure-focus-color, #005fcc);
  }
  /*
   * Separate borders (right and bottom on each cell, top and left on the table): collapsed
   * borders would be painted under the sticky row labels and vanish when scrolled.
   */
  table {
    border-collapse: separate;
    border-spacing: 0;
    border-top: 1px solid var(--disclosure-table-border-color, #000);
    border-left: 1px solid var(--disclosure-table-border-color, #000);
    width: 100%;
    font-size: var(--disclosure-table-font-size, 0.875em);
    line-height: 1.5;
    background: var(--disclosure-background, #fff);
    color: inherit;
  }
  caption {
    font-family: var(--disclosure-heading-font-family, 'SimHei', 'Heiti SC', '黑体', 'Noto Sans CJK SC', sans-serif);
    font-weight: bold;
    text-align: start;
    padding: 0 0 0.5em;
  }
  th,
  td {
    border: 0 solid var(--disclosure-table-border-color, #000);
    border-right-width: 1px;
    border-bottom-width: 1px;
    padding: 0.25em 0.5em;
    vertical-align: middle;
  }
  th {
    font-weight: normal;
    text-align: center;
    background: var(--disclosure-table-header-background, #fff);
  }
  thead th,
  th.block {
    font-weight: bold;
  }
  th[scope='row'],
  th[scope='rowgroup'] {
    text-align: start;
  }
  .requests td.corner {
    font-weight: normal;
    font-size: 0.875em;
    text-align: start;
    white-space: normal;
    min-width: 0;
    font-variant-numeric: normal;
  }
  td {
    text-align: right;
    font-variant-numeric: tabular-nums;
    font-family: var(--disclosure-number-font-family, inherit);
    white-space: nowrap;
    min-width: 2.75em;
  }
  /* Row labels stay in view while the numbers scroll. */
  th.sticky {
    z-index: 1;
    background: var(--disclosure-table-header-background, #fff);
  }
  /*
   * Sticky only inside a scroller that scrolls: a table that fits builds no layer per label on
   * its first paint. Browsers without scroll-state queries keep the labels sticky always.
   */
  .scroll {
    container-type: scroll-state;
  }
  @container scroll-state(scrollable: inline) {
    th.sticky {
      position: sticky;
    }
  }
  @supports not (container-type: scroll-state) {
    th.sticky {
      position: sticky;
    }
  }
  /*
   * Table 三's row labels: fixed widths per level (so the sticky offsets add up), the rest of
   * the width goes to the numbers.
   */
  .requests {
    --_w1: var(--disclosure-row-label-width-1, 5em);
    --_w2: var(--disclosure-row-label-width-2, 8em);
    --_w3: var(--disclosure-row-label-width-3, 15em);
  }
  .requests col.label-1,
  .requests th.level-1.span-1 {
    width: var(--_w1);
    min-width: var(--_w1);
    max-width: var(--_w1);
  }
  .requests col.label-2,
  .requests th.level-2.span-1 {
    width: var(--_w2);
    min-width: var(--_w2);
    max-width: var(--_w2);
  }
  .requests col.label-3,
  .requests th.level-3.span-1 {
    width: var(--_w3);
    min-width: var(--_w3);
    max-width: var(--_w3);
  }
  .requests th.level-1 {
    left: 0;
  }
  .requests th.level-2 {
    left: var(--_w1);
  }
  .requests th.level-3 {
    left: calc(var(--_w1) + var(--_w2));
  }
  .requests td,
  .requests thead th:not([colspan]) {
    min-width: 3.25em;
  }
  .active th.sticky {
    left: 0;
    min-width: 8em;
  }
  /*
   * English labels are longer than the national ones: smaller column headers and tighter
   * padding, so tables 三 and 四 fit a laptop screen beside a portal's menu.
   */
  .en thead th {
    font-size: 0.8125em;
    padding-inline: 0.25em;
  }
  .en td {
    padding-inline: 0.375em;
  }
  .en .requests {
    --_w3: var(--disclosure-row-label-width-3, 13em);
  }
  /*
   * Phones. A media query, not a container query: size containment on the host would collapse
   * it to zero width in shrink-to-fit layouts (floats, flex items, the table layouts of old portals).
   */
  @media (max-width: 640px) {
    .requests {
      --_w1: var(--disclosure-row-label-width-1, 2.25em);
      --_w2: var(--disclosure-row-label-width-2, 4.25em);
      --_w3: var(--disclosure-row-label-width-3, 6.5em);
    }
    .active th.sticky {
      min-width: 6em;
    }
  }
  /* A cell with check findings: outline and icon, never colour alone. */
  td.flagged {
    outline: 2px solid var(--disclosure-flag-color, #b00020);
    outline-offset: -3px;
    background: var(--disclosure-flag-background, #fdecee);
  }
  td.flagged.warning,
  td.flagged.info {
    outline-style: dashed;
    outline-color: var(--disclosure-warning-color, #8a5300);
    background: var(--disclosure-warning-background, #fff6e0);
  }
  td.flagged.selected {
    outline-width: 3px;
  }
  /*
   * A cell of a failing sum that is not the one pinpointed: a faint tint, never the strong mark
   * (one wrong figure must not turn a column red); an outline while its finding is selected.
   */
  td.related {
    background: var(--disclosure-related-background, #f7f3ea);
  }
  td.selected:not(.flagged) {
    outline: 2px dashed var(--disclosure-related-color, #8a6d3b);
    outline-offset: -3px;
  }
  td:focus {
    outline: 3px solid var(--disclosure-focus-color, #005fcc);
    outline-offset: -3px;
  }
  td.flagged {
    position: relative;
    padding-inline-start: 1.25em;
  }
  .flag {
    position: absolute;
    top: 0.15em;
    inset-inline-start: 0.3em;
    font-size: 0.75em;
    line-height: 1.2;
    font-family: var(--disclosure-ui-font-family, system-ui, sans-serif);
    font-weight: bold;
    color: var(--disclosure-flag-color, #b00020);
  }
  .warning .flag,
  .info .flag {
    color: var(--disclosure-warning-color, #8a5300);
  }
  @media (forced-colors: active) {
    table,
    th,
    td {
      border-color: CanvasText;
    }
    td.flagged {
      outline: 3px solid Highlight;
      forced-color-adjust: none;
      background: Canvas;
      color: CanvasText;
    }
    td.flagged.warning,
    td.flagged.info {
      outline: 3px dashed Highlight;
    }
    td.selected:not(.flagged) {
      outline-color: Highlight;
    }
    .flag {
      color: Highlight;
    }
    td:focus,
    .scroll:focus-visible {
      outline-color: Highlight;
    }
  }
`;

/** The findings list. */
export const findingsStyles = css`
  .findings {
    margin-top: 1.5em;
    padding: 0.75em 1em;
    border: 1px solid var(--disclosure-table-border-color, #000);
    font-family: var(--disclosure-ui-font-family, system-ui, sans-serif);
    font-size: 0.9375em;
    line-height: 1.5;
  }
  .findings h2,
  .findings h3 {
    margin: 0 0 0.25em;
    font-size: 1.0625em;
  }
  .findings ol {
    margin: 0.5em 0 0;
    padding-inline-start: 1.5em;
  }
  .findings li {
    margin: 0.25em 0;
    /* Long ids (rule[cell]) and long words from an imported file wrap instead of overflowing. */
    overflow-wrap: anywhere;
  }
  .findings li.group > details > summary {
    cursor: pointer;
    padding: 0.125em 0.25em;
  }
  .findings button {
    display: block;
    font: inherit;
    color: inherit;
    text-align: start;
    background: none;
    border: 0;
    padding: 0.125em 0.25em;
    cursor: pointer;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .findings button:hover {
    text-decoration-thickness: 2px;
  }
  .findings button:focus-visible {
    outline: 2px solid var(--disclosure-focus-color, #005fcc);
    outline-offset: 1px;
  }
  .severity {
    font-weight: bold;
    white-space: nowrap;
  }
  .severity.error {
    color: var(--disclosure-error-color, #b00020);
  }
  .severity.warning {
    color: var(--disclosure-warning-color, #8a5300);
  }
  .severity.info {
    color: var(--disclosure-info-color, #1d4f91);
  }
  .note {
    font-size: 0.875em;
    opacity: 0.85;
  }
  .findings button.fix {
    display: inline-block;
    margin: 0.125em 0 0.25em 0.25em;
    padding: 0.125em 0.75em;
    border: 1px solid currentColor;
    border-radius: 3px;
    background: var(--disclosure-button-background, #f6f6f6);
    text-decoration: none;
  }
  @media (forced-colors: active) {
    .severity {
      color: CanvasText;
    }
    .findings button {
      color: LinkText;
    }
  }
`;

/** The whole document: title, meta, sections. */
export const reportStyles = css`
  .report {
    max-width: var(--disclosure-max-width, none);
    margin: 0 auto;
  }
  .title {
    font-family: var(
      --disclosure-title-font-family,
      'FZXiaoBiaoSong-B05S', '方正小标宋简体', 'STZhongsong', 'SimSun', 'Songti SC', 'Noto Serif CJK SC', serif
    );
    font-size: var(--disclosure-title-font-size, 1.5em);
    font-weight: bold;
    line-height: 1.4;
    text-align: center;
    margin: 0.5em 0;
    color: var(--disclosure-title-color, inherit);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.25em 1.5em;
    margin: 0 0 1.5em;
    font-size: 0.9375em;
  }
  .meta div {
    display: flex;
    gap: 0.25em;
  }
  .meta dt::after {
    content: '：';
  }
  .meta dt:lang(en)::after {
    content: ':';
  }
  .meta dd {
    margin: 0;
  }
  .section-heading {
    font-family: var(--disclosure-heading-font-family, 'SimHei', 'Heiti SC', '黑体', 'Noto Sans CJK SC', sans-serif);
    font-size: var(--disclosure-heading-font-size, 1.0625em);
    font-weight: bold;
    margin: 1.25em 0 0.5em;
  }
  .section p {
    margin: 0 0 0.5em;
    text-indent: 2em;
    overflow-wrap: anywhere;
  }
  .section p.empty {
    text-indent: 0;
    opacity: 0.75;
  }
  /*
   * View mode on screen: a section below the fold is laid out and painted when it scrolls near
   * (it stays in the accessibility tree, find-in-page and focus reach it), so the first paint is
   * the first screen's work, not the whole report's. "auto" keeps a section's last size once
   * shown. Print lays out everything (no containment there).
   * From section 四 on: one that turns out to be on the first screen costs chromium a second
   * pass before the first paint, and 一 to 三 usually are (measured: a real report's first paint
   * 1.21x -> 1.05x static HTML, a long report's 1.05x -> 0.93x).
   */
  @media screen {
    .report:not(.editing) > .section:nth-of-type(n + 4) {
      content-visibility: auto;
      contain-intrinsic-size: auto 32em;
    }
  }

  /* Compare mode: last year's figure under this year's, small; the sentences repeated, tinted. */
  .previous {
    display: block;
    font: 0.75em/1.3 var(--disclosure-ui-font-family, system-ui, sans-serif);
    color: var(--disclosure-previous-color, #555);
  }
  /* A narrow column wraps between last year's figure and the change, never inside either. */
  .previous .last,
  .previous .delta {
    display: inline-block;
    white-space: nowrap;
  }
  .compare-legend {
    margin: 0 0 1em;
    font: 0.875em/1.5 var(--disclosure-ui-font-family, system-ui, sans-serif);
    color: var(--disclosure-previous-color, #555);
  }
  mark.repeated {
    background: var(--disclosure-repeated-background, #fff1b8);
    color: inherit;
  }
  @media (forced-colors: active) {
    mark.repeated {
      background: Mark;
      color: MarkText;
    }
  }

  /* Where a figure came from: a popover under the cell (placed by the element), text only. */
  .provenance {
    position: fixed;
    inset: auto;
    margin: 0;
    max-inline-size: 320px;
    padding: 0.5em 0.75em;
    border: 1px solid var(--disclosure-table-border-color, #000);
    background: var(--disclosure-background, #fff);
    color: inherit;
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.2);
    font: 0.875em/1.5 var(--disclosure-ui-font-family, system-ui, sans-serif);
    text-align: start;
  }
  .provenance p,
  .provenance dl,
  .provenance ul {
    margin: 0 0 0.25em;
  }
  .provenance dl div {
    display: flex;
    gap: 0.5em;
  }
  .provenance dt {
    flex: none;
    color: var(--disclosure-previous-color, #555);
  }
  .provenance dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .provenance ul {
    padding-inline-start: 1.25em;
  }
`;

/** Edit mode: inputs in the cells, the toolbar, the metadata fields and the text areas. */
export const editStyles = css`
  .editing td.edit {
    position: relative;
    padding: 0;
    min-width: 3.5em;
  }
  .editing td.edit.flagged {
    padding-inline-start: 0;
  }
  /* Scrolled into view below the sticky edit bar (its height: StickyBarController). */
  .editing td.edit,
  .editing .section-text,
  .editing .meta-fields label {
    scroll-margin-top: calc(var(--_bar-height, 0px) + 0.5em);
  }
  .cell-input {
    display: block;
    width: 100%;
    min-width: 3em;
    margin: 0;
    border: 0;
    padding: 0.25em 0.5em;
    font: inherit;
    color: inherit;
    background: transparent;
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .cell-input:focus {
    outline: 3px solid var(--disclosure-focus-color, #005fcc);
    outline-offset: -3px;
    background: var(--disclosure-background, #fff);
  }
  .cell-input::placeholder {
    color: var(--disclosure-blank-color, #8a8a8a);
    font-size: 0.8em;
    opacity: 1;
  }
  /* Blank is not 0: a hatched cell with the word 空 in it. */
  td.edit.blank {
    background: repeating-linear-gradient(
      135deg,
      transparent 0 6px,
      var(--disclosure-blank-hatch-color, #ececec) 6px 7px
    );
  }
  td.edit.flagged {
    outline-offset: -3px;
  }
  td.edit .flag {
    pointer-events: none;
    z-index: 1;
  }
  /* The ✕ (top) and 自动 (bottom) sit in a gutter of their own, clear of the number. */
  td.flagged .cell-input,
  td.invalid .cell-input,
  td.auto .cell-input {
    padding-inline-start: 1.25em;
  }
  /* A figure of an imported file that could not be read: a warning until the cell is edited. */
  td.edit.unread {
    outline: 2px dashed var(--disclosure-warning-color, #8a5300);
    outline-offset: -3px;
    background-color: var(--disclosure-warning-background, #fff6e0);
  }
  td.edit.invalid {
    outline: 2px solid var(--disclosure-error-color, #b00020);
    outline-offset: -3px;
    background: var(--disclosure-flag-background, #fdecee);
  }
  td.edit.invalid .flag {
    color: var(--disclosure-error-color, #b00020);
  }
  /* In the cell's own flow, under the number: it covers no neighbour (contain: its text wraps to the cell's width). */
  .cell-error {
    display: block;
    contain: inline-size;
    padding: 0 0.4em 0.2em;
    color: var(--disclosure-error-color, #b00020);
    font: 0.75em/1.3 var(--disclosure-ui-font-family, system-ui, sans-serif);
    white-space: normal;
    text-align: end;
  }
  .field-error {
    display: none;
    position: absolute;
    top: 100%;
    inset-inline-end: 0;
    z-index: 4;
    width: max-content;
    max-width: 16em;
    padding: 0.25em 0.5em;
    border: 1px solid var(--disclosure-error-color, #b00020);
    background: var(--disclosure-background, #fff);
    color: var(--disclosure-error-color, #b00020);
    font-family: var(--disclosure-ui-font-family, system-ui, sans-serif);
    font-size: 0.8125em;
    line-height: 1.4;
    white-space: normal;
    text-align: start;
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.2);
  }
  label:focus-within .field-error {
    display: block;
  }
  td.edit.auto {
    background-color: var(--disclosure-auto-background, #f1f5fa);
  }
  /* A figure counted from the ledgers (its title names the lines), until the clerk edits it. */
  td.edit.from-ledger {
    background-image: linear-gradient(135deg, var(--disclosure-ledger-color, #1d4f91) 0 6px, transparent 6px);
  }
  td.edit.auto .cell-input {
    color: var(--disclosure-auto-color, #333);
    cursor: default;
  }
  td.edit.auto.just-filled {
    background-color: var(--disclosure-filled-background, #e3f4e6);
  }
  .auto-mark {
    position: absolute;
    bottom: 0.05em;
    inset-inline-start: 0.3em;
    font-family: var(--disclosure-ui-font-family, system-ui, sans-serif);
    font-size: 0.625em;
    line-height: 1.2;
    color: var(--disclosure-auto-mark-color, #1d4f91);
    pointer-events: none;
  }
  .edit-bar {
    position: sticky;
    top: 0;
    z-index: 5;
    margin: 0 0 1em;
    padding: 0.5em 0;
    background: var(--disclosure-background, #fff);
    border-bottom: 1px solid var(--disclosure-table-border-color, #000);
    font-family: var(--disclosure-ui-font-family, system-ui, sans-serif);
    font-size: 0.875em;
    line-height: 1.5;
  }
  .edit-bar.bare {
    position: static;
    border: 0;
    padding: 0;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .edit-bar button,
  .edit-bar summary,
  .import-summary button,
  .ledger-summary button {
    font: inherit;
    padding: 0.25em 0.75em;
    border: 1px solid var(--disclosure-table-border-color, #000);
    border-radius: 3px;
    background: var(--disclosure-button-background, #f6f6f6);
    color: inherit;
    cursor: pointer;
  }
  .edit-bar button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .edit-bar button:focus-visible,
  .edit-bar summary:focus-visible,
  .import-summary button:focus-visible,
  .ledger-summary button:focus-visible,
  .switch input:focus-visible {
    outline: 2px solid var(--disclosure-focus-color, #005fcc);
    outline-offset: 1px;
  }
  .switch {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    cursor: pointer;
  }
  .saved {
    margin-inline-start: auto;
    opacity: 0.8;
  }
  .edit-status {
    margin: 0.25em 0 0;
    min-height: 1.5em;
  }
  /* 台账: a menu of its three actions (a details element: no script needed to open it). */
  .ledger-menu {
    position: relative;
  }
  .ledger-menu summary {
    list-style: none;
  }
  .ledger-menu summary::-webkit-details-marker {
    display: none;
  }
  .ledger-menu summary::after {
    content: ' ▾';
  }
  .ledger-menu .menu {
    position: absolute;
    z-index: 6;
    inset-block-start: calc(100% + 0.25em);
    inset-inline-start: 0;
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    padding: 0.5em;
    min-inline-size: max-content;
    background: var(--disclosure-background, #fff);
    border: 1px solid var(--disclosure-table-border-color, #000);
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.2);
  }
  .ledger-menu .menu button {
    text-align: start;
  }
  .notice,
  .draft-prompt,
  .import-summary,
  .ledger-summary {
    margin: 0.5em 0 0;
    padding: 0.5em 0.75em;
    border: 1px solid var(--disclosure-warning-color, #8a5300);
    background: var(--disclosure-warning-background, #fff6e0);
  }
  .draft-prompt,
  .import-summary,
  .ledger-summary {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .import-summary,
  .ledger-summary {
    margin: 0 0 1em;
    font: 0.875em/1.5 var(--disclosure-ui-font-family, system-ui, sans-serif);
  }
  .ledger-summary ul {
    flex-basis: 100%;
    margin: 0;
    padding-inline-start: 1.5em;
  }
  .meta-fields {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    margin: 0 0 1.5em;
    font-size: 0.9375em;
  }
  .meta-fields label {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 0.125em;
    max-width: 100%;
  }
  .meta-fields label.wide {
    flex: 1 1 100%;
  }
  .meta-fields input,
  .meta-fields select,
  .section-text {
    font: inherit;
    color: inherit;
    background: var(--disclosure-background, #fff);
    border: 1px solid var(--disclosure-field-border-color, #767676);
    border-radius: 2px;
    padding: 0.25em 0.5em;
    /* A long choice (the format's name) must not push past a narrow screen. */
    max-width: 100%;
  }
  .meta-fields input[aria-invalid='true'] {
    border-color: var(--disclosure-error-color, #b00020);
    outline: 1px solid var(--disclosure-error-color, #b00020);
  }
  .meta-fields input:focus,
  .meta-fields select:focus,
  .section-text:focus {
    outline: 2px solid var(--disclosure-focus-color, #005fcc);
    outline-offset: 1px;
  }
  .section-text {
    display: block;
    width: 100%;
    min-height: 6em;
    line-height: inherit;
    resize: vertical;
    field-sizing: content;
  }
  /*
   * A keystroke changes a table and the findings: laid out on their own, neither moves the rest
   * of the report. On screen only: print has no keystrokes, and a contained box may refuse to
   * break across pages.
   */
  @media screen {
    .editing .scroll,
    .editing .findings {
      contain: layout style;
    }
    /*
     * A text input is as large as its font and the cell make it, never its text: contained, the
     * text a keystroke inserts lays out the input alone, not the whole table around it (which the
     * browser does before the input event, at every keystroke).
     */
    .cell-input {
      contain: size layout;
    }
  }
  @media (forced-colors: active) {
    td.edit.invalid {
      outline: 3px solid Highlight;
    }
    td.edit.unread {
      outline: 3px dashed Highlight;
    }
    td.edit.from-ledger {
      border-inline-start: 3px double CanvasText;
    }
    td.edit.blank {
      background: Canvas;
    }
    .auto-mark {
      color: GrayText;
    }
  }
`;

/**
 * `scope` leads the rules of a few elements (by class); `cells` the rules of every table element
 * (by tag), since what leads them is tested for each cell: there the class the render puts on
 * its root (`rootClass`), never `:host()`.
 */
const printRules = (scope: string, cells = scope) => `
  ${scope} .scroll { overflow: visible !important; margin: 0.5em 0; }
  ${scope} th.sticky { position: static !important; }
  ${scope} .findings, ${scope} .status, ${scope} .flag, ${scope} .edit-bar, ${scope} .import-summary, ${scope} .ledger-summary, ${scope} .auto-mark, ${scope} .cell-error { display: none !important; }
  ${scope} .cell-input, ${scope} .section-text, ${scope} .meta-fields input, ${scope} .meta-fields select { border: 0 !important; background: none !important; color: #000 !important; }
  ${scope} td.flagged, ${scope} td.unread { outline: none !important; background: none !important; }
  ${cells} table { break-inside: avoid; page-break-inside: avoid; font-size: 10.5pt; }
  ${cells} thead { display: table-header-group; }
  ${cells} tr, ${cells} th, ${cells} td { break-inside: avoid; page-break-inside: avoid; }
  ${cells} th, ${cells} td, ${cells} table { border-color: #000 !important; color: #000 !important; background: #fff !important; }
  ${scope} .section-heading { break-after: avoid; page-break-after: avoid; }
  ${cells} .section p { orphans: 2; widows: 2; }
`;

/**
 * Print: A4 pages in true black, tables unbroken where possible, no UI chrome. `@page` does
 * not reach from shadow DOM, so pages should carry `@page { size: A4; margin: 2cm }` (the
 * demo does). `print-preview` applies the same rules on screen.
 */
export const printStyles = css`
  @media print {
    :host {
      color: #000 !important;
      background: #fff !important;
      font-size: 12pt;
    }
    ${unsafeCSS(printRules(''))}
  }
  :host([print-preview]) {
    width: 210mm;
    max-width: 100%;
    padding: 20mm;
    color: #000;
    background: #fff;
  }
  ${unsafeCSS(printRules(':host([print-preview])', '.print-preview'))}
`;
