/**
 * Entry of the self-contained `dist/disclosure-report.js` (Lit and core included): a page
 * needs only `<script type="module" src=".../disclosure-report.js"></script>`.
 */
import './disclosure-report.js';
import './table-elements.js';
import './findings-element.js';
import { upgradeStaticReports } from './upgrade.js';

// Static reports pasted into content systems (core's toHtml, `data-disclosure-report`)
// become live elements; module scripts run after parsing, so the page is there already.
upgradeStaticReports(document);
